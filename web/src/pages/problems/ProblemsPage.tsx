import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ImportModal } from '../../components/ImportModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import { ProblemFormModal } from './ProblemFormModal';
import { problemSources, problemsApi, severities, type ProblemFilters, type ProblemListItem } from '../../services/supervision';

const problemStatuses = ['open', 'rectifying', 'closed'] as const;
const statusColor = { open: 'default', rectifying: 'processing', closed: 'success' } as const;
const filterKeys = ['q', 'source', 'area', 'severity', 'status', 'regionId', 'taskId', 'visitId', 'unitId', 'from', 'to', 'recurring'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>> & { period?: [dayjs.Dayjs, dayjs.Dayjs] };

/** The problem register: every source in one list; the export follows the filters on screen. */
export default function ProblemsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, { ...list.filters, period: list.filters.from && list.filters.to ? [dayjs(list.filters.from), dayjs(list.filters.to)] : undefined } as FilterValues);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: areas = [] } = useQuery({ queryKey: ['problem-areas'], queryFn: problemsApi.areas, staleTime: 600_000 });
  const raw = list.filters;
  const filters: ProblemFilters = {
    q: raw.q, source: parseEnum(problemSources, raw.source), area: raw.area, severity: parseEnum(severities, raw.severity),
    status: parseEnum(problemStatuses, raw.status), regionId: raw.regionId, taskId: raw.taskId, visitId: raw.visitId, unitId: raw.unitId,
    from: raw.from, to: raw.to, recurring: parseEnum(['true', 'false'] as const, raw.recurring),
  };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['problems', 'list', query], queryFn: () => problemsApi.list(query), placeholderData: keepPreviousData });
  const sortable = (key: string) => ({ key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<ProblemListItem> = [
    { ...sortable('foundOn'), title: t('sv.foundOn'), width: 110, render: (_, p) => p.foundOn },
    { key: 'description', title: t('sv.problemDescription'), width: 320, render: (_, p) => <Space size={4} wrap><Link to={`/problems/${p.id}`}>{p.description}</Link>{p.recurringOfId && <Tag color="magenta">{t('sv.recurring')}</Tag>}</Space> },
    { ...sortable('area'), title: t('sv.area'), width: 160, render: (_, p) => p.areaName },
    { ...sortable('severity'), title: t('sv.severity'), width: 90, render: (_, p) => <Tag color={p.severity === 'high' ? 'red' : p.severity === 'medium' ? 'gold' : 'default'}>{t(`sv.severityLabel.${p.severity}`)}</Tag> },
    { key: 'source', title: t('sv.source'), width: 110, render: (_, p) => t(`sv.sourceLabel.${p.source}`) },
    { key: 'unit', title: t('sv.responsible'), width: 200, render: (_, p) => p.unit?.name ?? p.region.name },
    { ...sortable('deadline'), title: t('sv.deadline'), width: 110, render: (_, p) => p.deadline ?? '—' },
    { key: 'status', title: t('sv.status'), width: 100, render: (_, p) => <Tag color={statusColor[p.status]}>{t(`rc.problemStatus.${p.status}`)}</Tag> },
    { key: 'task', title: t('sv.task'), width: 200, render: (_, p) => (p.task ? <Link to={`/tasks/${p.task.id}`}>{p.task.title}</Link> : '—') },
  ];
  return (
    <PageCard
      title={t('menu.problems')}
      actions={
        <Space wrap>
          {can('problems.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('sv.newProblem')}</Button>}
          {can('problems.import') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('sv.importProblems')}</Button>}
          {can('problems.export') && <Button icon={<DownloadOutlined />} href={problemsApi.exportUrl({ ...filters, sort: list.paging.sort, order: list.paging.order })}>{t('sv.export')}</Button>}
        </Space>
      }
    >
      <FilterBar<FilterValues> form={form} list={list} onSearch={({ period, ...v }) => list.set({ ...v, from: period?.[0]?.format('YYYY-MM-DD'), to: period?.[1]?.format('YYYY-MM-DD') })}>
        <Form.Item name="q"><Input allowClear placeholder={t('sv.searchProblem')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="area"><Select allowClear placeholder={t('sv.area')} style={{ width: 170 }} options={areas.map((a) => ({ value: a.key, label: i18n.language === 'en' ? a.nameEn : a.nameZh }))} /></Form.Item>
        <Form.Item name="source"><Select allowClear placeholder={t('sv.source')} style={{ width: 120 }} options={problemSources.map((s) => ({ value: s, label: t(`sv.sourceLabel.${s}`) }))} /></Form.Item>
        <Form.Item name="severity"><Select allowClear placeholder={t('sv.severity')} style={{ width: 100 }} options={severities.map((s) => ({ value: s, label: t(`sv.severityLabel.${s}`) }))} /></Form.Item>
        <Form.Item name="status"><Select allowClear placeholder={t('sv.status')} style={{ width: 110 }} options={problemStatuses.map((st) => ({ value: st, label: t(`rc.problemStatus.${st}`) }))} /></Form.Item>
        {can('regions.read') && <Form.Item name="regionId"><RegionTreeSelect placeholder={t('sv.region')} style={{ width: 160 }} /></Form.Item>}
        <Form.Item name="recurring"><Select allowClear placeholder={t('sv.recurring')} style={{ width: 110 }} options={[{ value: 'true', label: t('sv.recurringOnly') }]} /></Form.Item>
        <Form.Item name="period"><DatePicker.RangePicker /></Form.Item>
      </FilterBar>
      <ServerTable<ProblemListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1400} />
      {creating && (
        <ProblemFormModal onClose={() => setCreating(false)} onSaved={(p) => { void queryClient.invalidateQueries({ queryKey: ['problems'] }); void navigate(`/problems/${p.id}`); }} />
      )}
      {importing && (
        <ImportModal title={t('sv.importProblems')} templateUrl={problemsApi.importTemplateUrl} upload={problemsApi.import}
          doneText={(count) => t('sv.importDone', { count })} queryKey={['problems']} onClose={() => setImporting(false)} />
      )}
    </PageCard>
  );
}
