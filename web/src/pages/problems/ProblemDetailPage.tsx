import { useState } from 'react';
import { App, Button, Card, Descriptions, Image, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { problemsApi } from '../../services/supervision';
import { ProblemFormModal } from './ProblemFormModal';
import { ProblemRectification } from '../rectification/ProblemRectification';
import { useAccess } from '../../session';

export default function ProblemDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { can } = useAccess();
  const { data: p, error } = useQuery({ queryKey: ['problems', id], queryFn: () => problemsApi.get(id) });
  if (error) return <ErrorResult error={error} />;
  if (!p) return <Card loading />;
  return (
    <Card title={t('sv.problem')} data-testid="problem-detail"
      extra={p.abilities.update && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}>
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small">
        <Descriptions.Item label={t('sv.problemDescription')} span={2}>{p.description}</Descriptions.Item>
        <Descriptions.Item label={t('sv.area')}>{p.areaName}</Descriptions.Item>
        <Descriptions.Item label={t('sv.severity')}>{t(`sv.severityLabel.${p.severity}`)}</Descriptions.Item>
        <Descriptions.Item label={t('sv.source')}>{t(`sv.sourceLabel.${p.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('sv.responsible')}>{p.unit?.name ?? p.region.name}</Descriptions.Item>
        <Descriptions.Item label={t('sv.foundOn')}>{p.foundOn} · {p.foundBy}</Descriptions.Item>
        <Descriptions.Item label={t('sv.deadline')}>{p.deadline ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sv.status')}><Tag color={p.status === 'closed' ? 'success' : p.status === 'rectifying' ? 'processing' : 'default'}>{t(`rc.problemStatus.${p.status}`)}</Tag></Descriptions.Item>
        {p.task && <Descriptions.Item label={t('sv.task')}><Link to={`/tasks/${p.task.id}`}>{p.task.title}</Link></Descriptions.Item>}
        {p.visitId && <Descriptions.Item label={t('sv.visit')}><Link to={`/visits/${p.visitId}`}>{p.itemText ?? t('sv.openVisit')}</Link></Descriptions.Item>}
        {p.recurringOf && (
          <Descriptions.Item label={t('sv.recurring')} span={2}>
            <Tag color="magenta">{t('sv.recurring')}</Tag><Link to={`/problems/${p.recurringOf.id}`}>{p.recurringOf.foundOn} · {p.recurringOf.description}</Link>
          </Descriptions.Item>
        )}
        {p.laterOccurrences.length > 0 && (
          <Descriptions.Item label={t('sv.foundAgain')} span={2}>
            <Space>{p.laterOccurrences.map((l) => <Link key={l.id} to={`/problems/${l.id}`}>{l.foundOn}</Link>)}</Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('sv.evidence')}</Typography.Title>
      <Space wrap>
        {p.evidence.map((e) => (
          <div key={e.id} style={{ width: 120 }}>
            {e.mime.startsWith('image/') ? <Image src={e.url} width={120} height={120} style={{ objectFit: 'cover' }} /> : <a href={e.url}>{e.name}</a>}
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>{e.capturedAt?.replace('T', ' ').slice(0, 16)}</Typography.Text>
          </div>
        ))}
        {p.evidence.length === 0 && <Typography.Text type="secondary">{t('sv.none')}</Typography.Text>}
      </Space>
      {can('rectification.read') && <ProblemRectification problemId={p.id} description={p.description} />}
      {editing && (
        <ProblemFormModal problem={p} onClose={() => setEditing(false)} onSaved={(saved) => {
          queryClient.setQueryData(['problems', id], saved);
          void queryClient.invalidateQueries({ queryKey: ['problems', 'list'] });
          void message.success(t('common.saved'));
        }} />
      )}
    </Card>
  );
}
