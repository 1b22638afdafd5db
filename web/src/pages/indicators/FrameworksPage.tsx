import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, PlusOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PageCard } from '../../components/PageCard';
import { FormModal } from '../../components/FormModal';
import { ImportModal } from '../../components/ImportModal';
import { errorText } from '../../errors';
import { useMe } from '../../session';
import { indicatorsApi, type FrameworkDetail, type FrameworkNodeView } from '../../services/indicators';

/** How a node earns its points, in a line: its scoring method, or for a parent its aggregation rule. */
function methodText(t: TFunction, n: FrameworkNodeView): string {
  if (n.aggregation) {
    const base = t(`ev.aggregation.${n.aggregation}`, { k: n.k, share: n.share });
    return n.aggregation === 'kOfN' && n.share ? base + t('ev.restShare', { share: n.share }) : base;
  }
  if (!n.scoring) return '';
  const name = t(`ev.scoring.${n.scoring}`);
  if (n.scoring === 'graded') return `${name}（${n.levels.map((l) => `${l.tier} ${l.points}`).join(' / ')}）`;
  if (n.scoring === 'deduction') return `${name}：${t('ev.deduction', { per: n.perOccurrence, floor: n.floor })}`;
  if (n.scoring === 'formula') {
    return `${name}：${t('ev.formula', {
      numerator: n.numerator, denominator: n.denominator ? ` ÷ ${n.denominator}` : '', scale: n.scale ? ` × ${n.scale}` : '',
      direction: t(`ev.direction.${n.direction ?? 'atLeast'}`), threshold: n.threshold,
    })}`;
  }
  return name;
}

function RulesCard({ framework }: { framework: FrameworkDetail }) {
  const { t } = useTranslation();
  const r = framework.rules;
  const listOf = (items: string[]) => (items.length ? items.join('；') : t('ev.none'));
  return (
    <Card size="small" title={t('ev.rules')} className="framework-rules">
      <Descriptions size="small" column={1} items={[
        { key: 'grades', label: t('ev.grades'), children: r.grades.map((g) => t('ev.gradeBand', { grade: g.grade, min: g.minPoints })).join('；') },
        { key: 'downgrades', label: t('ev.downgrades'), children: listOf(r.downgrades.map((d) => d.label)) },
        { key: 'caps', label: t('ev.caps'), children: listOf(r.caps.map((c) => t('ev.capTo', { label: c.label, best: c.best }))) },
        { key: 'vetoes', label: t('ev.vetoes'), children: listOf(r.vetoes.map((v) => v.label)) },
        {
          key: 'credibility', label: t('ev.credibility'),
          children: r.credibility ? t('ev.credibilityRule', { tolerance: r.credibility.tolerance, per: r.credibility.deductionPerPoint, max: r.credibility.maxDeduction }) : t('ev.noCredibility'),
        },
      ]} />
    </Card>
  );
}

/** Indicator frameworks: the versions an office can read, one opened with its tree, its rules and what may be done with it. */
export default function FrameworksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<'copy' | 'import' | null>(null);
  const open = params.get('id');
  const { data } = useQuery({ queryKey: ['frameworks', 'all'], queryFn: () => indicatorsApi.list({ pageSize: 100 }) });
  const detail = useQuery({ queryKey: ['frameworks', open], queryFn: () => indicatorsApi.get(open!), enabled: !!open });
  const shown = detail.data;

  const show = (f: FrameworkDetail) => {
    void queryClient.invalidateQueries({ queryKey: ['frameworks'] });
    queryClient.setQueryData(['frameworks', f.id], f);
    setParams({ id: f.id });
  };
  const act = useMutation({
    mutationFn: (action: 'publish' | 'newVersion') => indicatorsApi[action](shown!.id),
    onSuccess: (f, action) => {
      void message.success(t(action === 'publish' ? 'ev.published' : 'ev.newVersionDone', { version: f.version }));
      show(f);
    },
    onError: (error) => void message.error(errorText(t, error)),
  });

  const actions = shown && (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={indicatorsApi.exportUrl(shown.id)}>{t('ev.exportXlsx')}</Button>
      {shown.abilities.edit && <Button icon={<UploadOutlined />} onClick={() => setDialog('import')}>{t('ev.importXlsx')}</Button>}
      {shown.abilities.publish && (
        <Button type="primary" icon={<SendOutlined />} loading={act.isPending}
          onClick={() => modal.confirm({ title: t('ev.publishConfirm'), okText: t('ev.publish'), onOk: () => act.mutateAsync('publish') })}>
          {t('ev.publish')}
        </Button>
      )}
      {shown.abilities.newVersion && <Button icon={<PlusOutlined />} loading={act.isPending} onClick={() => act.mutate('newVersion')}>{t('ev.newVersion')}</Button>}
      {shown.abilities.copy && me.scope.regionId && <Button icon={<CopyOutlined />} onClick={() => setDialog('copy')}>{t('ev.copy')}</Button>}
    </Space>
  );

  return (
    <PageCard title={t('menu.frameworks')}>
      <List dataSource={data?.items} renderItem={(f) => (
        <List.Item onClick={() => setParams({ id: f.id })} style={{ cursor: 'pointer' }}>
          <List.Item.Meta
            title={<>{f.title} <Tag>v{f.version}</Tag><Tag color={f.status === 'published' ? 'green' : 'orange'}>{t(`ev.status.${f.status}`)}</Tag>{f.builtIn && <Tag color="blue">{t('ev.builtIn')}</Tag>}</>}
            description={[f.regionName, t('ev.totalPoints', { points: f.totalPoints }), t('ev.indicatorCount', { count: f.indicatorCount })].filter(Boolean).join(' · ')}
          />
        </List.Item>
      )} />
      <Drawer open={!!open} size={Math.min(1000, window.innerWidth)} onClose={() => setParams({})}
        title={shown && <>{shown.title} <Tag>v{shown.version}</Tag><Tag color={shown.status === 'published' ? 'green' : 'orange'}>{t(`ev.status.${shown.status}`)}</Tag></>}>
        {shown && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {actions}
            <Alert type="info" showIcon title={shown.status === 'published' ? t('ev.frozen') : t('ev.draftHint')} />
            <div data-testid="framework-versions">
              <Typography.Text type="secondary">{t('ev.versions')}：</Typography.Text>
              <Space wrap size={4}>
                {shown.versions.map((v) => (
                  <Tag.CheckableTag key={v.id} checked={v.id === shown.id} onChange={() => setParams({ id: v.id })}>
                    {t('ev.version', { version: v.version })} · {t(`ev.status.${v.status}`)}
                  </Tag.CheckableTag>
                ))}
              </Space>
            </div>
            {shown.description && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{shown.description}</Typography.Paragraph>}
            <div data-testid="framework-nodes">
            <Table<FrameworkNodeView> rowKey="code" size="small" pagination={false} dataSource={shown.nodes} scroll={{ x: 720 }} columns={[
              { key: 'code', title: t('ev.code'), width: 70, render: (_, n) => n.code },
              { key: 'name', title: t('ev.name'), render: (_, n) => <span style={{ paddingLeft: (n.depth - 1) * 16, fontWeight: n.isLeaf ? undefined : 600 }}>{n.name}{n.veto && <Tag color="red" style={{ marginLeft: 4 }}>{t('ev.veto')}</Tag>}</span> },
              { key: 'points', title: t('ev.points'), width: 70, align: 'right', render: (_, n) => n.maxPoints },
              { key: 'method', title: t('ev.method'), width: 220, render: (_, n) => methodText(t, n) },
              { key: 'evidence', title: t('ev.evidence'), width: 180, render: (_, n) => n.evidence.join('；') },
            ]} />
            </div>
            <RulesCard framework={shown} />
          </Space>
        )}
      </Drawer>
      {dialog === 'copy' && shown && (
        <FormModal<{ title: string }> title={t('ev.copyTitle')} initialValues={{ title: shown.title }} onClose={() => setDialog(null)}
          onSubmit={async (values) => {
            const copy = await indicatorsApi.copy(shown.id, { regionId: me.scope.regionId!, title: values.title });
            void message.success(t('ev.copied', { title: copy.title }));
            show(copy);
          }}>
          <Form.Item name="title" label={t('ev.copyName')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        </FormModal>
      )}
      {dialog === 'import' && shown && (
        <ImportModal
          title={t('ev.importTitle')}
          templateUrl={indicatorsApi.exportUrl(shown.id)}
          upload={async (file) => {
            const f = await indicatorsApi.importInto(shown.id, file);
            queryClient.setQueryData(['frameworks', f.id], f);
            return { imported: f.nodes.length };
          }}
          doneText={(count) => t('ev.importDone', { count })}
          queryKey={['frameworks']}
          onClose={() => setDialog(null)}
        />
      )}
    </PageCard>
  );
}
