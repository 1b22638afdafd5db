import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { ErrorResult } from '../../components/ErrorResult';
import { tasksApi } from '../../services/supervision';

/** The phone's start page: the targets assigned to my teams in tasks that are under way. */
export default function MyTargetsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, error, isFetching } = useQuery({ queryKey: ['my-targets', q], queryFn: () => tasksApi.myTargets({ q: q || undefined, pageSize: 100 }) });
  if (error) return <ErrorResult error={error} />;
  return (
    <Card title={t('menu.myTargets')} size="small" style={{ maxWidth: 720, margin: '0 auto' }}>
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
