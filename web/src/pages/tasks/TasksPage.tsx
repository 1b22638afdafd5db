import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Tag, type TableColumnsType } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useFormSync, useListParams } from '../../hooks/useListParams';
import { useFormErrorHandler } from '../../errors';
import { useAccess } from '../../session';
import { accountsApi } from '../../services/accounts';
import { checklistsApi, taskKinds, tasksApi, taskStatuses, type TaskListItem } from '../../services/supervision';

const filterKeys = ['q', 'kind', 'status', 'year'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;
export const statusColor = { planned: 'default', under_way: 'processing', reporting: 'gold', closed: 'green' } as const;

interface TaskForm { planId: string; regionId: string; kind: string; title: string; basis?: string; period: [dayjs.Dayjs, dayjs.Dayjs]; rounds: number; leadAccountId?: string; checklistTemplateId?: string }

/** One document a line; its number, if any, after a vertical bar: 《title》 | 文号. */
function parseBasis(text: string): { title: string; docNo: string | null }[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [title, ...rest] = line.split(/[|｜]/);
    const docNo = rest.join('|').trim();
    return { title: title.trim().replace(/^《(.*)》$/, '$1'), docNo: docNo || null };
  });
}

function CreateTask({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TaskForm>();
  const { message } = App.useApp();
  const [planTitle, setPlanTitle] = useState('');
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => tasksApi.plans({ pageSize: 100, sort: 'year', order: 'desc' }) });
  const checklists = useQuery({ queryKey: ['checklists', 'all'], queryFn: () => checklistsApi.list({ pageSize: 100 }) });
  const accounts = useQuery({ queryKey: ['accounts', 'leads'], queryFn: () => accountsApi.list({ pageSize: 200, active: true }) });
  const leads = accounts.data?.items.filter((a) => ['office_staff', 'inspector'].includes(a.role)).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  const onError = useFormErrorHandler(form);
  const createPlan = useMutation({
    mutationFn: () => {
      const period = form.getFieldValue('period') as TaskForm['period'] | undefined;
      return tasksApi.createPlan({ regionId: form.getFieldValue('regionId'), year: period?.[0]?.year() ?? dayjs().year(), title: planTitle.trim() });
    },
    onSuccess: (p) => { void queryClient.invalidateQueries({ queryKey: ['plans'] }); form.setFieldValue('planId', p.id); setPlanTitle(''); void message.success(t('sv.planCreated')); },
    onError,
  });
  const save = useMutation({
    mutationFn: (v: TaskForm) => tasksApi.create({
      planId: v.planId, regionId: v.regionId, kind: v.kind, title: v.title, rounds: v.rounds, checklistTemplateId: v.checklistTemplateId ?? null,
      leadAccountId: v.leadAccountId ?? null, startDate: v.period[0].format('YYYY-MM-DD'), endDate: v.period[1].format('YYYY-MM-DD'),
      basis: parseBasis(v.basis ?? ''),
    }),
    onSuccess: (task) => { void queryClient.invalidateQueries({ queryKey: ['tasks'] }); void navigate(`/tasks/${task.id}`); },
    onError,
  });
  return (
    <Modal open title={t('sv.newTask')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={620} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ rounds: 1, kind: 'routine' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="regionId" label={t('sv.region')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item>
        <Form.Item name="planId" label={t('sv.plan')} rules={[{ required: true }]} extra={t('sv.planHint')}>
          <Select options={plans.data?.items.map((p) => ({ value: p.id, label: p.title.includes(String(p.year)) ? p.title : `${p.year} ${p.title}` }))} notFoundContent={t('sv.noPlan')}
            popupRender={(menu) => (
              <>{menu}
                <div style={{ padding: 8 }}><Space.Compact block>
                  <Input size="small" placeholder={t('sv.newPlanTitle')} value={planTitle} onChange={(e) => setPlanTitle(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
                  <Button size="small" type="primary" icon={<PlusOutlined />} loading={createPlan.isPending} onClick={() => {
                    if (!form.getFieldValue('regionId')) form.setFields([{ name: 'regionId', errors: [t('sv.pickRegionFirst')] }]);
                    else createPlan.mutate();
                  }} disabled={!planTitle.trim()}>{t('sv.addPlan')}</Button>
                </Space.Compact></div>
              </>
            )} />
        </Form.Item>
        <Form.Item name="kind" label={t('sv.kind')} rules={[{ required: true }]}><Select options={taskKinds.map((k) => ({ value: k, label: t(`sv.kindLabel.${k}`) }))} /></Form.Item>
        <Form.Item name="title" label={t('sv.title')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="basis" label={t('sv.basis')}><Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('sv.basisHint')} /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={16}><Form.Item name="period" label={t('sv.period')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="rounds" label={t('sv.rounds')}><InputNumber min={1} max={20} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="leadAccountId" label={t('sv.lead')}><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={leads} /></Form.Item>
        <Form.Item name="checklistTemplateId" label={t('sv.checklist')}><Select allowClear options={checklists.data?.items.map((c) => ({ value: c.id, label: `${c.title}（v${c.version}）` }))} /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function TasksPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [creating, setCreating] = useState(false);
  const query = { ...list.filters, year: list.filters.year ? Number(list.filters.year) : undefined, ...list.paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['tasks', 'list', query], queryFn: () => tasksApi.list(query), placeholderData: keepPreviousData });
  const sortable = (key: string) => ({ key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<TaskListItem> = [
    { ...sortable('title'), title: t('sv.title'), width: 260, render: (_, x) => <Link to={`/tasks/${x.id}`}>{x.title}</Link> },
    { ...sortable('kind'), title: t('sv.kind'), width: 110, render: (_, x) => t(`sv.kindLabel.${x.kind}`) },
    { ...sortable('status'), title: t('sv.status'), width: 100, render: (_, x) => <Tag color={statusColor[x.status]}>{t(`sv.statusLabel.${x.status}`)}</Tag> },
    { ...sortable('startDate'), title: t('sv.period'), width: 200, render: (_, x) => `${x.startDate} – ${x.endDate}` },
    { key: 'region', title: t('sv.region'), width: 120, render: (_, x) => x.region.name },
    { key: 'progress', title: t('sv.progress'), width: 120, render: (_, x) => `${x.visitedCount} / ${x.targetCount}` },
    { key: 'plan', title: t('sv.plan'), width: 200, render: (_, x) => x.planTitle },
  ];
  return (
    <PageCard title={t('menu.tasks')} actions={
      <Space wrap>
        <Link to="/tasks/figures"><Button icon={<BarChartOutlined />}>{t('sv.periodFigures')}</Button></Link>
        {can('tasks.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('sv.newTask')}</Button>}
      </Space>
    }>
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('sv.title')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="kind"><Select allowClear placeholder={t('sv.kind')} style={{ width: 130 }} options={taskKinds.map((k) => ({ value: k, label: t(`sv.kindLabel.${k}`) }))} /></Form.Item>
        <Form.Item name="status"><Select allowClear placeholder={t('sv.status')} style={{ width: 110 }} options={taskStatuses.map((s) => ({ value: s, label: t(`sv.statusLabel.${s}`) }))} /></Form.Item>
        <Form.Item name="year"><Input allowClear placeholder={t('sv.year')} style={{ width: 90 }} /></Form.Item>
      </FilterBar>
      <ServerTable<TaskListItem> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1110} />
      {creating && <CreateTask onClose={() => setCreating(false)} />}
    </PageCard>
  );
}
