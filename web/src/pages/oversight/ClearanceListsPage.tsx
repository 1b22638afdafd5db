import { useState } from 'react';
import { Button, Form, Input, Progress, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { useFormSync, useListParams } from '../../hooks/useListParams';
import { useOpenCreated } from '../../hooks/useOpenCreated';
import { useAccess } from '../../session';
import { oversightApi, type ClearanceSummary } from '../../services/oversight';
import { ProblemPicker } from './ProblemPicker';

/** Clear-to-zero lists (清零销号): each a chosen set of problems, with how many are cleared. */
export default function ClearanceListsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(['q'] as const);
  const [form] = Form.useForm<{ q?: string }>();
  useFormSync(form, { q: list.filters.q });
  const [creating, setCreating] = useState(false);
  const openCreated = useOpenCreated('oversight', '/clearance-lists');
  const query = { q: list.filters.q, page: list.paging.page, pageSize: list.paging.pageSize, order: list.paging.order };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'clearance', query], queryFn: () => oversightApi.clearanceLists(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<ClearanceSummary> = [
    {
      key: 'title', title: t('ov.clearance.title'), width: 260,
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/clearance-lists/${l.id}`}>{l.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.region.name}</Typography.Text>
        </Space>
      ),
    },
    { key: 'problems', title: t('ov.clearance.problems'), width: 80, align: 'right', render: (_, l) => l.totals.problems },
    { key: 'cleared', title: t('ov.clearance.cleared'), width: 80, align: 'right', render: (_, l) => <Typography.Text type="success">{l.totals.cleared}</Typography.Text> },
    { key: 'notCleared', title: t('ov.clearance.notCleared'), width: 80, align: 'right', render: (_, l) => <Typography.Text type={l.totals.notCleared ? 'danger' : 'secondary'}>{l.totals.notCleared}</Typography.Text> },
    {
      key: 'progress', title: t('ov.clearance.progress'), width: 160,
      render: (_, l) => <Progress size="small" percent={l.totals.problems ? Math.round((l.totals.cleared / l.totals.problems) * 1000) / 10 : 0} style={{ margin: 0 }} />,
    },
    { key: 'createdBy', title: t('ov.clearance.createdBy'), width: 120, render: (_, l) => l.createdBy },
    { key: 'createdAt', title: t('ov.clearance.createdAt'), width: 150, render: (_, l) => dayjs(l.createdAt).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <PageCard
      title={t('ov.clearance.lists')}
      actions={can('rectification.verify') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('ov.clearance.create')}</Button>}
    >
      <FilterBar<{ q?: string }> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('ov.clearance.search')} style={{ width: 200 }} /></Form.Item>
      </FilterBar>
      <ServerTable<ClearanceSummary> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={930} />
      {creating && (
        <ProblemPicker
          title={t('ov.clearance.create')} withTitle onClose={() => setCreating(false)}
          onSubmit={async (v) => openCreated(await oversightApi.createClearanceList(v))}
        />
      )}
    </PageCard>
  );
}
