import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Skeleton, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageCard } from '../../components/PageCard';
import { errorText, useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useAccess } from '../../session';
import { formatFen, reviewsApi, type Draw, type FeeLine, type Review, type ReviewExpert } from '../../services/experts';
import { usePeopleEnums } from '../inspectors/peopleEnums';

function DrawCard({ review, draw }: { review: Review; draw: Draw }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const showError = useShowError();
  const verify = useMutation({
    mutationFn: () => reviewsApi.verify(review.id, draw.id),
    onSuccess: (r) => void (r.ok ? message.success(t('people.reviews.verified')) : message.error(t('people.reviews.verifyFailed'))),
    onError: showError,
  });
  return (
    <Card size="small" type="inner" title={<Space>{t('people.reviews.drawSeq', { seq: draw.seq })}{draw.replaces && <Tag>{t('people.reviews.replacement')}</Tag>}{draw.specialty && <Tag color="blue">{draw.specialty}</Tag>}</Space>}
      extra={<Button size="small" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>{t('people.reviews.verify')}</Button>}>
      <Descriptions size="small" column={1} items={[
        { key: 'result', label: t('people.reviews.result'), children: draw.result.map((r) => r.name).join('、') },
        { key: 'candidates', label: t('people.reviews.candidates', { count: draw.candidates.length }), children: draw.candidates.map((c) => c.name).join('、') },
        { key: 'exclusions', label: t('people.reviews.exclusions', { count: draw.exclusions.length }), children: draw.exclusions.map((x) => `${x.name}（${x.reasons.map((r) => enums.label('exclusion', r)).join('、')}）`).join('；') || '—' },
        { key: 'seed', label: t('people.reviews.seed'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{draw.seed}</Typography.Text> },
        { key: 'algorithm', label: t('people.reviews.algorithm'), children: draw.algorithm },
        { key: 'by', label: t('people.reviews.drawnBy'), children: `${draw.drawnBy ?? '—'} ${formatDateTime(draw.drawnAt)}` },
      ]} />
    </Card>
  );
}

function FeeSheetCard({ review }: { review: Review }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['reviews', review.id, 'fees', review.experts], queryFn: () => reviewsApi.fees(review.id), retry: false });
  const settle = useMutation({
    mutationFn: () => reviewsApi.settle(review.id),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: ['reviews'] }); void message.success(t('common.saved')); },
    onError: showError,
  });
  const L = (key: string) => t(`people.fees.${key}` as never) as string;
  const columns: TableColumnsType<FeeLine> = [
    { key: 'name', dataIndex: 'name', title: t('people.name'), width: 110 },
    { key: 'role', title: t('people.reviews.role'), width: 80, render: (_, f) => enums.label('reviewRole', f.role) },
    { key: 'locality', title: t('people.reviews.travelling'), width: 80, render: (_, f) => enums.label('locality', f.travelling ? 'travelling' : 'local') },
    { key: 'halfDays', dataIndex: 'halfDays', title: t('people.reviews.halfDays'), width: 90, align: 'right' },
    { key: 'gross', title: L('gross'), width: 110, align: 'right', render: (_, f) => formatFen(f.grossFen) },
    { key: 'tax', title: L('tax'), width: 120, align: 'right', render: (_, f) => formatFen(f.taxFen) },
    { key: 'net', title: L('net'), width: 110, align: 'right', render: (_, f) => formatFen(f.netFen) },
  ];
  return (
    <Card title={L('sheet')} extra={review.abilities.settle && data && !data.settled && data.items.length > 0 && (
      <Popconfirm title={L('settleConfirm')} onConfirm={() => settle.mutate()}><Button type="primary" loading={settle.isPending}>{L('settle')}</Button></Popconfirm>
    )}>
      {error ? <Alert type="warning" showIcon title={errorText(t, error)} /> : data && (
        <>
          <Typography.Paragraph type="secondary">
            {t('people.fees.rateSet', { region: data.rateSet.regionName, date: data.rateSet.effectiveFrom })}
            {` · ${t('people.fees.payer', { name: data.payerName })}`}
            {data.settledAt && ` · ${t('people.fees.settledAt', { at: formatDateTime(data.settledAt) })}`}
          </Typography.Paragraph>
          <Table<FeeLine> rowKey="expertId" size="small" pagination={false} columns={columns} dataSource={data.items} scroll={{ x: 700 }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>{L('total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatFen(data.totals.grossFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{formatFen(data.totals.taxFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{formatFen(data.totals.netFen)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )} />
        </>
      )}
    </Card>
  );
}

export default function ReviewDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ kind: 'draw' } | { kind: 'decline' | 'attendance'; expert: ReviewExpert } | null>(null);
  const { data: r, error, isPending } = useQuery({ queryKey: ['reviews', id], queryFn: () => reviewsApi.get(id) });
  const L = (key: string) => t(`people.reviews.${key}` as never) as string;
  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/reviews" />;
  const saved = (next: Review) => {
    queryClient.setQueryData(['reviews', id], next);
    void queryClient.invalidateQueries({ queryKey: ['reviews', 'list'] });
  };
  const close = () => setDialog(null);
  const columns: TableColumnsType<ReviewExpert> = [
    { key: 'name', title: t('people.name'), width: 110, render: (_, e) => <Link to={`/experts/${e.expertId}`}>{e.name}</Link> },
    { key: 'role', title: L('role'), width: 80, render: (_, e) => enums.label('reviewRole', e.role) },
    { key: 'status', title: L('status'), width: 160, render: (_, e) => <Tag color={e.status === 'drawn' ? 'green' : 'default'}>{enums.label('reviewStatus', e.status)}{e.declineReason ? `：${e.declineReason}` : ''}</Tag> },
    { key: 'halfDays', dataIndex: 'halfDays', title: L('halfDays'), width: 90, align: 'right' },
    { key: 'travelling', title: L('travelling'), width: 80, render: (_, e) => (e.travelling ? '✓' : '—') },
    ...(r.abilities.update ? [{
      key: 'actions', title: t('common.actions'), width: 170, render: (_: unknown, e: ReviewExpert) => e.status === 'drawn' && (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'attendance', expert: e })}>{L('attendance')}</Button>
          <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'decline', expert: e })}>{L('decline')}</Button>
        </Space>
      ),
    }] : []),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={<Space><Link to="/reviews" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>{r.title}</Space>}
        actions={r.abilities.draw && <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setDialog({ kind: 'draw' })}>{L('draw')}</Button>}
      >
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={[
          { key: 'unit', label: L('reviewedUnit'), children: r.reviewedUnit?.name ?? '—' },
          { key: 'dates', label: `${L('startDate')} ~ ${L('endDate')}`, children: `${r.startDate} ~ ${r.endDate}` },
          { key: 'region', label: t('people.region'), children: r.region.name },
          { key: 'location', label: L('location'), children: r.location ?? '—' },
        ]} />
      </PageCard>
      <Card title={L('experts')}>
        <Table<ReviewExpert> rowKey="expertId" size="small" pagination={false} columns={columns} dataSource={r.experts} scroll={{ x: 700 }} />
      </Card>
      {can('fees.read') && r.experts.length > 0 && <FeeSheetCard review={r} />}
      <Card title={L('draws')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {r.draws.length === 0 ? <Typography.Text type="secondary">{t('people.none')}</Typography.Text> : r.draws.map((d) => <DrawCard key={d.id} review={r} draw={d} />)}
        </Space>
      </Card>
      {dialog?.kind === 'draw' && (
        <FormModal<{ specialty?: string; count: number }> title={L('drawTitle')} okText={L('drawConfirm')} initialValues={{ count: 3 }} onClose={close} onSubmit={async (v) => saved(await reviewsApi.draw(r.id, { specialty: v.specialty || null, count: v.count }))}>
          <Form.Item name="specialty" label={t('people.experts.specialty')}><Input placeholder={L('anySpecialty')} maxLength={30} /></Form.Item>
          <Form.Item name="count" label={L('count')} rules={[{ required: true }]}><InputNumber min={1} max={50} /></Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'decline' && (
        <FormModal<{ reason: string; replace: boolean }> title={`${L('declineTitle')}：${dialog.expert.name}`} initialValues={{ replace: true }} onClose={close}
          onSubmit={async (v) => saved(await reviewsApi.decline(r.id, dialog.expert.expertId, v))}>
          <Form.Item name="reason" label={L('reason')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="replace" valuePropName="checked"><Checkbox>{L('replace')}</Checkbox></Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'attendance' && (
        <FormModal<{ role: 'leader' | 'member'; halfDays: number; travelling: boolean }> title={`${L('attendanceTitle')}：${dialog.expert.name}`} onClose={close}
          initialValues={{ role: dialog.expert.role, halfDays: dialog.expert.halfDays, travelling: dialog.expert.travelling }}
          onSubmit={async (v) => saved(await reviewsApi.attendance(r.id, dialog.expert.expertId, v))}>
          <Form.Item name="role" label={L('role')}><Select options={enums.options('reviewRole', ['leader', 'member'])} /></Form.Item>
          <Form.Item name="halfDays" label={L('halfDays')}><InputNumber min={0} max={60} /></Form.Item>
          <Form.Item name="travelling" label={L('travelling')} valuePropName="checked"><Switch /></Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
