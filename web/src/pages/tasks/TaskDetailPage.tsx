import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { UnitSelect } from '../../components/UnitSelect';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useFormErrorHandler, useShowError } from '../../errors';
import { accountsApi } from '../../services/accounts';
import { tasksApi, type Target, type TaskStatus } from '../../services/supervision';
import { FiguresCard } from './FiguresCard';
import { statusColor } from './TasksPage';

function TeamModal({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; leaderAccountId: string; memberAccountIds: string[] }>();
  const accounts = useQuery({ queryKey: ['accounts', 'team-candidates'], queryFn: () => accountsApi.list({ pageSize: 200, active: true }) });
  const options = accounts.data?.items.filter((a) => ['office_staff', 'inspector', 'expert'].includes(a.role)).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  const onError = useFormErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { name: string; leaderAccountId: string; memberAccountIds?: string[] }) => tasksApi.createTeam(taskId, { ...v, memberAccountIds: v.memberAccountIds ?? [] }),
    onSuccess: (task) => { queryClient.setQueryData(['tasks', taskId], task); onClose(); },
    onError,
  });
  return (
    <Modal open title={t('sv.newTeam')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('sv.teamName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="leaderAccountId" label={t('sv.leader')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={options} /></Form.Item>
        <Form.Item name="memberAccountIds" label={t('sv.members')}><Select mode="multiple" showSearch optionFilterProp="label" options={options} /></Form.Item>
      </Form>
    </Modal>
  );
}

function TargetsModal({ taskId, teams, onClose }: { taskId: string; teams: { id: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ teamId?: string; unitId?: string; regionId?: string }>();
  const onError = useFormErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { teamId?: string; unitId?: string; regionId?: string }) => tasksApi.addTargets(taskId, { teamId: v.teamId ?? null, unitIds: v.unitId ? [v.unitId] : [], regionIds: v.regionId ? [v.regionId] : [] }),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: ['tasks', taskId] }); void queryClient.invalidateQueries({ queryKey: ['targets', taskId] }); form.resetFields(['unitId', 'regionId']); },
    onError,
  });
  return (
    <Modal open title={t('sv.addTargets')} onCancel={onClose} onOk={() => form.submit()} okText={t('sv.add')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="teamId" label={t('sv.team')}><Select allowClear options={teams.map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
        <Form.Item name="unitId" label={t('sv.targetUnit')} validateFirst><UnitSelect /></Form.Item>
        <Form.Item name="regionId" label={t('sv.targetTownship')}><RegionTreeSelect /></Form.Item>
        {save.isSuccess && <Typography.Text type="success">{t('sv.targetsAdded', { count: save.data.added })}</Typography.Text>}
      </Form>
    </Modal>
  );
}

export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<'team' | 'targets' | null>(null);
  const targetFilter = { kind: params.get('kind') ?? undefined, visited: params.get('visited') ?? undefined, teamId: params.get('teamId') ?? undefined };
  const { data: task, error } = useQuery({ queryKey: ['tasks', id], queryFn: () => tasksApi.get(id) });
  const targets = useQuery({ queryKey: ['targets', id, targetFilter], queryFn: () => tasksApi.targets(id, { ...targetFilter, pageSize: 200 }) });
  const figures = useQuery({ queryKey: ['tasks', id, 'figures'], queryFn: () => tasksApi.figures(id) });
  const transition = useMutation({
    mutationFn: (status: TaskStatus) => tasksApi.transition(id, status),
    onSuccess: (x) => { queryClient.setQueryData(['tasks', id], x); void message.success(t('common.saved')); },
    onError: showError,
  });
  const assign = useMutation({
    mutationFn: ({ targetId, teamId }: { targetId: string; teamId: string | null }) => tasksApi.assign(id, targetId, teamId),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: ['targets', id] }); void queryClient.invalidateQueries({ queryKey: ['tasks', id] }); },
    onError: showError,
  });
  if (error) return <ErrorResult error={error} />;
  if (!task) return <Card loading />;
  const columns = [
    { key: 'name', title: t('sv.target'), render: (_: unknown, x: Target) => <Link to={`/tasks/${id}/targets/${x.id}`}>{x.unit?.name ?? x.region.name}</Link> },
    { key: 'kind', title: t('sv.kind'), width: 90, render: (_: unknown, x: Target) => t(`sv.targetKind.${x.kind}`) },
    { key: 'team', title: t('sv.team'), width: 180, render: (_: unknown, x: Target) => (task.abilities.manageTeams
      ? <Select size="small" allowClear style={{ width: 160 }} value={x.team?.id} options={task.teams.map((tm) => ({ value: tm.id, label: tm.name }))} onChange={(teamId) => assign.mutate({ targetId: x.id, teamId: teamId ?? null })} />
      : x.team?.name ?? '—') },
    { key: 'visits', title: t('sv.visits'), width: 90, render: (_: unknown, x: Target) => <Link to={`/visits?taskId=${id}&targetId=${x.id}`}>{x.visitCount}</Link> },
    { key: 'last', title: t('sv.lastVisit'), width: 110, render: (_: unknown, x: Target) => x.lastVisitDate ?? '—' },
    { key: 'open', title: t('sv.openProblems'), width: 100, render: (_: unknown, x: Target) => x.openProblems },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card title={task.title} extra={<Tag color={statusColor[task.status]}>{t(`sv.statusLabel.${task.status}`)}</Tag>}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('sv.kind')}>{t(`sv.kindLabel.${task.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('sv.plan')}>{task.planTitle}</Descriptions.Item>
          <Descriptions.Item label={t('sv.region')}>{task.region.name}</Descriptions.Item>
          <Descriptions.Item label={t('sv.period')}>{task.startDate} – {task.endDate}</Descriptions.Item>
          <Descriptions.Item label={t('sv.rounds')}>{task.rounds}</Descriptions.Item>
          <Descriptions.Item label={t('sv.lead')}>{task.lead?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sv.checklist')}>{task.checklist ? <Link to={`/checklists?id=${task.checklist.id}`}>{task.checklist.title}（v{task.checklist.version}）</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sv.basis')} span={2}>{task.basis.map((b) => `《${b.title}》${b.docNo ? `（${b.docNo}）` : ''}`).join('；') || '—'}</Descriptions.Item>
        </Descriptions>
        {task.abilities.transition && (
          <Space wrap style={{ marginTop: 12 }}>
            {task.nextStatuses.map((s) => <Button key={s} onClick={() => transition.mutate(s)} loading={transition.isPending}>{t(`sv.moveTo.${s}`)}</Button>)}
          </Space>
        )}
      </Card>
      {figures.data && (
        <FiguresCard figures={figures.data} links={{
          targets: (kind, visited) => `/tasks/${id}?kind=${kind}${visited ? '&visited=true' : ''}`,
          visits: `/visits?taskId=${id}&status=submitted`,
          problems: (area) => `/problems?taskId=${id}${area ? `&area=${area}` : ''}`,
          recommendations: `/recommendations?taskId=${id}`,
        }} />
      )}
      <Card size="small" title={t('sv.teams')} extra={task.abilities.manageTeams && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('team')}>{t('sv.newTeam')}</Button>}>
        {task.teams.map((tm) => (
          <div key={tm.id} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{tm.name}</Typography.Text>（{t('sv.targetCount', { count: tm.targetCount })}）：
            {tm.members.map((m) => `${m.name}${m.role === 'leader' ? `（${t('sv.leader')}）` : ''}`).join('、')}
          </div>
        ))}
        {task.teams.length === 0 && <Typography.Text type="secondary">{t('sv.none')}</Typography.Text>}
      </Card>
      <Card size="small" title={t('sv.targets')} extra={
        <Space>
          {(targetFilter.kind || targetFilter.visited) && <Button size="small" onClick={() => setParams({})}>{t('sv.showAll')}</Button>}
          {task.abilities.manageTeams && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('targets')}>{t('sv.addTargets')}</Button>}
        </Space>
      }>
        <Table<Target> rowKey="id" size="small" columns={columns} dataSource={targets.data?.items} loading={targets.isFetching} pagination={false} scroll={{ x: 700 }} />
      </Card>
      {dialog === 'team' && <TeamModal taskId={id} onClose={() => setDialog(null)} />}
      {dialog === 'targets' && <TargetsModal taskId={id} teams={task.teams} onClose={() => setDialog(null)} />}
    </Space>
  );
}
