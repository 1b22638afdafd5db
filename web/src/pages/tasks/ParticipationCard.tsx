import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Participation } from '../../services/supervision';
import { statusColor } from './TasksPage';

/** The supervision tasks and field visits a person took part in, on an inspector's or an expert's page. */
export function ParticipationCard({ supervision }: { supervision: Participation }) {
  const { t } = useTranslation();
  return (
    <Card title={t('sv.participation')}>
      <Table rowKey="id" size="small" pagination={false} dataSource={supervision.tasks} scroll={{ x: 560 }} locale={{ emptyText: t('sv.none') }} columns={[
        { key: 'title', title: t('sv.task'), render: (_, x) => <Link to={`/tasks/${x.id}`}>{x.title}</Link> },
        { key: 'kind', title: t('sv.kind'), width: 110, render: (_, x) => t(`sv.kindLabel.${x.kind}`) },
        { key: 'period', title: t('sv.period'), width: 200, render: (_, x) => `${x.startDate} ~ ${x.endDate}` },
        { key: 'team', title: t('sv.team'), width: 140, render: (_, x) => `${x.team}${x.leader ? `（${t('sv.leader')}）` : ''}` },
        { key: 'status', title: t('sv.status'), width: 90, render: (_, x) => <Tag color={statusColor[x.status]}>{t(`sv.statusLabel.${x.status}`)}</Tag> },
      ]} />
      <Table rowKey="id" size="small" pagination={false} dataSource={supervision.visits} scroll={{ x: 480 }} style={{ marginTop: 12 }} locale={{ emptyText: t('sv.none') }} columns={[
        { key: 'date', dataIndex: 'visitDate', title: t('sv.visitDate'), width: 110 },
        { key: 'place', title: t('sv.visitPlace'), render: (_, v) => <Link to={`/visits/${v.id}`}>{v.place}</Link> },
        { key: 'task', dataIndex: 'task', title: t('sv.task') },
      ]} />
    </Card>
  );
}
