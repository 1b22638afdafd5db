import { useState } from 'react';
import { App, Button, Card, Col, Grid, Progress, Row, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { oversightApi, type ClearanceItem, type ClearanceProblem } from '../../services/oversight';
import { GradeTag, LightBadge, StatusTag } from '../rectification/RectificationParts';
import { Figure } from './OverviewParts';
import { ProblemPicker } from './ProblemPicker';

const problemColor = { open: 'default', rectifying: 'processing', closed: 'success' } as const;

/** One rectification item of a problem: where it stands, and its verification (method, date, by whom, grade). */
function ItemLine({ item }: { item: ClearanceItem }) {
  const { t } = useTranslation();
  const v = item.verification;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`item-${item.id}`}>
      <Space size={6} wrap>
        <Link to={`/rectifications/${item.id}`}>{item.unit.name}</Link>
        <StatusTag status={item.status} />
        <LightBadge light={item.light} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rc.deadline')} {item.deadline}</Typography.Text>
      </Space>
      <Space size={6} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ov.clearance.verificationLabel')}</Typography.Text>
        {v
          ? <Typography.Text style={{ fontSize: 12 }}>{t('ov.clearance.verifiedLine', { method: t(`rc.methodLabel.${v.method}`), date: dayjs(v.verifiedAt).format('YYYY-MM-DD'), by: v.verifiedBy ?? '—' })}</Typography.Text>
          : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ov.clearance.notVerified')}</Typography.Text>}
        <GradeTag grade={item.grade} />
      </Space>
      {v?.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v.note}</Typography.Text>}
    </Space>
  );
}

/** A clear-to-zero list: each problem with its status, its rectification items and their verification; totals on top. */
export default function ClearanceListDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [adding, setAdding] = useState(false);
  const narrow = !Grid.useBreakpoint().md;
  const { data, error } = useQuery({ queryKey: ['oversight', 'clearance', id], queryFn: () => oversightApi.clearanceList(id) });
  if (error) return <ErrorResult error={error} />;
  if (!data) return <Card loading />;
  const shown = onlyOpen ? data.problems.filter((p) => !p.cleared) : data.problems;
  const place = (p: ClearanceProblem) => `${p.unit?.name ?? p.region.name} · ${p.areaName} · ${p.foundOn}`;
  const tags = (p: ClearanceProblem) => (
    <>
      <Tag color={p.cleared ? 'success' : 'error'}>{p.cleared ? t('ov.clearance.clearedTag') : t('ov.clearance.notClearedTag')}</Tag>
      <Tag color={problemColor[p.status]}>{t(`rc.problemStatus.${p.status}`)}</Tag>
    </>
  );
  const items = (p: ClearanceProblem) => (p.rectifications.length === 0
    ? <Typography.Text type="secondary">{t('ov.clearance.noItems')}</Typography.Text>
    : <Space orientation="vertical" size={8} style={{ width: '100%' }}>{p.rectifications.map((i) => <ItemLine key={i.id} item={i} />)}</Space>);
  const columns: TableColumnsType<ClearanceProblem> = [
    { key: 'seq', title: '#', width: 50, render: (_, p) => data.problems.indexOf(p) + 1 },
    {
      key: 'problem', title: t('ov.clearance.problem'), width: 260,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/problems/${p.id}`}>{p.description}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{place(p)}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'cleared', title: t('ov.clearance.progress'), width: 120,
      render: (_, p) => <Space orientation="vertical" size={2}>{tags(p)}</Space>,
    },
    {
      key: 'items', title: t('ov.clearance.items'), width: 380,
      render: (_, p) => items(p),
    },
  ];
  const percent = data.totals.problems ? Math.round((data.totals.cleared / data.totals.problems) * 1000) / 10 : 0;
  return (
    <PageCard
      title={data.title}
      actions={
        <Space wrap>
          <Link to="/clearance-lists">{t('common.back')}</Link>
          {data.abilities.addProblems && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('ov.clearance.addProblems')}</Button>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{data.region.name} · {data.createdBy} · {dayjs(data.createdAt).format('YYYY-MM-DD')}</Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="clearance-totals">
        <Figure title={t('ov.clearance.problems')} value={data.totals.problems} />
        <Figure title={t('ov.clearance.cleared')} value={data.totals.cleared} color="#389e0d" />
        <Figure title={t('ov.clearance.notCleared')} value={data.totals.notCleared} color={data.totals.notCleared ? '#cf1322' : undefined} />
        <Col xs={12} sm={8} md={6}><Progress type="circle" size={72} percent={percent} /></Col>
      </Row>
      <Space style={{ marginBottom: 12 }}><Switch checked={onlyOpen} onChange={setOnlyOpen} />{t('ov.clearance.onlyNotCleared')}</Space>
      {narrow ? (
        // On a phone each problem is a card: the verification must be readable without scrolling sideways.
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {shown.map((p) => (
            <Card key={p.id} size="small" data-testid={`problem-${p.id}`}>
              <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                <Link to={`/problems/${p.id}`}>{data.problems.indexOf(p) + 1}. {p.description}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{place(p)}</Typography.Text>
                <Space size={4} wrap>{tags(p)}</Space>
                {items(p)}
              </Space>
            </Card>
          ))}
        </Space>
      ) : <Table<ClearanceProblem> rowKey="id" size="middle" columns={columns} dataSource={shown} pagination={false} scroll={{ x: 820 }} />}
      {adding && (
        <ProblemPicker
          title={t('ov.clearance.addProblems')} exclude={data.problems.map((p) => p.id)} onClose={() => setAdding(false)}
          onSubmit={async ({ problemIds }) => {
            queryClient.setQueryData(['oversight', 'clearance', id], await oversightApi.addClearanceProblems(id, problemIds));
            void queryClient.invalidateQueries({ queryKey: ['oversight', 'clearance'] });
            void message.success(t('common.saved'));
          }}
        />
      )}
    </PageCard>
  );
}
