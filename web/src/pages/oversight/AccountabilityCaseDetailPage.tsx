import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { FilePdfOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useShowError } from '../../errors';
import { filesApi } from '../../services/files';
import {
  accountabilityKinds, approvalActions, oversightApi, responseActions, type CaseAction, type CaseDetail, type CaseStep,
} from '../../services/oversight';
import { DueText, HeavierTag } from './AccountabilityCasesPage';

type StepValues = Record<string, string | null | undefined>;

const sourceLink = (c: CaseDetail) => ({ task: `/tasks/${c.source.id}`, notice: `/notices/${c.source.id}`, problem: `/problems/${c.source.id}`, rectification: `/rectifications/${c.source.id}` })[c.source.kind];

/** The fields an action asks for beyond its text; the office's steps carry their date, the others are dated today. */
function StepFields({ action }: { action: CaseAction }) {
  const { t } = useTranslation();
  const dated = !approvalActions.includes(action) && !responseActions.includes(action);
  const measure = <Select options={accountabilityKinds.map((k) => ({ value: k, label: t(`ov.accountability.kindLabel.${k}`) }))} />;
  return (
    <>
      {dated && <Form.Item name="on" label={t('ov.cases.form.on')} rules={[{ required: true }]}><DateField /></Form.Item>}
      {action === 'decide' ? (
        <>
          <Form.Item name="facts" label={t('ov.cases.decision.facts')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
          <Form.Item name="basis" label={t('ov.cases.decision.basis')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="measureKind" label={t('ov.cases.decision.measure')} rules={[{ required: true }]}>{measure}</Form.Item>
          <Form.Item name="effectiveOn" label={t('ov.cases.decision.effectiveOn')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="docNumber" label={t('ov.cases.decision.docNumber')}><Input maxLength={50} /></Form.Item>
        </>
      ) : <Form.Item name="text" label={t('ov.cases.form.text')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>}
      {action === 'notify' && <Form.Item name="statementDue" label={t('ov.cases.form.statementDue')} extra={t('ov.cases.form.statementDueHint')}><DateField /></Form.Item>}
      {action === 'publish' && (
        <Form.Item name="scope" label={t('ov.cases.publication')} rules={[{ required: true }]}>
          <Select options={(['object', 'system', 'public'] as const).map((s) => ({ value: s, label: t(`ov.cases.publicationLabel.${s}`) }))} />
        </Form.Item>
      )}
      {(action === 'decideReview' || action === 'decideAppeal') && (
        <Form.Item name="outcome" label={t('ov.cases.form.outcome')} rules={[{ required: true }]}>
          <Select options={(action === 'decideReview' ? ['upheld', 'revised'] as const : ['upheld', 'wrong'] as const).map((o) => ({ value: o, label: t(`ov.cases.form.outcomeLabel.${o}`) }))} />
        </Form.Item>
      )}
      {action === 'decideReview' && (
        <Form.Item noStyle dependencies={['outcome']}>
          {({ getFieldValue }) => getFieldValue('outcome') === 'revised' && <Form.Item name="measureKind" label={t('ov.cases.form.newMeasure')} rules={[{ required: true }]}>{measure}</Form.Item>}
        </Form.Item>
      )}
      {action === 'correct' && (
        <Form.Item name="measureKind" label={t('ov.cases.form.newMeasure')} rules={[{ required: true }]}>
          <Select options={[...accountabilityKinds.map((k) => ({ value: k, label: t(`ov.accountability.kindLabel.${k}`) })), { value: 'revoke', label: t('ov.cases.form.revoke') }]} />
        </Form.Item>
      )}
    </>
  );
}

function StepItem({ step, caseId }: { step: CaseStep; caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`step-${step.action}`}>
      <Space size={6} wrap>
        <Typography.Text strong>{step.actionName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{step.on} · {step.actor}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{step.text}</Typography.Paragraph>
      {step.files.map((f) => <a key={f.id} href={filesApi.contentUrl(f.id)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.name}</a>)}
      {step.attachable && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file }) => {
            try {
              await filesApi.upload('accountability_step', step.id, file as File);
              void queryClient.invalidateQueries({ queryKey: ['oversight', 'case', caseId] });
              void message.success(t('common.saved'));
            } catch (e) {
              showError(e);
            }
          }}
        >
          <Button size="small" type="link" icon={<UploadOutlined />}>{t('ov.cases.attach')}</Button>
        </Upload>
      )}
    </Space>
  );
}

/** One accountability case: where it stands, its deadlines and decision, the timeline of its steps and what the caller may do next. */
export default function AccountabilityCaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<CaseAction>();
  const { data: c, error } = useQuery({ queryKey: ['oversight', 'case', id], queryFn: () => oversightApi.accountabilityCase(id) });
  if (error) return <ErrorResult error={error} />;
  if (!c) return <Card loading />;
  const d = c.decision;
  const deadlines = (['open', 'statement', 'reviewRequest', 'reviewDecision', 'appealRequest', 'appealDecision', 'correction'] as const).filter((k) => c.deadlines[k]);
  return (
    <PageCard
      title={c.title}
      actions={
        <Space wrap>
          <Link to="/accountability-cases">{t('common.back')}</Link>
          {c.abilities.document && (
            <>
              <Button icon={<FileWordOutlined />} href={oversightApi.decisionUrl(c.id, 'docx')}>{t('ov.cases.decision.docx')}</Button>
              <Button icon={<FilePdfOutlined />} href={oversightApi.decisionUrl(c.id, 'pdf')} target="_blank">{t('ov.cases.decision.pdf')}</Button>
            </>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space size={8} wrap>
          <Tag color="blue" data-testid="case-status">{c.statusName}</Tag>
          <HeavierTag c={c} />
        </Space>
        {c.due && c.due.state !== 'ok' && <Alert type={c.due.state === 'overdue' ? 'error' : 'warning'} showIcon message={<DueText c={c} />} />}
        {c.abilities.actions.length > 0 && (
          <Space wrap data-testid="case-actions">
            {c.abilities.actions.map((a) => <Button key={a} type={a === 'drop' || a === 'return' ? 'default' : 'primary'} onClick={() => setActing(a)}>{t(`ov.cases.action.${a}`)}</Button>)}
          </Space>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label={t('ov.cases.unit')}>{c.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('ov.cases.office')}>{c.office.name}</Descriptions.Item>
          <Descriptions.Item label={t('ov.cases.source')}>
            <Link to={sourceLink(c)}>{t(`ov.cases.sourceKindLabel.${c.source.kind}`)} · {c.source.label || c.source.id}</Link>
            <Typography.Text type="secondary"> （{t('ov.cases.sourceEnded', { date: c.source.endedOn })}）</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('ov.cases.createdBy')}>{c.createdBy} · {dayjs(c.createdAt).format('YYYY-MM-DD')}</Descriptions.Item>
        </Descriptions>
        <Descriptions size="small" bordered title={t('ov.cases.deadlines.title')} column={{ xs: 1, sm: 2, md: 4 }}>
          {deadlines.map((k) => <Descriptions.Item key={k} label={t(`ov.cases.deadlines.${k}`)}>{c.deadlines[k]}</Descriptions.Item>)}
        </Descriptions>
        {d && (
          <Descriptions size="small" bordered title={t('ov.cases.decision.title')} column={1} data-testid="case-decision">
            <Descriptions.Item label={t('ov.cases.decision.facts')}><span style={{ whiteSpace: 'pre-wrap' }}>{d.facts}</span></Descriptions.Item>
            <Descriptions.Item label={t('ov.cases.decision.basis')}>{d.basis}</Descriptions.Item>
            <Descriptions.Item label={t('ov.cases.decision.measure')}>
              {d.measureName ?? t('ov.cases.decision.revoked')} <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{t('ov.cases.decision.inForce')}）</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('ov.cases.decision.effectiveOn')}>{d.effectiveOn}</Descriptions.Item>
            <Descriptions.Item label={t('ov.cases.decision.decidedOn')}>{d.decidedOn}{d.docNumber && ` · ${d.docNumber}`}</Descriptions.Item>
            <Descriptions.Item label={t('ov.cases.publication')}>
              {c.publication ? `${t(`ov.cases.publicationLabel.${c.publication.scope}`)} · ${t('ov.cases.publishedOn', { date: c.publication.publishedOn })}` : '—'}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Card size="small" title={t('ov.cases.steps')}>
          {c.steps.length === 0
            ? <Typography.Text type="secondary">{t('ov.cases.noSteps')}</Typography.Text>
            : <Timeline items={c.steps.map((s) => ({ key: s.id, content: <StepItem step={s} caseId={c.id} /> }))} />}
        </Card>
      </Space>
      {acting && (
        <FormModal<StepValues>
          title={t(`ov.cases.action.${acting}`)}
          initialValues={{ on: dayjs().format('YYYY-MM-DD') }}
          onClose={() => setActing(undefined)}
          onSubmit={async (v) => {
            const body: Record<string, unknown> = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
            if (acting === 'correct') body.measureKind = v.measureKind === 'revoke' ? null : v.measureKind;
            queryClient.setQueryData(['oversight', 'case', id], await oversightApi.caseStep(id, { ...body, action: acting }));
            void queryClient.invalidateQueries({ queryKey: ['oversight', 'cases'] });
            void message.success(t('common.saved'));
          }}
        >
          <StepFields action={acting} />
        </FormModal>
      )}
    </PageCard>
  );
}
