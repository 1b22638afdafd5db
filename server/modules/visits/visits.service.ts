import type { Readable } from 'node:stream';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { SupervisionTasksTable, TaskTargetsTable, VisitsTable } from '../../platform/db/schema';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { checklistsScope, problemsScope, recommendationsScope, visitsScope } from '../../platform/scope';
import { storeUpload } from '../../platform/files';
import { readPhotoFacts } from '../../platform/exif';
import { newId } from '../../platform/ids';
import { canWriteTask, findTaskInScope, isTaskMember } from '../tasks/tasks.service';
import { recordsVisits, statusLabels, type TaskStatus } from '../tasks/task-status';
import { activityCounts, type Activities } from '../tasks/tasks.figures';
import { itemsOf, judgeAnswer } from '../checklists/checklists.service';
import type { ChecklistItem } from '../checklists/checklists.schemas';
import { activeArea, insertProblem, insertRecommendation } from '../problems/problems.service';
import type { Severity } from '../problems/problems.schemas';

function visitsBase(db: Executor, actor: Actor) {
  return db.selectFrom('visits')
    .innerJoin('supervision_tasks', 'supervision_tasks.id', 'visits.task_id')
    .innerJoin('task_targets', 'task_targets.id', 'visits.target_id')
    .innerJoin('regions', 'regions.id', 'task_targets.target_region_id')
    .innerJoin('accounts', 'accounts.id', 'visits.recorded_by')
    .leftJoin('units', 'units.id', 'visits.unit_id')
    .leftJoin('task_teams', 'task_teams.id', 'visits.team_id')
    .where(visitsScope(actor))
    .selectAll('visits')
    .select([
      'supervision_tasks.title as task_title', 'task_targets.kind as target_kind', 'task_targets.target_region_id as region_id', 'regions.name as region_name',
      'units.name as unit_name', 'task_teams.name as team_name', 'accounts.display_name as recorder_name',
      (eb) => eb.selectFrom('visit_answers').select((e) => e.fn.countAll<number>().as('n')).whereRef('visit_answers.visit_id', '=', 'visits.id').where('visit_answers.failing', '=', 1).as('failing_count'),
    ]);
}
type VisitRow = NonNullable<Awaited<ReturnType<ReturnType<typeof visitsBase>['executeTakeFirst']>>>;

function presentVisit(v: VisitRow) {
  return {
    id: v.id, task: { id: v.task_id, title: v.task_title }, targetId: v.target_id, targetName: v.unit_name ?? v.region_name, targetKind: v.target_kind as 'unit' | 'region',
    unit: v.unit_id ? { id: v.unit_id, name: v.unit_name ?? '' } : null, region: { id: v.region_id ?? '', name: v.region_name },
    team: v.team_id ? { id: v.team_id, name: v.team_name ?? '' } : null, round: v.round, visitDate: v.visit_date, status: v.status as 'draft' | 'submitted',
    recordedBy: { id: v.recorded_by, name: v.recorder_name }, meetingsCount: v.meetings_count, interviewedCount: v.interviewed_count,
    failingCount: Number(v.failing_count ?? 0), submittedAt: v.submitted_at, updatedAt: v.updated_at,
  };
}

export async function listVisits(db: Executor, actor: Actor, f: {
  taskId?: string; targetId?: string; teamId?: string; unitId?: string; status?: string; from?: string; to?: string; mine?: string;
  sort: 'visitDate' | 'updatedAt'; order: 'asc' | 'desc'; page: number; pageSize: number;
}) {
  let q = visitsBase(db, actor);
  if (f.taskId) q = q.where('visits.task_id', '=', f.taskId);
  if (f.targetId) q = q.where('visits.target_id', '=', f.targetId);
  if (f.teamId) q = q.where('visits.team_id', '=', f.teamId);
  if (f.unitId) q = q.where('visits.unit_id', '=', f.unitId);
  if (f.status) q = q.where('visits.status', '=', f.status);
  if (f.from) q = q.where('visits.visit_date', '>=', f.from);
  if (f.to) q = q.where('visits.visit_date', '<=', f.to);
  if (f.mine === 'true') q = q.where('visits.recorded_by', '=', actor.id);
  const [{ total }] = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.orderBy(f.sort === 'visitDate' ? 'visits.visit_date' : 'visits.updated_at', f.order).orderBy('visits.id', f.order)
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(presentVisit), total: Number(total), page: f.page, pageSize: f.pageSize };
}

export async function findVisitInScope(db: Executor, actor: Actor, id: string) {
  const row = await visitsBase(db, actor).where('visits.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Who may record at a target: a member of the team it is assigned to, or the office that runs the task. */
async function mayRecord(db: Executor, actor: Actor, task: SupervisionTasksTable, target: Pick<TaskTargetsTable, 'team_id'>): Promise<boolean> {
  if (!actor.permissions.has('visits.record')) return false;
  if (canWriteTask(actor, task.region_path)) return true;
  return !!target.team_id && (await isTaskMember(db, actor.id, task.id, target.team_id));
}

async function assertRecordable(db: Executor, actor: Actor, ctx: RequestContext, task: SupervisionTasksTable, target: Pick<TaskTargetsTable, 'team_id'>) {
  if (!recordsVisits(task.status as TaskStatus)) throw new AppError('CONFLICT', 'TASK_NOT_UNDER_WAY', { status: statusLabels[task.status as TaskStatus][ctx.locale] });
  if (!(await mayRecord(db, actor, task, target))) throw new AppError('FORBIDDEN', 'VISIT_NOT_ASSIGNED');
}

function checkWhen(task: SupervisionTasksTable, visitDate: string, round: number) {
  if (visitDate < task.start_date || visitDate > task.end_date) throw invalidField('visitDate', 'VISIT_OUTSIDE_PERIOD', { start: task.start_date, end: task.end_date });
  if (round > task.rounds) throw invalidField('round', 'VISIT_ROUND_RANGE', { max: task.rounds });
}

async function templateItems(db: Executor, templateId: string | null): Promise<{ code: string; items: ChecklistItem[] } | null> {
  if (!templateId) return null;
  const tpl = await db.selectFrom('checklist_templates').select(['code', 'items']).where('id', '=', templateId).executeTakeFirstOrThrow();
  return { code: tpl.code, items: itemsOf(tpl) };
}

function presentEvidence(visitId: string, e: { id: string; item_key: string | null; client_key: string; captured_at: string | null; latitude: number | null; longitude: number | null; created_at: string; name: string; mime: string; size: number }) {
  return {
    id: e.id, itemKey: e.item_key, clientKey: e.client_key, name: e.name, mime: e.mime, size: e.size, capturedAt: e.captured_at,
    latitude: e.latitude, longitude: e.longitude, createdAt: e.created_at, url: `/api/visits/${visitId}/evidence/${e.id}/content`,
  };
}

function evidenceOf(db: Executor, visitId: string) {
  return db.selectFrom('visit_evidence').innerJoin('files', 'files.id', 'visit_evidence.file_id')
    .select(['visit_evidence.id', 'visit_evidence.item_key', 'visit_evidence.client_key', 'visit_evidence.captured_at', 'visit_evidence.latitude', 'visit_evidence.longitude', 'visit_evidence.created_at', 'files.name', 'files.mime', 'files.size', 'files.sha256'])
    .where('visit_evidence.visit_id', '=', visitId).orderBy('visit_evidence.created_at');
}

const emptyActivities: Required<Activities> = { reportsHeard: 0, dataVerified: false, documentsChecked: [], meetings: [], interviews: {}, notes: null };

export async function visitDetail(db: Executor, actor: Actor, id: string) {
  const v = await findVisitInScope(db, actor, id);
  const task = await db.selectFrom('supervision_tasks').selectAll().where('id', '=', v.task_id).executeTakeFirstOrThrow();
  const target = await db.selectFrom('task_targets').select('team_id').where('id', '=', v.target_id).executeTakeFirstOrThrow();
  const tpl = v.checklist_template_id ? await db.selectFrom('checklist_templates').select(['id', 'title', 'version', 'items']).where('id', '=', v.checklist_template_id).executeTakeFirst() : undefined;
  const answers = await db.selectFrom('visit_answers').selectAll().where('visit_id', '=', id).execute();
  const evidence = await evidenceOf(db, id).execute();
  const problems = await db.selectFrom('problems').select(['id', 'item_key', 'description', 'area', 'severity', 'deadline', 'recurring_of_id']).where('visit_id', '=', id).where(problemsScope(actor)).orderBy('created_at').execute();
  const recommendations = await db.selectFrom('recommendations').select(['id', 'area', 'content']).where('visit_id', '=', id).where(recommendationsScope(actor)).orderBy('created_at').execute();
  const recorder = await mayRecord(db, actor, task, target);
  const open = recorder && recordsVisits(task.status as TaskStatus);
  return {
    ...presentVisit(v),
    activities: { ...emptyActivities, ...(JSON.parse(v.activities) as Activities) },
    findings: v.findings,
    taskPeriod: { startDate: task.start_date, endDate: task.end_date, rounds: task.rounds },
    checklist: tpl ? { id: tpl.id, title: tpl.title, version: tpl.version, items: itemsOf(tpl) } : null,
    answers: Object.fromEntries(answers.map((a) => [a.item_key, { value: JSON.parse(a.value) as string | number, failing: a.failing === 1, note: a.note }])),
    evidence: evidence.map((e) => presentEvidence(id, e)),
    problems: problems.map((p) => ({ id: p.id, itemKey: p.item_key, description: p.description, area: p.area, severity: p.severity as Severity, deadline: p.deadline, recurringOfId: p.recurring_of_id })),
    recommendations,
    abilities: { edit: open && v.status === 'draft', submit: open && v.status === 'draft', convert: recorder },
  };
}

/**
 * Start a visit's record. A phone that started it offline names it itself (`id`): the start may reach the
 * server more than once (a lost answer, a retry after reconnecting), and each time after the first it is
 * answered with the visit it made, not a second one.
 */
export async function createVisit(platform: Platform, ctx: RequestContext, input: { id?: string; taskId: string; targetId: string; visitDate: string; round: number; checklistTemplateId?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    if (input.id) {
      const earlier = await trx.selectFrom('visits').select(['recorded_by', 'task_id', 'target_id']).where('id', '=', input.id).executeTakeFirst();
      if (earlier) {
        if (earlier.recorded_by !== actor.id || earlier.task_id !== input.taskId || earlier.target_id !== input.targetId) throw new AppError('CONFLICT', 'VISIT_ID_TAKEN');
        return visitDetail(trx, actor, input.id);
      }
    }
    const task = await findTaskInScope(trx, actor, input.taskId);
    const target = await trx.selectFrom('task_targets').selectAll().where('id', '=', input.targetId).where('task_id', '=', task.id).executeTakeFirst();
    if (!target) throw invalidField('targetId', 'VISIT_TARGET_NOT_IN_TASK');
    await assertRecordable(trx, actor, ctx, task, target);
    checkWhen(task, input.visitDate, input.round);
    let templateId = task.checklist_template_id;
    if (input.checklistTemplateId !== undefined) {
      templateId = input.checklistTemplateId;
      if (templateId && !(await trx.selectFrom('checklist_templates').select('id').where('id', '=', templateId).where(checklistsScope(actor.scope)).executeTakeFirst())) {
        throw invalidField('checklistTemplateId', 'NOT_FOUND');
      }
    }
    const now = platform.clock.now().toISOString();
    const row: VisitsTable = {
      id: input.id ?? newId(), task_id: task.id, target_id: target.id, team_id: target.team_id, unit_id: target.unit_id, target_region_id: target.target_region_id,
      region_path: target.region_path, round: input.round, visit_date: input.visitDate, status: 'draft', checklist_template_id: templateId,
      activities: JSON.stringify(emptyActivities), meetings_count: 0, interviewed_count: 0, findings: null, recorded_by: actor.id, submitted_at: null,
      created_at: now, updated_at: now,
    };
    await trx.insertInto('visits').values(row).execute();
    await platform.audit.record(trx, ctx, { action: 'visit.create', entityType: 'visit', entityId: row.id, detail: { after: row } });
    return visitDetail(trx, actor, row.id);
  });
}

async function editableVisit(db: Executor, actor: Actor, ctx: RequestContext, id: string) {
  const visit = await findVisitInScope(db, actor, id);
  const task = await db.selectFrom('supervision_tasks').selectAll().where('id', '=', visit.task_id).executeTakeFirstOrThrow();
  const target = await db.selectFrom('task_targets').select('team_id').where('id', '=', visit.target_id).executeTakeFirstOrThrow();
  await assertRecordable(db, actor, ctx, task, target);
  if (visit.status !== 'draft') throw new AppError('CONFLICT', 'VISIT_SUBMITTED');
  return { visit, task };
}

type AnswerInput = Record<string, { value: string | number; note?: string | null }>;

/** Save what has been typed so far. Every answer must fit its item; nothing is written if one does not. */
export async function saveDraft(platform: Platform, ctx: RequestContext, id: string, input: { visitDate?: string; round?: number; activities?: Activities; answers?: AnswerInput; findings?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const { visit, task } = await editableVisit(trx, actor, ctx, id);
    checkWhen(task, input.visitDate ?? visit.visit_date, input.round ?? visit.round);
    const set: Partial<VisitsTable> = { updated_at: platform.clock.now().toISOString() };
    if (input.visitDate !== undefined) set.visit_date = input.visitDate;
    if (input.round !== undefined) set.round = input.round;
    if (input.findings !== undefined) set.findings = input.findings;
    if (input.activities !== undefined) {
      set.activities = JSON.stringify(input.activities);
      Object.assign(set, activityCounts(input.activities));
    }
    let answerRows: { visit_id: string; item_key: string; value: string; failing: number; note: string | null }[] | null = null;
    if (input.answers !== undefined) {
      const tpl = await templateItems(trx, visit.checklist_template_id);
      if (!tpl && Object.keys(input.answers).length) throw invalidField('answers', 'VISIT_NO_CHECKLIST');
      answerRows = Object.entries(input.answers).map(([key, a]) => {
        const item = tpl!.items.find((i) => i.key === key);
        if (!item) throw invalidField(`answers.${key}`, 'ANSWER_ITEM_UNKNOWN', { key });
        const judged = judgeAnswer(item, a.value);
        return { visit_id: id, item_key: key, value: JSON.stringify(judged.value), failing: judged.failing ? 1 : 0, note: a.note ?? null };
      });
      await trx.deleteFrom('visit_answers').where('visit_id', '=', id).execute();
      if (answerRows.length) await trx.insertInto('visit_answers').values(answerRows).execute();
    }
    await trx.updateTable('visits').set(set).where('id', '=', id).execute();
    const { updated_at: _u, ...changed } = set;
    await platform.audit.record(trx, ctx, {
      action: 'visit.save', entityType: 'visit', entityId: id,
      detail: { before: Object.fromEntries(Object.keys(changed).map((k) => [k, visit[k as keyof VisitsTable]])), after: { ...changed, ...(answerRows ? { answers: answerRows.map((a) => [a.item_key, a.value, a.failing]) } : {}) } },
    });
    return visitDetail(trx, actor, id);
  });
}

/** Submit: every item answered, every required photo there, the date inside the task's period. */
export async function submitVisit(platform: Platform, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const { visit, task } = await editableVisit(trx, actor, ctx, id);
    checkWhen(task, visit.visit_date, visit.round);
    const tpl = await templateItems(trx, visit.checklist_template_id);
    if (tpl) {
      const answers = new Map((await trx.selectFrom('visit_answers').select(['item_key', 'value']).where('visit_id', '=', id).execute()).map((a) => [a.item_key, JSON.parse(a.value) as unknown]));
      const photos = new Set((await trx.selectFrom('visit_evidence').select('item_key').where('visit_id', '=', id).execute()).map((e) => e.item_key));
      const issues = [];
      for (const item of tpl.items) {
        if (!answers.has(item.key)) issues.push({ field: `answers.${item.key}`, key: 'ANSWER_MISSING' as const, params: { item: item.text } });
        else if (item.photoRequired && answers.get(item.key) !== 'na' && !photos.has(item.key)) issues.push({ field: `answers.${item.key}`, key: 'ANSWER_PHOTO_REQUIRED' as const, params: { item: item.text } });
      }
      if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues });
    }
    const now = platform.clock.now().toISOString();
    await trx.updateTable('visits').set({ status: 'submitted', submitted_at: now, updated_at: now }).where('id', '=', id).execute();
    await platform.audit.record(trx, ctx, { action: 'visit.submit', entityType: 'visit', entityId: id, detail: { before: { status: 'draft' }, after: { status: 'submitted' } } });
    return visitDetail(trx, actor, id);
  });
}

async function headOf(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= max) break;
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/**
 * Attach one file to a draft visit. The client names each upload with its own key, so an upload retried
 * after a lost answer is stored once. Photos keep their EXIF capture time and GPS position.
 */
export async function addEvidence(platform: Platform, ctx: RequestContext, id: string, fields: { clientKey: string; itemKey: string | null }, name: string, content: Readable) {
  const actor = ctx.actor!;
  const db = platform.database.db;
  try {
    const { visit } = await editableVisit(db, actor, ctx, id);
    const existing = await evidenceOf(db, id).where('visit_evidence.client_key', '=', fields.clientKey).executeTakeFirst();
    if (existing) {
      content.resume();
      return presentEvidence(id, existing);
    }
    if (fields.itemKey) {
      const tpl = await templateItems(db, visit.checklist_template_id);
      if (!tpl?.items.some((i) => i.key === fields.itemKey)) throw invalidField('itemKey', 'ANSWER_ITEM_UNKNOWN', { key: fields.itemKey });
    }
    const stored = await storeUpload(platform.storage, platform.config.fileMaxBytes, name, content);
    const mime = stored.mime;
    if (fields.itemKey && !mime.startsWith('image/')) throw invalidField('itemKey', 'EVIDENCE_IMAGE_ONLY');
    const facts = mime === 'image/jpeg' ? readPhotoFacts(await headOf(platform.storage.open(stored.sha256), 256 * 1024)) : { capturedAt: null, latitude: null, longitude: null };
    const now = platform.clock.now().toISOString();
    const fileId = newId();
    const evidenceId = newId();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('files').values({
        id: fileId, sha256: stored.sha256, size: stored.size, mime, name: stored.name, entity_type: 'visit', entity_id: id,
        region_path: visit.region_path, uploaded_by: actor.id, created_at: now,
      }).execute();
      await trx.insertInto('visit_evidence').values({
        id: evidenceId, visit_id: id, file_id: fileId, item_key: fields.itemKey, client_key: fields.clientKey, captured_at: facts.capturedAt,
        latitude: facts.latitude, longitude: facts.longitude, created_at: now,
      }).execute();
      await platform.audit.record(trx, ctx, { action: 'visit.evidence_add', entityType: 'visit', entityId: id, detail: { after: { evidenceId, fileId, name, sha256: stored.sha256, size: stored.size, itemKey: fields.itemKey, ...facts } } });
    });
    return presentEvidence(id, { id: evidenceId, item_key: fields.itemKey, client_key: fields.clientKey, captured_at: facts.capturedAt, latitude: facts.latitude, longitude: facts.longitude, created_at: now, name: name.slice(0, 200), mime, size: stored.size });
  } finally {
    // Whatever was refused, the rest of the upload is drained so the connection answers promptly.
    if (!content.readableEnded) content.resume();
  }
}

export async function evidenceFile(db: Executor, actor: Actor, visitId: string, evidenceId: string) {
  await findVisitInScope(db, actor, visitId);
  const e = await evidenceOf(db, visitId).where('visit_evidence.id', '=', evidenceId).executeTakeFirst();
  if (!e) throw notFound();
  return e;
}

export async function removeEvidence(platform: Platform, ctx: RequestContext, visitId: string, evidenceId: string) {
  const actor = ctx.actor!;
  await platform.database.db.transaction().execute(async (trx) => {
    await editableVisit(trx, actor, ctx, visitId);
    const e = await trx.selectFrom('visit_evidence').selectAll().where('id', '=', evidenceId).where('visit_id', '=', visitId).executeTakeFirst();
    if (!e) throw notFound();
    await trx.deleteFrom('visit_evidence').where('id', '=', evidenceId).execute();
    await trx.deleteFrom('files').where('id', '=', e.file_id).execute();
    await platform.audit.record(trx, ctx, { action: 'visit.evidence_remove', entityType: 'visit', entityId: visitId, detail: { before: e } });
  });
}

async function recorderOf(db: Executor, actor: Actor, visitId: string) {
  const visit = await findVisitInScope(db, actor, visitId);
  const task = await db.selectFrom('supervision_tasks').selectAll().where('id', '=', visit.task_id).executeTakeFirstOrThrow();
  const target = await db.selectFrom('task_targets').select('team_id').where('id', '=', visit.target_id).executeTakeFirstOrThrow();
  if (!(await mayRecord(db, actor, task, target))) throw new AppError('FORBIDDEN', 'VISIT_NOT_ASSIGNED');
  return visit;
}

/** A failing checklist item (or a finding of the visit) becomes a problem in the register, linked to the visit and its photos. */
export async function convertToProblem(platform: Platform, ctx: RequestContext, visitId: string, input: { itemKey?: string | null; area: string; severity: Severity; description?: string; deadline?: string | null }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const visit = await recorderOf(trx, actor, visitId);
    await activeArea(trx, input.area);
    let description = input.description;
    let templateCode: string | null = null;
    if (input.itemKey) {
      const tpl = await templateItems(trx, visit.checklist_template_id);
      const item = tpl?.items.find((i) => i.key === input.itemKey);
      if (!tpl || !item) throw invalidField('itemKey', 'ANSWER_ITEM_UNKNOWN', { key: input.itemKey });
      const answer = await trx.selectFrom('visit_answers').selectAll().where('visit_id', '=', visitId).where('item_key', '=', input.itemKey).executeTakeFirst();
      if (!answer || answer.failing !== 1) throw invalidField('itemKey', 'ITEM_NOT_FAILING', { item: item.text });
      if (await trx.selectFrom('problems').select('id').where('visit_id', '=', visitId).where('item_key', '=', input.itemKey).executeTakeFirst()) {
        throw new AppError('CONFLICT', 'ITEM_ALREADY_PROBLEM', { item: item.text });
      }
      templateCode = tpl.code;
      description ??= [item.text, answer.note].filter(Boolean).join('：');
    }
    if (!description) throw invalidField('description', 'IMPORT_REQUIRED');
    const problem = await insertProblem(trx, platform, ctx, {
      source: 'visit', area: input.area, severity: input.severity, region: { id: visit.target_region_id ?? visit.region_id ?? '', path: visit.region_path },
      unitId: visit.unit_id, taskId: visit.task_id, visitId, itemKey: input.itemKey ?? null, templateCode, description,
      foundBy: actor.displayName, foundByAccountId: actor.id, foundOn: visit.visit_date, deadline: input.deadline ?? null,
    });
    return { id: problem.id, recurringOfId: problem.recurring_of_id };
  });
}

export async function addVisitRecommendation(platform: Platform, ctx: RequestContext, visitId: string, input: { area: string; content: string }) {
  const actor = ctx.actor!;
  return platform.database.db.transaction().execute(async (trx) => {
    const visit = await recorderOf(trx, actor, visitId);
    await activeArea(trx, input.area);
    const row = await insertRecommendation(trx, platform, ctx, {
      area: input.area, region_id: visit.target_region_id ?? visit.region_id ?? '', region_path: visit.region_path, unit_id: visit.unit_id,
      task_id: visit.task_id, visit_id: visitId, content: input.content, proposed_by: actor.displayName, proposed_by_account_id: actor.id, proposed_on: visit.visit_date,
    });
    return { id: row.id, area: row.area, content: row.content };
  });
}

/** What a team should know before arriving: open problems with deadlines, complaints, the last visits. */
export async function visitPacket(db: Executor, actor: Actor, locale: 'zh-CN' | 'en', taskId: string, targetId: string, today: string) {
  await findTaskInScope(db, actor, taskId);
  const target = await db.selectFrom('task_targets').innerJoin('regions', 'regions.id', 'task_targets.target_region_id').leftJoin('units', 'units.id', 'task_targets.unit_id')
    .select(['task_targets.id', 'task_targets.kind', 'task_targets.unit_id', 'task_targets.target_region_id', 'regions.name as region_name', 'units.name as unit_name', 'units.kind as unit_kind', 'units.address'])
    .where('task_targets.id', '=', targetId).where('task_targets.task_id', '=', taskId).executeTakeFirst();
  if (!target) throw notFound();
  const place = <Q extends { where: (...a: never[]) => Q }>(q: Q, unitCol: string, regionCol: string): Q =>
    target.unit_id ? (q.where as (c: string, o: string, v: string) => Q)(unitCol, '=', target.unit_id) : (q.where as (c: string, o: string, v: string) => Q)(regionCol, '=', target.target_region_id!);
  const problems = await place(db.selectFrom('problems').innerJoin('problem_areas', 'problem_areas.key', 'problems.area').where(problemsScope(actor)), 'problems.unit_id', 'problems.region_id')
    .select(['problems.id', 'problems.description', 'problems.area', 'problem_areas.name_zh', 'problem_areas.name_en', 'problems.severity', 'problems.found_on', 'problems.deadline', 'problems.source', 'problems.status'])
    .orderBy('problems.deadline').orderBy('problems.found_on', 'desc').limit(200).execute();
  const visits = await place(db.selectFrom('visits').where(visitsScope(actor)).where('visits.status', '=', 'submitted'), 'visits.unit_id', 'visits.target_region_id')
    .innerJoin('supervision_tasks', 'supervision_tasks.id', 'visits.task_id')
    .select(['visits.id', 'visits.visit_date', 'visits.findings', 'supervision_tasks.title',
      (eb) => eb.selectFrom('visit_answers').select((e) => e.fn.countAll<number>().as('n')).whereRef('visit_answers.visit_id', '=', 'visits.id').where('visit_answers.failing', '=', 1).as('failing'),
      (eb) => eb.selectFrom('problems').select((e) => e.fn.countAll<number>().as('n')).whereRef('problems.visit_id', '=', 'visits.id').as('problem_count')])
    .orderBy('visits.visit_date', 'desc').limit(5).execute();
  return {
    target: {
      id: target.id, name: target.unit_name ?? target.region_name, kind: target.kind as 'unit' | 'region', region: { id: target.target_region_id ?? '', name: target.region_name },
      unitKind: target.unit_kind, address: target.address,
    },
    openProblems: problems.filter((p) => p.status === 'open').map((p) => ({
      id: p.id, description: p.description, area: p.area, areaName: locale === 'en' ? p.name_en : p.name_zh, severity: p.severity as Severity,
      foundOn: p.found_on, deadline: p.deadline, overdue: !!p.deadline && p.deadline < today, source: p.source,
    })),
    complaints: problems.filter((p) => p.source === 'complaint').map((p) => ({ id: p.id, description: p.description, foundOn: p.found_on, status: p.status })),
    lastVisits: visits.map((v) => ({ id: v.id, visitDate: v.visit_date, taskTitle: v.title, failingCount: Number(v.failing ?? 0), problemCount: Number(v.problem_count ?? 0), findings: v.findings })),
  };
}
