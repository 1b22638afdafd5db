export default function RectificationsPage() {
  return null;
}
