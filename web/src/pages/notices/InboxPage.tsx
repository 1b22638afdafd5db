import { useState } from 'react';
import { App, Button, Form, Grid, Input, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { noticesApi, type InboxRow } from '../../services/notices';
import { NoticeStatusTag, RectificationTag, ReplyModal } from './NoticeParts';

const filterKeys = ['q', 'state'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
const states = ['unacknowledged', 'unreplied'] as const;

/** What the units the caller answers for have received: acknowledge, reply, and follow the items addressed to them. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [replying, setReplying] = useState<InboxRow | null>(null);
  const query = { q: list.filters.q, state: parseEnum(states, list.filters.state), ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['inbox', query], queryFn: () => noticesApi.inbox(query), placeholderData: keepPreviousData });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['notices'] });
  };
  const acknowledge = useMutation({
    mutationFn: (row: InboxRow) => noticesApi.acknowledge(row.notice.id, row.unit.id),
    onSuccess: () => { refresh(); void message.success(t('nt.acknowledged')); },
    onError: showError,
  });
  const narrow = !Grid.useBreakpoint().md;
  const ackState = (r: InboxRow) => (r.notice.status === 'withdrawn'
    ? <NoticeStatusTag status="withdrawn" />
    : r.acknowledgedAt ? `${formatDateTime(r.acknowledgedAt)} ${r.acknowledgedByName ?? ''}` : <Tag color="orange">{t('nt.notAcknowledged')}</Tag>);
  const replyState = (r: InboxRow) => (r.kind === 'copy' ? t('nt.copyNoReply') : r.repliedAt ? formatDateTime(r.repliedAt) : <Tag color="orange">{t('nt.notReplied')}</Tag>);
  const rowActions = (r: InboxRow) => (
    <Space wrap>
      {r.abilities.acknowledge && <Button size="small" type="primary" loading={acknowledge.isPending && acknowledge.variables?.recipientId === r.recipientId} onClick={() => acknowledge.mutate(r)}>{t('nt.acknowledge')}</Button>}
      {r.abilities.reply && <Button size="small" onClick={() => setReplying(r)}>{t('nt.reply')}</Button>}
    </Space>
  );
  const columns: TableColumnsType<InboxRow> = [
    {
      key: 'notice', title: t('nt.notice'), width: 300,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/notices/${r.notice.id}`}>{r.notice.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.notice.docNumber} · {r.notice.type.name}</Typography.Text>
        </Space>
      ),
    },
    { key: 'issuer', title: t('nt.issuer'), width: 180, render: (_, r) => r.notice.issuerName },
    { key: 'issueDate', title: t('nt.issueDate'), width: 110, render: (_, r) => r.notice.issueDate ?? '—' },
    { key: 'unit', title: t('nt.recipient'), width: 190, render: (_, r) => <Space size={4} wrap>{r.unit.name}<Tag color={r.kind === 'main' ? 'blue' : 'default'}>{t(`nt.kindLabel.${r.kind}`)}</Tag></Space> },
    { key: 'state', title: t('nt.acknowledgement'), width: 190, render: (_, r) => ackState(r) },
    { key: 'reply', title: t('nt.replyState'), width: 140, render: (_, r) => replyState(r) },
    { key: 'items', title: t('nt.myItems'), width: 90, render: (_, r) => r.items.length || '—' },
    { key: 'actions', title: t('common.actions'), width: 160, render: (_, r) => rowActions(r) },
  ];
  return (
    <PageCard title={t('menu.inbox')}>
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('nt.searchNotice')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="state"><Select allowClear placeholder={t('nt.inboxState')} style={{ width: 130 }} options={states.map((s) => ({ value: s, label: t(`nt.inboxStateLabel.${s}`) }))} /></Form.Item>
      </FilterBar>
      {narrow ? (error ? <ErrorResult error={error} /> : (
        // On a phone each received notice is a card: what it is, for which unit, its state, the items and the buttons.
        <List<InboxRow> loading={isFetching} dataSource={data?.items} rowKey="recipientId"
          pagination={{ current: list.paging.page, pageSize: list.paging.pageSize, total: data?.total, size: 'small', onChange: (page, pageSize) => list.set({ page, pageSize }, false) }}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Link to={`/notices/${r.notice.id}`}>{r.notice.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.notice.docNumber} · {r.notice.issuerName} · {r.notice.issueDate}</Typography.Text>
                <Space size={4} wrap>{r.unit.name}<Tag color={r.kind === 'main' ? 'blue' : 'default'}>{t(`nt.kindLabel.${r.kind}`)}</Tag></Space>
                <Space size={8} wrap><span>{t('nt.acknowledgement')}：{ackState(r)}</span><span>{t('nt.replyState')}：{replyState(r)}</span></Space>
                {r.items.map((i) => (
                  <Space key={i.rectification.id} size={4} wrap>
                    <Link to={`/rectifications/${i.rectification.id}`}>{i.seq}．{i.demand}</Link>
                    <Typography.Text type="secondary">{i.deadline}</Typography.Text>
                    <RectificationTag status={i.rectification.status} />
                  </Space>
                ))}
                {rowActions(r)}
              </Space>
            </List.Item>
          )} />
      )) : (
        <ServerTable<InboxRow> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1360} rowKey="recipientId"
          expandable={{
            rowExpandable: (r) => r.items.length > 0,
            expandedRowRender: (r) => (
              <Table rowKey={(i) => i.rectification.id} size="small" pagination={false} dataSource={r.items} scroll={{ x: 600 }} columns={[
                { key: 'seq', title: t('nt.seq'), width: 60, render: (_, i) => i.seq },
                { key: 'demand', title: t('nt.demand'), width: 320, render: (_, i) => <Link to={`/rectifications/${i.rectification.id}`}>{i.demand}</Link> },
                { key: 'deadline', title: t('nt.deadline'), width: 110, render: (_, i) => i.deadline },
                { key: 'status', title: t('nt.statusLabel'), width: 120, render: (_, i) => <RectificationTag status={i.rectification.status} /> },
              ]} />
            ),
          }} />
      )}
      {replying && (
        <ReplyModal noticeId={replying.notice.id} units={[replying]} onClose={() => setReplying(null)} onDone={() => { refresh(); void message.success(t('nt.replied')); }} />
      )}
    </PageCard>
  );
}
