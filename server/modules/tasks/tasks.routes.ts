import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { invalidField } from '../../platform/errors';
import {
  isoDate, myTargetsQuery, myTargetView, planCreateBody, planDetail as planDetailView, planListQuery, planUpdateBody, planView,
  targetListQuery, targetParams, targetsBody, targetUpdateBody, targetView, taskCreateBody, taskDetail as taskDetailView, taskListQuery,
  taskUpdateBody, taskView, teamBody, teamParams, teamUpdateBody, transitionBody,
} from './tasks.schemas';
import {
  addTargets, assignTarget, createPlan, createTask, createTeam, listPlans, listTargets, listTasks, myTargets, planDetail, removeTarget,
  taskDetail, transitionTask, updatePlan, updateTask, updateTeam,
} from './tasks.service';
import { periodFigures, taskFigures } from './tasks.figures';

const count = z.number();
export const figuresView = z.object({
  targets: z.object({ unitsPlanned: count, unitsVisited: count, schoolsVisited: count, townshipsPlanned: count, townshipsVisited: count }),
  visits: count,
  meetings: count,
  interviewed: z.object({ total: count, cadres: count, teachers: count, students: count, parents: count, deputies: count }),
  problemsByArea: z.array(z.object({ area: z.string(), nameZh: z.string(), nameEn: z.string(), count })),
  problems: count,
  recommendations: count,
});

export function tasksRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['supervision tasks'];

  app.get('/api/plans', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '督导计划列表 Plans', querystring: planListQuery, response: { 200: pageOf(planView) } },
  }, async (request) => listPlans(db, request.actor!, request.query));

  app.get('/api/plans/:id', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '督导计划 Plan', params: idParams, response: { 200: planDetailView } },
  }, async (request) => planDetail(db, request.actor!, request.params.id));

  app.post('/api/plans', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '新建计划 Create plan', body: planCreateBody, response: { 200: planDetailView } },
  }, async (request) => createPlan(platform, request.ctx, request.body));

  app.patch('/api/plans/:id', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '修改计划 Update plan', params: idParams, body: planUpdateBody, response: { 200: planDetailView } },
  }, async (request) => updatePlan(platform, request.ctx, request.params.id, request.body));

  app.get('/api/tasks', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '督导任务列表 Tasks', querystring: taskListQuery, response: { 200: pageOf(taskView) } },
  }, async (request) => listTasks(db, request.actor!, request.query));

  app.get('/api/tasks/my-targets', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '我的督导对象 Targets assigned to my teams', querystring: myTargetsQuery, response: { 200: pageOf(myTargetView) } },
  }, async (request) => myTargets(db, request.actor!, request.query));

  app.get('/api/tasks/figures', {
    config: { permission: 'tasks.read' },
    schema: {
      tags, summary: '期间工作数据 Figures for a period across tasks',
      querystring: z.object({ from: isoDate, to: isoDate, regionId: z.string().max(64).optional() }),
      response: { 200: figuresView.extend({ tasks: count }) },
    },
  }, async (request) => {
    if (request.query.to < request.query.from) throw invalidField('to', 'TASK_DATES_ORDER');
    return periodFigures(db, request.actor!, request.query);
  });

  app.get('/api/tasks/:id', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '督导任务 Task', params: idParams, response: { 200: taskDetailView } },
  }, async (request) => taskDetail(db, request.actor!, request.params.id));

  app.post('/api/tasks', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '新建任务 Create task', body: taskCreateBody, response: { 200: taskDetailView } },
  }, async (request) => createTask(platform, request.ctx, request.body));

  app.patch('/api/tasks/:id', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '修改任务 Update task', params: idParams, body: taskUpdateBody, response: { 200: taskDetailView } },
  }, async (request) => updateTask(platform, request.ctx, request.params.id, request.body));

  app.post('/api/tasks/:id/transition', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '变更任务状态 Move task to a status', params: idParams, body: transitionBody, response: { 200: taskDetailView } },
  }, async (request) => transitionTask(platform, request.ctx, request.params.id, request.body.status));

  app.get('/api/tasks/:id/figures', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '任务工作数据 Task figures', params: idParams, response: { 200: figuresView } },
  }, async (request) => taskFigures(db, request.actor!, request.params.id));

  app.post('/api/tasks/:id/teams', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '新建督导组 Create team', params: idParams, body: teamBody, response: { 200: taskDetailView } },
  }, async (request) => createTeam(platform, request.ctx, request.params.id, request.body));

  app.patch('/api/tasks/:id/teams/:teamId', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '修改督导组 Update team', params: teamParams, body: teamUpdateBody, response: { 200: taskDetailView } },
  }, async (request) => updateTeam(platform, request.ctx, request.params.id, request.params.teamId, request.body));

  app.get('/api/tasks/:id/targets', {
    config: { permission: 'tasks.read' },
    schema: { tags, summary: '督导对象 Targets', params: idParams, querystring: targetListQuery, response: { 200: pageOf(targetView) } },
  }, async (request) => listTargets(db, request.actor!, request.params.id, request.query));

  app.post('/api/tasks/:id/targets', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '添加督导对象 Add targets', params: idParams, body: targetsBody, response: { 200: z.object({ added: z.number() }) } },
  }, async (request) => addTargets(platform, request.ctx, request.params.id, request.body));

  app.patch('/api/tasks/:id/targets/:targetId', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '分配督导组 Assign a target to a team', params: targetParams, body: targetUpdateBody, response: { 200: targetView } },
  }, async (request) => assignTarget(platform, request.ctx, request.params.id, request.params.targetId, request.body.teamId));

  app.delete('/api/tasks/:id/targets/:targetId', {
    config: { permission: 'tasks.write' },
    schema: { tags, summary: '移除督导对象 Remove a target', params: targetParams },
  }, async (request, reply) => {
    await removeTarget(platform, request.ctx, request.params.id, request.params.targetId);
    return reply.status(204).send();
  });
}
