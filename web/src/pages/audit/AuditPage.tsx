import { useMemo } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { parseBool, useFormSync, useListParams } from '../../hooks/useListParams';
import { auditApi, type AuditEntry } from '../../services/audit';

const filterKeys = ['q', 'action', 'actor', 'from', 'to', 'success'] as const;
const dateFormat = 'YYYY-MM-DD';

interface FilterValues {
  q?: string;
  action?: string;
  actor?: string;
  range?: [Dayjs, Dayjs] | null;
  success?: string;
}

function isChange(detail: unknown): detail is { before: unknown; after: unknown } {
  return typeof detail === 'object' && detail !== null && ('before' in detail || 'after' in detail);
}

function Json({ value }: { value: unknown }) {
  return (
    <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value ?? null, null, 2)}</pre>
  );
}

function Detail({ detail }: { detail: unknown }) {
  const { t } = useTranslation();
  if (!isChange(detail)) return <Json value={detail} />;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <Json value={detail.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <Json value={detail.after} />
      </Col>
    </Row>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  const { filters } = list;
  const formValues = useMemo<FilterValues>(
    () => ({
      q: filters.q,
      action: filters.action,
      actor: filters.actor,
      success: filters.success,
      range: filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null,
    }),
    [filters],
  );
  useFormSync(form, formValues);

  const query = {
    ...list.paging,
    q: filters.q,
    action: filters.action,
    actor: filters.actor,
    // Whole days in the user's time zone, sent as instants so the server need not guess the zone.
    from: filters.from ? dayjs(filters.from).startOf('day').toISOString() : undefined,
    to: filters.to ? dayjs(filters.to).endOf('day').toISOString() : undefined,
    success: parseBool(filters.success),
  };
  const { data, error, isFetching } = useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: () => auditApi.list(query),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'seq', dataIndex: 'seq', title: t('audit.seq'), width: 90 },
    { key: 'at', dataIndex: 'at', title: t('audit.at'), width: 160, render: formatDateTime },
    {
      key: 'actorName',
      title: t('audit.actor'),
      width: 140,
      render: (_, e) => (e.actorName ? <span title={e.actorName}>{e.actorDisplayName ?? e.actorName}</span> : '—'),
    },
    { key: 'action', title: t('audit.action'), width: 180, render: (_, e) => <span title={e.action}>{e.actionName}</span> },
    {
      key: 'entity',
      title: t('audit.entity'),
      width: 240,
      // The record by its kind and name; its id on hover, for looking it up.
      render: (_, e) => (e.entityType
        ? <span title={e.entityId ?? undefined} data-testid="audit-entity">{e.entityTypeName}{e.entityName ? `：${e.entityName}` : e.entityId ? `：${e.entityId.slice(0, 8)}…` : ''}</span>
        : '—'),
    },
    { key: 'ip', title: t('audit.ip'), width: 130, render: (_, e) => e.ip ?? '—' },
    {
      key: 'success',
      title: t('audit.result'),
      width: 90,
      render: (_, e) => (e.success ? <Tag color="green">{t('audit.success')}</Tag> : <Tag color="red">{t('audit.failure')}</Tag>),
    },
  ];

  return (
    <PageCard
      title={t('menu.audit')}
      actions={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          showIcon
          closable
          style={{ marginBottom: 16 }}
          type={verify.data.ok ? 'success' : 'error'}
          title={
            verify.data.ok
              ? t('audit.verifyOk', { count: verify.data.checked })
              : t('audit.verifyBroken', { count: verify.data.checked, seq: verify.data.brokenAt ?? '—' })
          }
        />
      )}
      {verify.error && <Alert showIcon type="error" style={{ marginBottom: 16 }} title={errorText(t, verify.error)} />}
      <FilterBar<FilterValues>
        form={form}
        list={list}
        onSearch={({ range, ...rest }) => list.set({ ...rest, from: range?.[0].format(dateFormat), to: range?.[1].format(dateFormat) })}
      >
        <Form.Item name="q">
          <Input allowClear placeholder={t('audit.searchPlaceholder')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="action">
          <Input allowClear placeholder={t('audit.action')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="actor">
          <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="success">
          <Select
            allowClear
            placeholder={t('audit.result')}
            style={{ width: 110 }}
            options={[
              { value: 'true', label: t('audit.success') },
              { value: 'false', label: t('audit.failure') },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <ServerTable<AuditEntry>
        list={list}
        columns={columns}
        data={data}
        error={error}
        loading={isFetching}
        scrollX={1050}
        rowKey="seq"
        expandable={{ expandedRowRender: (e) => <Detail detail={e.detail} />, rowExpandable: (e) => e.detail != null }}
      />
    </PageCard>
  );
}
