import { useState } from 'react';
import { Button, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useEnums } from '../../enums';
import { parseBool, parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { formatDateTime } from '../../format';
import { useAccess } from '../../session';
import { ownerships, stages, unitKinds, unitsApi, type UnitFilters, type UnitListItem } from '../../services/units';
import { UnitFormModal } from './UnitFormModal';
import { ImportModal } from '../../components/ImportModal';
import { useOpenCreated } from '../../hooks/useOpenCreated';

const filterKeys = ['q', 'kind', 'stage', 'ownership', 'regionId', 'active'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;

export default function UnitsPage() {
  const { t } = useTranslation();
  const enums = useEnums();
  const { can } = useAccess();
  const openCreated = useOpenCreated('units', '/units');
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);

  const raw = list.filters;
  const filters: UnitFilters = {
    q: raw.q,
    kind: parseEnum(unitKinds, raw.kind),
    stage: parseEnum(stages, raw.stage),
    ownership: parseEnum(ownerships, raw.ownership),
    regionId: raw.regionId,
    active: parseBool(raw.active),
  };
  const query = { ...filters, ...list.paging };
  const { data, error, isFetching } = useQuery({
    queryKey: ['units', 'list', query],
    queryFn: () => unitsApi.list(query),
    placeholderData: keepPreviousData,
  });

  const sortable = (key: string) => ({ key, dataIndex: key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<UnitListItem> = [
    {
      ...sortable('name'),
      title: t('units.name'),
      fixed: 'left',
      width: 220,
      render: (name: string, unit) => <Link to={`/units/${unit.id}`}>{name}</Link>,
    },
    { ...sortable('kind'), title: t('units.kind'), width: 130, render: (_, u) => enums.unitKind(u.kind) },
    { key: 'region', title: t('units.region'), width: 150, render: (_, u) => u.region.name },
    { ...sortable('schoolCode'), title: t('units.schoolCode'), width: 130, render: (_, u) => u.schoolCode ?? '—' },
    { key: 'stage', title: t('units.stage'), width: 120, render: (_, u) => (u.stage ? enums.stage(u.stage) : '—') },
    { key: 'ownership', title: t('units.ownership'), width: 90, render: (_, u) => (u.ownership ? enums.ownership(u.ownership) : '—') },
    { ...sortable('enrolment'), title: t('units.enrolment'), width: 110, align: 'right', render: (_, u) => u.enrolment ?? '—' },
    { ...sortable('staffCount'), title: t('units.staffCount'), width: 110, align: 'right', render: (_, u) => u.staffCount ?? '—' },
    { key: 'active', title: t('common.status'), width: 90, render: (_, u) => <ActiveTag active={u.active} /> },
    { ...sortable('updatedAt'), title: t('common.updatedAt'), width: 170, render: (_, u) => formatDateTime(u.updatedAt) },
  ];

  return (
    <PageCard
      title={t('menu.units')}
      actions={
        <Space wrap>
          {can('units.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
              {t('common.create')}
            </Button>
          )}
          {can('units.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setDialog('import')}>
              {t('units.importButton')}
            </Button>
          )}
          {can('units.export') && (
            <Button icon={<DownloadOutlined />} href={unitsApi.exportUrl({ ...filters, sort: list.paging.sort, order: list.paging.order })}>
              {t('units.export')}
            </Button>
          )}
        </Space>
      }
    >
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('units.searchPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        {can('regions.read') && (
          <Form.Item name="regionId">
            <RegionTreeSelect placeholder={t('units.region')} style={{ width: 180 }} />
          </Form.Item>
        )}
        <Form.Item name="kind">
          <Select allowClear placeholder={t('units.kind')} options={enums.unitKindOptions} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="stage">
          <Select allowClear placeholder={t('units.stage')} options={enums.stageOptions} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="ownership">
          <Select allowClear placeholder={t('units.ownership')} options={enums.ownershipOptions} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="active">
          <Select allowClear placeholder={t('common.status')} options={enums.activeOptions} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <ServerTable<UnitListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1330} />
      {dialog === 'create' && (
        <UnitFormModal
          onClose={() => setDialog(null)}
          onSaved={openCreated}
        />
      )}
      {dialog === 'import' && (
        <ImportModal
          title={t('units.importTitle')}
          templateUrl={unitsApi.importTemplateUrl}
          upload={unitsApi.import}
          doneText={(count) => t('units.importDone', { count })}
          queryKey={['units']}
          onClose={() => setDialog(null)}
        />
      )}
    </PageCard>
  );
}
