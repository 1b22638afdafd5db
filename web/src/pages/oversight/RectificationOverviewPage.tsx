import { Button, Form, Input, Select, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import { oversightApi, overviewSorts, type Overview } from '../../services/oversight';
import { CountLink, LightCards, RegionTable, countKeys, ledgerLink } from './OverviewParts';
import { FiguresTab } from './FiguresTab';
import { RankingTab } from './RankingTab';
import { OverdueTab } from './OverdueTab';
import { AccountabilityTab } from './AccountabilityTab';

const tabKeys = ['units', 'regions', 'figures', 'ranking', 'overdue', 'accountability'] as const;
const filterKeys = ['q', 'regionId', 'tab', 'year'] as const;
type UnitRow = Overview['units']['items'][number] & { id: string };

/**
 * The office's overview of rectification (整改总览): counts by light today for its scope, per unit and per
 * region, each count opening the ledger rows behind it; the year's figures and ranking; the overdue list
 * from which a 通报 or 约谈通知 is drafted; accountability measures. State lives in the URL.
 */
export default function RectificationOverviewPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<{ q?: string }>();
  useFormSync(form, { q: list.filters.q });
  const regionId = list.filters.regionId;
  const tab = parseEnum(tabKeys, list.filters.tab) ?? 'units';
  const year = Number(list.filters.year) || dayjs().year();
  const sort = parseEnum(overviewSorts, list.paging.sort);
  const query = { regionId, q: list.filters.q, page: list.paging.page, pageSize: list.paging.pageSize, sort, order: list.paging.order };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'overview', query], queryFn: () => oversightApi.overview(query), placeholderData: keepPreviousData });
  const sortable = (key: string) => ({ key, sorter: true, sortOrder: list.sortOrderOf(key) });

  const unitColumns: TableColumnsType<UnitRow> = [
    {
      ...sortable('name'), title: t('ov.unit'), width: 200, fixed: 'left',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={ledgerLink({ unitId: r.unit.id }, 'total')}>{r.unit.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.region.name}</Typography.Text>
        </Space>
      ),
    },
    ...countKeys.map((k) => ({
      ...sortable(k), title: t(`ov.counts.${k}`), width: 100, align: 'right' as const,
      render: (_: unknown, r: UnitRow) => <CountLink k={k} value={r.counts[k]} to={ledgerLink({ unitId: r.unit.id }, k)} />,
    })),
  ];

  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() + 1 - i);
  const yearSelect = (
    <Select value={year} style={{ width: 110 }} onChange={(y: number) => list.set({ year: y }, false)} options={years.map((y) => ({ value: y, label: t('ov.yearValue', { year: y }) }))} />
  );

  const tabs = [
    {
      key: 'units', label: t('ov.tabs.units'),
      children: (
        <>
          <FilterBar<{ q?: string }> form={form} list={list}>
            <Form.Item name="q"><Input allowClear placeholder={t('ov.searchUnit')} style={{ width: 200 }} /></Form.Item>
          </FilterBar>
          <ServerTable<UnitRow>
            list={list} columns={unitColumns} error={null} loading={isFetching} scrollX={920}
            data={data && { total: data.units.total, items: data.units.items.map((r) => ({ ...r, id: r.unit.id })) }}
          />
        </>
      ),
    },
    {
      key: 'regions', label: t('ov.tabs.regions'),
      children: data && <RegionTable rows={data.regions} onDrill={(id) => list.set({ regionId: id, tab: 'units' })} />,
    },
    { key: 'figures', label: t('ov.tabs.figures'), children: <FiguresTab year={year} regionId={regionId} yearSelect={yearSelect} /> },
    { key: 'ranking', label: t('ov.tabs.ranking'), children: <RankingTab year={year} regionId={regionId} yearSelect={yearSelect} /> },
    ...(can('rectification.verify') ? [{ key: 'overdue', label: t('ov.tabs.overdue'), children: <OverdueTab regionId={regionId} /> }] : []),
    { key: 'accountability', label: t('ov.tabs.accountability'), children: <AccountabilityTab year={year} yearSelect={yearSelect} /> },
  ];

  return (
    <PageCard
      title={t('ov.overview')}
      actions={can('regions.read') && (
        <Space wrap>
          <RegionTreeSelect value={regionId} placeholder={t('ov.allRegions')} style={{ width: 200 }} onChange={(id) => list.set({ regionId: id })} />
          {regionId && <Button onClick={() => list.set({ regionId: undefined })}>{t('ov.allRegions')}</Button>}
        </Space>
      )}
    >
      {error ? <ErrorResult error={error} /> : data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="as-of">
            {data.region ? `${data.region.name} · ` : ''}{t('ov.asOf', { date: data.today, days: data.yellowDays })}
          </Typography.Paragraph>
          <LightCards totals={data.totals} regionId={regionId} />
        </>
      )}
      <Tabs activeKey={tab} onChange={(key) => list.set({ tab: key }, false)} items={tabs} destroyOnHidden />
    </PageCard>
  );
}
