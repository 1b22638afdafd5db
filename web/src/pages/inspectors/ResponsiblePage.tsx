import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useAccess } from '../../session';
import { unitsApi } from '../../services/units';
import { responsibleApi, routineItems, visitMethods, type Assignment, type Behind, type InspectorLoad, type Visit, type VisitInput } from '../../services/inspectors';
import { InspectorSelect } from './InspectorSelect';
import { usePeopleEnums } from './peopleEnums';
import { DateField } from '../../components/DateField';
import { chinaToday } from '../../format';


/** Schools and kindergartens, searched on the server as the user types. */
function SchoolsSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const schools = useQuery({ queryKey: ['units', 'search', 'school', q], queryFn: () => unitsApi.list({ q, kind: 'school', pageSize: 20, active: true }) });
  const kindergartens = useQuery({ queryKey: ['units', 'search', 'kindergarten', q], queryFn: () => unitsApi.list({ q, kind: 'kindergarten', pageSize: 20, active: true }) });
  const options = [...(schools.data?.items ?? []), ...(kindergartens.data?.items ?? [])].map((u) => ({ value: u.id, label: u.name }));
  return <Select id={id} mode="multiple" value={value} onChange={onChange} options={options} showSearch={{ filterOption: false, onSearch: setSearch }} loading={schools.isFetching} style={{ width: '100%' }} />;
}

function usePaged<P extends { total: number }>(key: unknown[], fetch: (page: number) => Promise<P>) {
  const [page, setPage] = useState(1);
  const query = useQuery({ queryKey: [...key, page], queryFn: () => fetch(page), placeholderData: keepPreviousData });
  return { ...query, page, setPage };
}

function Assignments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const { data, error, isFetching, page, setPage } = usePaged(['responsible', 'assignments', q], (p) => responsibleApi.assignments({ q: q || undefined, page: p, pageSize: 20 }));
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<Assignment> = [
    { key: 'unit', title: t('people.responsible.school'), width: 220, render: (_, a) => <Link to={`/units/${a.unit.id}`}>{a.unit.name}</Link> },
    { key: 'region', title: t('people.region'), width: 120, render: (_, a) => a.unit.regionName },
    { key: 'inspector', title: t('people.responsible.inspector'), width: 120, render: (_, a) => <Link to={`/inspectors/${a.inspector.id}`}>{a.inspector.name}</Link> },
    { key: 'start', dataIndex: 'startDate', title: t('people.responsible.startDate'), width: 110 },
    { key: 'last', title: t('people.responsible.lastVisit'), width: 110, render: (_, a) => a.lastVisit ?? '—' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('people.responsible.searchPlaceholder')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 220 }} />
        {can('inspectors.write') && <Button type="primary" icon={<TeamOutlined />} onClick={() => setOpen(true)}>{t('people.responsible.assign')}</Button>}
        <Button icon={<DownloadOutlined />} href={responsibleApi.exportUrl('assignments', { q: q || undefined })}>{t('people.export')}</Button>
      </Space>
      <Table<Assignment> rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 680 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
      {open && (
        <FormModal<{ inspectorId: string; unitIds: string[]; startDate: string }>
          title={t('people.responsible.assignTitle')}
          initialValues={{ startDate: chinaToday() }}
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            const result = await responsibleApi.assign(v);
            void message.success(t('people.responsible.assigned', { assigned: result.assigned, replaced: result.replaced }));
            // Above the staffing guideline is allowed; the office is told, in the server's words.
            if (result.warning) void message.warning(result.warning, 8);
            void queryClient.invalidateQueries({ queryKey: ['responsible'] });
          }}
        >
          <Form.Item name="inspectorId" label={t('people.responsible.inspector')} rules={[{ required: true }]}><InspectorSelect /></Form.Item>
          <Form.Item name="unitIds" label={t('people.responsible.schools')} rules={[{ required: true }]}><SchoolsSelect /></Form.Item>
          <Form.Item name="startDate" label={t('people.responsible.startDate')} rules={[{ required: true }]}><DateField /></Form.Item>
        </FormModal>
      )}
    </>
  );
}

/** Each responsible inspector's schools now, against the staffing guideline (about five each). */
function Loads() {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const { data, error, isFetching, page, setPage } = usePaged(['responsible', 'loads', over], (p) => responsibleApi.loads({ over: over || undefined, page: p, pageSize: 20 }));
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<InspectorLoad> = [
    { key: 'inspector', title: t('people.responsible.inspector'), render: (_, l) => <Link to={`/inspectors/${l.inspector.id}`}>{l.inspector.name}</Link> },
    {
      key: 'schools', title: t('people.responsible.schoolCount'), width: 160, align: 'right',
      render: (_, l) => <Space size={4}>{l.overGuideline && <Tag color="red">{t('people.responsible.overGuideline')}</Tag>}<span>{l.schools}</span></Space>,
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {data && <Typography.Text type="secondary">{t('people.responsible.guideline', { count: data.guideline })}</Typography.Text>}
        <Checkbox checked={over} onChange={(e) => { setOver(e.target.checked); setPage(1); }}>{t('people.responsible.onlyOver')}</Checkbox>
      </Space>
      <Table<InspectorLoad> rowKey={(l) => l.inspector.id} size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 320 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
    </>
  );
}

function Unassigned() {
  const { t } = useTranslation();
  const { data, error, isFetching, page, setPage } = usePaged(['responsible', 'unassigned'], (p) => responsibleApi.unassigned({ page: p, pageSize: 20 }));
  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <Button icon={<DownloadOutlined />} href={responsibleApi.exportUrl('unassigned')} style={{ marginBottom: 16 }}>{t('people.export')}</Button>
      <Table rowKey="id" size="middle" dataSource={data?.items} loading={isFetching} scroll={{ x: 400 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
        columns={[
          { key: 'name', title: t('people.responsible.school'), render: (_, u) => <Link to={`/units/${u.id}`}>{u.name}</Link> },
          { key: 'region', dataIndex: 'regionName', title: t('people.region'), width: 140 },
        ]} />
    </>
  );
}

function BehindList() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const { data, error, isFetching, page, setPage } = usePaged(['responsible', 'behind', month], (p) => responsibleApi.behind({ month, page: p, pageSize: 20 }));
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<Behind> = [
    { key: 'inspector', title: t('people.responsible.inspector'), width: 120, render: (_, b) => <Link to={`/inspectors/${b.inspector.id}`}>{b.inspector.name}</Link> },
    { key: 'schools', dataIndex: 'schools', title: t('people.responsible.schoolCount'), width: 90, align: 'right' },
    { key: 'visited', dataIndex: 'visited', title: t('people.responsible.visited'), width: 110, align: 'right' },
    { key: 'notVisited', title: t('people.responsible.notVisited'), render: (_, b) => b.notVisited.map((u) => <Tag key={u.id} color="orange">{u.name}</Tag>) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('people.responsible.month')}</span>
        <Input type="month" value={month} onChange={(e) => { if (e.target.value) { setMonth(e.target.value); setPage(1); } }} style={{ width: 160 }} />
        <Button icon={<DownloadOutlined />} href={responsibleApi.exportUrl('behind', { month })}>{t('people.export')}</Button>
      </Space>
      <Table<Behind> rowKey={(b) => b.inspector.id} size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 600 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage }} />
    </>
  );
}

function Visits() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { data, error, isFetching, page, setPage } = usePaged(['responsible', 'visits'], (p) => responsibleApi.visits({ page: p, pageSize: 20, order: 'desc' }));
  const assignments = useQuery({ queryKey: ['responsible', 'assignments', 'mine'], queryFn: () => responsibleApi.assignments({ pageSize: 200 }), enabled: open });
  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<Visit> = [
    { key: 'date', dataIndex: 'date', title: t('people.date'), width: 110 },
    { key: 'unit', title: t('people.responsible.school'), width: 180, render: (_, v) => v.unit.name },
    { key: 'inspector', title: t('people.responsible.inspector'), width: 100, render: (_, v) => v.inspector.name },
    { key: 'items', title: t('people.responsible.items'), width: 260, render: (_, v) => v.items.map((i) => <Tag key={i}>{enums.label('routineItem', i)}</Tag>) },
    { key: 'findings', title: t('people.responsible.findings'), render: (_, v) => v.findings ?? '—' },
    { key: 'feedback', title: t('people.responsible.feedbackGiven'), width: 100, render: (_, v) => (v.feedbackGiven ? '✓' : '—') },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('responsible.visit') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('people.responsible.recordVisit')}</Button>}
        <Button icon={<DownloadOutlined />} href={responsibleApi.exportUrl('visits')}>{t('people.export')}</Button>
      </Space>
      <Table<Visit> rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 900 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
      {open && (
        <FormModal<VisitInput>
          title={t('people.responsible.recordVisit')}
          initialValues={{ date: chinaToday(), items: [], methods: [], feedbackGiven: true }}
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            await responsibleApi.recordVisit(v);
            void message.success(t('common.saved'));
            void queryClient.invalidateQueries({ queryKey: ['responsible'] });
          }}
        >
          <Form.Item name="unitId" label={t('people.responsible.school')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={assignments.isFetching} options={(assignments.data?.items ?? []).map((a) => ({ value: a.unit.id, label: `${a.unit.name}（${a.inspector.name}）` }))} />
          </Form.Item>
          <Form.Item name="date" label={t('people.date')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="items" label={t('people.responsible.items')} rules={[{ required: true }]}><Checkbox.Group options={enums.options('routineItem', routineItems)} /></Form.Item>
          <Form.Item name="methods" label={t('people.responsible.methods')}><Checkbox.Group options={enums.options('visitMethod', visitMethods)} /></Form.Item>
          <Form.Item name="findings" label={t('people.responsible.findings')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="feedbackGiven" valuePropName="checked"><Checkbox>{t('people.responsible.feedbackGiven')}</Checkbox></Form.Item>
        </FormModal>
      )}
    </>
  );
}

export default function ResponsiblePage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('people.responsible.title')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'assignments', label: t('people.responsible.assignments'), children: <Assignments /> },
          { key: 'loads', label: t('people.responsible.loads'), children: <Loads /> },
          { key: 'unassigned', label: t('people.responsible.unassigned'), children: <Unassigned /> },
          { key: 'behind', label: t('people.responsible.behind'), children: <BehindList /> },
          { key: 'visits', label: t('people.responsible.visits'), children: <Visits /> },
        ]}
      />
    </PageCard>
  );
}
