export default function NoticeDetailPage() {
  return null;
}
