import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Drawer, Empty, Form, InputNumber, List, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExperimentOutlined, FileExcelOutlined, FilePdfOutlined, FlagOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { ErrorResult } from '../../components/ErrorResult';
import { regionsApi } from '../../services/regions';
import { balanceApi, type AssessmentQuery, type AssessmentReport, type BalanceStandard } from '../../services/balance';
import { balanceZh } from '../../locales/balance.zh-CN';

type Stage = AssessmentReport['stages'][number];
type School = Stage['schools'][number];
type TableRow = { key: string; school?: School; label?: string; cells: Record<string, { text: string; failing: boolean }> };

const figureKeys = Object.keys(balanceZh.figure) as (keyof typeof balanceZh.figure)[];
const outcomeColor = { met: 'success', notMet: 'error', undetermined: 'warning' } as const;

/** One stage's table as the report lays it out: the schools, then the county mean, the coefficient and the limits. */
function StageTable({ stage, onWhatIf, onRaise, canRaise }: { stage: Stage; onWhatIf: (s: School) => void; onRaise: (s: School) => void; canRaise: boolean }) {
  const { t } = useTranslation();
  const quality = stage.schools.some((s) => s.passed !== null);
  const summary = (key: string, label: string, cell: (i: Stage['indicators'][number]) => { text: string; failing: boolean }): TableRow => ({
    key, label, cells: Object.fromEntries(stage.indicators.map((i) => [i.id, cell(i)])),
  });
  const rows: TableRow[] = [
    ...stage.schools.map((s) => ({
      key: `${s.unitId}-${stage.stage}`, school: s,
      cells: Object.fromEntries(s.values.map((v) => [v.indicator, { text: v.value, failing: v.met === false }])),
    })),
    summary('mean', t('bl.report.mean'), (i) => ({ text: i.mean, failing: false })),
    summary('cv', t('bl.report.cv'), (i) => ({ text: i.cv ?? '—', failing: i.cvMet === false })),
    ...(quality ? [summary('threshold', t('bl.report.threshold'), (i) => ({ text: i.threshold ?? '', failing: false })), summary('max', t('bl.report.max'), (i) => ({ text: i.max ?? '', failing: false }))] : []),
  ];
  // The school cell carries the verdict and the actions, so a phone sees them beside the name without scrolling.
  const columns: TableColumnsType<TableRow> = [
    {
      key: 'school', title: t('bl.school'), fixed: 'left', width: 170,
      render: (_, r) => (r.school ? (
        <Space orientation="vertical" size={2}>
          <span data-testid="school-name">{r.school.name}{r.school.splitShare && <Tag style={{ marginInlineStart: 4 }}>{t('bl.report.split')}</Tag>}</span>
          <Space size={0} wrap>
            {quality && <Tag color={r.school.passed ? 'success' : 'error'}>{r.school.passed ? t('bl.report.pass') : t('bl.report.fail')}</Tag>}
            <Button size="small" type="link" icon={<ExperimentOutlined />} onClick={() => onWhatIf(r.school!)}>{t('bl.report.whatIf')}</Button>
            {canRaise && r.school.passed === false && <Button size="small" type="link" icon={<FlagOutlined />} onClick={() => onRaise(r.school!)}>{t('bl.report.raise')}</Button>}
          </Space>
        </Space>
      ) : <Typography.Text strong>{r.label}</Typography.Text>),
    },
    { key: 'students', title: t('bl.students'), width: 72, align: 'right', render: (_, r) => r.school?.students ?? '' },
    ...stage.indicators.map((i) => ({
      key: i.id, title: <Tooltip title={`${i.name}（${i.unit}）`}><span>{i.id}</span></Tooltip>, width: 76, align: 'right' as const,
      render: (_: unknown, r: TableRow) => {
        const cell = r.cells[i.id];
        if (!cell) return '';
        const gap = r.school?.values.find((v) => v.indicator === i.id)?.gap;
        const text = <span className={cell.failing ? 'balance-failing' : undefined} style={cell.failing ? { color: '#cf1322', fontWeight: 600 } : undefined}>{cell.text}</span>;
        return gap ? <Tooltip title={t('bl.report.gap', { gap, unit: i.unit })}>{text}</Tooltip> : text;
      },
    })),
  ];
  return (
    <Card size="small" title={<Space wrap>{t(`bl.stage.${stage.stage}`)}<Tag color={outcomeColor[stage.outcome]}>{t(`bl.outcome.${stage.outcome}`)}</Tag></Space>} style={{ marginBottom: 16 }} data-testid={`stage-${stage.stage}`}>
      <Table<TableRow> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 242 + stage.indicators.length * 76 }}
        expandable={{ rowExpandable: (r) => !!r.school?.reasons.length, expandedRowRender: (r) => <List size="small" dataSource={r.school!.reasons} renderItem={(x) => <List.Item>{x}</List.Item>} /> }} />
      <MovedMost stage={stage} />
      {stage.composite && <Typography.Paragraph style={{ marginTop: 8 }}>{t('bl.report.composite', { cv: stage.composite.cv ?? '—', max: stage.composite.max })}</Typography.Paragraph>}
      <List size="small" style={{ marginTop: 8 }} dataSource={stage.verdict} renderItem={(x) => <List.Item>{x}</List.Item>} />
    </Card>
  );
}

/** Which schools move each coefficient most: their share of Σ(Pᵢ/P)(Xᵢ − X̄)², where narrowing a gap helps most. */
function MovedMost({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  const lines = stage.indicators.filter((i) => i.shares.length).map((i) => ({
    key: i.id,
    text: `${i.id} ${i.name}（${t('bl.report.cv')} ${i.cv ?? '—'}）：${i.shares.slice(0, 3).map((s) => `${s.name} ${s.share}`).join('、')}`,
  }));
  if (!lines.length) return null;
  return (
    <Collapse size="small" style={{ marginTop: 8 }} items={[{
      key: 'shares', label: t('bl.report.movedMost'),
      children: <List size="small" dataSource={lines} renderItem={(l) => <List.Item key={l.key}>{l.text}</List.Item>} />,
    }]} />
  );
}

/** Changed figures for one school, kept in the page only: the report is recomputed, nothing is saved. */
function WhatIfDrawer({ school, query, changes, onApply, onClose }: {
  school: School; query: AssessmentQuery; changes: Record<string, string>; onApply: (figures: Record<string, string>) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string | null>>();
  const { data } = useQuery({
    queryKey: ['school-statistics', { schoolYear: query.schoolYear, q: school.code }],
    queryFn: () => balanceApi.statistics({ schoolYear: query.schoolYear, q: school.code, page: 1, pageSize: 1 }),
  });
  const stored = data?.items[0]?.figures;
  return (
    <Drawer open size={Math.min(520, window.innerWidth)} title={t('bl.report.whatIfTitle', { name: school.name })} onClose={onClose}
      extra={<Button type="primary" onClick={() => form.submit()} data-testid="what-if-apply">{t('bl.report.apply')}</Button>}>
      <Alert type="info" showIcon title={t('bl.report.whatIfHint')} style={{ marginBottom: 12 }} />
      {stored && (
        <Form form={form} layout="vertical" initialValues={{ ...stored, ...changes }} data-testid="what-if-form"
          onFinish={(values) => onApply(Object.fromEntries(figureKeys.filter((k) => values[k] !== undefined && values[k] !== null && String(values[k]) !== (stored[k] ?? '')).map((k) => [k, String(values[k])])))}>
          {figureKeys.map((k) => (
            <Form.Item key={k} name={k} label={t(`bl.figure.${k}`)} style={{ marginBottom: 10 }}>
              <InputNumber min={0} stringMode style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Drawer>
  );
}

/** The county assessment: pick a county, a school year and a standard; see the verdicts, try changes, export, raise problems. */
export function AssessmentPanel({ schoolYears }: { schoolYears: number[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [regionId, setRegionId] = useState<string>();
  const [schoolYear, setSchoolYear] = useState(schoolYears[0]);
  const [standard, setStandard] = useState<BalanceStandard>('quality2017');
  const [changes, setChanges] = useState<Record<string, Record<string, string>>>({});
  const [trying, setTrying] = useState<School | null>(null);
  const counties = useQuery({ queryKey: ['regions', 'counties'], queryFn: () => regionsApi.list({ level: 'county', page: 1, pageSize: 200 }) });
  const county = regionId ?? counties.data?.items[0]?.id;
  const query: AssessmentQuery | null = county ? { regionId: county, schoolYear, standard } : null;
  const whatIf = Object.keys(changes).length > 0;
  const report = useQuery({
    queryKey: ['balance-assessment', query, changes],
    queryFn: () => (whatIf ? balanceApi.whatIf(query!, changes) : balanceApi.assessment(query!)),
    enabled: !!query, placeholderData: keepPreviousData,
  });
  const raise = useMutation({
    mutationFn: (input: { unitIds: string[]; county: boolean }) => balanceApi.raiseProblems(query!, input),
    onSuccess: (r) => void message.success(t('bl.report.raised', { created: r.created, skipped: r.skipped })),
    onError: (error) => void message.error(errorText(t, error)),
  });
  const data = report.data;
  const reset = (apply: () => void) => { setChanges({}); apply(); };

  return (
    <div data-testid="balance-assessment">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select style={{ width: 180 }} value={county} onChange={(v) => reset(() => setRegionId(v))} placeholder={t('bl.report.county')} loading={counties.isLoading}
          options={counties.data?.items.map((c) => ({ value: c.id, label: c.name }))} data-testid="assessment-county" showSearch={{ optionFilterProp: 'label' }} />
        <Select style={{ width: 140 }} value={schoolYear} onChange={(v) => reset(() => setSchoolYear(v))}
          options={schoolYears.map((y) => ({ value: y, label: t('bl.schoolYearLabel', { year: y }) }))} />
        <Select style={{ width: 200 }} value={standard} onChange={(v) => reset(() => setStandard(v))}
          options={(['quality2017', 'basic2012'] as const).map((s) => ({ value: s, label: t(`bl.standard.${s}`) }))} />
        {query && (
          <>
            <Button icon={<FileExcelOutlined />} href={balanceApi.exportUrl(query, 'xlsx')} disabled={whatIf}>{t('bl.report.exportXlsx')}</Button>
            <Button icon={<FilePdfOutlined />} href={balanceApi.exportUrl(query, 'pdf')} disabled={whatIf}>{t('bl.report.exportPdf')}</Button>
          </>
        )}
      </Space>
      {report.error && <ErrorResult error={report.error} />}
      {whatIf && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('bl.report.whatIfOn', { count: Object.keys(changes).length })}
          action={<Button size="small" onClick={() => setChanges({})} data-testid="what-if-reset">{t('bl.report.whatIfReset')}</Button>} />
      )}
      {data && (
        <>
          <Alert type={outcomeColor[data.outcome]} showIcon style={{ marginBottom: 16 }} data-testid="assessment-verdict"
            title={`${data.region.name} · ${t('bl.schoolYearLabel', { year: data.schoolYear })} · ${data.standard.name}（${data.standard.document}）：${t(`bl.outcome.${data.outcome}`)}`}
            description={[data.standard.adjustedBy && t('bl.rules.adjusted', { province: data.standard.adjustedBy }), ...data.verdict].filter(Boolean).join('；')} />
          {data.abilities.raiseProblems && !whatIf && data.outcome === 'notMet' && (
            <Popconfirm title={t('bl.report.raiseCountyConfirm')} onConfirm={() => raise.mutate({ unitIds: [], county: true })}>
              <Button icon={<FlagOutlined />} style={{ marginBottom: 16 }}>{t('bl.report.raiseCounty')}</Button>
            </Popconfirm>
          )}
          {data.stages.length === 0 && <Empty description={t('bl.report.noSchools')} />}
          {data.stages.map((s) => (
            <StageTable key={s.stage} stage={s} canRaise={data.abilities.raiseProblems && !whatIf} onWhatIf={setTrying}
              onRaise={(school) => raise.mutate({ unitIds: [school.unitId], county: false })} />
          ))}
          {data.assurance.some((c) => c.offenders.length) && (
            <Card size="small" title={t('bl.report.assurance')} style={{ marginBottom: 16 }}>
              <List size="small" dataSource={data.assurance.flatMap((c) => c.offenders.map((o) => `${c.item} ${o.reason}`))} renderItem={(x) => <List.Item>{x}</List.Item>} />
            </Card>
          )}
          {(data.excluded.length > 0 || data.dataErrors.length > 0) && (
            <Card size="small" title={t('bl.report.excluded')}>
              <List size="small" dataSource={data.excluded.map((x) => x.reason)} renderItem={(x) => <List.Item>{x}</List.Item>} />
            </Card>
          )}
        </>
      )}
      {trying && query && (
        <WhatIfDrawer school={trying} query={query} changes={changes[trying.unitId] ?? {}} onClose={() => setTrying(null)}
          onApply={(figures) => {
            setChanges((all) => {
              const { [trying.unitId]: _old, ...rest } = all;
              return Object.keys(figures).length ? { ...rest, [trying.unitId]: figures } : rest;
            });
            setTrying(null);
          }} />
      )}
    </div>
  );
}
