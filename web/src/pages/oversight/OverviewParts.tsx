import type { CSSProperties, ReactNode } from 'react';
import { Card, Col, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../services/client';
import type { LightCounts, Overview } from '../../services/oversight';

export const countKeys = ['red', 'yellow', 'green', 'submitted', 'verified', 'signedOff', 'total'] as const;
export type CountKey = (typeof countKeys)[number];

export const countColor: Partial<Record<CountKey, string>> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

/** The ledger rows behind a count: the light for owed items, the status for the office's queue. */
export function ledgerLink(place: { unitId?: string; regionId?: string }, key: CountKey, extra: Record<string, string> = {}): string {
  const filter: Record<CountKey, Record<string, string>> = {
    red: { light: 'red' }, yellow: { light: 'yellow' }, green: { light: 'green' }, submitted: { status: 'submitted' }, verified: { status: 'verified' },
    signedOff: { status: 'signed_off' }, total: {},
  };
  return withQuery('/rectifications', { ...place, ...filter[key], ...extra });
}

/** A count in its light's colour, linking to the ledger rows behind it; a zero is shown plain. */
export function CountLink({ value, to, k }: { value: number; to?: string; k: CountKey }) {
  const style: CSSProperties = { color: value > 0 ? countColor[k] : undefined, fontWeight: value > 0 && countColor[k] ? 600 : undefined };
  if (!to || value === 0) return <span style={value === 0 ? { color: '#bfbfbf' } : style}>{value}</span>;
  return <Link to={to} style={style}>{value}</Link>;
}

/** The light counts as cards, each opening the ledger filtered to its rows. */
export function LightCards({ totals, regionId }: { totals: LightCounts; regionId?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="light-cards">
      {countKeys.map((k) => (
        <Col key={k} flex="1 1 100px">
          <Card size="small" data-testid={`count-${k}`}>
            <Statistic
              title={t(`ov.counts.${k}`)}
              valueRender={() => (
                <Link to={ledgerLink({ regionId }, k)} style={{ color: countColor[k] ?? 'inherit' }}>{totals[k]}</Link>
              )}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type RegionRow = Overview['regions'][number];

/** One row per child region (and the region's own units), each count linking to the ledger; a region opens one level down. */
export function RegionTable({ rows, onDrill }: { rows: RegionRow[]; onDrill: (regionId: string) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<RegionRow> = [
    {
      key: 'region', title: t('ov.region'), width: 160, fixed: 'left',
      render: (_, r) => (r.self
        ? <Typography.Text>{t('ov.self', { name: r.region.name })}</Typography.Text>
        : <Typography.Link onClick={() => onDrill(r.region.id)}>{r.region.name}</Typography.Link>),
    },
    ...countKeys.map((k) => ({
      key: k, title: t(`ov.counts.${k}`), width: 96, align: 'right' as const,
      render: (_: unknown, r: RegionRow) => <CountLink k={k} value={r.counts[k]} to={r.self ? undefined : ledgerLink({ regionId: r.region.id }, k)} />,
    })),
  ];
  return <Table<RegionRow> rowKey={(r) => `${r.region.id}${r.self ? ':self' : ''}`} size="middle" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 850 }} />;
}

/** A labelled figure; the value links to its rows when it can. */
export function Figure({ title, value, to, color, span }: { title: ReactNode; value: ReactNode; to?: string; color?: string; span?: { xs: number; sm: number; md: number } }) {
  return (
    <Col {...(span ?? { xs: 12, sm: 8, md: 6 })}>
      <Statistic title={title} valueRender={() => (to ? <Link to={to} style={{ color }}>{value}</Link> : <span style={{ color }}>{value}</span>)} />
    </Col>
  );
}
