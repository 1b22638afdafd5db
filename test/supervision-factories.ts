import type {
  ChecklistTemplatesTable, ProblemsTable, RecommendationsTable, RegionsTable, SupervisionPlansTable, SupervisionTasksTable, TaskTargetsTable,
  TaskTeamsTable, UnitsTable, VisitsTable,
} from '../server/platform/db/schema';
import type { ChecklistItem } from '../server/modules/checklists/checklists.schemas';
import { Readable } from 'node:stream';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';
import { makeUnit } from './factories';

/** Factories for supervision work: each builds one row as the services would have written it. */
let counter = 0;
const next = () => ++counter;
const db = (world: TestWorld) => world.platform.database.db;
const now = (world: TestWorld) => world.clock.now().toISOString();

export const sampleItems: ChecklistItem[] = [
  { key: 'plan', area: '疫情防控', text: '制定疫情防控方案', type: 'yesno', photoRequired: false },
  { key: 'supplies', area: '疫情防控', text: '防疫物资储备充足', type: 'yesno', photoRequired: true },
  { key: 'pe', area: '课程设置', text: '体育课每周课时', type: 'number', min: 0, max: 10, failBelow: 3, photoRequired: false },
  { key: 'safety', area: '安全教育', text: '安全工作评分', type: 'score', min: 0, max: 10, passScore: 6, photoRequired: false },
  { key: 'notes', area: '其他', text: '其他情况', type: 'text', photoRequired: false },
];

export async function makeTemplate(world: TestWorld, opts: Partial<ChecklistTemplatesTable> & { itemList?: ChecklistItem[]; region?: RegionsTable } = {}): Promise<ChecklistTemplatesTable> {
  const { itemList, region, ...rest } = opts;
  const n = next();
  const row: ChecklistTemplatesTable = {
    id: newId(), code: `test-${n}`, version: 1, title: `测试检查表${n}`, description: null, items: JSON.stringify(itemList ?? sampleItems),
    region_id: region?.id ?? null, region_path: region?.path ?? null, superseded: 0, created_by: null, created_at: now(world), ...rest,
  };
  await db(world).insertInto('checklist_templates').values(row).execute();
  return row;
}

export async function makePlan(world: TestWorld, region: RegionsTable, opts: Partial<SupervisionPlansTable> = {}): Promise<SupervisionPlansTable> {
  const row: SupervisionPlansTable = {
    id: newId(), region_id: region.id, region_path: region.path, year: 2026, title: `测试督导计划${next()}`, description: null, created_by: null,
    created_at: now(world), updated_at: now(world), ...opts,
  };
  await db(world).insertInto('supervision_plans').values(row).execute();
  return row;
}

export async function makeTask(world: TestWorld, region: RegionsTable, opts: Partial<SupervisionTasksTable> & { plan?: SupervisionPlansTable } = {}): Promise<SupervisionTasksTable> {
  const { plan: given, ...rest } = opts;
  const plan = given ?? (await makePlan(world, region));
  const row: SupervisionTasksTable = {
    id: newId(), plan_id: plan.id, region_id: region.id, region_path: region.path, kind: 'campaign', title: `测试督导任务${next()}`,
    basis: JSON.stringify([{ title: '关于开展督导的通知', docNo: null }]), description: null, start_date: '2026-03-01', end_date: '2026-06-30', rounds: 4,
    lead_account_id: null, checklist_template_id: null, status: 'under_way', created_by: null, created_at: now(world), updated_at: now(world), ...rest,
  };
  await db(world).insertInto('supervision_tasks').values(row).execute();
  return row;
}

export async function makeTeam(world: TestWorld, task: SupervisionTasksTable, leaderId: string, memberIds: string[] = [], name?: string): Promise<TaskTeamsTable> {
  const row: TaskTeamsTable = { id: newId(), task_id: task.id, region_path: task.region_path, name: name ?? `第${next()}督导组`, leader_account_id: leaderId, created_at: now(world), updated_at: now(world) };
  await db(world).insertInto('task_teams').values(row).execute();
  await db(world).insertInto('task_team_members').values([leaderId, ...memberIds].map((accountId, i) => ({
    id: newId(), team_id: row.id, task_id: task.id, account_id: accountId, role: i === 0 ? 'leader' : 'member', created_at: now(world),
  }))).execute();
  return row;
}

export async function makeTarget(world: TestWorld, task: SupervisionTasksTable, opts: { unit?: UnitsTable; township?: RegionsTable; team?: TaskTeamsTable | null }): Promise<TaskTargetsTable> {
  const row: TaskTargetsTable = opts.unit
    ? { id: newId(), task_id: task.id, team_id: opts.team?.id ?? null, kind: 'unit', unit_id: opts.unit.id, target_region_id: opts.unit.region_id, region_path: opts.unit.region_path, created_at: now(world) }
    : { id: newId(), task_id: task.id, team_id: opts.team?.id ?? null, kind: 'region', unit_id: null, target_region_id: opts.township!.id, region_path: opts.township!.path, created_at: now(world) };
  await db(world).insertInto('task_targets').values(row).execute();
  return row;
}

export async function makeVisit(world: TestWorld, task: SupervisionTasksTable, target: TaskTargetsTable, recordedBy: string, opts: Partial<VisitsTable> = {}): Promise<VisitsTable> {
  const row: VisitsTable = {
    id: newId(), task_id: task.id, target_id: target.id, team_id: target.team_id, unit_id: target.unit_id, target_region_id: target.target_region_id,
    region_path: target.region_path, round: 1, visit_date: '2026-03-10', status: 'draft', checklist_template_id: task.checklist_template_id,
    activities: '{}', meetings_count: 0, interviewed_count: 0, findings: null, recorded_by: recordedBy, submitted_at: null, created_at: now(world), updated_at: now(world), ...opts,
  };
  await db(world).insertInto('visits').values(row).execute();
  return row;
}

export async function makeAnswer(world: TestWorld, visit: VisitsTable, itemKey: string, value: string | number, failing: boolean) {
  await db(world).insertInto('visit_answers').values({ visit_id: visit.id, item_key: itemKey, value: JSON.stringify(value), failing: failing ? 1 : 0, note: null }).execute();
}

export async function makeProblem(world: TestWorld, region: RegionsTable, opts: Partial<ProblemsTable> & { unit?: UnitsTable } = {}): Promise<ProblemsTable> {
  const { unit, ...rest } = opts;
  const n = next();
  const row: ProblemsTable = {
    id: newId(), source: 'higher_feedback', area: 'safety', severity: 'medium', status: 'open', region_id: unit?.region_id ?? region.id,
    region_path: unit?.region_path ?? region.path, unit_id: unit?.id ?? null, task_id: null, visit_id: null, item_key: null,
    description: `测试问题${n}`, found_by: '省督导组', found_by_account_id: null, found_on: '2026-02-01', deadline: '2026-05-01',
    recurrence_key: `text:safety:测试问题${n}`, recurring_of_id: null, created_at: now(world), updated_at: now(world), ...rest,
  };
  await db(world).insertInto('problems').values(row).execute();
  return row;
}

export async function makeRecommendation(world: TestWorld, region: RegionsTable, opts: Partial<RecommendationsTable> & { unit?: UnitsTable } = {}): Promise<RecommendationsTable> {
  const { unit, ...rest } = opts;
  const row: RecommendationsTable = {
    id: newId(), area: 'investment', region_id: unit?.region_id ?? region.id, region_path: unit?.region_path ?? region.path, unit_id: unit?.id ?? null,
    task_id: null, visit_id: null, content: `测试建议${next()}`, proposed_by: '督导组', proposed_by_account_id: null, proposed_on: '2026-03-10', created_at: now(world), ...rest,
  };
  await db(world).insertInto('recommendations').values(row).execute();
  return row;
}

/** A minimal JPEG (no image data needed by the server) with an EXIF block: capture time and a GPS position. */
export function jpegWithExif(opts: { taken?: string; lat?: [number, number, number]; latRef?: 'N' | 'S'; lon?: [number, number, number]; lonRef?: 'E' | 'W'; padding?: number } = {}): Buffer {
  const taken = opts.taken ?? '2026:03:10 09:30:15';
  const lat = opts.lat ?? [31, 51, 36];
  const lon = opts.lon ?? [106, 44, 24];
  // Little-endian TIFF: header, IFD0 (2 entries), Exif IFD (1 entry), GPS IFD (4 entries), then values.
  const ifd0 = 8;
  const exifIfd = ifd0 + 2 + 2 * 12 + 4;
  const gpsIfd = exifIfd + 2 + 12 + 4;
  const values = gpsIfd + 2 + 4 * 12 + 4;
  const dateAt = values;
  const latAt = dateAt + 20;
  const lonAt = latAt + 24;
  const tiff = Buffer.alloc(lonAt + 24);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (typeof value === 'string') tiff.write(value, at + 8, 'latin1');
    else tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(2, ifd0);
  entry(ifd0 + 2, 0x8769, 4, 1, exifIfd);
  entry(ifd0 + 14, 0x8825, 4, 1, gpsIfd);
  tiff.writeUInt16LE(1, exifIfd);
  entry(exifIfd + 2, 0x9003, 2, 20, dateAt);
  tiff.writeUInt16LE(4, gpsIfd);
  entry(gpsIfd + 2, 1, 2, 2, opts.latRef ?? 'N');
  entry(gpsIfd + 14, 2, 5, 3, latAt);
  entry(gpsIfd + 26, 3, 2, 2, opts.lonRef ?? 'E');
  entry(gpsIfd + 38, 4, 5, 3, lonAt);
  tiff.write(`${taken}\0`, dateAt, 'latin1');
  [lat, lon].forEach((parts, k) => parts.forEach((p, i) => {
    tiff.writeUInt32LE(p, (k ? lonAt : latAt) + i * 8);
    tiff.writeUInt32LE(1, (k ? lonAt : latAt) + i * 8 + 4);
  }));
  const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(app1Body.length + 2) >> 8, (app1Body.length + 2) & 0xff]), app1Body]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xda, 0x00, 0x02]), Buffer.alloc(opts.padding ?? 16, 0x11), Buffer.from([0xff, 0xd9])]);
}

async function storeEvidence(world: TestWorld, visit: VisitsTable, itemKey: string | null) {
  const content = jpegWithExif();
  const stored = await world.platform.storage.put(Readable.from([content]), 1024 * 1024);
  const fileId = newId();
  const id = newId();
  await db(world).insertInto('files').values({ id: fileId, sha256: stored.sha256, size: stored.size, mime: 'image/jpeg', name: 'scene.jpg', entity_type: 'visit', entity_id: visit.id, region_path: visit.region_path, uploaded_by: null, created_at: now(world) }).execute();
  await db(world).insertInto('visit_evidence').values({ id, visit_id: visit.id, file_id: fileId, item_key: itemKey, client_key: `k${id.replace(/-/g, '')}`, captured_at: '2026-03-10T09:30:15', latitude: 31.86, longitude: 106.74, created_at: now(world) }).execute();
  return id;
}

/**
 * One side of the authorization matrix: supervision work placed in a township, with the given accounts on
 * its team, and helpers that make a fresh row for calls that change or use one up.
 */
export async function makeSupervisionSide(world: TestWorld, town: RegionsTable, unit: UnitsTable, leaderId: string, memberIds: string[]) {
  const template = await makeTemplate(world, { region: town });
  const plan = await makePlan(world, town);
  const task = await makeTask(world, town, { plan, checklist_template_id: template.id });
  const team = await makeTeam(world, task, leaderId, memberIds);
  const spareTeam = await makeTeam(world, task, leaderId);
  const target = await makeTarget(world, task, { unit, team });
  const visit = await makeVisit(world, task, target, leaderId, { status: 'submitted', submitted_at: now(world) });
  await makeAnswer(world, visit, 'supplies', 'no', true);
  const evidenceId = await storeEvidence(world, visit, 'supplies');
  const problem = await makeProblem(world, town, { unit, task_id: task.id, visit_id: visit.id, item_key: 'supplies' });
  const recommendation = await makeRecommendation(world, town, { unit, task_id: task.id });
  let units = 0;
  const draft = async (answers: [string, string | number, boolean][] = []) => {
    const v = await makeVisit(world, task, target, leaderId);
    for (const [key, value, failing] of answers) await makeAnswer(world, v, key, value, failing);
    return v;
  };
  return {
    town, unit, template, plan, task, team, spareTeam, target, visit, evidenceId, problem, recommendation,
    draft,
    completeDraft: () => draft([['plan', 'yes', false], ['supplies', 'na', false], ['pe', 5, false], ['safety', 8, false], ['notes', '无', false]]),
    failingDraft: () => draft([['plan', 'no', true]]),
    draftWithEvidence: async () => {
      const v = await draft();
      return { visit: v, evidenceId: await storeEvidence(world, v, null) };
    },
    freshTask: () => makeTask(world, town, { plan, status: 'planned' }),
    freshTemplate: () => makeTemplate(world, { region: town }),
    freshUnit: () => makeUnit(world, { region: town, name: `矩阵督导对象${++units}` }),
    freshTarget: async () => makeTarget(world, task, { unit: await makeUnit(world, { region: town }) }),
  };
}
export type SupervisionSide = Awaited<ReturnType<typeof makeSupervisionSide>>;
