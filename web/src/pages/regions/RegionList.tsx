import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { ImportModal } from '../../components/ImportModal';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { useAccess } from '../../session';
import { useEnums } from '../../enums';
import { parseBool, parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { regionLevels, regionsApi, type RegionNode } from '../../services/regions';

const filterKeys = ['q', 'level', 'active'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

export function RegionList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const enums = useEnums();
  const { can } = useAccess();
  const [importing, setImporting] = useState(false);
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<Filters>();
  useFormSync(form, list.filters);
  const { filters } = list;
  const query = {
    ...list.paging,
    q: filters.q,
    level: parseEnum(regionLevels, filters.level),
    active: parseBool(filters.active),
  };
  const { data, error, isFetching } = useQuery({
    queryKey: ['regions', 'list', query],
    queryFn: () => regionsApi.list(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<RegionNode> = [
    { key: 'code', dataIndex: 'code', title: t('regions.code'), sorter: true, sortOrder: list.sortOrderOf('code'), width: 140 },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('regions.name'),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (name: string, r) => <Typography.Link onClick={() => onOpen(r.id)}>{name}</Typography.Link>,
    },
    {
      key: 'level',
      dataIndex: 'level',
      title: t('regions.level'),
      sorter: true,
      sortOrder: list.sortOrderOf('level'),
      width: 140,
      render: (level: RegionNode['level']) => enums.regionLevel(level),
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('common.status'),
      width: 100,
      render: (active: boolean) => <ActiveTag active={active} />,
    },
  ];

  const { page: _page, pageSize: _pageSize, ...exportQuery } = query;
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('regions.write') && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('regions.importButton')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={regionsApi.exportUrl(exportQuery)}>
          {t('regions.export')}
        </Button>
      </Space>
      {importing && (
        <ImportModal
          title={t('regions.importTitle')}
          templateUrl={regionsApi.importTemplateUrl}
          upload={regionsApi.import}
          doneText={(count) => t('regions.importDone', { count })}
          queryKey={['regions']}
          onClose={() => setImporting(false)}
        />
      )}
      <FilterBar<Filters> form={form} list={list}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('regions.searchPlaceholder')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="level">
          <Select allowClear placeholder={t('regions.level')} options={enums.regionLevelOptions} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="active">
          <Select allowClear placeholder={t('common.status')} options={enums.activeOptions} style={{ width: 120 }} />
        </Form.Item>
      </FilterBar>
      <ServerTable<RegionNode> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={600} />
    </Card>
  );
}
