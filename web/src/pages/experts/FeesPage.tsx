import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useAccess } from '../../session';
import { feesApi, formatFen, localities, ratePeriods, rateRoles, type LedgerItem, type Rate, type RateSet } from '../../services/experts';
import { usePeopleEnums } from '../inspectors/peopleEnums';
import { DateField } from '../../components/DateField';

/** "300.5" → 30050 fen, from the text the user typed, without floating point. */
function yuanToFen(text: string): number {
  const [whole, part = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0').slice(0, 2));
}

const rateKey = (r: Pick<Rate, 'period' | 'role' | 'locality'>) => `${r.period}:${r.role}:${r.locality}`;
const combos = ratePeriods.flatMap((period) => rateRoles.flatMap((role) => localities.map((locality) => ({ period, role, locality }))));

function Ledger({ year }: { year: number }) {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({ queryKey: ['fees', 'ledger', year, q, page], queryFn: () => feesApi.ledger({ year, q: q || undefined, page, pageSize: 20, order: 'desc' }), placeholderData: keepPreviousData });
  if (error) return <ErrorResult error={error} />;
  const L = (key: string) => t(`people.fees.${key}` as never) as string;
  const columns: TableColumnsType<LedgerItem> = [
    { key: 'paidOn', dataIndex: 'paidOn', title: L('paidOn'), width: 110 },
    { key: 'name', title: t('people.name'), width: 100, render: (_, f) => <Link to={`/experts/${f.expertId}`}>{f.name}</Link> },
    { key: 'review', title: L('review'), width: 220, render: (_, f) => <Link to={`/reviews/${f.reviewId}`}>{f.reviewTitle}</Link> },
    { key: 'role', title: t('people.reviews.role'), width: 70, render: (_, f) => enums.label('reviewRole', f.role) },
    { key: 'halfDays', dataIndex: 'halfDays', title: t('people.reviews.halfDays'), width: 90, align: 'right' },
    { key: 'gross', title: L('gross'), width: 110, align: 'right', render: (_, f) => formatFen(f.grossFen) },
    { key: 'tax', title: L('tax'), width: 120, align: 'right', render: (_, f) => formatFen(f.taxFen) },
    { key: 'net', title: L('net'), width: 110, align: 'right', render: (_, f) => formatFen(f.netFen) },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={L('searchPlaceholder')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 220 }} />
        <Button icon={<DownloadOutlined />} href={feesApi.exportUrl({ year, q: q || undefined })}>{L('export')}</Button>
      </Space>
      {data && (
        <Typography.Paragraph>
          {L('total')}：{L('gross')} {formatFen(data.totals.grossFen)} · {L('tax')} {formatFen(data.totals.taxFen)} · {L('net')} {formatFen(data.totals.netFen)}
        </Typography.Paragraph>
      )}
      <Table<LedgerItem> rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 930 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
    </>
  );
}

function ByPerson({ year }: { year: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({ queryKey: ['fees', 'people', year, page], queryFn: () => feesApi.byPerson({ year, page, pageSize: 20, order: 'desc' }), placeholderData: keepPreviousData });
  if (error) return <ErrorResult error={error} />;
  const L = (key: string) => t(`people.fees.${key}` as never) as string;
  return (
    <Table rowKey="expertId" size="middle" dataSource={data?.items} loading={isFetching} scroll={{ x: 600 }}
      pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage }}
      columns={[
        { key: 'name', title: t('people.name'), render: (_, p) => <Link to={`/experts/${p.expertId}`}>{p.name}</Link> },
        { key: 'reviews', dataIndex: 'reviews', title: L('reviewsCount'), width: 90, align: 'right' },
        { key: 'gross', title: L('gross'), width: 120, align: 'right', render: (_, p) => formatFen(p.grossFen) },
        { key: 'tax', title: L('tax'), width: 130, align: 'right', render: (_, p) => formatFen(p.taxFen) },
        { key: 'net', title: L('net'), width: 120, align: 'right', render: (_, p) => formatFen(p.netFen) },
      ]} />
  );
}

function Rates() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { data, error } = useQuery({ queryKey: ['fees', 'rates'], queryFn: feesApi.rates });
  if (error) return <ErrorResult error={error} />;
  const L = (key: string) => t(`people.fees.${key}` as never) as string;
  const label = (r: Pick<Rate, 'period' | 'role' | 'locality'>) => `${enums.label('period', r.period)} · ${enums.label('reviewRole', r.role)} · ${enums.label('locality', r.locality)}`;
  return (
    <>
      {can('fees.write') && <Button icon={<SettingOutlined />} style={{ marginBottom: 16 }} onClick={() => setOpen(true)}>{L('setRates')}</Button>}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(data ?? []).map((set: RateSet) => (
          <Card key={`${set.regionId}-${set.effectiveFrom}`} size="small" title={t('people.fees.rateSet', { region: set.regionName, date: set.effectiveFrom })}>
            <Row gutter={[16, 8]}>
              {set.rates.map((r) => <Col key={rateKey(r)} xs={24} sm={12} lg={6}>{label(r)}：<b>{formatFen(r.amountFen)}</b></Col>)}
            </Row>
          </Card>
        ))}
        {data?.length === 0 && <Typography.Text type="secondary">{t('people.none')}</Typography.Text>}
      </Space>
      {open && (
        <FormModal<Record<string, string> & { regionId: string; effectiveFrom: string }>
          title={L('setRates')}
          width={640}
          onClose={() => setOpen(false)}
          onSubmit={async (v) => {
            await feesApi.putRates({ regionId: v.regionId, effectiveFrom: v.effectiveFrom, rates: combos.map((c) => ({ ...c, amountFen: yuanToFen(String(v[rateKey(c)])) })) });
            void queryClient.invalidateQueries({ queryKey: ['fees'] });
            void message.success(t('common.saved'));
          }}
        >
          <Form.Item name="regionId" label={t('people.region')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item>
          <Form.Item name="effectiveFrom" label={L('effectiveFrom')} rules={[{ required: true }]}><DateField /></Form.Item>
          <Row gutter={16}>
            {combos.map((c) => (
              <Col key={rateKey(c)} xs={24} sm={12}>
                <Form.Item name={rateKey(c)} label={`${label(c)}（${L('amountYuan')}）`} rules={[{ required: true }]}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </FormModal>
      )}
    </>
  );
}

export default function FeesPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  return (
    <PageCard title={t('menu.fees')} actions={<Space>{t('people.fees.year')}<InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? new Date().getFullYear())} /></Space>}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'ledger', label: t('people.fees.ledger'), children: <Ledger year={year} /> },
          { key: 'people', label: t('people.fees.byPerson'), children: <ByPerson year={year} /> },
          { key: 'rates', label: t('people.fees.rates'), children: <Rates /> },
        ]}
      />
    </PageCard>
  );
}
