import { useState } from 'react';
import { Card, Empty, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../components/Chart';
import { ErrorResult } from '../../components/ErrorResult';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { regionsApi } from '../../services/regions';
import { balanceApi, type BalanceStandard, type ComparisonView } from '../../services/balance';

type County = ComparisonView['counties'][number];
const outcomeColor = { met: 'success', notMet: 'error', undetermined: 'warning' } as const;
const indicatorIds = { quality2017: ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'], basic2012: ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8'] } as const;

/** A city's counties side by side in their latest school year, and one indicator's coefficient over the years. */
export default function ComparisonPanel() {
  const { t } = useTranslation();
  const [regionId, setRegionId] = useState<string>();
  const [standard, setStandard] = useState<BalanceStandard>('quality2017');
  const [stage, setStage] = useState<'primary' | 'junior'>('primary');
  const [indicator, setIndicator] = useState<string>('Q1');
  const cities = useQuery({ queryKey: ['regions', 'cities'], queryFn: () => regionsApi.list({ level: 'city', page: 1, pageSize: 1 }) });
  const counties = useQuery({ queryKey: ['regions', 'counties'], queryFn: () => regionsApi.list({ level: 'county', page: 1, pageSize: 1 }), enabled: cities.data?.total === 0 });
  const region = regionId ?? cities.data?.items[0]?.id ?? counties.data?.items[0]?.id;
  const { data, error } = useQuery({ queryKey: ['balance-comparison', region, standard], queryFn: () => balanceApi.comparison({ regionId: region!, standard }), enabled: !!region });

  const latest = (c: County) => c.years[0];
  const columns: TableColumnsType<County> = [
    { key: 'county', title: t('bl.cmp.county'), fixed: 'left', width: 130, render: (_, c) => c.name },
    { key: 'year', title: t('bl.cmp.latest'), width: 110, render: (_, c) => (latest(c) ? t('bl.schoolYearLabel', { year: latest(c).schoolYear }) : '—') },
    { key: 'outcome', title: t('bl.cmp.outcome'), width: 150, render: (_, c) => latest(c) && <Tag color={outcomeColor[latest(c).outcome]}>{t(`bl.outcome.${latest(c).outcome}`)}</Tag> },
    { key: 'schools', title: t('bl.cmp.schools'), width: 80, align: 'right', render: (_, c) => latest(c)?.schools ?? '' },
    { key: 'failing', title: t('bl.cmp.failing'), width: 100, align: 'right', render: (_, c) => latest(c)?.failingSchools ?? '' },
    ...indicatorIds[standard].map((id) => ({
      key: id, title: `${id} CV`, width: 80, align: 'right' as const,
      render: (_: unknown, c: County) => latest(c)?.stages.find((s) => s.stage === stage)?.cvs.find((x) => x.indicator === id)?.cv ?? '—',
    })),
  ];
  const years = [...(data?.schoolYears ?? [])].reverse();
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: years.map((y) => t('bl.schoolYearLabel', { year: y })) },
    yAxis: { type: 'value', min: 0 },
    series: (data?.counties ?? []).filter((c) => c.years.length).map((c) => ({
      name: c.name, type: 'line', connectNulls: true,
      data: years.map((y) => c.years.find((x) => x.schoolYear === y)?.stages.find((s) => s.stage === stage)?.cvs.find((x) => x.indicator === indicator)?.cvNumber ?? null),
    })),
  };

  return (
    <div data-testid="balance-comparison">
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionTreeSelect value={region} onChange={setRegionId} placeholder={t('bl.cmp.region')} style={{ width: 200 }} />
        <Select style={{ width: 200 }} value={standard} onChange={(v) => { setStandard(v); setIndicator(indicatorIds[v][0]); }}
          options={(['quality2017', 'basic2012'] as const).map((s) => ({ value: s, label: t(`bl.standard.${s}`) }))} />
        <Select style={{ width: 120 }} value={stage} onChange={setStage} options={(['primary', 'junior'] as const).map((s) => ({ value: s, label: t(`bl.stage.${s}`) }))} />
      </Space>
      {error && <ErrorResult error={error} />}
      {data && !data.counties.some((c) => c.years.length) && <Empty description={t('bl.cmp.empty')} />}
      {data && data.counties.some((c) => c.years.length) && (
        <>
          <Table<County> size="small" rowKey="id" columns={columns} dataSource={data.counties} pagination={false} scroll={{ x: 570 + indicatorIds[standard].length * 80 }} style={{ marginBottom: 16 }} />
          <Card size="small" title={t('bl.cmp.trend')} extra={(
            <Select size="small" style={{ width: 90 }} value={indicator} onChange={setIndicator} options={indicatorIds[standard].map((id) => ({ value: id, label: id }))} />
          )}>
            <Chart option={option} testId="balance-trend" />
          </Card>
        </>
      )}
    </div>
  );
}
