import { ParticipationCard } from '../tasks/ParticipationCard';
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space, Table, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageCard } from '../../components/PageCard';
import { UnitSelect } from '../../components/UnitSelect';
import { useShowError } from '../../errors';
import { expertsApi, formatFen, type Expert } from '../../services/experts';
import { PersonalButton } from '../inspectors/PersonalButton';
import { usePeopleEnums } from '../inspectors/peopleEnums';
import { ExpertFormModal } from './ExpertFormModal';

export default function ExpertDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'relation' | null>(null);
  const { data: e, error, isPending } = useQuery({ queryKey: ['experts', id], queryFn: () => expertsApi.get(id) });
  const saved = (next: Expert) => {
    queryClient.setQueryData(['experts', id], next);
    void queryClient.invalidateQueries({ queryKey: ['experts', 'list'] });
    void message.success(t('common.saved'));
  };
  const remove = useMutation({ mutationFn: (relationId: string) => expertsApi.removeRelation(id, relationId), onSuccess: saved, onError: showError });
  const L = (key: string) => t(`people.experts.${key}` as never) as string;

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/experts" />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={<Space><Link to="/experts" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>{e.name}<Tag color={e.available ? 'green' : 'default'}>{e.available ? L('available') : L('unavailable')}</Tag></Space>}
        actions={
          <Space wrap>
            {e.abilities.update && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('common.edit')}</Button>}
            {e.abilities.readPersonal && <PersonalButton load={() => expertsApi.personal(e.id)} />}
          </Space>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={[
          { key: 'specialties', label: L('specialties'), children: e.specialties.join('、') },
          { key: 'employer', label: L('employer'), children: e.employer.unitId ? <Link to={`/units/${e.employer.unitId}`}>{e.employer.name}</Link> : (e.employer.name ?? '—') },
          { key: 'jobTitle', label: L('jobTitle'), children: e.jobTitle ?? '—' },
          { key: 'region', label: t('people.region'), children: e.region.name },
          { key: 'phone', label: t('people.phone'), children: e.phoneMasked ?? '—' },
          { key: 'idNumber', label: t('people.idNumber'), children: e.idNumberMasked ?? '—' },
          { key: 'remarks', label: t('people.remarks'), children: e.remarks ?? '—', span: 'filled' },
        ]} />
      </PageCard>
      <Card title={L('relations')} extra={e.abilities.update && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('relation')}>{L('addRelation')}</Button>}>
        <Table rowKey="id" size="small" pagination={false} dataSource={e.relations} scroll={{ x: 400 }} columns={[
          { key: 'unit', title: L('relationUnit'), render: (_, r) => r.unitName },
          { key: 'relation', dataIndex: 'relation', title: L('relation') },
          ...(e.abilities.update ? [{ key: 'remove', width: 80, render: (_: unknown, r: Expert['relations'][number]) => (
            <Popconfirm title={L('remove')} onConfirm={() => remove.mutate(r.id)}><Button size="small" type="link" danger>{L('remove')}</Button></Popconfirm>
          ) }] : []),
        ]} />
      </Card>
      <Card title={L('reviews')}>
        <Table rowKey="reviewId" size="small" pagination={false} dataSource={e.reviews} scroll={{ x: 500 }} columns={[
          { key: 'title', title: t('people.reviews.reviewTitle'), render: (_, r) => <Link to={`/reviews/${r.reviewId}`}>{r.title}</Link> },
          { key: 'date', dataIndex: 'startDate', title: t('people.reviews.startDate'), width: 110 },
          { key: 'role', title: t('people.reviews.role'), width: 80, render: (_, r) => enums.label('reviewRole', r.role) },
          { key: 'status', title: t('people.reviews.status'), width: 100, render: (_, r) => enums.label('reviewStatus', r.status) },
          { key: 'halfDays', dataIndex: 'halfDays', title: t('people.reviews.halfDays'), width: 100, align: 'right' },
        ]} />
      </Card>
      <Card title={L('fees')}>
        <Table rowKey="reviewId" size="small" pagination={false} dataSource={e.fees} scroll={{ x: 560 }} columns={[
          { key: 'title', title: t('people.fees.review'), render: (_, f) => <Link to={`/reviews/${f.reviewId}`}>{f.title}</Link> },
          { key: 'paidOn', dataIndex: 'paidOn', title: t('people.fees.paidOn'), width: 110 },
          { key: 'gross', title: t('people.fees.gross'), width: 110, align: 'right', render: (_, f) => formatFen(f.grossFen) },
          { key: 'tax', title: t('people.fees.tax'), width: 120, align: 'right', render: (_, f) => formatFen(f.taxFen) },
          { key: 'net', title: t('people.fees.net'), width: 110, align: 'right', render: (_, f) => formatFen(f.netFen) },
        ]} />
      </Card>
      <ParticipationCard supervision={e.supervision} />
      {dialog === 'edit' && <ExpertFormModal expert={e} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'relation' && (
        <FormModal<{ unitId: string; relation: string }> title={L('addRelation')} onClose={() => setDialog(null)} onSubmit={async (v) => saved(await expertsApi.addRelation(e.id, v))}>
          <Form.Item name="unitId" label={L('relationUnit')} rules={[{ required: true }]}><UnitSelect /></Form.Item>
          <Form.Item name="relation" label={L('relation')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
