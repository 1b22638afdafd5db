import { Button, DatePicker, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useAccess } from '../../session';
import {
  lights, origins, rectificationApi, rectificationStatuses, type RectificationFilters, type RectificationListItem,
} from '../../services/rectification';
import { DeadlineText, GradeTag, LightBadge, PercentBar, StatusTag } from './RectificationParts';

const filterKeys = ['q', 'status', 'light', 'overdue', 'origin', 'regionId', 'unitId', 'noticeId', 'taskId', 'problemId', 'periodOn', 'from', 'to'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>> & { period?: [dayjs.Dayjs, dayjs.Dayjs] };

const lightDot = { green: '🟢', yellow: '🟡', red: '🔴' } as const;

/**
 * The rectification ledger (整改台账): every item the caller may see, with its light computed from today;
 * a notice, task or problem page links here with its id as a filter. The export follows the filters.
 */
export default function RectificationsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, { ...list.filters, period: list.filters.from && list.filters.to ? [dayjs(list.filters.from), dayjs(list.filters.to)] : undefined } as FilterValues);
  const raw = list.filters;
  const filters: RectificationFilters = {
    q: raw.q, status: parseEnum(rectificationStatuses, raw.status), light: parseEnum(lights, raw.light), overdue: parseEnum(['true', 'false'] as const, raw.overdue),
    origin: parseEnum(origins, raw.origin), regionId: raw.regionId, unitId: raw.unitId, noticeId: raw.noticeId, taskId: raw.taskId, problemId: raw.problemId,
    periodOn: parseEnum(['deadline', 'created'] as const, raw.periodOn), from: raw.from, to: raw.to,
  };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['rectifications', 'list', query], queryFn: () => rectificationApi.list(query), placeholderData: keepPreviousData });
  const sortable = (key: string) => ({ key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<RectificationListItem> = [
    { key: 'light', title: t('rc.light'), width: 120, render: (_, r) => <LightBadge light={r.light} /> },
    {
      key: 'demand', title: t('rc.demand'), width: 300,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/rectifications/${r.id}`}>{r.demand}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unit.name}</Typography.Text>
        </Space>
      ),
    },
    { ...sortable('deadline'), title: t('rc.deadline'), width: 130, render: (_, r) => <DeadlineText item={r} /> },
    { key: 'status', title: t('rc.status'), width: 120, render: (_, r) => <StatusTag status={r.status} /> },
    { ...sortable('percent'), title: t('rc.percent'), width: 130, render: (_, r) => <PercentBar percent={r.percent} /> },
    { key: 'grade', title: t('rc.grade'), width: 80, render: (_, r) => <GradeTag grade={r.grade} /> },
    {
      key: 'notice', title: t('rc.notice'), width: 240,
      render: (_, r) => (r.notice
        ? <Link to={`/notices/${r.notice.id}`}>{r.notice.docNumber ? `${r.notice.docNumber} ` : ''}{r.notice.title}</Link>
        : <Tag>{t(`rc.originLabel.${r.origin}`)}</Tag>),
    },
    { key: 'task', title: t('rc.task'), width: 180, render: (_, r) => (r.task ? <Link to={`/tasks/${r.task.id}`}>{r.task.title}</Link> : '—') },
    { key: 'office', title: t('rc.office'), width: 110, render: (_, r) => r.office.name },
    { ...sortable('updatedAt'), title: t('common.updatedAt'), width: 150, render: (_, r) => dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <PageCard
      title={t('rc.ledger')}
      actions={can('rectification.export') && (
        <Button icon={<DownloadOutlined />} href={rectificationApi.exportUrl(filters)}>{t('rc.export')}</Button>
      )}
    >
      <FilterBar<FilterValues> form={form} list={list} onSearch={({ period, ...v }) => list.set({ ...v, from: period?.[0]?.format('YYYY-MM-DD'), to: period?.[1]?.format('YYYY-MM-DD') })}>
        <Form.Item name="q"><Input allowClear placeholder={t('rc.search')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="light">
          <Select allowClear placeholder={t('rc.light')} style={{ width: 140 }} options={lights.map((l) => ({ value: l, label: `${lightDot[l]} ${t(`rc.lightLabel.${l}`)}` }))} />
        </Form.Item>
        <Form.Item name="status">
          <Select allowClear placeholder={t('rc.status')} style={{ width: 140 }} options={rectificationStatuses.map((s) => ({ value: s, label: t(`rc.statusLabel.${s}`) }))} />
        </Form.Item>
        <Form.Item name="overdue"><Select allowClear placeholder={t('rc.overdueOnly')} style={{ width: 120 }} options={[{ value: 'true', label: t('rc.overdueOnly') }]} /></Form.Item>
        <Form.Item name="origin">
          <Select allowClear placeholder={t('rc.origin')} style={{ width: 120 }} options={origins.map((o) => ({ value: o, label: t(`rc.originLabel.${o}`) }))} />
        </Form.Item>
        {can('regions.read') && <Form.Item name="regionId"><RegionTreeSelect placeholder={t('rc.region')} style={{ width: 160 }} /></Form.Item>}
        <Form.Item name="periodOn">
          <Select placeholder={t('rc.periodOn')} style={{ width: 130 }} options={(['deadline', 'created'] as const).map((p) => ({ value: p, label: `${t('rc.periodOn')}${t(`rc.periodOnLabel.${p}`)}` }))} />
        </Form.Item>
        <Form.Item name="period"><DatePicker.RangePicker /></Form.Item>
      </FilterBar>
      {(filters.noticeId || filters.taskId || filters.problemId || filters.unitId) && (
        <Space wrap style={{ marginBottom: 12 }}>
          {(['noticeId', 'taskId', 'problemId', 'unitId'] as const).filter((k) => filters[k]).map((k) => (
            <Tag key={k} closable onClose={() => list.set({ [k]: undefined })}>
              {t(`rc.${({ noticeId: 'notice', taskId: 'task', problemId: 'problems', unitId: 'unit' } as const)[k]}`)}
            </Tag>
          ))}
        </Space>
      )}
      <ServerTable<RectificationListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1500} />
    </PageCard>
  );
}
