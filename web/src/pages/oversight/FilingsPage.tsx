export default function FilingsPage() {
  return null;
}
