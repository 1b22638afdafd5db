import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { applyFieldErrors, errorText } from '../../errors';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { ApiError, type FieldError } from '../../services/client';
import { unitsApi } from '../../services/units';
import { problemsApi } from '../../services/supervision';
import { noticesApi, type Notice, type NoticeDraft, type NoticeStatus, type RectificationStatus } from '../../services/notices';

interface Ref { id: string; name: string }

export const statusColor: Record<NoticeStatus, string> = {
  draft: 'default', submitted: 'gold', approved: 'cyan', issued: 'processing', closed: 'success', withdrawn: 'error',
};

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`nt.status.${status}`)}</Tag>;
}

const rectificationColor: Record<RectificationStatus, string> = {
  pending: 'default', in_progress: 'processing', submitted: 'gold', verified: 'cyan', signed_off: 'success', cancelled: 'error',
};

export function RectificationTag({ status }: { status: RectificationStatus }) {
  const { t } = useTranslation();
  return <Tag color={rectificationColor[status]}>{t(`rc.statusLabel.${status}`)}</Tag>;
}

export function useNoticeTypes() {
  return useQuery({ queryKey: ['notice-types'], queryFn: noticesApi.types, staleTime: 300_000 });
}

/** Several units found by name on the server; the picked ones keep their names while the search changes. */
function UnitsSelect({ value, onChange, known, id }: { value?: string[]; onChange?: (v: string[]) => void; known: Ref[]; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Ref[]>(known);
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({ queryKey: ['units', 'search', q], queryFn: () => unitsApi.list({ q, pageSize: 30, active: true }) });
  const found = (data?.items ?? []).map((u) => ({ id: u.id, name: u.name }));
  const all = [...found, ...picked.filter((p) => !found.some((f) => f.id === p.id))];
  return (
    <Select id={id} mode="multiple" value={value} options={all.map((u) => ({ value: u.id, label: u.name }))} loading={isFetching}
      onChange={(next: string[]) => { setPicked(all.filter((u) => next.includes(u.id))); onChange?.(next); }}
      showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: false }} placeholder={t('units.searchPlaceholder')}
      notFoundContent={t('common.noMatch')} style={{ width: '100%' }} />
  );
}

/** Problems of the register found by their description; closed ones cannot be pursued again. */
function ProblemsSelect({ value, onChange, known, id }: { value?: string[]; onChange?: (v: string[]) => void; known: Ref[]; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Ref[]>(known);
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({ queryKey: ['problems', 'pick', q], queryFn: () => problemsApi.list({ q, pageSize: 30 }) });
  const found = (data?.items ?? []).filter((p) => p.status !== 'closed' && p.unit).map((p) => ({ id: p.id, name: `${p.unit!.name}：${p.description}` }));
  const all = [...found, ...picked.filter((p) => !found.some((f) => f.id === p.id))];
  return (
    <Select id={id} mode="multiple" value={value} options={all.map((p) => ({ value: p.id, label: p.name }))} loading={isFetching}
      onChange={(next: string[]) => { setPicked(all.filter((p) => next.includes(p.id))); onChange?.(next); }}
      showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: false }} placeholder={t('nt.searchProblem')}
      notFoundContent={t('common.noMatch')} style={{ width: '100%' }} />
  );
}

interface DraftValues {
  typeKey: string;
  title: string;
  body: string;
  issuerName?: string;
  basis?: { title: string; docNo?: string }[];
  mainUnitIds: string[];
  copyUnitIds?: string[];
  items?: { demand: string; deadline: Dayjs; unitIds?: string[]; problemIds?: string[] }[];
}

function toValues(n: Notice): DraftValues {
  return {
    typeKey: n.type.key, title: n.title, body: n.body, issuerName: n.issuerName, basis: n.basis.map((b) => ({ title: b.title, docNo: b.docNo ?? undefined })),
    mainUnitIds: n.recipients.filter((r) => r.kind === 'main').map((r) => r.unit.id),
    copyUnitIds: n.recipients.filter((r) => r.kind === 'copy').map((r) => r.unit.id),
    items: n.items.map((i) => ({ demand: i.demand, deadline: dayjs(i.deadline), unitIds: i.allMain ? [] : i.units.map((u) => u.id), problemIds: i.problems.map((p) => p.id) })),
  };
}

function toDraft(v: DraftValues): NoticeDraft {
  return {
    typeKey: v.typeKey, title: v.title, body: v.body, issuerName: v.issuerName?.trim() || null,
    basis: (v.basis ?? []).filter((b) => b.title?.trim()).map((b) => ({ title: b.title.trim(), docNo: b.docNo?.trim() || null })),
    recipients: [...v.mainUnitIds.map((unitId) => ({ unitId, kind: 'main' as const })), ...(v.copyUnitIds ?? []).map((unitId) => ({ unitId, kind: 'copy' as const }))],
    items: (v.items ?? []).map((i) => ({
      demand: i.demand, deadline: i.deadline.format('YYYY-MM-DD'), unitIds: i.unitIds?.length ? i.unitIds : null, problemIds: i.problemIds ?? [],
    })),
  };
}

/**
 * The draft editor: type, title, body, basis, main and copy recipients, items with deadlines, units and linked
 * problems. It creates a notice, or saves an existing draft.
 */
export function DraftEditor({ notice, onClose, onSaved }: { notice?: Notice; onClose: () => void; onSaved: (n: Notice) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const { data: types = [] } = useNoticeTypes();
  const knownUnits = notice?.recipients.map((r) => r.unit) ?? [];
  const knownProblems = notice?.items.flatMap((i) => i.problems.map((p) => ({ id: p.id, name: `${p.unit?.name ?? ''}：${p.description}` }))) ?? [];
  const [unitNames, setUnitNames] = useState<Map<string, string>>(new Map(knownUnits.map((u) => [u.id, u.name])));
  const mainIds = Form.useWatch('mainUnitIds', form) ?? [];
  const save = useMutation({
    mutationFn: (v: DraftValues) => (notice ? noticesApi.update(notice.id, toDraft(v)) : noticesApi.create(toDraft(v))),
    onSuccess: (n) => { onSaved(n); onClose(); },
    onError: (error: unknown) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) {
        void message.error(errorText(t, error));
        return;
      }
      // The server names recipients by their place in one list; the form holds main and copy apart.
      const mainCount = (form.getFieldValue('mainUnitIds') as string[] | undefined)?.length ?? 0;
      const fields: FieldError[] = error.fields.map((f) => {
        const m = /^recipients\.(\d+)/.exec(f.field);
        if (!m) return f.field === 'recipients' ? { ...f, field: 'mainUnitIds' } : f;
        return { ...f, field: Number(m[1]) < mainCount ? 'mainUnitIds' : 'copyUnitIds' };
      });
      const unmatched = applyFieldErrors(form, fields);
      void message.error(unmatched.length > 0 ? unmatched.map((f) => f.message).join('；') : error.message);
    },
  });
  const rememberNames = async () => {
    const ids = [...(form.getFieldValue('mainUnitIds') ?? [])] as string[];
    const missing = ids.filter((i) => !unitNames.has(i));
    if (missing.length === 0) return;
    const named = await Promise.all(missing.map((i) => unitsApi.get(i).then((u) => [u.id, u.name] as const)));
    setUnitNames((prev) => new Map([...prev, ...named]));
  };
  return (
    <Drawer open size={Math.min(880, window.innerWidth)} title={notice ? t('nt.editDraft') : t('nt.newNotice')} onClose={onClose} mask={{ closable: false }}
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>}>
      <Form<DraftValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={notice ? toValues(notice) : { typeKey: 'supervision_notice', mainUnitIds: [], copyUnitIds: [], items: [], basis: [] }}
        onValuesChange={(changed) => { if ('mainUnitIds' in changed) void rememberNames(); }}>
        <Form.Item name="typeKey" label={t('nt.type')} rules={[{ required: true }]}>
          <Select options={types.filter((ty) => ty.active || ty.key === notice?.type.key).map((ty) => ({ value: ty.key, label: ty.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('nt.title')} rules={[{ required: true, max: 200 }]}><Input placeholder={t('nt.titleHint')} /></Form.Item>
        <Form.Item name="body" label={t('nt.body')} rules={[{ required: true }]} extra={t('nt.bodyHint')}>
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
        </Form.Item>
        <Form.Item name="mainUnitIds" label={t('nt.mainRecipients')} extra={t('nt.recipientsHint')}><UnitsSelect known={knownUnits} /></Form.Item>
        <Form.Item name="copyUnitIds" label={t('nt.copyRecipients')}><UnitsSelect known={knownUnits} /></Form.Item>

        <Typography.Title level={5}>{t('nt.items')}</Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" title={t('nt.itemNo', { n: i + 1 })}
                  extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('nt.removeItem')} onClick={() => remove(field.name)} />}>
                  <Form.Item name={[field.name, 'demand']} label={t('nt.demand')} rules={[{ required: true, max: 1000 }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'deadline']} label={t('nt.deadline')} rules={[{ required: true }]}>
                    <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitIds']} label={t('nt.itemUnits')} extra={t('nt.itemUnitsHint')}>
                    <Select mode="multiple" allowClear options={mainIds.map((u) => ({ value: u, label: unitNames.get(u) ?? u }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'problemIds']} label={t('nt.linkedProblems')} extra={t('nt.linkedProblemsHint')}>
                    <ProblemsSelect known={knownProblems} />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ demand: '', unitIds: [], problemIds: [] })}>{t('nt.addItem')}</Button>
            </Space>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>{t('nt.basis')}</Typography.Title>
        <Form.List name="basis">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true, max: 200 }]} style={{ marginBottom: 0, minWidth: 240 }}>
                    <Input placeholder={t('nt.basisTitle')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'docNo']} rules={[{ max: 60 }]} style={{ marginBottom: 0, width: 180 }}>
                    <Input placeholder={t('nt.basisDocNo')} />
                  </Form.Item>
                  <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('nt.removeBasis')} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '' })}>{t('nt.addBasis')}</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="issuerName" label={t('nt.issuerName')} extra={t('nt.issuerNameHint')} style={{ marginTop: 24 }}>
          <Input allowClear />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** A reply for one of the addressed main recipients the caller answers for. */
export function ReplyModal({ noticeId, units, onClose, onDone }: { noticeId: string; units: { unit: { id: string; name: string } }[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ unitId: string; body: string }> title={t('nt.reply')} onClose={onClose} initialValues={{ unitId: units[0]?.unit.id }}
      onSubmit={(v) => noticesApi.reply(noticeId, v.unitId, v.body).then(onDone)}>
      {units.length > 1 && (
        <Form.Item name="unitId" label={t('nt.replyFor')} rules={[{ required: true }]}>
          <Select options={units.map((u) => ({ value: u.unit.id, label: u.unit.name }))} />
        </Form.Item>
      )}
      {units.length <= 1 && <Form.Item name="unitId" hidden><Input /></Form.Item>}
      <Form.Item name="body" label={t('nt.replyBody')} rules={[{ required: true, max: 5000 }]}><Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} /></Form.Item>
    </FormModal>
  );
}
