import type { CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRegionTree } from '../hooks/useRegionTree';
import { regionsApi } from '../services/regions';

interface Props {
  value?: string;
  style?: CSSProperties;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  id?: string;
}

/** Region picker that opens the tree level by level; a preset value gets its name from the server. */
export function RegionTreeSelect({ value, onChange, placeholder, id, style = { width: '100%' } }: Props) {
  const { t } = useTranslation();
  const tree = useRegionTree();
  const known = value ? tree.findNode(value) : undefined;
  const { data: selected } = useQuery({
    queryKey: ['regions', value],
    queryFn: () => regionsApi.get(value!),
    enabled: !!value && !known,
  });
  const label = known?.name ?? selected?.name ?? value ?? '';

  return (
    <TreeSelect
      id={id}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(next: { value: string; label: string } | undefined) => onChange?.(next?.value)}
      treeData={tree.treeData}
      loadData={(node) => tree.loadChildren(String(node.value))}
      loading={tree.loading}
      allowClear
      placeholder={placeholder ?? t('regions.pick')}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
