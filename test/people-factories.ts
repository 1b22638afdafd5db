import type { ExpertsTable, InspectorsTable, InspectorTermsTable, RegionsTable, ReviewsTable, UnitsTable } from '../server/platform/db/schema';
import { drawIds } from '../server/modules/experts/draw';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';
import { makeCounty, makeUnit } from './factories';

/** Factories for the registers of people: each builds what is missing (a county when no region is given). */
let counter = 0;
const next = () => ++counter;

export async function makeInspector(world: TestWorld, opts: Partial<InspectorsTable> & { region?: RegionsTable } = {}): Promise<InspectorsTable> {
  const region = opts.region ?? (await makeCounty(world));
  const now = world.clock.now().toISOString();
  const { region: _omit, ...rest } = opts;
  const row: InspectorsTable = {
    id: newId(), name: `测试督学${next()}`, gender: 'female', id_number: null, phone: '13700001234', account_id: null, level: 'city',
    employment: 'part_time', employer: '测试学校', title: '校长', specialties: '["学校管理"]', qualifications: null, region_id: region.id,
    region_path: region.path, recommended_level: null, recommended_on: null, dismissed_on: null, dismissal_reason: null, synthetic: 0,
    created_at: now, updated_at: now, ...rest,
  };
  await world.platform.database.db.insertInto('inspectors').values(row).execute();
  return row;
}

export async function makeTerm(world: TestWorld, inspector: InspectorsTable, opts: Partial<InspectorTermsTable> = {}): Promise<InspectorTermsTable> {
  const now = world.clock.now().toISOString();
  const row: InspectorTermsTable = {
    id: newId(), inspector_id: inspector.id, region_path: inspector.region_path, term_number: 4, authority: '测试市人民政府',
    start_date: '2024-01-01', end_date: '2026-12-31', certificate_no: null, created_at: now, updated_at: now, ...opts,
  };
  await world.platform.database.db.insertInto('inspector_terms').values(row).execute();
  return row;
}

export async function makeExpert(world: TestWorld, opts: Partial<ExpertsTable> & { region?: RegionsTable; specialtyList?: string[] } = {}): Promise<ExpertsTable> {
  const region = opts.region ?? (await makeCounty(world));
  const now = world.clock.now().toISOString();
  const { region: _omit, specialtyList, ...rest } = opts;
  const row: ExpertsTable = {
    id: newId(), name: `测试专家${next()}`, id_number: null, phone: '13600001234', account_id: null,
    specialties: JSON.stringify(specialtyList ?? ['学前教育']), employer_unit_id: null, employer_name: '测试大学', title: '教授',
    region_id: region.id, region_path: region.path, available: 1, remarks: null, synthetic: 0, created_at: now, updated_at: now, ...rest,
  };
  await world.platform.database.db.insertInto('experts').values(row).execute();
  return row;
}

export async function makeReview(world: TestWorld, region: RegionsTable, opts: Partial<ReviewsTable> = {}): Promise<ReviewsTable> {
  const now = world.clock.now().toISOString();
  const row: ReviewsTable = {
    id: newId(), title: `测试评审${next()}`, region_id: region.id, region_path: region.path, reviewed_unit_id: null, task_id: null,
    start_date: '2026-02-10', end_date: '2026-02-11', location: null, fees_settled_at: null, created_by: null, created_at: now, updated_at: now, ...opts,
  };
  await world.platform.database.db.insertInto('reviews').values(row).execute();
  return row;
}

/** A recorded draw that put these experts on the review, as the service would have written it. */
export async function makeDrawn(world: TestWorld, review: ReviewsTable, experts: ExpertsTable[], opts: { halfDays?: number; role?: string; travelling?: number } = {}) {
  const db = world.platform.database.db;
  const now = world.clock.now().toISOString();
  const seed = '5e'.repeat(32);
  const candidates = experts.map((x) => x.id).sort();
  const id = newId();
  const last = await db.selectFrom('review_draws').select((eb) => eb.fn.max('seq').as('seq')).where('review_id', '=', review.id).executeTakeFirst();
  await db.insertInto('review_draws').values({
    id, review_id: review.id, region_path: review.region_path, seq: Number(last?.seq ?? 0) + 1, specialty: null, requested: experts.length,
    algorithm: 'fisher-yates/hmac-sha256-ctr/v1', seed, candidates: JSON.stringify(candidates), exclusions: '[]',
    result: JSON.stringify(drawIds(seed, candidates, experts.length)), replaces: null, drawn_by: null, drawn_at: now,
  }).execute();
  await db.insertInto('review_experts').values(experts.map((x) => ({
    id: newId(), review_id: review.id, expert_id: x.id, draw_id: id, region_path: review.region_path, role: opts.role ?? 'member', status: 'drawn',
    decline_reason: null, half_days: opts.halfDays ?? 0, travelling: opts.travelling ?? 0, created_at: now, updated_at: now,
  }))).execute();
  return { drawId: id };
}

/** A full rate table (all eight rates) from 2020 on: `base` fen a half day, more for a day, a leader, a traveller. */
export async function makeRateSet(world: TestWorld, region: RegionsTable, base: number, effectiveFrom = '2020-01-01') {
  const now = world.clock.now().toISOString();
  const rows = [];
  for (const [period, p] of [['half_day', 0], ['day', 20_000]] as const) {
    for (const [role, r] of [['leader', 10_000], ['member', 0]] as const) {
      for (const [locality, l] of [['local', 0], ['travelling', 10_000]] as const) {
        rows.push({ id: newId(), region_id: region.id, region_path: region.path, effective_from: effectiveFrom, period, role, locality, amount_fen: base + p + r + l, created_at: now });
      }
    }
  }
  await world.platform.database.db.insertInto('fee_rates').values(rows).execute();
}

/**
 * The authorization matrix's rows for the people modules: one of each inside (town A, the inspector
 * account's own record) and outside (town B).
 */
export async function makePeopleFixture(world: TestWorld, townA: RegionsTable, townB: RegionsTable, unitA: UnitsTable, unitB: UnitsTable, inspectorUsername: string) {
  const db = world.platform.database.db;
  const account = await db.selectFrom('accounts').select('id').where('username', '=', inspectorUsername).executeTakeFirstOrThrow();
  const side = async (town: RegionsTable, school: UnitsTable, label: string, accountId: string | null) => {
    const inspector = await makeInspector(world, { region: town, name: `矩阵督学${label}`, account_id: accountId, employment: 'full_time' });
    const term = await makeTerm(world, inspector, { start_date: '2023-04-01', end_date: '2026-03-31' });
    const spare = await makeInspector(world, { region: town, name: `矩阵备用督学${label}`, employment: 'full_time' });
    const spareTerm = await makeTerm(world, spare, { start_date: '2020-01-01', end_date: '2022-12-31' });
    const dismissable = await makeInspector(world, { region: town, name: `矩阵解聘督学${label}` });
    const expert = await makeExpert(world, { region: town, name: `矩阵专家${label}` });
    const attendee = await makeExpert(world, { region: town, name: `矩阵出席专家${label}`, available: 0 });
    const otherUnit = await makeUnit(world, { region: town, name: `矩阵关系单位${label}` });
    const relationId = newId();
    await db.insertInto('expert_relations').values({ id: relationId, expert_id: expert.id, unit_id: otherUnit.id, relation: '矩阵', created_at: world.clock.now().toISOString() }).execute();
    const review = await makeReview(world, town, { title: `矩阵评审${label}` });
    const { drawId } = await makeDrawn(world, review, [expert, attendee]);
    const drawReview = await makeReview(world, town, { title: `矩阵抽取评审${label}` });
    const feeReview = await makeReview(world, town, { title: `矩阵评审费${label}` });
    await makeDrawn(world, feeReview, [attendee], { halfDays: 2 });
    await makeRateSet(world, town, 30_000);
    const paidReview = await makeReview(world, town, { title: `矩阵已结算${label}`, fees_settled_at: world.clock.now().toISOString() });
    const feeItemId = newId();
    await db.insertInto('fee_items').values({
      id: feeItemId, review_id: paidReview.id, expert_id: expert.id, region_path: town.path, payer_path: town.path, year: 2026, paid_on: '2026-02-20', role: 'member', travelling: 0,
      half_days: 2, gross_fen: 50_000, tax_fen: 0, net_fen: 50_000, created_at: world.clock.now().toISOString(),
    }).execute();
    const now = world.clock.now().toISOString();
    const assignmentId = newId();
    await db.insertInto('responsible_assignments').values({ id: assignmentId, unit_id: school.id, inspector_id: inspector.id, region_path: school.region_path, start_date: '2026-01-01', end_date: null, created_at: now }).execute();
    const visitId = newId();
    await db.insertInto('responsible_visits').values({
      id: visitId, unit_id: school.id, inspector_id: inspector.id, region_path: school.region_path, date: '2026-01-15', items: '["safety"]', methods: '[]',
      findings: null, feedback_given: 1, recorded_by: null, created_at: now,
    }).execute();
    const unassigned = await makeUnit(world, { region: town, name: `矩阵无责任督学学校${label}` });
    const memberUnit = (name: string) => makeUnit(world, { region: town, name, kind: 'member_unit', school_code: null, stage: null, ownership: null });
    const membership = async (name: string) => {
      const id = newId();
      await db.insertInto('committee_members').values({
        id, region_id: town.id, region_path: town.path, unit_id: (await memberUnit(name)).id, role: 'member', representative: '矩阵代表', representative_title: null,
        representative_phone: '13811112222', joined_on: '2020-04-15', left_on: null, remarks: null, created_at: now, updated_at: now,
      }).execute();
      return id;
    };
    const memberId = await membership(`矩阵成员单位${label}`);
    const leaverId = await membership(`矩阵退出单位${label}`);
    const joinable = await memberUnit(`矩阵待加入单位${label}`);
    return { inspector, term, spare, spareTerm, dismissable, expert, attendee, relationId, review, drawId, drawReview, feeReview, feeItemId, assignmentId, visitId, unassigned, memberId, leaverId, joinable };
  };
  return { a: await side(townA, unitA, '甲', account.id), b: await side(townB, unitB, '乙', null) };
}
export type PeopleFixture = Awaited<ReturnType<typeof makePeopleFixture>>;
