import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { unitsApi } from '../services/units';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}

/** Unit picker that searches the server by name or code as the user types. */
export function UnitSelect({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({
    queryKey: ['units', 'search', q],
    queryFn: () => unitsApi.list({ q, pageSize: 20, active: true }),
  });
  const listed = data?.items.some((u) => u.id === value);
  const { data: selected } = useQuery({
    queryKey: ['units', value],
    queryFn: () => unitsApi.get(value!),
    enabled: !!value && data !== undefined && !listed,
  });
  const options = (data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (selected && !listed) options.unshift({ value: selected.id, label: selected.name });

  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      allowClear
      placeholder={t('units.searchPlaceholder')}
      notFoundContent={t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
