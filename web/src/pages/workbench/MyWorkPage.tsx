export default function MyWorkPage() {
  return null;
}
