import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FormModal } from '../../components/FormModal';
import { UnitSelect } from '../../components/UnitSelect';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useOpenCreated } from '../../hooks/useOpenCreated';
import { useAccess } from '../../session';
import { caseStatuses, oversightApi, type CaseSourceKind, type CaseStatus, type CaseSummary } from '../../services/oversight';
import { problemsApi } from '../../services/supervision';
import { rectificationApi } from '../../services/rectification';

const dueStates = ['warning', 'overdue'] as const;
type Filters = { q?: string; status?: CaseStatus; due?: (typeof dueStates)[number] };

/** The deadline a case waits on, coloured as it runs out. */
export function DueText({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  if (!c.due) return <Typography.Text type="secondary">—</Typography.Text>;
  const { name, date, daysLeft, state } = c.due;
  const text = daysLeft < 0 ? t('ov.cases.overdueBy', { name, date, days: -daysLeft }) : daysLeft === 0 ? t('ov.cases.dueToday', { name, date }) : t('ov.cases.daysLeft', { name, date, days: daysLeft });
  return <Typography.Text type={state === 'overdue' ? 'danger' : state === 'warning' ? 'warning' : undefined} data-testid={`due-${c.id}`}>{text}</Typography.Text>;
}

/** 从重: the object's accountability events over the last 12 months, flagged at two. */
export function HeavierTag({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {c.heavier && <Tooltip title={t('ov.cases.heavierHint')}><Tag color="red">{t('ov.cases.heavier')}</Tag></Tooltip>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ov.cases.events', { count: c.recentEvents })}</Typography.Text>
    </Space>
  );
}

interface ProposeValues { unitId: string; title: string; sourceKind: CaseSourceKind; sourceId: string }

/** The unit's problems or rectification items: the supervision work a case is opened from. */
function SourceSelect({ unitId, kind, value, onChange, id }: { unitId?: string; kind?: CaseSourceKind; value?: string; onChange?: (v?: string) => void; id?: string }) {
  const { t } = useTranslation();
  const { data, isFetching } = useQuery({
    queryKey: ['oversight', 'case-source', kind, unitId], enabled: !!unitId && !!kind,
    queryFn: async () => (kind === 'problem'
      ? (await problemsApi.list({ unitId, pageSize: 50 })).items.map((p) => ({ value: p.id, label: `${p.description}（${p.foundOn}）` }))
      : (await rectificationApi.list({ unitId, sort: 'deadline', order: 'desc', pageSize: 50 })).items.map((r) => ({ value: r.id, label: `${r.demand}（${r.deadline}）` }))),
  });
  return <Select id={id} showSearch optionFilterProp="label" disabled={!unitId || !kind} loading={isFetching} value={value} onChange={onChange} placeholder={t('ov.cases.sourcePick')} options={data ?? []} />;
}

/** Accountability cases (问责) in scope, with the deadline each waits on and the 从重 flag; the office proposes new ones. */
export default function AccountabilityCasesPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(['q', 'status', 'due'] as const);
  const [form] = Form.useForm<Filters>();
  const filters: Filters = { q: list.filters.q, status: parseEnum(caseStatuses, list.filters.status), due: parseEnum(dueStates, list.filters.due) };
  useFormSync(form, filters);
  const [proposing, setProposing] = useState(false);
  const openCreated = useOpenCreated('oversight', '/accountability-cases');
  const query = { ...filters, page: list.paging.page, pageSize: list.paging.pageSize, order: list.paging.order };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'cases', query], queryFn: () => oversightApi.cases(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'title', title: t('ov.cases.title'), width: 240,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/accountability-cases/${c.id}`}>{c.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`ov.cases.sourceKindLabel.${c.source.kind}`)} · {c.source.label}</Typography.Text>
        </Space>
      ),
    },
    { key: 'unit', title: t('ov.cases.unit'), width: 180, render: (_, c) => <Space orientation="vertical" size={2}>{c.unit.name}<HeavierTag c={c} /></Space> },
    { key: 'status', title: t('ov.cases.status'), width: 150, render: (_, c) => <Tag>{c.statusName}</Tag> },
    { key: 'due', title: t('ov.cases.due'), width: 240, render: (_, c) => <DueText c={c} /> },
    { key: 'measure', title: t('ov.cases.decision.measure'), width: 120, render: (_, c) => c.decision?.measureName ?? (c.decision ? t('ov.cases.decision.revoked') : '—') },
    { key: 'office', title: t('ov.cases.office'), width: 120, render: (_, c) => c.office.name },
  ];
  return (
    <PageCard
      title={t('ov.cases.list')}
      actions={can('rectification.verify') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{t('ov.cases.propose')}</Button>}
    >
      <FilterBar<Filters> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('ov.cases.search')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder={t('ov.cases.status')} style={{ width: 170 }} options={caseStatuses.map((s) => ({ value: s, label: t(`ov.cases.statusLabel.${s}`) }))} />
        </Form.Item>
        <Form.Item name="due">
          <Select allowClear placeholder={t('ov.cases.due')} style={{ width: 130 }} options={dueStates.map((s) => ({ value: s, label: t(`ov.cases.dueFilter.${s}`) }))} />
        </Form.Item>
      </FilterBar>
      <ServerTable<CaseSummary> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1050} />
      {proposing && (
        <FormModal<ProposeValues>
          title={t('ov.cases.propose')} initialValues={{ sourceKind: 'problem' }} onClose={() => setProposing(false)}
          onSubmit={async (v) => openCreated(await oversightApi.proposeCase(v))}
        >
          <Alert type="info" showIcon message={t('ov.cases.openHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="unitId" label={t('ov.cases.unit')} rules={[{ required: true }]}><UnitSelect /></Form.Item>
          <Form.Item name="title" label={t('ov.cases.title')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="sourceKind" label={t('ov.cases.sourceKind')} rules={[{ required: true }]}>
            <Select options={(['problem', 'rectification'] as const).map((k) => ({ value: k, label: t(`ov.cases.sourceKindLabel.${k}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['unitId', 'sourceKind']}>
            {({ getFieldValue }) => (
              <Form.Item name="sourceId" label={t('ov.cases.source')} rules={[{ required: true }]}>
                <SourceSelect unitId={getFieldValue('unitId')} kind={getFieldValue('sourceKind')} />
              </Form.Item>
            )}
          </Form.Item>
        </FormModal>
      )}
    </PageCard>
  );
}
