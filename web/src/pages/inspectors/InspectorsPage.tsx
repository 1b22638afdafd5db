import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ImportModal } from '../../components/ImportModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { ErrorResult } from '../../components/ErrorResult';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import {
  employments, inspectorLevels, inspectorsApi, inspectorStatuses, type ExpiringTerm, type InspectorFilters, type InspectorLevel, type InspectorListItem, type TrainingTotal,
} from '../../services/inspectors';
import { InspectorFormModal } from './InspectorFormModal';
import { usePeopleEnums } from './peopleEnums';
import { useOpenCreated } from '../../hooks/useOpenCreated';

const filterKeys = ['q', 'level', 'employment', 'status', 'regionId', 'termNumber', 'specialty'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
const statusColor = { pending: 'default', serving: 'green', expired: 'orange', dismissed: 'red' } as const;

function Roster() {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const { can } = useAccess();
  const openCreated = useOpenCreated('inspectors', '/inspectors');
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [dialog, setDialog] = useState<'create' | 'import' | 'pdf' | null>(null);
  const raw = list.filters;
  const filters: InspectorFilters = {
    q: raw.q, level: parseEnum(inspectorLevels, raw.level), employment: parseEnum(employments, raw.employment), status: parseEnum(inspectorStatuses, raw.status),
    regionId: raw.regionId, termNumber: raw.termNumber ? Number(raw.termNumber) : undefined, specialty: raw.specialty,
  };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['inspectors', 'list', query], queryFn: () => inspectorsApi.list(query), placeholderData: keepPreviousData });
  const L = (key: string) => t(`people.inspectors.${key}` as never) as string;
  const columns: TableColumnsType<InspectorListItem> = [
    { key: 'name', dataIndex: 'name', title: t('people.name'), fixed: 'left', width: 130, sorter: true, sortOrder: list.sortOrderOf('name'), render: (name: string, i) => <Link to={`/inspectors/${i.id}`}>{name}</Link> },
    { key: 'level', title: L('level'), width: 110, sorter: true, sortOrder: list.sortOrderOf('level'), render: (_, i) => enums.label('level', i.level) },
    { key: 'employment', title: L('employment'), width: 80, render: (_, i) => enums.label('employment', i.employment) },
    { key: 'status', title: L('status'), width: 100, render: (_, i) => <Tag color={statusColor[i.status]}>{enums.label('status', i.status)}</Tag> },
    { key: 'term', title: L('currentTerm'), width: 220, render: (_, i) => (i.currentTerm ? `${t('people.inspectors.termLabel', { n: i.currentTerm.termNumber })} ${i.currentTerm.startDate} ~ ${i.currentTerm.endDate}` : '—') },
    { key: 'employer', title: L('employer'), width: 200, render: (_, i) => i.employer ?? '—' },
    { key: 'jobTitle', title: L('jobTitle'), width: 150, render: (_, i) => i.jobTitle ?? '—' },
    { key: 'specialties', title: L('specialties'), width: 180, render: (_, i) => i.specialties.map((s) => <Tag key={s}>{s}</Tag>) },
    { key: 'phone', title: t('people.phone'), width: 130, render: (_, i) => i.phoneMasked ?? '—' },
    { key: 'region', title: t('people.region'), width: 120, render: (_, i) => i.region.name },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('inspectors.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>{t('common.create')}</Button>}
        {can('inspectors.write') && <Button icon={<UploadOutlined />} onClick={() => setDialog('import')}>{L('importButton')}</Button>}
        <Button icon={<DownloadOutlined />} href={inspectorsApi.exportUrl({ ...filters, sort: list.paging.sort, order: list.paging.order })}>{L('export')}</Button>
        <Button icon={<FilePdfOutlined />} onClick={() => setDialog('pdf')}>{L('appointmentList')}</Button>
      </Space>
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={L('searchPlaceholder')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="regionId"><RegionTreeSelect placeholder={t('people.region')} style={{ width: 170 }} /></Form.Item>
        <Form.Item name="level"><Select allowClear placeholder={L('level')} options={enums.options('level', inspectorLevels)} style={{ width: 120 }} /></Form.Item>
        <Form.Item name="employment"><Select allowClear placeholder={L('employment')} options={enums.options('employment', employments)} style={{ width: 100 }} /></Form.Item>
        <Form.Item name="status"><Select allowClear placeholder={L('status')} options={enums.options('status', inspectorStatuses)} style={{ width: 110 }} /></Form.Item>
        <Form.Item name="termNumber"><Input allowClear placeholder={L('termNumber')} inputMode="numeric" style={{ width: 80 }} /></Form.Item>
        <Form.Item name="specialty"><Input allowClear placeholder={L('specialties')} style={{ width: 120 }} /></Form.Item>
      </FilterBar>
      <ServerTable<InspectorListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1420} />
      {dialog === 'create' && (
        <InspectorFormModal
          onClose={() => setDialog(null)}
          onSaved={openCreated}
        />
      )}
      {dialog === 'import' && (
        <ImportModal title={L('importTitle')} templateUrl={inspectorsApi.importTemplateUrl} upload={inspectorsApi.import} doneText={(count) => t('people.inspectors.importDone', { count })} queryKey={['inspectors']} onClose={() => setDialog(null)} />
      )}
      {dialog === 'pdf' && <AppointmentListModal initial={{ termNumber: filters.termNumber ?? 4, level: filters.level ?? 'city' }} onClose={() => setDialog(null)} />}
    </>
  );
}

function AppointmentListModal({ initial, onClose }: { initial: { termNumber: number; level: InspectorLevel }; onClose: () => void }) {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const [form] = Form.useForm<{ termNumber: number; level: InspectorLevel }>();
  return (
    <Modal open title={t('people.inspectors.appointmentListTitle')} okText={t('people.inspectors.open')} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => { window.open(inspectorsApi.appointmentListUrl(v), '_blank'); onClose(); }}>
        <Form.Item name="termNumber" label={t('people.inspectors.termNumber')} rules={[{ required: true }]}><InputNumber min={1} max={99} /></Form.Item>
        <Form.Item name="level" label={t('people.inspectors.level')} rules={[{ required: true }]}><Select options={enums.options('level', inspectorLevels)} /></Form.Item>
      </Form>
    </Modal>
  );
}

function Expiring() {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const [days, setDays] = useState(90);
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({ queryKey: ['inspectors', 'expiring', days, page], queryFn: () => inspectorsApi.expiring({ days, page, pageSize: 20 }), placeholderData: keepPreviousData });
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<ExpiringTerm> = [
    { key: 'name', title: t('people.name'), width: 120, render: (_, r) => <Link to={`/inspectors/${r.inspectorId}`}>{r.name}</Link> },
    { key: 'level', title: t('people.inspectors.level'), width: 100, render: (_, r) => enums.label('level', r.level) },
    { key: 'term', title: t('people.inspectors.currentTerm'), width: 220, render: (_, r) => `${t('people.inspectors.termLabel', { n: r.term.termNumber })} ${r.term.startDate} ~ ${r.term.endDate}` },
    { key: 'daysLeft', title: t('people.inspectors.daysLeft'), width: 100, render: (_, r) => <Tag color={r.daysLeft <= 30 ? 'red' : 'orange'}>{r.daysLeft}</Tag> },
    { key: 'region', title: t('people.region'), width: 120, render: (_, r) => r.region.name },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <InputNumber min={1} max={730} value={days} onChange={(v) => { setDays(v ?? 90); setPage(1); }} />
        <span>{t('people.inspectors.days')}</span>
        <Button icon={<DownloadOutlined />} href={inspectorsApi.expiringExportUrl(days)}>{t('people.export')}</Button>
      </Space>
      <Table<ExpiringTerm> rowKey={(r) => r.term.id} size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 680 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
    </>
  );
}

function Training() {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const [year, setYear] = useState(new Date().getFullYear());
  const [below, setBelow] = useState(false);
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({
    queryKey: ['inspectors', 'training', year, below, page],
    queryFn: () => inspectorsApi.trainingSummary({ year, below: below || undefined, page, pageSize: 20, order: 'asc' }),
    placeholderData: keepPreviousData,
  });
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<TrainingTotal> = [
    { key: 'name', title: t('people.name'), width: 120, render: (_, r) => <Link to={`/inspectors/${r.inspectorId}`}>{r.name}</Link> },
    { key: 'level', title: t('people.inspectors.level'), width: 100, render: (_, r) => enums.label('level', r.level) },
    { key: 'hours', title: t('people.inspectors.hours'), width: 90, align: 'right', render: (_, r) => r.hours },
    { key: 'enough', title: t('common.status'), width: 90, render: (_, r) => <Tag color={r.enough ? 'green' : 'red'}>{r.enough ? t('people.inspectors.enough') : t('people.inspectors.notEnough')}</Tag> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber min={1990} max={2100} value={year} onChange={(v) => { setYear(v ?? new Date().getFullYear()); setPage(1); }} />
        <Checkbox checked={below} onChange={(e) => { setBelow(e.target.checked); setPage(1); }}>{t('people.inspectors.belowOnly')}</Checkbox>
        <Button icon={<DownloadOutlined />} href={inspectorsApi.trainingExportUrl(year, below || undefined)}>{t('people.export')}</Button>
      </Space>
      <Table<TrainingTotal> rowKey="inspectorId" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 400 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
    </>
  );
}

export default function InspectorsPage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('menu.inspectors')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'roster', label: t('people.inspectors.roster'), children: <Roster /> },
          { key: 'expiring', label: t('people.inspectors.expiring'), children: <Expiring /> },
          { key: 'training', label: t('people.inspectors.training'), children: <Training /> },
        ]}
      />
    </PageCard>
  );
}
