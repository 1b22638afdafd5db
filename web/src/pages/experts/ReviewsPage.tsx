import { useState } from 'react';
import { Button, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { useAccess } from '../../session';
import { reviewsApi, type ReviewInput, type ReviewListItem } from '../../services/experts';
import { useOpenCreated } from '../../hooks/useOpenCreated';
import { DateField } from '../../components/DateField';

export default function ReviewsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const openCreated = useOpenCreated('reviews', '/reviews');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const L = (key: string) => t(`people.reviews.${key}` as never) as string;
  const { data, error, isFetching } = useQuery({ queryKey: ['reviews', 'list', q, page], queryFn: () => reviewsApi.list({ q: q || undefined, page, pageSize: 20, order: 'desc' }), placeholderData: keepPreviousData });
  const columns: TableColumnsType<ReviewListItem> = [
    { key: 'title', title: L('reviewTitle'), width: 240, render: (_, r) => <Link to={`/reviews/${r.id}`}>{r.title}</Link> },
    { key: 'unit', title: L('reviewedUnit'), width: 180, render: (_, r) => r.reviewedUnit?.name ?? '—' },
    { key: 'dates', title: `${L('startDate')} ~ ${L('endDate')}`, width: 200, render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
    { key: 'experts', dataIndex: 'expertCount', title: L('expertCount'), width: 90, align: 'right' },
    { key: 'settled', title: t('common.status'), width: 90, render: (_, r) => (r.feesSettledAt ? <Tag color="green">{L('settled')}</Tag> : '—') },
  ];
  return (
    <PageCard
      title={t('menu.reviews')}
      actions={can('experts.draw') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('common.create')}</Button>}
    >
      <Space style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={L('reviewTitle')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
        <Button icon={<DownloadOutlined />} href={reviewsApi.exportUrl(q || undefined)}>{t('people.export')}</Button>
      </Space>
      {error ? <ErrorResult error={error} /> : (
        <Table<ReviewListItem> rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 800 }}
          pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
      )}
      {open && (
        <FormModal<ReviewInput>
          title={L('createTitle')}
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            openCreated(await reviewsApi.create({ ...v, reviewedUnitId: v.reviewedUnitId ?? null, location: v.location || null }));
          }}
        >
          <Form.Item name="title" label={L('reviewTitle')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="regionId" label={t('people.region')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item>
          <Form.Item name="reviewedUnitId" label={L('reviewedUnit')}><UnitSelect /></Form.Item>
          <Form.Item name="startDate" label={L('startDate')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="endDate" label={L('endDate')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="location" label={L('location')}><Input maxLength={200} /></Form.Item>
        </FormModal>
      )}
    </PageCard>
  );
}
