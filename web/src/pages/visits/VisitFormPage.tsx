import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Divider, Form, Image, Input, InputNumber, Modal, Radio, Select, Space, Switch, Tag, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined, FilePdfOutlined, PaperClipOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { useShowError } from '../../errors';
import { ApiError } from '../../services/client';
import { interviewGroups, problemsApi, severities, visitsApi, type Activities, type ChecklistItem, type Evidence, type Severity, type Visit } from '../../services/supervision';
import { useVisitDraft } from './useVisitDraft';
import { ensureStarted } from '../../offline/field';
import { useUploads } from './useUploads';

const emptyActivities: Activities = { reportsHeard: 0, dataVerified: false, documentsChecked: [], meetings: [], interviews: {}, notes: null };

function Thumb({ e }: { e: Evidence }) {
  const { t } = useTranslation();
  const where = e.latitude !== null && e.longitude !== null ? `${e.latitude.toFixed(5)}, ${e.longitude.toFixed(5)}` : null;
  return (
    <div style={{ width: 96 }} data-testid="evidence">
      {e.mime.startsWith('image/')
        ? <Image src={e.url} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} alt={e.name} />
        : <a href={e.url} target="_blank" rel="noreferrer"><PaperClipOutlined /> {e.name}</a>}
      <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block' }}>
        {e.capturedAt ? `${t('sv.captured')} ${e.capturedAt.replace('T', ' ').slice(0, 16)}` : t('sv.noExif')}
        {where && <><br />{where}</>}
      </Typography.Text>
    </div>
  );
}

export default function VisitFormPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const key = ['visits', id];
  const { data: visit, error } = useQuery({ queryKey: key, queryFn: async () => { await ensureStarted(id, queryClient); return visitsApi.get(id); } });
  const { data: areas = [] } = useQuery({ queryKey: ['problem-areas'], queryFn: problemsApi.areas, staleTime: 600_000 });
  const onSaved = useCallback((v: Visit) => queryClient.setQueryData(['visits', id], v), [queryClient, id]);
  const { draft, change, state, error: saveError, flush } = useVisitDraft(visit, onSaved);
  const onUploaded = useCallback((e: Evidence) => queryClient.setQueryData<Visit>(['visits', id], (v) => (v ? { ...v, evidence: [...v.evidence.filter((x) => x.id !== e.id), e] } : v)), [queryClient, id]);
  const uploads = useUploads(visit?.id, onUploaded);
  const [converting, setConverting] = useState<ChecklistItem | null>(null);
  const [convertForm] = Form.useForm<{ area: string; severity: Severity; description: string; deadline?: dayjs.Dayjs }>();

  const submit = useMutation({
    mutationFn: async () => {
      await flush();
      return visitsApi.submit(id);
    },
    onSuccess: (v) => {
      queryClient.setQueryData(key, v);
      void message.success(t('sv.submitted'));
    },
    onError: showError,
  });
  const convert = useMutation({
    mutationFn: async (values: { area: string; severity: Severity; description: string; deadline?: dayjs.Dayjs }) => {
      await flush();
      return visitsApi.toProblem(id, { itemKey: converting?.key, area: values.area, severity: values.severity, description: values.description, deadline: values.deadline?.format('YYYY-MM-DD') ?? null });
    },
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['problems'] });
      void message.success(p.recurringOfId ? t('sv.problemRecurring') : t('sv.problemCreated'));
      setConverting(null);
    },
    onError: showError,
  });
  const removeEvidence = useMutation({
    mutationFn: (evidenceId: string) => visitsApi.removeEvidence(id, evidenceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
    onError: showError,
  });

  if (error) return <ErrorResult error={error} />;
  if (!visit || !draft) return <Card loading />;
  const editable = visit.abilities.edit;
  const a = { ...emptyActivities, ...draft.activities };
  const setActivities = (patch: Partial<Activities>) => change((d) => ({ ...d, activities: { ...emptyActivities, ...d.activities, ...patch } }));
  const answers = draft.answers ?? {};
  const setAnswer = (item: ChecklistItem, value: string | number | null, note?: string | null) => change((d) => {
    const next = { ...(d.answers ?? {}) };
    if (value === null || value === '') delete next[item.key];
    else next[item.key] = { value, note: note === undefined ? next[item.key]?.note ?? null : note };
    return { ...d, answers: next };
  });
  const items = visit.checklist?.items ?? [];
  const groups = [...new Set(items.map((i) => i.area))];
  const errorFields = [...(saveError?.fields ?? []), ...(submit.error instanceof ApiError ? submit.error.fields : [])];
  const fieldError = (field: string) => errorFields.find((f) => f.field === field)?.message;
  const problemOf = (itemKey: string) => visit.problems.find((p) => p.itemKey === itemKey);
  const areaName = (k: string) => { const x = areas.find((ar) => ar.key === k); return x ? (i18n.language === 'en' ? x.nameEn : x.nameZh) : k; };
  const photoButton = (itemKey: string | null, label: string) => (
    <Upload accept={itemKey ? 'image/jpeg,image/png' : undefined} showUploadList={false} beforeUpload={(file) => { uploads.add(file, itemKey); return false; }} disabled={!editable}>
      <Button size="small" icon={itemKey ? <CameraOutlined /> : <PaperClipOutlined />} disabled={!editable}>{label}</Button>
    </Upload>
  );

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="visit-form">
      <Card size="small" title={visit.targetName} extra={<Tag color={visit.status === 'draft' ? 'orange' : 'green'}>{t(`sv.visitStatus.${visit.status}`)}</Tag>}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{visit.task.title}{visit.team ? ` · ${visit.team.name}` : ''}</Typography.Paragraph>
        {editable && (
          <Typography.Text type={state === 'invalid' ? 'danger' : 'secondary'} data-testid="save-state">
            {t(`sv.saveState.${state}`)}
          </Typography.Text>
        )}
        {saveError && <Alert type="error" showIcon title={saveError.message} style={{ marginTop: 8 }} />}
        <Form layout="vertical" disabled={!editable} style={{ marginTop: 12 }}>
          <Space wrap>
            <Form.Item label={t('sv.visitDate')} validateStatus={fieldError('visitDate') ? 'error' : undefined} help={fieldError('visitDate')}>
              <DatePicker value={draft.visitDate ? dayjs(draft.visitDate) : null} allowClear={false} inputReadOnly
                onChange={(d) => d && change((x) => ({ ...x, visitDate: d.format('YYYY-MM-DD') }))} />
            </Form.Item>
            <Form.Item label={t('sv.round')}>
              <InputNumber min={1} max={visit.taskPeriod.rounds} value={draft.round} onChange={(v) => v && change((x) => ({ ...x, round: v }))} />
            </Form.Item>
          </Space>
        </Form>
      </Card>

      <Card size="small" title={t('sv.activities')} style={{ marginTop: 12 }}>
        <Form layout="vertical" disabled={!editable}>
          <Space wrap>
            <Form.Item label={t('sv.reportsHeard')}><InputNumber min={0} max={100} value={a.reportsHeard} onChange={(v) => setActivities({ reportsHeard: v ?? 0 })} /></Form.Item>
            <Form.Item label={t('sv.dataVerified')}><Switch checked={a.dataVerified} onChange={(v) => setActivities({ dataVerified: v })} /></Form.Item>
          </Space>
          <Form.Item label={t('sv.documentsChecked')}>
            <Select mode="tags" value={a.documentsChecked} onChange={(v: string[]) => setActivities({ documentsChecked: v })} open={false} placeholder={t('sv.documentsHint')} />
          </Form.Item>
          <Divider titlePlacement="start" plain>{t('sv.meetings')}</Divider>
          {a.meetings.map((m, i) => (
            <Space key={i} wrap align="start" style={{ marginBottom: 8 }}>
              <Input placeholder={t('sv.meetingTopic')} value={m.topic} style={{ width: 180 }} onChange={(e) => setActivities({ meetings: a.meetings.map((x, j) => (j === i ? { ...x, topic: e.target.value } : x)) })} />
              <Input placeholder={t('sv.participants')} value={m.participants ?? ''} style={{ width: 180 }} onChange={(e) => setActivities({ meetings: a.meetings.map((x, j) => (j === i ? { ...x, participants: e.target.value } : x)) })} />
              <InputNumber min={0} max={10000} value={m.attendees} suffix={t('sv.people')} onChange={(v) => setActivities({ meetings: a.meetings.map((x, j) => (j === i ? { ...x, attendees: v ?? 0 } : x)) })} />
              <Button icon={<DeleteOutlined />} onClick={() => setActivities({ meetings: a.meetings.filter((_, j) => j !== i) })} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => setActivities({ meetings: [...a.meetings, { topic: t('sv.meetingDefault'), participants: '', attendees: 0 }] })}>{t('sv.addMeeting')}</Button>
          <Divider titlePlacement="start" plain>{t('sv.interviews')}</Divider>
          <Space wrap>
            {interviewGroups.map((g) => (
              <Form.Item key={g} label={t(`sv.group.${g}`)} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={10000} value={a.interviews[g] ?? 0} style={{ width: 100 }} onChange={(v) => setActivities({ interviews: { ...a.interviews, [g]: v ?? 0 } })} />
              </Form.Item>
            ))}
          </Space>
        </Form>
      </Card>

      {visit.checklist && (
        <Card size="small" title={`${visit.checklist.title}（v${visit.checklist.version}）`} style={{ marginTop: 12 }}>
          {groups.map((g) => (
            <div key={g}>
              <Divider titlePlacement="start" plain>{g}</Divider>
              {items.filter((i) => i.area === g).map((item) => {
                const answer = answers[item.key];
                const saved = visit.answers[item.key];
                const failing = saved?.failing;
                const photos = visit.evidence.filter((e) => e.itemKey === item.key);
                const problem = problemOf(item.key);
                const err = fieldError(`answers.${item.key}`);
                return (
                  <div key={item.key} data-testid={`item-${item.key}`} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <div>
                      {item.text}{item.unit ? `（${item.unit}）` : ''} {item.photoRequired && <Tag color="blue">{t('sv.photoRequired')}</Tag>}
                      {failing && <Tag color="red">{t('sv.failing')}</Tag>}
                    </div>
                    <Space wrap style={{ marginTop: 6 }}>
                      {item.type === 'yesno' && (
                        <Radio.Group disabled={!editable} optionType="button" value={answer?.value} onChange={(e) => setAnswer(item, e.target.value as string)}
                          options={[{ value: 'yes', label: t('sv.yes') }, { value: 'no', label: t('sv.no') }, { value: 'na', label: t('sv.na') }]} />
                      )}
                      {(item.type === 'score' || item.type === 'number') && (
                        <InputNumber disabled={!editable} min={item.min} max={item.max} value={typeof answer?.value === 'number' ? answer.value : null}
                          placeholder={item.type === 'score' ? `${item.min ?? 0}–${item.max ?? ''}` : undefined} onChange={(v) => setAnswer(item, v)} />
                      )}
                      {item.type === 'text' && (
                        <Input.TextArea disabled={!editable} autoSize style={{ width: 280 }} value={typeof answer?.value === 'string' ? answer.value : ''} onChange={(e) => setAnswer(item, e.target.value)} />
                      )}
                      {item.type !== 'text' && answer && (
                        <Input disabled={!editable} placeholder={t('sv.note')} value={answer.note ?? ''} style={{ width: 200 }} onChange={(e) => setAnswer(item, answer.value, e.target.value)} />
                      )}
                      {photoButton(item.key, t('sv.takePhoto'))}
                      {failing && !problem && visit.abilities.convert && (
                        <Button size="small" danger onClick={() => {
                          convertForm.setFieldsValue({ area: areas.find((x) => x.active)?.key, severity: 'medium', description: [item.text, saved?.note].filter(Boolean).join('：') });
                          setConverting(item);
                        }}>{t('sv.toProblem')}</Button>
                      )}
                      {problem && <Tag color="volcano">{t('sv.isProblem')}{problem.recurringOfId ? ` · ${t('sv.recurring')}` : ''}</Tag>}
                    </Space>
                    {err && <Typography.Text type="danger" style={{ display: 'block' }}>{err}</Typography.Text>}
                    {photos.length > 0 && <Space wrap style={{ marginTop: 6 }}>{photos.map((e) => <Thumb key={e.id} e={e} />)}</Space>}
                  </div>
                );
              })}
            </div>
          ))}
        </Card>
      )}

      <Card size="small" title={t('sv.findingsAndEvidence')} style={{ marginTop: 12 }}>
        <Input.TextArea disabled={!editable} autoSize={{ minRows: 3 }} value={draft.findings ?? ''} placeholder={t('sv.findingsHint')} onChange={(e) => change((d) => ({ ...d, findings: e.target.value }))} />
        <Space wrap style={{ marginTop: 8 }}>{photoButton(null, t('sv.attach'))}</Space>
        {uploads.pending.map((u) => (
          <div key={u.key} data-testid="pending-upload">
            <Typography.Text type={u.state === 'failed' ? 'danger' : 'secondary'}>{u.name}：{t(`sv.upload.${u.state}`)}{u.error ? `（${u.error}）` : ''}</Typography.Text>
            {u.state === 'failed' && <><Button size="small" type="link" icon={<ReloadOutlined />} onClick={() => uploads.retry(u.key)}>{t('sv.retry')}</Button><Button size="small" type="link" onClick={() => uploads.dismiss(u.key)}>{t('common.cancel')}</Button></>}
          </div>
        ))}
        <Space wrap style={{ marginTop: 8 }}>
          {visit.evidence.filter((e) => !e.itemKey).map((e) => (
            <div key={e.id}>
              <Thumb e={e} />
              {editable && <Button size="small" type="link" danger onClick={() => removeEvidence.mutate(e.id)}>{t('sv.remove')}</Button>}
            </div>
          ))}
        </Space>
        {visit.problems.length > 0 && (
          <>
            <Divider titlePlacement="start" plain>{t('sv.problemsFound')}</Divider>
            {visit.problems.map((p) => <div key={p.id}><a href={`/problems/${p.id}`}>{p.description}</a> <Tag>{areaName(p.area)}</Tag></div>)}
          </>
        )}
      </Card>

      <Space style={{ margin: '16px 0 32px' }} wrap>
        {visit.abilities.submit && <Button type="primary" size="large" loading={submit.isPending} onClick={() => submit.mutate()}>{t('sv.submit')}</Button>}
        <Button icon={<FilePdfOutlined />} href={visitsApi.feedbackUrl(id)} target="_blank">{t('sv.feedbackSheet')}</Button>
      </Space>

      <Modal open={!!converting} title={t('sv.toProblem')} onCancel={() => setConverting(null)} onOk={() => convertForm.submit()} confirmLoading={convert.isPending} destroyOnHidden>
        <Form form={convertForm} layout="vertical" onFinish={(v) => convert.mutate(v)}>
          <Form.Item name="description" label={t('sv.problemDescription')} rules={[{ required: true }]}><Input.TextArea autoSize /></Form.Item>
          <Form.Item name="area" label={t('sv.area')} rules={[{ required: true }]}>
            <Select options={areas.filter((x) => x.active).map((x) => ({ value: x.key, label: i18n.language === 'en' ? x.nameEn : x.nameZh }))} />
          </Form.Item>
          <Form.Item name="severity" label={t('sv.severity')}><Select options={severities.map((s) => ({ value: s, label: t(`sv.severityLabel.${s}`) }))} /></Form.Item>
          <Form.Item name="deadline" label={t('sv.deadline')}><DatePicker inputReadOnly /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
