import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Table, Upload, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined, StopOutlined, CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorResult } from '../../components/ErrorResult';
import { PageCard } from '../../components/PageCard';
import { useEnums } from '../../enums';
import { useShowError } from '../../errors';
import { formatDateTime, formatFileSize } from '../../format';
import { filesApi, type AttachedFile } from '../../services/files';
import { unitsApi, type Unit } from '../../services/units';
import { UnitFormModal } from './UnitFormModal';

function UnitFiles({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const filesKey = ['units', unit.id, 'files'];
  const { data, error, isPending } = useQuery({ queryKey: filesKey, queryFn: () => unitsApi.files(unit.id) });
  const upload = useMutation({
    mutationFn: (file: File) => filesApi.upload('unit', unit.id, file),
    onSuccess: (file) => {
      void message.success(t('files.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: filesKey });
    },
    onError: showError,
  });

  const columns: TableColumnsType<AttachedFile> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('files.name'),
      render: (name: string, f) => (
        <a href={filesApi.contentUrl(f.id)} download={name}>
          {name}
        </a>
      ),
    },
    { key: 'size', dataIndex: 'size', title: t('files.size'), width: 100, render: (size: number) => formatFileSize(size) },
    { key: 'uploadedBy', title: t('files.uploadedBy'), width: 140, render: (_, f) => f.uploadedBy ?? '—' },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('files.createdAt'), width: 170, render: formatDateTime },
  ];

  return (
    <Card
      title={t('files.title')}
      extra={
        unit.abilities.uploadFile && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('files.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {error ? (
        <ErrorResult error={error} />
      ) : (
        <Table<AttachedFile>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data}
          loading={isPending}
          pagination={false}
          scroll={{ x: 600 }}
        />
      )}
    </Card>
  );
}

export default function UnitDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = useEnums();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { data: unit, error, isPending } = useQuery({ queryKey: ['units', id], queryFn: () => unitsApi.get(id) });

  const refresh = (updated: Unit) => {
    queryClient.setQueryData(['units', id], updated);
    void queryClient.invalidateQueries({ queryKey: ['units', 'list'] });
    void message.success(t('common.saved'));
  };
  const toggle = useMutation({
    mutationFn: (active: boolean) => (active ? unitsApi.activate(id) : unitsApi.deactivate(id)),
    onSuccess: refresh,
    onError: showError,
  });

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/units" />;

  const dash = (value: string | number | null) => value ?? '—';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={
          <Space>
            <Link to="/units" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            {unit.name}
            <ActiveTag active={unit.active} />
          </Space>
        }
        actions={
          <Space wrap>
            {unit.abilities.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {unit.abilities.deactivate &&
              (unit.active ? (
                <Popconfirm title={t('units.deactivateConfirm')} onConfirm={() => toggle.mutate(false)}>
                  <Button danger icon={<StopOutlined />} loading={toggle.isPending}>
                    {t('units.deactivate')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button icon={<CheckCircleOutlined />} loading={toggle.isPending} onClick={() => toggle.mutate(true)}>
                  {t('units.activate')}
                </Button>
              ))}
          </Space>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'name', label: t('units.name'), children: unit.name },
            { key: 'kind', label: t('units.kind'), children: enums.unitKind(unit.kind) },
            { key: 'region', label: t('units.region'), children: t('common.nameWithCode', { name: unit.region.name, code: unit.region.code }) },
            { key: 'schoolCode', label: t('units.schoolCode'), children: dash(unit.schoolCode) },
            { key: 'stage', label: t('units.stage'), children: unit.stage ? enums.stage(unit.stage) : '—' },
            { key: 'ownership', label: t('units.ownership'), children: unit.ownership ? enums.ownership(unit.ownership) : '—' },
            { key: 'enrolment', label: t('units.enrolment'), children: dash(unit.enrolment) },
            { key: 'staffCount', label: t('units.staffCount'), children: dash(unit.staffCount) },
            { key: 'contactPhone', label: t('units.contactPhone'), children: dash(unit.contactPhone) },
            { key: 'address', label: t('units.address'), children: dash(unit.address), span: 'filled' },
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(unit.updatedAt) },
          ]}
        />
      </PageCard>
      <UnitFiles unit={unit} />
      {editing && <UnitFormModal unit={unit} onClose={() => setEditing(false)} onSaved={refresh} />}
    </Space>
  );
}
