import type { ReactNode } from 'react';
import { Button, Form, Space, Table, type FormInstance, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { useListParams } from '../hooks/useListParams';
import { ErrorResult } from './ErrorResult';

type ListParams = ReturnType<typeof useListParams<string>>;

/** The filter row above every list: the page's fields, then search and reset. Filters live in the URL. */
export function FilterBar<T extends object>({ form, list, onSearch, children }: {
  form: FormInstance<T>;
  list: ListParams;
  /** How the form's values become URL filters, when they are not the same (date ranges). */
  onSearch?: (values: T) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form<T> form={form} layout="inline" onFinish={onSearch ?? ((v) => list.set(v as Parameters<ListParams['set']>[0]))} style={{ rowGap: 12, marginBottom: 16 }}>
      {children}
      <Space>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
        <Button onClick={list.resetFilters}>{t('common.reset')}</Button>
      </Space>
    </Form>
  );
}

/** A server-paged, server-sorted table, or the error that stopped it loading. */
export function ServerTable<T extends object>(props: {
  list: ListParams;
  columns: TableColumnsType<T>;
  data: { items: T[]; total: number } | undefined;
  error: unknown;
  loading: boolean;
  /** Width below which the table scrolls sideways instead of squeezing (phones). */
  scrollX: number;
  rowKey?: string;
  expandable?: Parameters<typeof Table<T>>[0]['expandable'];
}) {
  const { list, columns, data, error, loading, scrollX, rowKey = 'id', expandable } = props;
  if (error) return <ErrorResult error={error} />;
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      pagination={list.pagination(data?.total)}
      onChange={list.onTableChange}
      scroll={{ x: scrollX }}
      expandable={expandable}
    />
  );
}
