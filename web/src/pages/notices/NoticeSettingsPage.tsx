import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageCard } from '../../components/PageCard';
import { useShowError } from '../../errors';
import { noticesApi, type NoticeType, type NumberPattern } from '../../services/notices';
import { useNoticeTypes } from './NoticeParts';

interface TypeValues { nameZh: string; nameEn?: string; sort?: number; active?: boolean }

/** The office's notice types (national ones and its own) and the document-number pattern of each type. */
export default function NoticeSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [editingType, setEditingType] = useState<NoticeType | 'new' | null>(null);
  const [editingPattern, setEditingPattern] = useState<NumberPattern | null>(null);
  const types = useNoticeTypes();
  const patterns = useQuery({ queryKey: ['notice-number-patterns'], queryFn: noticesApi.patterns });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['notice-types'] });
    void queryClient.invalidateQueries({ queryKey: ['notice-number-patterns'] });
    void message.success(t('common.saved'));
  };
  const reset = useMutation({ mutationFn: (typeKey: string) => noticesApi.setPattern(typeKey, null), onSuccess: refresh, onError: showError });

  const typeColumns: TableColumnsType<NoticeType> = [
    { key: 'name', title: t('nt.typeName'), width: 160, render: (_, ty) => ty.nameZh },
    { key: 'nameEn', title: t('nt.typeNameEn'), width: 180, render: (_, ty) => ty.nameEn },
    { key: 'scope', title: t('nt.typeScope'), width: 150, render: (_, ty) => (ty.region ? ty.region.name : <Tag color="blue">{t('nt.national')}</Tag>) },
    { key: 'active', title: t('common.status'), width: 90, render: (_, ty) => <ActiveTag active={ty.active} /> },
    {
      key: 'actions', title: t('common.actions'), width: 90,
      render: (_, ty) => ty.abilities.update && <Button size="small" icon={<EditOutlined />} onClick={() => setEditingType(ty)}>{t('common.edit')}</Button>,
    },
  ];
  const patternColumns: TableColumnsType<NumberPattern> = [
    { key: 'type', title: t('nt.type'), width: 140, render: (_, p) => p.typeName },
    { key: 'pattern', title: t('nt.pattern'), width: 240, render: (_, p) => <Space size={4} wrap><Typography.Text code>{p.pattern}</Typography.Text>{p.isDefault && <Tag>{t('nt.defaultPattern')}</Tag>}</Space> },
    { key: 'next', title: t('nt.nextNumber'), width: 200, render: (_, p) => p.nextNumber },
    {
      key: 'actions', title: t('common.actions'), width: 170,
      render: (_, p) => (
        <Space wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditingPattern(p)}>{t('common.edit')}</Button>
          {!p.isDefault && <Popconfirm title={t('nt.resetPatternConfirm')} onConfirm={() => reset.mutate(p.typeKey)}><Button size="small">{t('nt.resetPattern')}</Button></Popconfirm>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard title={t('nt.types')} actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingType('new')}>{t('nt.addType')}</Button>}>
        {types.error ? <ErrorResult error={types.error} /> : (
          <Table<NoticeType> rowKey="key" size="small" columns={typeColumns} dataSource={types.data} loading={types.isPending} pagination={false} scroll={{ x: 670 }} />
        )}
      </PageCard>
      <PageCard title={t('nt.patterns')}>
        <Typography.Paragraph type="secondary">{t('nt.patternHelp')}</Typography.Paragraph>
        {patterns.error ? <ErrorResult error={patterns.error} /> : (
          <Table<NumberPattern> rowKey="typeKey" size="small" columns={patternColumns} dataSource={patterns.data} loading={patterns.isPending} pagination={false} scroll={{ x: 750 }} />
        )}
      </PageCard>
      {editingType && (
        <FormModal<TypeValues> title={editingType === 'new' ? t('nt.addType') : t('nt.editType')} onClose={() => setEditingType(null)}
          initialValues={editingType === 'new' ? {} : { nameZh: editingType.nameZh, nameEn: editingType.nameEn, sort: editingType.sort, active: editingType.active }}
          onSubmit={(v) => (editingType === 'new'
            ? noticesApi.createType({ nameZh: v.nameZh, nameEn: v.nameEn || undefined, sort: v.sort ?? undefined })
            : noticesApi.updateType(editingType.key, { nameZh: v.nameZh, nameEn: v.nameEn || editingType.nameEn, sort: v.sort ?? editingType.sort, active: v.active })).then(refresh)}>
          <Form.Item name="nameZh" label={t('nt.typeName')} rules={[{ required: true, max: 20 }]}><Input /></Form.Item>
          <Form.Item name="nameEn" label={t('nt.typeNameEn')} rules={[{ max: 60 }]}><Input /></Form.Item>
          <Form.Item name="sort" label={t('nt.sort')}><InputNumber min={0} max={999} /></Form.Item>
          {editingType !== 'new' && <Form.Item name="active" label={t('common.status')} valuePropName="checked"><Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} /></Form.Item>}
        </FormModal>
      )}
      {editingPattern && (
        <FormModal<{ pattern: string }> title={t('nt.editPattern', { type: editingPattern.typeName })} onClose={() => setEditingPattern(null)}
          initialValues={{ pattern: editingPattern.pattern }} onSubmit={(v) => noticesApi.setPattern(editingPattern.typeKey, v.pattern).then(refresh)}>
          <Form.Item name="pattern" label={t('nt.pattern')} rules={[{ required: true, min: 5, max: 60 }]} extra={t('nt.patternHelp')}><Input /></Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
