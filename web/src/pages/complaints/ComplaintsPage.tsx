import { useState } from 'react';
import { App, Badge, Button, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { ErrorResult } from '../../components/ErrorResult';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { currentLocale } from '../../i18n';
import { useAccess } from '../../session';
import { CategoriesDrawer } from './CategoriesDrawer';
import { problemsApi } from '../../services/supervision';
import {
  complaintActions, complaintStatuses, complaintsApi, satisfactionValues, type Complaint, type ComplaintAction, type ComplaintDetail,
} from '../../services/complaints';
import { complaintsZh } from '../../locales/complaints.zh-CN';
import { complaintsEn } from '../../locales/complaints.en-US';
import { addPageMessages } from '../../i18n';

addPageMessages('cp', complaintsZh, complaintsEn);

const filterKeys = ['q', 'status'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
const lightBadge = { green: 'success', yellow: 'warning', red: 'error' } as const;
const statusColor = { received: 'orange', accepted: 'processing', closed: 'success', rejected: 'default', not_ours: 'default', merged: 'default' } as const;

function StatusTag({ status }: { status: Complaint['status'] }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`cp.statusLabel.${status}`)}</Tag>;
}

function LightBadge({ light }: { light: Complaint['light'] }) {
  const { t } = useTranslation();
  if (light === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  return <Badge status={lightBadge[light]} text={t(`cp.lightLabel.${light}`)} />;
}

const dueOf = (c: Complaint) => (c.status === 'received' ? c.acknowledgeDue : c.status === 'accepted' ? c.handleDue : null);

/** The form an action asks for: what the server's body for it takes. */
function ActionFields({ action }: { action: ComplaintAction }) {
  const { t } = useTranslation();
  const { data: areas = [] } = useQuery({ queryKey: ['problem-areas'], queryFn: problemsApi.areas, staleTime: 600_000, enabled: action === 'triage' });
  const replyField = (required: boolean) => (
    <Form.Item name="reply" label={t('cp.reply')} rules={required ? [{ required: true }] : []}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
  );
  const noteField = <Form.Item name="note" label={t('cp.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>;
  switch (action) {
    case 'accept': case 'reply': return <>{replyField(false)}{noteField}</>;
    case 'reject': case 'notOurs': case 'close': return <>{replyField(true)}{noteField}</>;
    case 'transfer': return <><Form.Item name="regionId" label={t('cp.transferTo')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item>{noteField}</>;
    case 'merge': return <><Form.Item name="intoId" label={t('cp.mergeInto')} rules={[{ required: true }]}><Input /></Form.Item>{noteField}</>;
    case 'extend': return (
      <>
        <Form.Item name="days" label={t('cp.days')} rules={[{ required: true }]}><InputNumber min={1} max={30} /></Form.Item>
        <Form.Item name="reason" label={t('cp.reason')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </>
    );
    case 'triage': return (
      <>
        <Typography.Text strong>{t('cp.newProblem')}</Typography.Text>
        <Form.Item name="area" label={t('cp.problemArea')}>
          <Select allowClear options={areas.filter((a) => a.active).map((a) => ({ value: a.key, label: currentLocale() === 'en' ? a.nameEn : a.nameZh }))} />
        </Form.Item>
        <Form.Item name="description" label={t('cp.problemDescription')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="problemId" label={t('cp.existingProblem')}><Input /></Form.Item>
      </>
    );
    case 'satisfaction': return (
      <>
        <Form.Item name="satisfaction" label={t('cp.satisfaction')} rules={[{ required: true }]}>
          <Select options={satisfactionValues.map((s) => ({ value: s, label: t(`cp.satisfactionLabel.${s}`) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('cp.public.comment')}><Input maxLength={500} /></Form.Item>
        <Form.Item name="reopen" valuePropName="checked"><Checkbox>{t('cp.reopen')}</Checkbox></Form.Item>
      </>
    );
  }
}

/** What a form's values become as the action's body (a triage's one new problem is a list of one). */
function bodyOf(action: ComplaintAction, v: Record<string, unknown>): unknown {
  const clean = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  if (action !== 'triage') return clean;
  return { problems: clean.area && clean.description ? [{ area: clean.area, description: clean.description }] : [], ...(clean.problemId ? { problemId: clean.problemId } : {}) };
}

function IdentityLine({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const { data, error } = useQuery({ queryKey: ['complaint-identity', complaint.id], queryFn: () => complaintsApi.identity(complaint.id), enabled: shown, staleTime: 0, gcTime: 0 });
  if (complaint.privacy === 'anonymous') return <>{t('cp.privacyLabel.anonymous')}</>;
  const masked = `${complaint.name ?? ''} ${complaint.phone ?? ''}`;
  return (
    <Space wrap>
      <span data-testid="complaint-identity">{data ? `${data.name ?? ''} ${data.phone ?? ''}` : masked}</span>
      {complaint.abilities.identity && !data && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setShown(true)} title={t('cp.identityNote')}>{t('cp.showIdentity')}</Button>
      )}
      {error && <Typography.Text type="danger">{errorText(t, error)}</Typography.Text>}
    </Space>
  );
}

/** One complaint: what was reported, its timeline, and the actions the server allows now (the whole screen on a phone). */
function ComplaintDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<(typeof complaintActions)[number] | null>(null);
  const { data, error } = useQuery({ queryKey: ['complaint', id], queryFn: () => complaintsApi.get(id) });
  const act = async (values: Record<string, unknown>) => {
    const updated = await complaintsApi.act(id, acting![1], bodyOf(acting![0], values));
    queryClient.setQueryData(['complaint', id], updated);
    void queryClient.invalidateQueries({ queryKey: ['complaints'] });
    void message.success(t('cp.done'));
  };
  return (
    <Drawer open size={window.innerWidth < 640 ? '100%' : 640} title={data ? `${data.category.name} · ${t(`cp.statusLabel.${data.status}`)}` : t('cp.title')} onClose={onClose}>
      {error && <ErrorResult error={error} />}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="complaint-detail">
          <Space wrap>
            {complaintActions.filter(([ability]) => data.abilities[ability]).map((entry) => (
              <Button key={entry[0]} onClick={() => setActing(entry)} data-testid={`complaint-${entry[0]}`}>{t(`cp.action.${entry[0]}`)}</Button>
            ))}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('cp.description')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{data.description}</Typography.Paragraph></Descriptions.Item>
            <Descriptions.Item label={t('cp.unit')}>{data.unit?.name ?? data.unitText ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.region')}>{data.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('cp.happenedOn')}>{data.happenedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.complainant')}><IdentityLine complaint={data} /></Descriptions.Item>
            <Descriptions.Item label={t('cp.privacy')}>{t(`cp.privacyLabel.${data.privacy}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cp.due')}><Space>{dueOf(data) ?? '—'}<LightBadge light={data.light} /></Space></Descriptions.Item>
            <Descriptions.Item label={t('cp.satisfaction')}>
              {data.satisfaction ? t(`cp.satisfactionLabel.${data.satisfaction}`) : '—'}{data.reopened && <Tag style={{ marginLeft: 8 }}>{t('cp.reopenedOnce')}</Tag>}
            </Descriptions.Item>
            {data.problems.length > 0 && (
              <Descriptions.Item label={t('cp.problems')}>
                {data.problems.map((p) => <div key={p.id}><a href={`/problems/${p.id}`}>{p.description}</a></div>)}
              </Descriptions.Item>
            )}
            {data.files.length > 0 && (
              <Descriptions.Item label={t('cp.files')}>
                {data.files.map((f) => <div key={f.id}><a href={`/api/files/${f.id}/content`} target="_blank" rel="noreferrer">{f.name}</a></div>)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{t('cp.timeline')}</Typography.Title>
          <Timeline items={data.events.map((e) => ({
            key: e.id,
            children: (
              <div>
                <Typography.Text strong>{t(`cp.step.${e.step}`, { defaultValue: e.step })}</Typography.Text>
                <Typography.Text type="secondary"> · {formatDateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text>
                {e.publicText && <div style={{ whiteSpace: 'pre-wrap' }}>{e.publicText}</div>}
                {e.internalNote && <div style={{ whiteSpace: 'pre-wrap' }}><Tag>{t('cp.internal')}</Tag>{e.internalNote}</div>}
              </div>
            ),
          }))} />
        </Space>
      )}
      {acting && (
        <FormModal<Record<string, unknown>> title={t(`cp.action.${acting[0]}`)} onClose={() => setActing(null)} onSubmit={act} okText={t(`cp.action.${acting[0]}`)}>
          <ActionFields action={acting[0]} />
        </FormModal>
      )}
    </Drawer>
  );
}

/** 群众举报: the office's inbox, paged and filtered on the server, with deadlines as traffic lights. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [open, setOpen] = useState<string | null>(null);
  const [categories, setCategories] = useState(false);
  const { can } = useAccess();
  const query = { q: list.filters.q, status: parseEnum(complaintStatuses, list.filters.status), ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['complaints', query], queryFn: () => complaintsApi.list(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<Complaint> = [
    { key: 'filedAt', title: t('cp.filedAt'), width: 150, render: (_, c) => formatDateTime(c.createdAt) },
    { key: 'category', title: t('cp.category'), width: 120, render: (_, c) => c.category.name },
    { key: 'unit', title: t('cp.unit'), width: 180, render: (_, c) => c.unit?.name ?? c.unitText ?? '—' },
    { key: 'description', title: t('cp.description'), ellipsis: true, render: (_, c) => <a onClick={() => setOpen(c.id)} data-testid="complaint-open">{c.description}</a> },
    { key: 'status', title: t('cp.status'), width: 110, render: (_, c) => <StatusTag status={c.status} /> },
    { key: 'light', title: t('cp.light'), width: 130, render: (_, c) => <Space size={4} direction="vertical"><LightBadge light={c.light} /><Typography.Text type="secondary">{dueOf(c) ?? ''}</Typography.Text></Space> },
    { key: 'complainant', title: t('cp.complainant'), width: 140, render: (_, c) => (c.privacy === 'anonymous' ? t('cp.privacyLabel.anonymous') : `${c.name ?? ''} ${c.phone ?? ''}`) },
    { key: 'region', title: t('cp.region'), width: 120, render: (_, c) => c.region.name },
  ];
  return (
    <PageCard title={t('menu.complaints')} actions={(
      <Space wrap>
        {can('complaints.write') && <Button onClick={() => setCategories(true)} data-testid="categories-open">{t('cp.categories.open')}</Button>}
        <Button href="/complaint" target="_blank">{t('cp.public.title')}</Button>
      </Space>
    )}>
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="status">
          <Select allowClear placeholder={t('cp.status')} style={{ width: 140 }} options={complaintStatuses.map((s) => ({ value: s, label: t(`cp.statusLabel.${s}`) }))} />
        </Form.Item>
        <Form.Item name="q"><Input allowClear placeholder={t('cp.search')} style={{ width: 200 }} /></Form.Item>
      </FilterBar>
      <ServerTable<Complaint> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1100} />
      {open && <ComplaintDrawer id={open} onClose={() => setOpen(null)} />}
      {categories && <CategoriesDrawer onClose={() => setCategories(false)} />}
    </PageCard>
  );
}
