import { Card, Drawer, List, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { checklistsApi, type ChecklistItem } from '../../services/supervision';

/** The checklist templates in use, and the items of one (each version is kept as it was). */
export default function ChecklistsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const open = params.get('id');
  const { data } = useQuery({ queryKey: ['checklists', 'all'], queryFn: () => checklistsApi.list({ pageSize: 100 }) });
  const detail = useQuery({ queryKey: ['checklists', open], queryFn: () => checklistsApi.get(open!), enabled: !!open });
  return (
    <PageCard title={t('menu.checklists')}>
      <List dataSource={data?.items} renderItem={(c) => (
        <List.Item onClick={() => setParams({ id: c.id })} style={{ cursor: 'pointer' }}>
          <List.Item.Meta title={<>{c.title} <Tag>v{c.version}</Tag>{c.builtIn && <Tag color="blue">{t('sv.builtIn')}</Tag>}</>} description={`${c.areas.join('、')} · ${t('sv.itemCount', { count: c.itemCount })}`} />
        </List.Item>
      )} />
      <Drawer open={!!open} width={Math.min(720, window.innerWidth)} title={detail.data?.title} onClose={() => setParams({})}>
        {detail.data && (
          <Card size="small">
            <Typography.Paragraph type="secondary">{detail.data.description}</Typography.Paragraph>
            <Table<ChecklistItem> rowKey="key" size="small" pagination={false} dataSource={detail.data.items} columns={[
              { key: 'area', title: t('sv.area'), width: 100, render: (_, i) => i.area },
              { key: 'text', title: t('sv.item'), render: (_, i) => <>{i.text}{i.photoRequired && <Tag color="blue" style={{ marginLeft: 4 }}>{t('sv.photoRequired')}</Tag>}</> },
              { key: 'type', title: t('sv.answerType'), width: 120, render: (_, i) => t(`sv.itemType.${i.type}`) + (i.min !== undefined ? ` ${i.min}–${i.max ?? ''}` : '') },
            ]} />
          </Card>
        )}
      </Drawer>
    </PageCard>
  );
}
