import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { NotificationOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { useShowError } from '../../errors';
import { useMe } from '../../session';
import { rectificationApi, type RectificationListItem } from '../../services/rectification';
import { oversightApi } from '../../services/oversight';
import { DeadlineText, StatusTag } from '../rectification/RectificationParts';

interface InterviewValues { interviewOn: dayjs.Dayjs; interviewPlace?: string; title?: string }

/**
 * The overdue items in scope, most overdue first. The office ticks the ones it supervises and drafts a 通报
 * or a 约谈通知 from them; the draft opens at once, to be edited and submitted for approval.
 */
export function OverdueTab({ regionId }: { regionId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string[]>([]);
  const [interview, setInterview] = useState(false);
  const query = { overdue: 'true' as const, regionId, sort: 'deadline', order: 'asc' as const, ...paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['rectifications', 'list', query], queryFn: () => rectificationApi.list(query), placeholderData: keepPreviousData });
  const opened = ({ noticeId }: { noticeId: string }) => {
    void message.success(t('ov.draftCreated'));
    void navigate(`/notices/${noticeId}`);
  };
  const bulletin = useMutation({ mutationFn: () => oversightApi.escalate({ kind: 'bulletin', rectificationIds: selected }), onSuccess: opened, onError: showError });
  const mine = (r: RectificationListItem) => me.scope.kind === 'region' && r.office.id === me.scope.regionId;

  const columns: TableColumnsType<RectificationListItem> = [
    {
      key: 'demand', title: t('rc.demand'), width: 280,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/rectifications/${r.id}`}>{r.demand}</Link>
          {!mine(r) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ov.overdue.notMine', { office: r.office.name })}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'unit', title: t('rc.unit'), width: 180, render: (_, r) => r.unit.name },
    { key: 'deadline', title: t('rc.deadline'), width: 130, render: (_, r) => <DeadlineText item={r} /> },
    { key: 'status', title: t('rc.status'), width: 110, render: (_, r) => <StatusTag status={r.status} /> },
    {
      key: 'notice', title: t('rc.notice'), width: 220,
      render: (_, r) => (r.notice ? <Link to={`/notices/${r.notice.id}`}>{r.notice.docNumber ? `${r.notice.docNumber} ` : ''}{r.notice.title}</Link> : '—'),
    },
  ];

  if (error) return <ErrorResult error={error} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('ov.overdue.hint')} />
      <Space wrap>
        <Typography.Text>{t('ov.overdue.selected', { count: selected.length })}</Typography.Text>
        <Button
          type="primary" danger icon={<NotificationOutlined />} disabled={selected.length === 0} loading={bulletin.isPending}
          onClick={() => modal.confirm({
            title: t('ov.overdue.bulletin'), content: t('ov.overdue.bulletinConfirm', { count: selected.length }),
            onOk: () => bulletin.mutateAsync().catch(() => undefined),
          })}
        >
          {t('ov.overdue.bulletin')}
        </Button>
        <Button icon={<TeamOutlined />} disabled={selected.length === 0} onClick={() => setInterview(true)}>{t('ov.overdue.interview')}</Button>
      </Space>
      <Table<RectificationListItem>
        rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 980 }} data-testid="overdue"
        rowSelection={{
          selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (r) => ({ disabled: !mine(r) }),
        }}
        pagination={{
          current: paging.page, pageSize: paging.pageSize, total: data?.total, showSizeChanger: true,
          showTotal: (count) => t('common.total', { count }), onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {interview && (
        <FormModal<InterviewValues>
          title={t('ov.overdue.interviewTitle')}
          onClose={() => setInterview(false)}
          onSubmit={async (v) => opened(await oversightApi.escalate({
            kind: 'interview', rectificationIds: selected, interviewOn: v.interviewOn.format('YYYY-MM-DD'), interviewPlace: v.interviewPlace || undefined, title: v.title || undefined,
          }))}
        >
          <Form.Item name="interviewOn" label={t('ov.overdue.interviewOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="interviewPlace" label={t('ov.overdue.interviewPlace')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="title" label={t('ov.overdue.title')} extra={t('ov.overdue.titleHint')}><Input maxLength={200} /></Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
