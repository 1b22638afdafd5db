export default function RectificationOverviewPage() {
  return null;
}
