import { lazy, Suspense, useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Spin, Tabs, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ImportModal } from '../../components/ImportModal';
import { errorText } from '../../errors';
import { chinaToday, formatDateTime } from '../../format';
import { useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import { balanceApi, type SchoolStatistic } from '../../services/balance';
import { balanceZh } from '../../locales/balance.zh-CN';
import { AssessmentPanel } from './AssessmentPanel';
import { RulesPanel } from './RulesPanel';
import { balanceEn } from '../../locales/balance.en-US';
import { addPageMessages } from '../../i18n';

addPageMessages('bl', balanceZh, balanceEn);

// The chart library loads only when the comparison is opened.
const ComparisonPanel = lazy(() => import('./ComparisonPanel'));

const filterKeys = ['q', 'year'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
const figureKeys = Object.keys(balanceZh.figure) as (keyof typeof balanceZh.figure)[];

/** The school year now running by China's calendar: from September a new one has begun. */
function currentSchoolYear(): number {
  const [year, month] = chinaToday().split('-').map(Number);
  return month >= 9 ? year : year - 1;
}

const studentsOf = (s: SchoolStatistic) => ['studentsPrimary', 'studentsJunior', 'studentsSenior'].reduce((sum, k) => sum + Number(s.figures[k] ?? 0), 0);

/** The office corrects a school's figures; only what changed is sent, an emptied figure is cleared. */
function CorrectDrawer({ statistic, onClose }: { statistic: SchoolStatistic; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, string | number | null>>();
  const save = useMutation({
    mutationFn: (values: Record<string, string | number | null>) => {
      const changed = Object.fromEntries(figureKeys
        .map((k) => [k, values[k] === null || values[k] === undefined ? '' : String(values[k])] as const)
        .filter(([k, v]) => v !== (statistic.figures[k] ?? '')));
      return balanceApi.correct(statistic.id, changed);
    },
    onSuccess: () => {
      void message.success(t('bl.corrected'));
      void queryClient.invalidateQueries({ queryKey: ['school-statistics'] });
      onClose();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <Drawer open size={Math.min(560, window.innerWidth)} title={t('bl.correctTitle', { name: statistic.unitName })} onClose={onClose}
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="statistic-save">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" initialValues={statistic.figures} onFinish={(v) => save.mutate(v)} data-testid="statistic-form">
        {figureKeys.map((k) => (
          <Form.Item key={k} name={k} label={t(`bl.figure.${k}`)} style={{ marginBottom: 12 }}>
            <InputNumber min={0} stringMode style={{ width: '100%' }} />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}

const tabs = ['statistics', 'assessment', 'comparison', 'rules'] as const;

/** Balanced development: the schools' yearly statistics, the county assessment computed from them, and the counties compared. */
export default function BalancePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabs.find((x) => x === params.get('tab')) ?? 'statistics';
  const thisYear = currentSchoolYear();
  const schoolYears = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <PageCard title={t('menu.balance')}>
      <Tabs activeKey={tab} destroyOnHidden onChange={(key) => setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', key);
        return next;
      })} items={[
        { key: 'statistics', label: t('bl.statistics'), children: <StatisticsPanel thisYear={thisYear} schoolYears={schoolYears} /> },
        { key: 'assessment', label: t('bl.assessment'), children: <AssessmentPanel schoolYears={schoolYears} /> },
        { key: 'comparison', label: t('bl.comparison'), children: <Suspense fallback={<Spin />}><ComparisonPanel /></Suspense> },
        { key: 'rules', label: t('bl.rulesTab'), children: <RulesPanel /> },
      ]} />
    </PageCard>
  );
}

/** The schools' yearly statistics the county assessment is computed from. */
function StatisticsPanel({ thisYear, schoolYears }: { thisYear: number; schoolYears: number[] }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [importing, setImporting] = useState(false);
  const [correcting, setCorrecting] = useState<SchoolStatistic | null>(null);
  const schoolYear = Number(list.filters.year) || thisYear;
  const query = { schoolYear, q: list.filters.q, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['school-statistics', query], queryFn: () => balanceApi.statistics(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<SchoolStatistic> = [
    { key: 'school', title: t('bl.school'), fixed: 'left', width: 200, render: (_, s) => s.unitName },
    { key: 'code', title: t('bl.schoolCode'), width: 120, render: (_, s) => s.schoolCode ?? '—' },
    { key: 'region', title: t('bl.region'), width: 120, render: (_, s) => s.regionName },
    { key: 'students', title: t('bl.students'), width: 90, align: 'right', render: (_, s) => studentsOf(s) },
    { key: 'teachers', title: t('bl.figure.fullTimePrimary'), width: 110, align: 'right', render: (_, s) => s.figures.fullTimePrimary ?? '—' },
    { key: 'area', title: t('bl.figure.teachingAuxArea'), width: 150, align: 'right', render: (_, s) => s.figures.teachingAuxArea ?? '—' },
    { key: 'equipment', title: t('bl.figure.equipmentValue'), width: 140, align: 'right', render: (_, s) => s.figures.equipmentValue ?? '—' },
    { key: 'updatedAt', title: t('bl.updatedAt'), width: 160, render: (_, s) => formatDateTime(s.updatedAt) },
    {
      key: 'actions', title: '', width: 90, fixed: 'right',
      render: (_, s) => s.abilities.correct && <Button size="small" icon={<EditOutlined />} onClick={() => setCorrecting(s)}>{t('bl.correct')}</Button>,
    },
  ];

  return (
    <>
      {can('balance.write') && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<DownloadOutlined />} href={balanceApi.templateUrl}>{t('sheetImport.template')}</Button>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="statistics-import">{t('bl.import')}</Button>
        </Space>
      )}
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="year" label={t('bl.schoolYear')}>
          <Select style={{ width: 140 }} placeholder={t('bl.schoolYearLabel', { year: thisYear })}
            options={schoolYears.map((y) => ({ value: String(y), label: t('bl.schoolYearLabel', { year: y }) }))} />
        </Form.Item>
        <Form.Item name="q"><Input allowClear placeholder={t('bl.search')} style={{ width: 200 }} /></Form.Item>
      </FilterBar>
      {data?.total === 0 && <Typography.Paragraph type="secondary">{t('bl.empty')}</Typography.Paragraph>}
      <ServerTable<SchoolStatistic> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1180} />
      {importing && (
        <ImportModal title={t('bl.importTitle', { year: schoolYear })} templateUrl={balanceApi.templateUrl} queryKey={['school-statistics']}
          upload={(file) => balanceApi.importYear(schoolYear, file)} doneText={(count) => t('bl.importDone', { count })} onClose={() => setImporting(false)} />
      )}
      {correcting && <CorrectDrawer statistic={correcting} onClose={() => setCorrecting(null)} />}
    </>
  );
}
