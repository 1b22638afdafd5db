import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorResult } from '../../components/ErrorResult';
import { PageCard } from '../../components/PageCard';
import { useEnums } from '../../enums';
import { regionsApi, type Region } from '../../services/regions';
import { RegionChildModal, RegionEditModal } from './RegionForms';

interface Props {
  id: string;
  onSelect: (id: string) => void;
  /** A region was added or changed below `parentId`: the tree reloads that level. */
  onTreeChanged: (parentId: string | null) => void;
}

export function RegionDetail({ id, onSelect, onTreeChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = useEnums();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'child' | null>(null);
  const { data: region, error, isPending } = useQuery({ queryKey: ['regions', id], queryFn: () => regionsApi.get(id) });

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/regions" />;

  const saved = (parentId: string | null) => (result: Region) => {
    void queryClient.invalidateQueries({ queryKey: ['regions'] });
    onTreeChanged(parentId);
    void message.success(t('common.saved'));
    if (result.id !== region.id) onSelect(result.id);
  };

  return (
    <PageCard
      title={region.name}
      actions={
        (region.abilities.update || region.abilities.createChild) && (
          <Space wrap>
            {region.abilities.update && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {region.abilities.createChild && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('child')}>
                {t('regions.addChild')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[
          ...region.ancestors.map((a) => ({ key: a.id, title: <Typography.Link onClick={() => onSelect(a.id)}>{a.name}</Typography.Link> })),
          { key: region.id, title: region.name },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'code', label: t('regions.code'), children: region.code },
          { key: 'name', label: t('regions.name'), children: region.name },
          { key: 'level', label: t('regions.level'), children: enums.regionLevel(region.level) },
          {
            key: 'active',
            label: t('common.status'),
            children: <ActiveTag active={region.active} />,
          },
          { key: 'unitCount', label: t('regions.unitCount'), children: region.unitCount },
        ]}
      />
      {dialog === 'edit' && <RegionEditModal region={region} onClose={() => setDialog(null)} onSaved={saved(region.parentId)} />}
      {dialog === 'child' && <RegionChildModal region={region} onClose={() => setDialog(null)} onSaved={saved(region.id)} />}
    </PageCard>
  );
}
