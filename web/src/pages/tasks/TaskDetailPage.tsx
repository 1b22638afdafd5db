import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useRegionTree } from '../../hooks/useRegionTree';
import { useFormErrorHandler, useShowError } from '../../errors';
import { accountsApi } from '../../services/accounts';
import { expertsApi } from '../../services/experts';
import { inspectorsApi } from '../../services/inspectors';
import { unitsApi } from '../../services/units';
import { tasksApi, type Target, type Task, type TaskStatus, type Team, type TeamPerson } from '../../services/supervision';
import { FiguresCard } from './FiguresCard';
import { statusColor } from './TasksPage';

interface TeamValues { name: string; leaderAccountId: string; memberAccountIds?: string[]; inspectorIds?: string[]; expertIds?: string[] }

/** Inspectors from the roster or experts from the pool, searched by name on the server; already-picked people keep their names. */
function PeopleSelect({ kind, known, value, onChange, id }: { kind: TeamPerson['kind']; known: TeamPerson[]; value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({
    queryKey: [kind, 'team-candidates', q],
    queryFn: async () => (kind === 'inspector' ? inspectorsApi.list({ q, pageSize: 30 }) : expertsApi.list({ q, pageSize: 30 })).then((p) => p.items.map((x) => ({ value: x.id, label: x.name }))),
  });
  const found = data ?? [];
  const options = [...found, ...known.filter((p) => p.kind === kind && !found.some((f) => f.value === p.id)).map((p) => ({ value: p.id, label: p.name }))];
  return (
    <Select id={id} mode="multiple" value={value} onChange={onChange} loading={isFetching} options={options} placeholder={t('sv.searchByName')}
      showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: false }} notFoundContent={t('common.noMatch')} style={{ width: '100%' }} />
  );
}

/** Creates a team, or edits one: its name, its leader and its members. */
function TeamModal({ taskId, team, onClose }: { taskId: string; team?: Team; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TeamValues>();
  const accounts = useQuery({ queryKey: ['accounts', 'team-candidates'], queryFn: () => accountsApi.list({ pageSize: 200, active: true }) });
  const options = accounts.data?.items.filter((a) => ['office_staff', 'inspector', 'expert'].includes(a.role)).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  const leaderId = Form.useWatch('leaderAccountId', form);
  const onError = useFormErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      const body = {
        name: v.name, leaderAccountId: v.leaderAccountId, memberAccountIds: (v.memberAccountIds ?? []).filter((m) => m !== v.leaderAccountId),
        inspectorIds: v.inspectorIds ?? [], expertIds: v.expertIds ?? [],
      };
      return team ? tasksApi.updateTeam(taskId, team.id, body) : tasksApi.createTeam(taskId, body);
    },
    onSuccess: (task) => { queryClient.setQueryData(['tasks', taskId], task); void queryClient.invalidateQueries({ queryKey: ['targets', taskId] }); onClose(); },
    onError,
  });
  const initialValues = team
    ? {
      name: team.name, leaderAccountId: team.leader.id, memberAccountIds: team.members.filter((m) => m.role === 'member').map((m) => m.id),
      inspectorIds: team.people.filter((p) => p.kind === 'inspector').map((p) => p.id), expertIds: team.people.filter((p) => p.kind === 'expert').map((p) => p.id),
    }
    : undefined;
  // A member not among the candidates (another region's inspector) still shows by name.
  const known = new Set(options?.map((o) => o.value));
  const extra = team ? [team.leader, ...team.members].filter((m, i, all) => !known.has(m.id) && all.findIndex((x) => x.id === m.id) === i).map((m) => ({ value: m.id, label: m.name })) : [];
  const all = [...(options ?? []), ...extra];
  return (
    <Modal open title={team ? t('sv.editTeam') : t('sv.newTeam')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('sv.teamName')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="leaderAccountId" label={t('sv.leader')} rules={[{ required: true }]}><Select showSearch={{ optionFilterProp: 'label' }} options={all} /></Form.Item>
        <Form.Item name="memberAccountIds" label={t('sv.members')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={all.filter((o) => o.value !== leaderId)} />
        </Form.Item>
        <Form.Item name="inspectorIds" label={t('sv.teamInspectors')} extra={t('sv.teamPeopleHint')}><PeopleSelect kind="inspector" known={team?.people ?? []} /></Form.Item>
        <Form.Item name="expertIds" label={t('sv.teamExperts')}><PeopleSelect kind="expert" known={team?.people ?? []} /></Form.Item>
      </Form>
    </Modal>
  );
}

type Picked = { value: string; label: ReactNode };

/** Several units of the task's region at once, searched on the server as the user types. */
function UnitsMultiSelect({ regionId, value, onChange, id }: { regionId: string; value?: Picked[]; onChange?: (v: Picked[]) => void; id?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({ queryKey: ['units', 'search', regionId, q], queryFn: () => unitsApi.list({ q, regionId, pageSize: 30, active: true }) });
  return (
    <Select id={id} mode="multiple" labelInValue value={value} onChange={(v: Picked[]) => onChange?.(v)} loading={isFetching}
      options={(data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: false }}
      placeholder={t('units.searchPlaceholder')} notFoundContent={t('common.noMatch')} style={{ width: '100%' }} maxTagCount="responsive" />
  );
}

/** Several townships at once, from the region tree. */
function TownshipsMultiSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { t } = useTranslation();
  const tree = useRegionTree();
  return (
    <TreeSelect id={id} multiple value={value}
      onChange={(v: string[]) => onChange?.(v)} treeData={tree.treeData} loadData={(node) => tree.loadChildren(String(node.value))} loading={tree.loading}
      placeholder={t('sv.townshipsHint')} style={{ width: '100%' }} maxTagCount="responsive" popupMatchSelectWidth={false} />
  );
}

interface TargetValues { teamId?: string; units?: Picked[]; regionIds?: string[] }

function TargetsModal({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetValues>();
  const onError = useFormErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: TargetValues) => tasksApi.addTargets(task.id, { teamId: v.teamId ?? null, unitIds: (v.units ?? []).map((u) => u.value), regionIds: v.regionIds ?? [] }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['tasks', task.id] });
      void queryClient.invalidateQueries({ queryKey: ['targets', task.id] });
      void message.success(t('sv.targetsAdded', { count: r.added }));
      onClose();
    },
    onError,
  });
  return (
    <Modal open title={t('sv.addTargets')} onCancel={onClose} onOk={() => form.submit()} okText={t('sv.add')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => {
        if (!v.units?.length && !v.regionIds?.length) form.setFields([{ name: 'units', errors: [t('sv.pickTargets')] }]);
        else save.mutate(v);
      }}>
        <Form.Item name="teamId" label={t('sv.team')} extra={t('sv.teamLater')}><Select allowClear options={task.teams.map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
        <Form.Item name="units" label={t('sv.targetUnits')} extra={t('sv.inRegion', { region: task.region.name })}><UnitsMultiSelect regionId={task.region.id} /></Form.Item>
        <Form.Item name="regionIds" label={t('sv.targetTownships')}><TownshipsMultiSelect /></Form.Item>
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
  const [editing, setEditing] = useState<Team | null>(null);
  const targetFilter = { kind: params.get('kind') ?? undefined, visited: params.get('visited') ?? undefined, schools: params.get('schools') ?? undefined, teamId: params.get('teamId') ?? undefined };
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
          schools: `/tasks/${id}?kind=unit&visited=true&schools=true`,
          visits: `/visits?taskId=${id}&status=submitted`,
          problems: (area) => `/problems?taskId=${id}${area ? `&area=${area}` : ''}`,
          recommendations: `/recommendations?taskId=${id}`,
        }} />
      )}
      <Card size="small" title={t('sv.teams')} extra={task.abilities.manageTeams && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('team')}>{t('sv.newTeam')}</Button>}>
        {task.teams.map((tm) => (
          <div key={tm.id} style={{ marginBottom: 8 }} data-testid="team">
            <Typography.Text strong>{tm.name}</Typography.Text>（{t('sv.targetCount', { count: tm.targetCount })}）：
            {tm.members.map((m) => `${m.name}${m.role === 'leader' ? `（${t('sv.leader')}）` : ''}`).join('、')}
            {tm.people.map((p) => (
              <Link key={`${p.kind}:${p.id}`} to={p.kind === 'inspector' ? `/inspectors/${p.id}` : `/experts/${p.id}`} style={{ marginLeft: 8 }}>
                <Tag color={p.kind === 'inspector' ? 'blue' : 'purple'}>{p.name}</Tag>
              </Link>
            ))}
            {task.abilities.manageTeams && <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(tm)} aria-label={`${t('common.edit')} ${tm.name}`}>{t('common.edit')}</Button>}
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
      {editing && <TeamModal taskId={id} team={editing} onClose={() => setEditing(null)} />}
      {dialog === 'targets' && <TargetsModal task={task} onClose={() => setDialog(null)} />}
    </Space>
  );
}
