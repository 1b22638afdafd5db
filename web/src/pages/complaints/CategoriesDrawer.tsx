import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { ErrorResult } from '../../components/ErrorResult';
import { complaintsApi, type ComplaintCategory } from '../../services/complaints';

type Editing = { mode: 'create' } | { mode: 'edit'; category: ComplaintCategory };

/** The office's dictionary of complaint categories: what the public desk offers, in both languages. */
export function CategoriesDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const { data, error, isLoading } = useQuery({ queryKey: ['complaint-categories'], queryFn: complaintsApi.categories });
  const saved = () => void queryClient.invalidateQueries({ queryKey: ['complaint-categories'] });
  const columns: TableColumnsType<ComplaintCategory> = [
    { key: 'name', title: t('cp.categories.nameZh'), render: (_, c) => c.nameZh },
    { key: 'en', title: t('cp.categories.nameEn'), render: (_, c) => c.nameEn },
    { key: 'active', title: t('cp.categories.active'), width: 80, render: (_, c) => <Tag color={c.active ? 'success' : 'default'}>{c.active ? t('cp.categories.on') : t('cp.categories.off')}</Tag> },
    { key: 'edit', title: '', width: 70, render: (_, c) => <Button size="small" onClick={() => setEditing({ mode: 'edit', category: c })}>{t('common.edit')}</Button> },
  ];
  return (
    <Drawer open size={Math.min(640, window.innerWidth)} title={t('cp.categories.title')} onClose={onClose}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="category-add">{t('cp.categories.add')}</Button>}>
      {error && <ErrorResult error={error} />}
      <Table<ComplaintCategory> size="small" rowKey="key" loading={isLoading} columns={columns} dataSource={data} pagination={false} scroll={{ x: 420 }} data-testid="categories" />
      {editing && (
        <FormModal<{ key?: string; nameZh: string; nameEn: string; sort?: number; active?: boolean }>
          title={editing.mode === 'create' ? t('cp.categories.add') : t('cp.categories.edit')}
          initialValues={editing.mode === 'edit' ? editing.category : { active: true }}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            if (editing.mode === 'create') await complaintsApi.createCategory({ key: v.key!, nameZh: v.nameZh, nameEn: v.nameEn, sort: v.sort });
            else await complaintsApi.updateCategory(editing.category.key, { nameZh: v.nameZh, nameEn: v.nameEn, sort: v.sort, active: v.active });
            saved();
          }}>
          {editing.mode === 'create' && (
            <Form.Item name="key" label={t('cp.categories.key')} extra={t('cp.categories.keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('cp.categories.keyHint') }]}><Input /></Form.Item>
          )}
          <Form.Item name="nameZh" label={t('cp.categories.nameZh')} rules={[{ required: true }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="nameEn" label={t('cp.categories.nameEn')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="sort" label={t('cp.categories.sort')}><InputNumber min={0} max={999} style={{ width: '100%' }} /></Form.Item>
          {editing.mode === 'edit' && <Form.Item name="active" label={t('cp.categories.active')} valuePropName="checked"><Switch /></Form.Item>}
        </FormModal>
      )}
    </Drawer>
  );
}
