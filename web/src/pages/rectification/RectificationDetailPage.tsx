export default function RectificationDetailPage() {
  return null;
}
