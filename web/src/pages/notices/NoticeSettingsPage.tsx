export default function NoticeSettingsPage() {
  return null;
}
