import { Tag, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ServerTable } from '../../components/ListParts';
import { useListParams } from '../../hooks/useListParams';
import { visitsApi, type VisitListItem } from '../../services/supervision';

const filterKeys = ['taskId', 'targetId', 'status', 'from', 'to', 'mine'] as const;

/** Visits behind a figure (a task's, a target's, a period's), or my own. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const list = useListParams(filterKeys);
  const query = { ...list.filters, ...list.paging, sort: 'visitDate', order: list.paging.order ?? 'desc' } as const;
  const { data, error, isFetching } = useQuery({ queryKey: ['visits', 'list', query], queryFn: () => visitsApi.list(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<VisitListItem> = [
    { key: 'date', title: t('sv.visitDate'), width: 110, render: (_, v) => <Link to={`/visits/${v.id}`}>{v.visitDate}</Link> },
    { key: 'target', title: t('sv.target'), width: 220, render: (_, v) => v.targetName },
    { key: 'task', title: t('sv.task'), width: 220, render: (_, v) => <Link to={`/tasks/${v.task.id}`}>{v.task.title}</Link> },
    { key: 'team', title: t('sv.team'), width: 130, render: (_, v) => v.team?.name ?? '—' },
    { key: 'round', title: t('sv.round'), width: 70, render: (_, v) => v.round },
    { key: 'meetings', title: t('sv.fig.meetings'), width: 90, render: (_, v) => v.meetingsCount },
    { key: 'people', title: t('sv.fig.interviewed'), width: 90, render: (_, v) => v.interviewedCount },
    { key: 'failing', title: t('sv.failing'), width: 80, render: (_, v) => v.failingCount },
    { key: 'status', title: t('sv.status'), width: 90, render: (_, v) => <Tag color={v.status === 'draft' ? 'orange' : 'green'}>{t(`sv.visitStatus.${v.status}`)}</Tag> },
  ];
  return (
    <PageCard title={t('menu.visits')}>
      <ServerTable<VisitListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1100} />
    </PageCard>
  );
}
