import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { FormInstance, TablePaginationConfig, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../services/client';

type SortOrder = 'ascend' | 'descend' | null;
type Sorter<T> = Parameters<NonNullable<TableProps<T>['onChange']>>[2];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function parseBool(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function parseEnum<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

const noFilters: readonly never[] = [];

/**
 * Paging, sorting and filters of a list page, kept in the URL query string so that a reload,
 * a shared link or the back button shows the same page.
 */
export function useListParams<K extends string = never>(filterKeys: readonly K[] = noFilters, defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), defaultPageSize);
  const sort = params.get('sort') ?? undefined;
  const rawOrder = params.get('order');
  const order: 'asc' | 'desc' | undefined = rawOrder === 'asc' || rawOrder === 'desc' ? rawOrder : undefined;

  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const signature = filterKeys.map((k) => params.get(k) ?? '').join('\u0000');
  const filters = useMemo(
    () => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined])) as Record<K, string | undefined>,
    // Keyed on the filters' values alone, so paging does not hand out a new object (and reset the form).
    [filterKeys, signature],
  );

  const set = useCallback(
    (values: Record<string, QueryValue>, resetPage = true) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(values)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (resetPage) next.delete('page');
        return next;
      }),
    [setParams],
  );

  const onTableChange = useCallback(
    <T,>(pagination: TablePaginationConfig, _filters: unknown, sorter: Sorter<T>) => {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = single?.order ? String(single.columnKey ?? single.field) : undefined;
      set(
        {
          page: pagination.current ?? 1,
          pageSize: pagination.pageSize ?? defaultPageSize,
          sort: column,
          order: column ? (single?.order === 'descend' ? 'desc' : 'asc') : undefined,
        },
        false,
      );
    },
    [set, defaultPageSize],
  );

  const sortOrderOf = useCallback(
    (key: string): SortOrder => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null),
    [sort, order],
  );

  const paging = useMemo(() => ({ page, pageSize, sort, order }), [page, pageSize, sort, order]);

  const pagination = useCallback(
    (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      showTotal: (count) => t('common.total', { count }),
    }),
    [page, pageSize, t],
  );

  const resetFilters = useCallback(
    () => set(Object.fromEntries(filterKeys.map((k) => [k, undefined]))),
    [filterKeys, set],
  );

  return { paging, filters, get, set, resetFilters, onTableChange, sortOrderOf, pagination };
}

/** Shows the URL's filters in the filter form, also after back/forward navigation. */
export function useFormSync<V extends object>(form: FormInstance<V>, values: V): void {
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
  }, [form, values]);
}
