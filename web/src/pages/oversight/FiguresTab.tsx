import type { ReactNode } from 'react';
import { Card, Progress, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { withQuery } from '../../services/client';
import { oversightApi, type ItemFigures, type YearFigures } from '../../services/oversight';
import { Figure, countColor } from './OverviewParts';

type RegionRow = YearFigures['regions'][number];
type FigKey = 'items' | 'open' | 'overdue' | 'submitted' | 'verified' | 'signedOff' | 'counted' | 'onTime';

/** The on-time rate as a bar, or a dash while nothing is counted. */
export function Rate({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Progress percent={value} size="small" format={(p) => `${p}%`} status={value < 60 ? 'exception' : 'normal'} style={{ minWidth: 90, margin: 0 }} />;
}

/**
 * The year's figures for the region: notices issued by type, items open, overdue, submitted, signed off and
 * on time, per child region. Item counts open the ledger for the year (by deadline).
 */
export function FiguresTab({ year, regionId, yearSelect }: { year: number; regionId?: string; yearSelect: ReactNode }) {
  const { t } = useTranslation();
  const { data, error } = useQuery({ queryKey: ['oversight', 'figures', { year, regionId }], queryFn: () => oversightApi.figures({ year, regionId }) });
  const ledger = (place: string | undefined, filter: Record<string, string>) =>
    withQuery('/rectifications', { regionId: place, from: `${year}-01-01`, to: `${year}-12-31`, ...filter });
  const itemFigures = (f: ItemFigures, place?: string): { key: FigKey; value: number; to?: string; color?: string }[] => [
    { key: 'items', value: f.total, to: ledger(place, {}) },
    { key: 'open', value: f.open },
    { key: 'overdue', value: f.overdue, to: ledger(place, { overdue: 'true' }), color: countColor.red },
    { key: 'submitted', value: f.submitted, to: ledger(place, { status: 'submitted' }) },
    { key: 'verified', value: f.verified, to: ledger(place, { status: 'verified' }) },
    { key: 'signedOff', value: f.signedOff, to: ledger(place, { status: 'signed_off' }) },
    { key: 'counted', value: f.counted },
    { key: 'onTime', value: f.onTime },
  ];
  if (error) return <ErrorResult error={error} />;
  if (!data) return null;
  const columns: TableColumnsType<RegionRow> = [
    { key: 'region', title: t('ov.region'), width: 130, fixed: 'left', render: (_, r) => (r.self ? t('ov.self', { name: r.region.name }) : r.region.name) },
    { key: 'notices', title: t('ov.fig.notices'), width: 80, align: 'right', render: (_, r) => r.notices },
    ...itemFigures(data.items).map((f, i) => ({
      key: f.key, title: t(`ov.fig.${f.key}`), width: 80, align: 'right' as const,
      render: (_: unknown, r: RegionRow) => {
        const cell = itemFigures(r.items, r.self ? undefined : r.region.id)[i];
        return cell.to && cell.value > 0 && !r.self ? <Link to={cell.to} style={{ color: cell.color }}>{cell.value}</Link> : cell.value;
      },
    })),
    { key: 'rate', title: t('ov.fig.onTimeRate'), width: 130, render: (_, r) => <Rate value={r.items.onTimeRate} /> },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>{yearSelect}</Space>
      <Card size="small" data-testid="figures">
        <Row gutter={[16, 16]}>
          <Figure title={t('ov.fig.notices')} value={data.notices} />
          {itemFigures(data.items, regionId).map((f) => <Figure key={f.key} title={t(`ov.fig.${f.key}`)} value={f.value} to={f.value > 0 ? f.to : undefined} color={f.color} />)}
          <Figure
            title={<Space size={4}>{t('ov.fig.onTimeRate')}<Tooltip title={t('ov.fig.rateHint')}><QuestionCircleOutlined /></Tooltip></Space>}
            value={data.items.onTimeRate === null ? '—' : `${data.items.onTimeRate}%`}
          />
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 8, fontSize: 12 }}>{t('ov.fig.rateHint')}</Typography.Paragraph>
        <Space size={[8, 8]} wrap data-testid="notices-by-type">
          <Typography.Text strong>{t('ov.fig.byType')}</Typography.Text>
          {data.noticesByType.map((n) => <Tag key={n.typeKey} color={n.count > 0 ? 'blue' : undefined}>{n.name} {n.count}</Tag>)}
        </Space>
      </Card>
      <Table<RegionRow>
        rowKey={(r) => `${r.region.id}${r.self ? ':self' : ''}`} size="middle" columns={columns} dataSource={data.regions} pagination={false} scroll={{ x: 990 }}
        title={() => t('ov.fig.byRegion')}
      />
    </Space>
  );
}
