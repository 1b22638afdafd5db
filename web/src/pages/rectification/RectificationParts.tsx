import { Badge, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grade, Light, RectificationListItem, RectificationStatus } from '../../services/rectification';

const lightBadge = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** The traffic light as a coloured dot with its word, the same everywhere an item is shown. */
export function LightBadge({ light }: { light: Light }) {
  const { t } = useTranslation();
  if (light === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  return <Badge status={lightBadge[light]} text={t(`rc.lightLabel.${light}`)} data-testid={`light-${light}`} />;
}

const statusColor: Record<RectificationStatus, string> = {
  pending: 'default', in_progress: 'processing', submitted: 'purple', verified: 'cyan', signed_off: 'success', cancelled: 'default',
};

export function StatusTag({ status }: { status: RectificationStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`rc.statusLabel.${status}`)}</Tag>;
}

const gradeColor: Record<Grade, string> = { good: 'green', fair: 'blue', average: 'gold', poor: 'red' };

export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  return grade ? <Tag color={gradeColor[grade]}>{t(`rc.gradeLabel.${grade}`)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}

/** The deadline, the original one when an extension moved it, and how many days are left while work is owed. */
export function DeadlineText({ item }: { item: Pick<RectificationListItem, 'deadline' | 'originalDeadline' | 'light' | 'daysLeft'> }) {
  const { t } = useTranslation();
  const left = item.light === 'none' ? null
    : item.daysLeft < 0 ? t('rc.overdueDays', { count: -item.daysLeft })
      : item.daysLeft === 0 ? t('rc.dueToday') : t('rc.daysLeft', { count: item.daysLeft });
  return (
    <Space orientation="vertical" size={0}>
      <span>{item.deadline}</span>
      {item.originalDeadline && <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>{t('rc.originalDeadline', { date: item.originalDeadline })}</Typography.Text>}
      {left && <Typography.Text type={item.light === 'red' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{left}</Typography.Text>}
    </Space>
  );
}

export function PercentBar({ percent }: { percent: number }) {
  return <Progress percent={percent} size="small" style={{ minWidth: 80, margin: 0 }} />;
}
