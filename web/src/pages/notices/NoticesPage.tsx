import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useOpenCreated } from '../../hooks/useOpenCreated';
import { useAccess } from '../../session';
import { formatDateTime } from '../../format';
import { noticesApi, noticeStatuses, type NoticeFilters, type NoticeListItem } from '../../services/notices';
import { DraftEditor, NoticeStatusTag, useNoticeTypes } from './NoticeParts';

const filterKeys = ['q', 'status', 'typeKey', 'year', 'side', 'waiting'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
const sides = ['office', 'received'] as const;
const waits = ['acknowledgement', 'reply'] as const;

/** The office's notices: drafts, those awaiting approval, issued ones with who has acknowledged and replied. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [creating, setCreating] = useState(false);
  const openCreated = useOpenCreated('notices', '/notices');
  const { data: types = [] } = useNoticeTypes();
  const raw = list.filters;
  const filters: NoticeFilters = {
    q: raw.q, status: parseEnum(noticeStatuses, raw.status), typeKey: raw.typeKey, year: raw.year && /^\d{4}$/.test(raw.year) ? Number(raw.year) : undefined,
    side: parseEnum(sides, raw.side), waiting: parseEnum(waits, raw.waiting),
  };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['notices', 'list', query], queryFn: () => noticesApi.list(query), placeholderData: keepPreviousData });
  const sortable = (key: string) => ({ key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<NoticeListItem> = [
    {
      key: 'title', title: t('nt.title'), width: 320,
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/notices/${n.id}`}>{n.title}</Link>
          <Space size={4} wrap>
            <NoticeStatusTag status={n.status} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.docNumber ?? t('nt.noNumberYet')}</Typography.Text>
            {n.escalatedFrom && <Tag>{t('nt.escalated')}</Tag>}
          </Space>
        </Space>
      ),
    },
    { key: 'type', title: t('nt.type'), width: 110, render: (_, n) => n.type.name },
    { key: 'issuer', title: t('nt.issuer'), width: 160, render: (_, n) => n.issuerName },
    {
      key: 'progress', title: t('nt.progress'), width: 170,
      render: (_, n) => (n.status === 'draft' || n.status === 'submitted' || n.status === 'approved'
        ? t('nt.recipientCount', { main: n.counts.main, copy: n.counts.copy })
        : (
          <Space size={4} wrap>
            <Tag color={n.counts.acknowledged < n.counts.main ? 'orange' : 'green'}>{t('nt.acknowledgedCount', { done: n.counts.acknowledged, all: n.counts.main })}</Tag>
            <Tag color={n.counts.replied < n.counts.main ? 'orange' : 'green'}>{t('nt.repliedCount', { done: n.counts.replied, all: n.counts.main })}</Tag>
          </Space>
        )),
    },
    { key: 'deadline', title: t('nt.nextDeadline'), width: 110, render: (_, n) => n.nextDeadline ?? '—' },
    { ...sortable('issuedAt'), title: t('nt.issueDate'), width: 110, render: (_, n) => n.issueDate ?? '—' },
    { ...sortable('updatedAt'), title: t('common.updatedAt'), width: 150, render: (_, n) => formatDateTime(n.updatedAt) },
  ];
  return (
    <PageCard
      title={t('menu.notices')}
      actions={
        <Space wrap>
          {can('notices.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('nt.newNotice')}</Button>}
          {can('notices.write') && <Link to="/notice-settings"><Button icon={<SettingOutlined />}>{t('menu.noticeSettings')}</Button></Link>}
        </Space>
      }
    >
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('nt.searchNotice')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="status"><Select allowClear placeholder={t('nt.statusLabel')} style={{ width: 120 }} options={noticeStatuses.map((s) => ({ value: s, label: t(`nt.status.${s}`) }))} /></Form.Item>
        <Form.Item name="typeKey"><Select allowClear placeholder={t('nt.type')} style={{ width: 130 }} options={types.map((ty) => ({ value: ty.key, label: ty.name }))} /></Form.Item>
        <Form.Item name="year"><Input allowClear placeholder={t('nt.year')} style={{ width: 90 }} inputMode="numeric" /></Form.Item>
        <Form.Item name="side"><Select allowClear placeholder={t('nt.side')} style={{ width: 130 }} options={sides.map((s) => ({ value: s, label: t(`nt.sideLabel.${s}`) }))} /></Form.Item>
        <Form.Item name="waiting"><Select allowClear placeholder={t('nt.waiting')} style={{ width: 140 }} options={waits.map((w) => ({ value: w, label: t(`nt.waitingLabel.${w}`) }))} /></Form.Item>
      </FilterBar>
      <ServerTable<NoticeListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1130} />
      {creating && <DraftEditor onClose={() => setCreating(false)} onSaved={openCreated} />}
    </PageCard>
  );
}
