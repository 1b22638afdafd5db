import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ServerTable } from '../../components/ListParts';
import { useListParams } from '../../hooks/useListParams';
import { problemsApi, type Recommendation } from '../../services/supervision';

const filterKeys = ['taskId', 'area', 'from', 'to'] as const;

export default function RecommendationsPage() {
  const { t } = useTranslation();
  const list = useListParams(filterKeys);
  const query = { ...list.filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['recommendations', query], queryFn: () => problemsApi.recommendations(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<Recommendation> = [
    { key: 'date', title: t('sv.foundOn'), width: 110, render: (_, r) => r.proposedOn },
    { key: 'content', title: t('sv.recommendation'), width: 360, render: (_, r) => r.content },
    { key: 'area', title: t('sv.area'), width: 160, render: (_, r) => r.areaName },
    { key: 'unit', title: t('sv.addressedTo'), width: 200, render: (_, r) => r.unit?.name ?? r.region.name },
    { key: 'task', title: t('sv.task'), width: 200, render: (_, r) => (r.task ? <Link to={`/tasks/${r.task.id}`}>{r.task.title}</Link> : '—') },
  ];
  return (
    <PageCard title={t('menu.recommendations')}>
      <ServerTable<Recommendation> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1030} />
    </PageCard>
  );
}
