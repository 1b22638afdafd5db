import { Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { prepareFieldDay } from '../../offline/field';
import { fieldStore, type Prepared } from '../../offline/fieldStore';
import { useShowError } from '../../errors';
import { ErrorResult } from '../../components/ErrorResult';
import { tasksApi } from '../../services/supervision';

/** The phone's start page: the targets assigned to my teams in tasks that are under way. */
export default function MyTargetsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, error, isFetching } = useQuery({ queryKey: ['my-targets', q], queryFn: () => tasksApi.myTargets({ q: q || undefined, pageSize: 100 }) });
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [prepared, setPrepared] = useState<Pick<Prepared, 'at' | 'bytes' | 'targets'> | null>(null);
  useEffect(() => {
    void fieldStore.prepared().then((p) => p && setPrepared(p));
  }, []);
  const prepare = useMutation({
    mutationFn: () => prepareFieldDay(queryClient, (done, total) => setProgress({ done, total })),
    onSuccess: (p) => setPrepared(p),
    onError: showError,
    onSettled: () => setProgress(null),
  });
  if (error && !data) return <ErrorResult error={error} />;
  const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
  return (
    <Card
      title={t('menu.myTargets')}
      size="small"
      style={{ maxWidth: 720, margin: '0 auto' }}
      extra={<Button size="small" icon={<CloudDownloadOutlined />} loading={prepare.isPending} onClick={() => prepare.mutate()} data-testid="take-offline">{t('offline.prepare')}</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="prepared-state">
        {progress
          ? t('offline.preparing', progress)
          : prepared
            ? t('offline.prepared', { targets: prepared.targets, size: size(prepared.bytes), at: dayjs(prepared.at).format('YYYY-MM-DD HH:mm') })
            : t('offline.preparedNever')}
      </Typography.Paragraph>
      <Input.Search allowClear placeholder={t('sv.searchTarget')} onSearch={setQ} style={{ marginBottom: 12 }} />
      <List
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description={t('sv.noTargets')} /> }}
        renderItem={(target) => (
          <List.Item>
            <Link to={`/tasks/${target.taskId}/targets/${target.id}`} style={{ width: '100%' }} data-testid="my-target">
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text strong>{target.unit?.name ?? target.region.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{target.task.title}{target.team ? ` · ${target.team.name}` : ''}</Typography.Text>
                <Space size={4}>
                  <Tag>{t('sv.visitCount', { count: target.visitCount })}</Tag>
                  {target.openProblems > 0 && <Tag color="red">{t('sv.openProblemCount', { count: target.openProblems })}</Tag>}
                </Space>
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
