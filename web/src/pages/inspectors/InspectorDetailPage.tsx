import { ParticipationCard } from '../tasks/ParticipationCard';
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FilePdfOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageCard } from '../../components/PageCard';
import { grades, inspectorsApi, rewardKinds, type Inspector, type Term, type TermInput } from '../../services/inspectors';
import { InspectorFormModal } from './InspectorFormModal';
import { PersonalButton } from './PersonalButton';
import { usePeopleEnums } from './peopleEnums';
import { DateField } from '../../components/DateField';

type Dialog = 'edit' | 'dismiss' | 'term' | 'assessment' | 'reward' | 'training' | null;

function Section({ title, onAdd, addLabel, children }: { title: string; onAdd?: () => void; addLabel: string; children: ReactNode }) {
  return (
    <Card title={title} extra={onAdd && <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>{addLabel}</Button>}>
      {children}
    </Card>
  );
}

export default function InspectorDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data: p, error, isPending } = useQuery({ queryKey: ['inspectors', id], queryFn: () => inspectorsApi.get(id) });
  const L = (key: string) => t(`people.inspectors.${key}` as never) as string;

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/inspectors" />;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['inspectors'] });
    void message.success(t('common.saved'));
  };
  const close = () => setDialog(null);
  const write = p.abilities.update;
  const termColumns: TableColumnsType<Term> = [
    { key: 'n', title: L('termNumber'), width: 80, render: (_, r) => t('people.inspectors.termLabel', { n: r.termNumber }) },
    { key: 'authority', dataIndex: 'authority', title: L('authority'), width: 180 },
    { key: 'period', title: `${L('startDate')} ~ ${L('endDate')}`, width: 200, render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
    { key: 'certificateNo', title: L('certificateNo'), width: 140, render: (_, r) => r.certificateNo ?? '—' },
    { key: 'pdf', title: L('certificate'), width: 80, render: (_, r) => <a href={inspectorsApi.certificateUrl(p.id, r.id)} target="_blank" rel="noreferrer"><FilePdfOutlined /></a> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={<Space><Link to="/inspectors" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>{p.name}<Tag>{enums.label('status', p.status)}</Tag></Space>}
        actions={
          <Space wrap>
            {write && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('common.edit')}</Button>}
            {p.abilities.readPersonal && <PersonalButton load={() => inspectorsApi.personal(p.id)} />}
            {p.abilities.dismiss && <Button danger icon={<StopOutlined />} onClick={() => setDialog('dismiss')}>{L('dismiss')}</Button>}
          </Space>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'level', label: L('level'), children: enums.label('level', p.level) },
            { key: 'employment', label: L('employment'), children: enums.label('employment', p.employment) },
            { key: 'gender', label: L('gender'), children: p.gender ? enums.label('gender', p.gender) : '—' },
            { key: 'employer', label: L('employer'), children: p.employer ?? '—' },
            { key: 'jobTitle', label: L('jobTitle'), children: p.jobTitle ?? '—' },
            { key: 'region', label: t('people.region'), children: p.region.name },
            { key: 'phone', label: t('people.phone'), children: p.phoneMasked ?? '—' },
            { key: 'idNumber', label: t('people.idNumber'), children: p.idNumberMasked ?? '—' },
            { key: 'specialties', label: L('specialties'), children: p.specialties.join('、') || '—' },
            { key: 'recommended', label: L('recommendedLevel'), children: p.recommendedLevel ? `${enums.label('level', p.recommendedLevel)} ${p.recommendedOn ?? ''}` : '—' },
            ...(p.dismissedOn ? [{ key: 'dismissed', label: L('dismissedOn'), children: `${p.dismissedOn} ${p.dismissalReason ?? ''}` }] : []),
            { key: 'qualifications', label: L('qualifications'), children: p.qualifications ?? '—', span: 'filled' as const },
          ]}
        />
      </PageCard>
      <ParticipationCard supervision={p.supervision} />
      <Section title={L('terms')} addLabel={L('addTerm')} onAdd={write ? () => setDialog('term') : undefined}>
        <Table<Term> rowKey="id" size="small" columns={termColumns} dataSource={p.terms} pagination={false} scroll={{ x: 680 }} />
      </Section>
      <Section title={L('assessments')} addLabel={L('addAssessment')} onAdd={write ? () => setDialog('assessment') : undefined}>
        <Table<Inspector['assessments'][number]> rowKey="id" size="small" pagination={false} dataSource={p.assessments} scroll={{ x: 400 }} columns={[
          { key: 'year', dataIndex: 'year', title: L('year'), width: 80 },
          { key: 'grade', title: L('grade'), width: 110, render: (_, a) => enums.label('grade', a.grade) },
          { key: 'remarks', title: t('people.remarks'), render: (_, a) => a.remarks ?? '—' },
        ]} />
      </Section>
      <Section title={L('rewards')} addLabel={L('addReward')} onAdd={write ? () => setDialog('reward') : undefined}>
        <Table<Inspector['rewards'][number]> rowKey="id" size="small" pagination={false} dataSource={p.rewards} scroll={{ x: 500 }} columns={[
          { key: 'date', dataIndex: 'date', title: t('people.date'), width: 110 },
          { key: 'kind', title: L('rewardKind'), width: 80, render: (_, r) => <Tag color={r.kind === 'reward' ? 'green' : 'red'}>{enums.label('rewardKind', r.kind)}</Tag> },
          { key: 'title', dataIndex: 'title', title: L('rewardTitle') },
          { key: 'issuer', title: L('issuer'), width: 160, render: (_, r) => r.issuer ?? '—' },
        ]} />
      </Section>
      <Section title={L('trainings')} addLabel={L('addTraining')} onAdd={write ? () => setDialog('training') : undefined}>
        <Space wrap style={{ marginBottom: 12 }}>
          {p.trainingHoursByYear.map((y) => <Tag key={y.year} color={y.enough ? 'green' : 'orange'}>{t('people.inspectors.hoursOfYear', { year: y.year, hours: y.hours })}</Tag>)}
        </Space>
        <Table<Inspector['trainings'][number]> rowKey="id" size="small" pagination={false} dataSource={p.trainings} scroll={{ x: 500 }} columns={[
          { key: 'date', dataIndex: 'date', title: t('people.date'), width: 110 },
          { key: 'topic', dataIndex: 'topic', title: L('topic') },
          { key: 'hours', dataIndex: 'hours', title: L('hours'), width: 70, align: 'right' },
          { key: 'organizer', title: L('organizer'), width: 180, render: (_, r) => r.organizer ?? '—' },
        ]} />
      </Section>

      {dialog === 'edit' && <InspectorFormModal inspector={p} onClose={close} onSaved={refresh} />}
      {dialog === 'dismiss' && (
        <FormModal<{ dismissedOn: string; reason: string }> title={L('dismissTitle')} onClose={close} onSubmit={async (v) => { await inspectorsApi.dismiss(p.id, v); refresh(); }}>
          <Form.Item name="dismissedOn" label={L('dismissedOn')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="reason" label={L('dismissalReason')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'term' && (
        <FormModal<TermInput> title={L('addTerm')} onClose={close} initialValues={{ termNumber: (p.terms[0]?.termNumber ?? 0) + 1 }} onSubmit={async (v) => { await inspectorsApi.addTerm(p.id, { ...v, certificateNo: v.certificateNo || null }); refresh(); }}>
          <Form.Item name="termNumber" label={L('termNumber')} rules={[{ required: true }]}><InputNumber min={1} max={99} /></Form.Item>
          <Form.Item name="authority" label={L('authority')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="startDate" label={L('startDate')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="endDate" label={L('endDate')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="certificateNo" label={L('certificateNo')}><Input maxLength={50} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'assessment' && (
        <FormModal<{ year: number; grade: (typeof grades)[number]; remarks?: string }> title={L('addAssessment')} onClose={close} initialValues={{ year: new Date().getFullYear() - 1 }} onSubmit={async (v) => { await inspectorsApi.addAssessment(p.id, v); refresh(); }}>
          <Form.Item name="year" label={L('year')} rules={[{ required: true }]}><InputNumber min={1990} max={2100} /></Form.Item>
          <Form.Item name="grade" label={L('grade')} rules={[{ required: true }]}><Select options={enums.options('grade', grades)} /></Form.Item>
          <Form.Item name="remarks" label={t('people.remarks')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'reward' && (
        <FormModal<{ kind: (typeof rewardKinds)[number]; date: string; title: string; issuer?: string }> title={L('addReward')} onClose={close} initialValues={{ kind: 'reward' }} onSubmit={async (v) => { await inspectorsApi.addReward(p.id, v); refresh(); }}>
          <Form.Item name="kind" label={L('rewardKind')} rules={[{ required: true }]}><Select options={enums.options('rewardKind', rewardKinds)} /></Form.Item>
          <Form.Item name="date" label={t('people.date')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="title" label={L('rewardTitle')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="issuer" label={L('issuer')}><Input maxLength={100} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'training' && (
        <FormModal<{ date: string; topic: string; hours: number; organizer?: string }> title={L('addTraining')} onClose={close} onSubmit={async (v) => { await inspectorsApi.addTraining(p.id, v); refresh(); }}>
          <Form.Item name="date" label={t('people.date')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Form.Item name="topic" label={L('topic')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="hours" label={L('hours')} rules={[{ required: true }]}><InputNumber min={1} max={200} /></Form.Item>
          <Form.Item name="organizer" label={L('organizer')}><Input maxLength={100} /></Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
