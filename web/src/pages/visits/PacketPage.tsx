import { App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { useShowError } from '../../errors';
import { tasksApi, visitsApi, type Checklist, type MyTarget } from '../../services/supervision';
import type { Page } from '../../services/client';
import { fieldStore } from '../../offline/fieldStore';
import { isNetworkError, localVisit } from '../../offline/field';
import { useMe } from '../../session';

/** Before a visit: what is open at this target, what was found last time, complaints; then start or continue the record. */
export default function PacketPage() {
  const { taskId = '', targetId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const packet = useQuery({ queryKey: ['packet', taskId, targetId], queryFn: () => tasksApi.packet(taskId, targetId) });
  const task = useQuery({ queryKey: ['tasks', taskId], queryFn: () => tasksApi.get(taskId) });
  const drafts = useQuery({ queryKey: ['visits', 'drafts', targetId], queryFn: () => visitsApi.list({ targetId, status: 'draft', pageSize: 10 }) });
  const start = useMutation({
    mutationFn: async () => {
      const today = dayjs().format('YYYY-MM-DD');
      const t0 = task.data!;
      const date = today < t0.startDate ? t0.startDate : today > t0.endDate ? t0.endDate : today;
      // The phone names the visit, so a start whose answer is lost, or one made offline, is one visit.
      const id = crypto.randomUUID();
      try {
        return { visit: await visitsApi.create({ id, taskId, targetId, visitDate: date, round: 1 }), offline: false };
      } catch (e) {
        if (!isNetworkError(e) || !packet.data) throw e;
        const checklist = t0.checklist ? queryClient.getQueryData<Checklist>(['checklists', t0.checklist.id]) : undefined;
        const target = queryClient.getQueryData<Page<MyTarget>>(['my-targets', ''])?.items.find((x) => x.id === targetId);
        const visit = localVisit(id, me, t0, target, packet.data, checklist ? { id: checklist.id, title: checklist.title, version: checklist.version, items: checklist.items } : null, date);
        await fieldStore.keepStart({ id, taskId, targetId, visitDate: date, round: 1, visit, startedAt: new Date().toISOString(), refusal: null });
        queryClient.setQueryData(['visits', id], visit);
        return { visit, offline: true };
      }
    },
    onSuccess: ({ visit, offline }) => {
      void message.success(t(offline ? 'offline.visitStartedOffline' : 'sv.visitStarted'));
      void navigate(`/visits/${visit.id}`);
    },
    onError: showError,
  });
  if (packet.error) return <ErrorResult error={packet.error} />;
  const p = packet.data;
  const draft = drafts.data?.items[0];
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Card size="small" loading={!p} title={p?.target.name} extra={p && <Typography.Text type="secondary">{p.target.region.name}</Typography.Text>}>
        {task.data && <Typography.Paragraph type="secondary">{task.data.title}（{task.data.startDate} – {task.data.endDate}）</Typography.Paragraph>}
        <Space wrap>
          {draft && <Button type="primary" onClick={() => void navigate(`/visits/${draft.id}`)}>{t('sv.continueVisit')}</Button>}
          {task.data?.abilities.recordVisit && <Button type={draft ? 'default' : 'primary'} loading={start.isPending} onClick={() => start.mutate()} data-testid="start-visit">{t('sv.startVisit')}</Button>}
        </Space>
      </Card>
      <Card size="small" title={t('sv.openProblems')} style={{ marginTop: 12 }}>
        <List dataSource={p?.openProblems} locale={{ emptyText: <Empty description={t('sv.none')} /> }} renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Link to={`/problems/${x.id}`}>{x.description}</Link>
              <Space size={4} wrap>
                <Tag>{x.areaName}</Tag>
                {x.deadline && <Tag color={x.overdue ? 'red' : 'gold'}>{t('sv.deadline')} {x.deadline}{x.overdue ? ` · ${t('sv.overdue')}` : ''}</Tag>}
              </Space>
            </Space>
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={t('sv.lastVisits')} style={{ marginTop: 12 }}>
        <List dataSource={p?.lastVisits} locale={{ emptyText: <Empty description={t('sv.none')} /> }} renderItem={(v) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Link to={`/visits/${v.id}`}>{v.visitDate} · {v.taskTitle}</Link>
              <Typography.Text type="secondary">{t('sv.lastVisitResult', { failing: v.failingCount, problems: v.problemCount })}</Typography.Text>
              {v.findings && <Typography.Text>{v.findings}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
      </Card>
      <Card size="small" title={t('sv.complaints')} style={{ marginTop: 12 }}>
        <List dataSource={p?.complaints} locale={{ emptyText: <Empty description={t('sv.none')} /> }} renderItem={(c) => <List.Item>{c.foundOn} · {c.description}</List.Item>} />
      </Card>
    </div>
  );
}
