import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { inspectorsApi } from '../../services/inspectors';

/** Picks a serving inspector, searching the server by name as the user types. */
export function InspectorSelect({ value, onChange, id }: { value?: string; onChange?: (value: string | undefined) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({ queryKey: ['inspectors', 'search', q], queryFn: () => inspectorsApi.list({ q, status: 'serving', pageSize: 20 }) });
  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      options={(data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.employer ?? '—'}）` }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      allowClear
      placeholder={t('people.inspectors.searchPlaceholder')}
      notFoundContent={t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
