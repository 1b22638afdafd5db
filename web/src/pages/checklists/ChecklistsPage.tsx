import { useState } from 'react';
import { Alert, Button, Card, Drawer, List, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { useMe } from '../../session';
import { checklistsApi, type Checklist, type ChecklistItem } from '../../services/supervision';
import { ChecklistEditor } from './ChecklistEditor';

type Editing = { mode: 'create' } | { mode: 'copy'; from: Checklist } | { mode: 'revise'; from: Checklist };

/** The checklist templates in use, and the items of one (each version is kept as it was, and stays readable). */
export default function ChecklistsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = me.permissions.includes('checklists.write') && me.scope.kind === 'region';
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing | null>(null);
  const open = params.get('id');
  const { data } = useQuery({ queryKey: ['checklists', 'all'], queryFn: () => checklistsApi.list({ pageSize: 100 }) });
  const detail = useQuery({ queryKey: ['checklists', open], queryFn: () => checklistsApi.get(open!), enabled: !!open });
  const shown = detail.data;

  const saved = (c: Checklist) => {
    setEditing(null);
    void queryClient.invalidateQueries({ queryKey: ['checklists'] });
    queryClient.setQueryData(['checklists', c.id], c);
    setParams({ id: c.id });
  };

  return (
    <PageCard title={t('menu.checklists')} actions={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>{t('sv.cl.create')}</Button>}>
      <List dataSource={data?.items} renderItem={(c) => (
        <List.Item onClick={() => setParams({ id: c.id })} style={{ cursor: 'pointer' }}>
          <List.Item.Meta title={<>{c.title} <Tag>v{c.version}</Tag>{c.builtIn && <Tag color="blue">{t('sv.builtIn')}</Tag>}</>} description={`${c.areas.join('、')} · ${t('sv.itemCount', { count: c.itemCount })}`} />
        </List.Item>
      )} />
      <Drawer open={!!open} size={Math.min(760, window.innerWidth)} title={shown && <>{shown.title} <Tag>v{shown.version}</Tag></>} onClose={() => setParams({})}
        extra={shown && canWrite && (shown.abilities.revise
          ? <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'revise', from: shown })}>{t('sv.cl.revise')}</Button>
          : !shown.superseded && <Button icon={<CopyOutlined />} onClick={() => setEditing({ mode: 'copy', from: shown })}>{t('sv.cl.copy')}</Button>)}>
        {shown && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {shown.superseded && <Alert type="info" showIcon title={t('sv.cl.readOnly')} />}
            {!shown.superseded && shown.builtIn && canWrite && <Alert type="info" showIcon title={t('sv.cl.builtInHint')} />}
            <div data-testid="checklist-versions">
              <Typography.Text type="secondary">{t('sv.cl.versions')}：</Typography.Text>
              <Space wrap size={4}>
                {shown.versions.map((v, i) => (
                  <Tag.CheckableTag key={v.id} checked={v.id === shown.id} onChange={() => setParams({ id: v.id })}>
                    {t('sv.cl.version', { version: v.version })}{i === 0 ? `（${t('sv.cl.current')}）` : ''} · {v.createdAt.slice(0, 10)}
                  </Tag.CheckableTag>
                ))}
              </Space>
            </div>
            <Card size="small">
              {shown.description && <Typography.Paragraph type="secondary">{shown.description}</Typography.Paragraph>}
              <Table<ChecklistItem> rowKey="key" size="small" pagination={false} dataSource={shown.items} scroll={{ x: 480 }} columns={[
                { key: 'area', title: t('sv.cl.area'), width: 100, render: (_, i) => i.area },
                { key: 'text', title: t('sv.item'), render: (_, i) => <>{i.text}{i.photoRequired && <Tag color="blue" style={{ marginLeft: 4 }}>{t('sv.photoRequired')}</Tag>}</> },
                { key: 'type', title: t('sv.answerType'), width: 120, render: (_, i) => t(`sv.itemType.${i.type}`) + (i.min !== undefined ? ` ${i.min}–${i.max ?? ''}` : '') },
              ]} />
            </Card>
          </Space>
        )}
      </Drawer>
      {editing && (
        <ChecklistEditor
          revise={editing.mode === 'revise' ? editing.from : undefined}
          copy={editing.mode === 'copy' ? editing.from : undefined}
          defaultRegionId={me.scope.regionId}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </PageCard>
  );
}
