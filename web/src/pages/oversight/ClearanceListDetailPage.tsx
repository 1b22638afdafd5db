export default function ClearanceListDetailPage() {
  return null;
}
