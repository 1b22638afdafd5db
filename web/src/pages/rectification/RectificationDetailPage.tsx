import { useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Image, Input, InputNumber, Radio, Select, Space, Tag, Timeline, Typography, Upload,
  type UploadFile,
} from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { api, type Page } from '../../services/client';
import type { VisitListItem } from '../../services/supervision';
import { actionKeys, rectificationApi, type ActionKey, type Extension, type Rectification, type RectificationEvent } from '../../services/rectification';
import { formatDateTime, formatFileSize } from '../../format';
import { DeadlineText, GradeTag, LightBadge, PercentBar, StatusTag } from './RectificationParts';

const MAX_FILES = 10;
const acceptedFiles = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt';
const dateValue = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/**
 * One rectification item: where it stands (light, deadline and extension, progress, grade), what it answers
 * for (notice, problems), its timeline with evidence, and the buttons the server's abilities allow this
 * caller — the owner's (plan, progress with photos, submit, extension) or the supervising office's.
 */
export default function RectificationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const { data: r, error } = useQuery({ queryKey: ['rectifications', id], queryFn: () => rectificationApi.get(id) });
  if (error) return <ErrorResult error={error} />;
  if (!r) return <Card loading />;

  /** A saved action: show the item as the server now has it, refresh the lists, say what happened. */
  const done = (action: ActionKey) => (saved: Rectification) => {
    queryClient.setQueryData(['rectifications', id], saved);
    void queryClient.invalidateQueries({ queryKey: ['rectifications', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['problems'] });
    void message.success(t(`rc.done.${action}`));
  };
  const offered = actionKeys.filter((a) => r.abilities[a]);
  const pending = r.extensions.find((x) => x.status === 'pending');
  const close = () => setOpen(null);

  return (
    <Card
      data-testid="rectification-detail"
      title={<Space wrap><span>{t('rc.item')}</span><StatusTag status={r.status} />{r.light !== 'none' && <LightBadge light={r.light} />}</Space>}
    >
      {r.side && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(r.side === 'owner' ? 'rc.sideOwner' : 'rc.sideOffice')} />}
      {offered.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {offered.map((a) => (
            <Button key={a} type={a === 'submit' || a === 'verify' || a === 'signOff' ? 'primary' : 'default'} danger={a === 'sendBack'}
              icon={a === 'progress' ? <CameraOutlined /> : undefined} onClick={() => setOpen(a)}>
              {t(`rc.action.${a}`)}
            </Button>
          ))}
        </Space>
      )}
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('rc.demand')} span={2}>{r.demand}</Descriptions.Item>
        <Descriptions.Item label={t('rc.unit')}>{r.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('rc.office')}>{r.office.name}</Descriptions.Item>
        <Descriptions.Item label={t('rc.deadline')}>
          <DeadlineText item={r} />
          {pending && <Tag color="orange" style={{ marginTop: 4 }}>{t('rc.extensions')}：{t('rc.extensionStatus.pending')} {pending.requestedDeadline}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('rc.percent')}><PercentBar percent={r.percent} /></Descriptions.Item>
        <Descriptions.Item label={t('rc.grade')}>
          <Space wrap size={4}>
            <GradeTag grade={r.grade} />
            {r.sentBackCount > 0 && <Tag>{t('rc.sentBack', { count: r.sentBackCount })}</Tag>}
            {r.reopenedCount > 0 && <Tag>{t('rc.reopened', { count: r.reopenedCount })}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('rc.responsiblePerson')}>{r.responsiblePerson ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('rc.measures')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.measures ?? '—'}</Typography.Paragraph></Descriptions.Item>
        {r.notice && (
          <Descriptions.Item label={t('rc.notice')} span={2}>
            <Link to={`/notices/${r.notice.id}`}>{r.notice.docNumber ? `${r.notice.docNumber} ` : ''}{r.notice.title}</Link>
            {r.noticeItem && <Typography.Text type="secondary">（{t('rc.noticeItem')} {r.noticeItem.seq}）</Typography.Text>}
          </Descriptions.Item>
        )}
        {r.task && <Descriptions.Item label={t('rc.task')} span={2}><Link to={`/tasks/${r.task.id}`}>{r.task.title}</Link></Descriptions.Item>}
        <Descriptions.Item label={t('rc.problems')} span={2}>
          {r.problems.length === 0 ? '—' : (
            <Space orientation="vertical" size={2}>
              {r.problems.map((p) => (
                <Space key={p.id} size={4} wrap>
                  <Link to={`/problems/${p.id}`}>{p.description}</Link>
                  <Tag>{t(`rc.problemStatus.${p.status as 'open' | 'rectifying' | 'closed'}`)}</Tag>
                </Space>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        {r.verification && (
          <Descriptions.Item label={t('rc.verification')} span={2}>
            <Space orientation="vertical" size={0}>
              <span>
                {t(`rc.methodLabel.${r.verification.method}`)}
                {r.verification.visit && <> · <Link to={`/visits/${r.verification.visit.id}`}>{r.verification.visit.visitDate}</Link></>}
                {' · '}{r.verification.verifiedBy ?? '—'} · {formatDateTime(r.verification.verifiedAt)}
              </span>
              {r.verification.note && <Typography.Text type="secondary">{r.verification.note}</Typography.Text>}
            </Space>
          </Descriptions.Item>
        )}
        {r.signedOffAt && <Descriptions.Item label={t('rc.signedOffAt')}>{formatDateTime(r.signedOffAt)}</Descriptions.Item>}
      </Descriptions>

      {r.extensions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>{t('rc.extensions')}</Typography.Title>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {r.extensions.map((x) => <ExtensionLine key={x.id} x={x} />)}
          </Space>
        </>
      )}

      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('rc.timeline')}</Typography.Title>
      <Typography.Text type="secondary">{t('rc.evidenceCount', { count: r.evidenceCount })}</Typography.Text>
      <Timeline style={{ marginTop: 16 }} items={[...r.events].reverse().map((e) => ({ key: e.id, color: eventColor(e), content: <EventEntry e={e} /> }))} />

      {open === 'plan' && (
        <FormModal<{ responsiblePerson: string; measures: string }> title={t('rc.action.plan')} onClose={close}
          initialValues={{ responsiblePerson: r.responsiblePerson ?? '', measures: r.measures ?? '' }}
          onSubmit={async (v) => done('plan')(await rectificationApi.plan(id, v))}>
          <Form.Item name="responsiblePerson" label={t('rc.responsiblePerson')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
          <Form.Item name="measures" label={t('rc.measures')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={5} /></Form.Item>
        </FormModal>
      )}
      {open === 'progress' && <ProgressModal item={r} onClose={close} onSaved={done('progress')} />}
      {open === 'submit' && (
        <FormModal<{ text: string }> title={t('rc.action.submit')} onClose={close} onSubmit={async (v) => done('submit')(await rectificationApi.submit(id, v))}>
          {r.evidenceCount === 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('rc.noEvidenceHint')} />}
          <Form.Item name="text" label={t('rc.form.submitText')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={4} /></Form.Item>
        </FormModal>
      )}
      {open === 'requestExtension' && (
        <FormModal<{ requestedDeadline: dayjs.Dayjs; reason: string }> title={t('rc.action.requestExtension')} onClose={close}
          onSubmit={async (v) => done('requestExtension')(await rectificationApi.requestExtension(id, { requestedDeadline: dateValue(v.requestedDeadline), reason: v.reason }))}>
          <Form.Item name="requestedDeadline" label={t('rc.form.requestedDeadline')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => dateValue(d) <= r.deadline} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('rc.form.reason')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        </FormModal>
      )}
      {open === 'sendBack' && (
        <FormModal<{ reason: string; poor?: boolean }> title={t('rc.action.sendBack')} onClose={close}
          onSubmit={async (v) => done('sendBack')(await rectificationApi.sendBack(id, { reason: v.reason, grade: v.poor ? 'poor' : undefined }))}>
          <Form.Item name="reason" label={t('rc.form.sendBackReason')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="poor" valuePropName="checked"><Checkbox>{t('rc.form.markPoor')}</Checkbox></Form.Item>
        </FormModal>
      )}
      {open === 'verify' && <VerifyModal item={r} onClose={close} onSaved={done('verify')} />}
      {open === 'signOff' && (
        <FormModal<{ note?: string }> title={t('rc.action.signOff')} onClose={close} onSubmit={async (v) => done('signOff')(await rectificationApi.signOff(id, v))}>
          <Typography.Paragraph>{t('rc.confirmSignOff')}</Typography.Paragraph>
          <Form.Item name="note" label={t('rc.form.signOffNote')} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        </FormModal>
      )}
      {open === 'decideExtension' && pending && (
        <FormModal<{ approve: boolean; note?: string }> title={t('rc.action.decideExtension')} onClose={close} initialValues={{ approve: true }}
          onSubmit={async (v) => done('decideExtension')(await rectificationApi.decideExtension(id, pending.id, v))}>
          <ExtensionLine x={pending} />
          <Form.Item name="approve" label={t('rc.form.approve')} rules={[{ required: true }]} style={{ marginTop: 12 }}>
            <Radio.Group options={[{ value: true, label: t('rc.form.approveYes') }, { value: false, label: t('rc.form.approveNo') }]} />
          </Form.Item>
          <Form.Item name="note" label={t('rc.form.decisionNote')} rules={[{ max: 2000 }]}><Input.TextArea rows={2} /></Form.Item>
        </FormModal>
      )}
      {open === 'reopen' && (
        <FormModal<{ reason: string; deadline: dayjs.Dayjs }> title={t('rc.action.reopen')} onClose={close}
          onSubmit={async (v) => done('reopen')(await rectificationApi.reopen(id, { reason: v.reason, deadline: dateValue(v.deadline) }))}>
          <Form.Item name="reason" label={t('rc.form.reopenReason')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="deadline" label={t('rc.form.newDeadline')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

function eventColor(e: RectificationEvent): string {
  if (e.kind === 'send_back' || e.kind === 'reopen' || e.kind === 'extension_refused' || e.kind === 'cancel') return 'red';
  if (e.kind === 'verify' || e.kind === 'sign_off' || e.kind === 'extension_approved') return 'green';
  if (e.kind === 'submit') return 'purple';
  return 'blue';
}

function EventEntry({ e }: { e: RectificationEvent }) {
  const { t } = useTranslation();
  const known = ['created', 'plan', 'progress', 'submit', 'send_back', 'verify', 'sign_off', 'reopen', 'cancel', 'extension_requested', 'extension_approved', 'extension_refused'] as const;
  const kind = known.find((k) => k === e.kind);
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Typography.Text strong>{kind ? t(`rc.event.${kind}`) : e.kind}</Typography.Text>
        {e.percent !== null && <Tag>{e.percent}%</Tag>}
        {e.grade && <GradeTag grade={e.grade} />}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName ?? '—'} · {formatDateTime(e.at)}</Typography.Text>
      {e.text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.text}</Typography.Paragraph>}
      {e.files.length > 0 && (
        <Space wrap>
          {e.files.map((f) => (f.mime.startsWith('image/')
            ? <Image key={f.id} src={f.url} alt={f.name} width={96} height={96} style={{ objectFit: 'cover' }} />
            : <a key={f.id} href={f.url}>{f.name}（{formatFileSize(f.size)}）</a>))}
        </Space>
      )}
    </Space>
  );
}

function ExtensionLine({ x }: { x: Extension }) {
  const { t } = useTranslation();
  const color = { pending: 'orange', approved: 'green', refused: 'red', withdrawn: 'default' }[x.status];
  return (
    <Space orientation="vertical" size={0}>
      <Space wrap size={4}>
        <Tag color={color}>{t(`rc.extensionStatus.${x.status}`)}</Tag>
        <span>{t('rc.extensionLine', { from: x.currentDeadline, to: x.requestedDeadline })}</span>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.requestedBy} · {formatDateTime(x.requestedAt)}：{x.reason}</Typography.Text>
      {x.decidedBy && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.decidedBy} · {formatDateTime(x.decidedAt)}{x.decisionNote ? `：${x.decisionNote}` : ''}</Typography.Text>}
    </Space>
  );
}

/** A progress report: text, percent, and photos taken on the phone or files chosen, sent in one request. */
function ProgressModal({ item, onClose, onSaved }: { item: Rectification; onClose: () => void; onSaved: (r: Rectification) => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ text: string; percent: number; files?: UploadFile[] }> title={t('rc.action.progress')} onClose={onClose} initialValues={{ percent: item.percent, files: [] }}
      onSubmit={async (v) => onSaved(await rectificationApi.report(item.id, { text: v.text, percent: v.percent },
        (v.files ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f)))}>
      <Form.Item name="text" label={t('rc.form.text')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={4} placeholder={t('rc.form.textHint')} /></Form.Item>
      <Form.Item name="percent" label={t('rc.percent')} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} precision={0} suffix="%" placeholder={t('rc.form.percentHint')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="files" label={t('rc.form.files')} extra={t('rc.form.filesHint')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        rules={[{ validator: async (_, files?: UploadFile[]) => { if ((files?.length ?? 0) > MAX_FILES) throw new Error(t('rc.form.tooManyFiles')); } }]}>
        <Upload listType="picture" multiple accept={acceptedFiles} beforeUpload={() => false}>
          <Button icon={<CameraOutlined />}>{t('rc.form.addFiles')}</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

/** Verify on documents or on site (through a visit to the unit), with the grade 好 / 较好 / 一般; 差 is a send-back. */
function VerifyModal({ item, onClose, onSaved }: { item: Rectification; onClose: () => void; onSaved: (r: Rectification) => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'documents' | 'on_site'>('documents');
  const { data: visits } = useQuery({
    queryKey: ['visits', 'list', { unitId: item.unit.id }],
    queryFn: () => api.get<Page<VisitListItem>>('/api/visits', { unitId: item.unit.id, pageSize: 50 }),
    enabled: method === 'on_site',
  });
  return (
    <FormModal<{ method: 'documents' | 'on_site'; visitId?: string; note: string; grade: 'good' | 'fair' | 'average' }> title={t('rc.action.verify')} onClose={onClose}
      initialValues={{ method: 'documents' }}
      onSubmit={async (v) => onSaved(await rectificationApi.verify(item.id, { ...v, visitId: v.method === 'on_site' ? v.visitId : null }))}>
      <Form.Item name="method" label={t('rc.form.method')} rules={[{ required: true }]}>
        <Radio.Group onChange={(e) => setMethod(e.target.value as 'documents' | 'on_site')}
          options={(['documents', 'on_site'] as const).map((m) => ({ value: m, label: t(`rc.methodLabel.${m}`) }))} />
      </Form.Item>
      {method === 'on_site' && (
        <Form.Item name="visitId" label={t('rc.form.visit')} rules={[{ required: true }]}>
          <Select placeholder={t('rc.form.visitHint')} loading={!visits}
            options={(visits?.items ?? []).map((v) => ({ value: v.id, label: `${v.visitDate} · ${v.task.title}` }))} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('rc.form.note')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="grade" label={t('rc.grade')} rules={[{ required: true }]}>
        <Radio.Group options={(['good', 'fair', 'average'] as const).map((g) => ({ value: g, label: t(`rc.gradeLabel.${g}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
