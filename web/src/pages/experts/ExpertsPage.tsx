import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ImportModal } from '../../components/ImportModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { parseBool, useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import { expertsApi, type ExpertFilters, type ExpertListItem } from '../../services/experts';
import { ExpertFormModal } from './ExpertFormModal';
import { useOpenCreated } from '../../hooks/useOpenCreated';

const filterKeys = ['q', 'specialty', 'regionId', 'available'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;

export default function ExpertsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const openCreated = useOpenCreated('experts', '/experts');
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const L = (key: string) => t(`people.experts.${key}` as never) as string;
  const raw = list.filters;
  const filters: ExpertFilters = { q: raw.q, specialty: raw.specialty, regionId: raw.regionId, available: parseBool(raw.available) };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['experts', 'list', query], queryFn: () => expertsApi.list(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<ExpertListItem> = [
    { key: 'name', dataIndex: 'name', title: t('people.name'), fixed: 'left', width: 130, sorter: true, sortOrder: list.sortOrderOf('name'), render: (name: string, e) => <Link to={`/experts/${e.id}`}>{name}</Link> },
    { key: 'specialties', title: L('specialties'), width: 200, render: (_, e) => e.specialties.map((s) => <Tag key={s}>{s}</Tag>) },
    { key: 'employer', title: L('employer'), width: 200, render: (_, e) => e.employer.name ?? '—' },
    { key: 'jobTitle', title: L('jobTitle'), width: 120, render: (_, e) => e.jobTitle ?? '—' },
    { key: 'region', title: t('people.region'), width: 110, render: (_, e) => e.region.name },
    { key: 'available', title: L('available'), width: 100, render: (_, e) => <Tag color={e.available ? 'green' : 'default'}>{e.available ? L('available') : L('unavailable')}</Tag> },
    { key: 'phone', title: t('people.phone'), width: 130, render: (_, e) => e.phoneMasked ?? '—' },
  ];
  return (
    <PageCard
      title={t('menu.experts')}
      actions={
        <Space wrap>
          {can('experts.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>{t('common.create')}</Button>}
          {can('experts.write') && <Button icon={<UploadOutlined />} onClick={() => setDialog('import')}>{L('importButton')}</Button>}
          <Button icon={<DownloadOutlined />} href={expertsApi.exportUrl({ ...filters, sort: list.paging.sort, order: list.paging.order })}>{L('export')}</Button>
        </Space>
      }
    >
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={L('searchPlaceholder')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="specialty"><Input allowClear placeholder={L('specialty')} style={{ width: 130 }} /></Form.Item>
        <Form.Item name="regionId"><RegionTreeSelect placeholder={t('people.region')} style={{ width: 170 }} /></Form.Item>
        <Form.Item name="available">
          <Select allowClear placeholder={L('available')} style={{ width: 120 }} options={[{ value: 'true', label: L('available') }, { value: 'false', label: L('unavailable') }]} />
        </Form.Item>
      </FilterBar>
      <ServerTable<ExpertListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={990} />
      {dialog === 'create' && (
        <ExpertFormModal
          onClose={() => setDialog(null)}
          onSaved={openCreated}
        />
      )}
      {dialog === 'import' && (
        <ImportModal title={L('importTitle')} templateUrl={expertsApi.importTemplateUrl} upload={expertsApi.import} doneText={(count) => t('people.experts.importDone', { count })} queryKey={['experts']} onClose={() => setDialog(null)} />
      )}
    </PageCard>
  );
}
