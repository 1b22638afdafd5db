export default function ClearanceListsPage() {
  return null;
}
