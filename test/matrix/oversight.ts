import { Readable } from 'node:stream';
import type { NoticesTable, ProblemsTable, RectificationsTable } from '../../server/platform/db/schema';
import { newId } from '../../server/platform/ids';
import { makeCase, makeItem, makeNoticeOf } from '../oversight-factories';
import { makeProblem } from '../supervision-factories';
import { ids, pick, unique, type MatrixArea, type MatrixBase, type Side } from './kit';

interface OversightSide {
  /** An item of the county office's notice at the side's unit, overdue since 2026-02-20. */
  item: RectificationsTable;
  notice: NoticesTable;
  filingId: string;
  fileId: string;
  measureId: string;
  problem: ProblemsTable;
  listId: string;
  listTitle: string;
  /** A case of the county office at the side's unit, decided. */
  caseId: string;
  caseTitle: string;
}

type OversightFixture = { a: OversightSide; b: OversightSide };

/** One side's rows, written as the services would have: county office, its unit, a filing with a receipt. */
async function side(base: MatrixBase, s: Side): Promise<OversightSide> {
  const { world } = base;
  const db = world.platform.database.db;
  const county = pick(s, base.countyA, base.countyB);
  const town = pick(s, base.townA, base.townB);
  const unit = pick(s, base.unitA, base.unitB);
  const notice = await makeNoticeOf(world, county, { typeKey: 'supervision_notice', title: `矩阵督办通知${unique()}` });
  const { row: item } = await makeItem(world, { unit, office: county, notice, status: 'pending', deadline: '2026-02-20' });
  const at = world.clock.now().toISOString();
  const creator = notice.drafted_by;
  const filingId = newId();
  await db.insertInto('filings').values({
    id: filingId, notice_id: notice.id, region_path: notice.region_path, filed_with: '矩阵市绩效办', filed_on: '2026-03-01', reference_no: null, note: null,
    created_by: creator, created_at: at,
  }).execute();
  const stored = await world.platform.storage.put(Readable.from([Buffer.from(`矩阵备案回执 ${s}`)]), 1024 * 1024);
  const fileId = newId();
  await db.insertInto('files').values({
    id: fileId, sha256: stored.sha256, size: stored.size, mime: 'text/plain', name: '回执.txt', entity_type: 'filing', entity_id: filingId,
    region_path: notice.region_path, uploaded_by: creator, created_at: at,
  }).execute();
  const measureId = newId();
  await db.insertInto('accountability_measures').values({
    id: measureId, unit_id: unit.id, region_path: unit.region_path, office_region_id: county.id, office_region_path: county.path, kind: 'criticism',
    reason: '矩阵问责', decided_on: '2026-03-01', notice_id: null, rectification_id: null, created_by: creator, created_at: at,
  }).execute();
  const problem = await makeProblem(world, town, { unit, description: `矩阵清零问题${unique()}` });
  const listId = newId();
  const listTitle = `矩阵清零清单${unique()}`;
  await db.insertInto('clearance_lists').values({ id: listId, region_id: county.id, region_path: county.path, title: listTitle, created_by: creator, created_at: at }).execute();
  await db.insertInto('clearance_list_problems').values({ list_id: listId, problem_id: problem.id, sort: 1 }).execute();
  const caseTitle = `矩阵问责案件${unique()}`;
  const { id: caseId } = await makeCase(world, { unit, office: county, createdBy: creator, status: 'decided', title: caseTitle, decidedOn: '2026-03-01' });
  return { item, notice, filingId, fileId, measureId, problem, listId, listTitle, caseId, caseTitle };
}

/** The oversight routes in the authorization matrix. */
export const oversightMatrix: MatrixArea<OversightFixture> = {
  build: async (base) => ({ a: await side(base, 'inside'), b: await side(base, 'outside') }),
  specs: (f, base) => {
    const o = (s: Side) => pick(s, f.a, f.b);
    const unit = (s: Side) => pick(s, base.unitA, base.unitB);
    const town = (s: Side) => pick(s, base.townA, base.townB);
    const county = (s: Side) => pick(s, base.countyA, base.countyB);
    const creator = () => base.accountIds.get('sysadmin')!;
    // A fresh case per call, in the status its action starts from: the county's own, or the city's for the object's side.
    const freshCase = async (s: Side, status: 'proposed' | 'opinion' | 'notified', office = county(s)) =>
      (await makeCase(base.world, { unit: unit(s), office, createdBy: creator(), status, statementDue: status === 'notified' ? '2026-12-31' : undefined })).id;
    return {
      'GET /api/rectification-overview': {
        kind: 'list',
        call: (s) => ({ url: `/api/rectification-overview?q=${encodeURIComponent(unit(s).name)}` }),
        contains: (r, s) => r.body.units.items.some((u: { unit: { id: string } }) => u.unit.id === unit(s).id),
      },
      // A county office's figures have a row per township; a school's, its own township's.
      'GET /api/rectification-figures': {
        kind: 'list',
        call: () => ({ url: '/api/rectification-figures?year=2026' }),
        contains: (r, s) => r.body.regions.some((x: { region: { id: string }; items: { total: number } }) => x.region.id === town(s).id && x.items.total > 0),
      },
      'GET /api/rectification-ranking': {
        kind: 'list',
        call: () => ({ url: '/api/rectification-ranking?year=2026' }),
        contains: (r, s) => r.body.items.some((x: { unit: { id: string } }) => x.unit.id === unit(s).id),
      },
      'POST /api/rectification-ranking/bulletin': {
        kind: 'create',
        call: (s) => ({ url: '/api/rectification-ranking/bulletin', body: { year: 2026, bottom: 1, regionId: county(s).id } }),
      },
      'POST /api/escalations': {
        kind: 'create',
        call: (s) => ({ url: '/api/escalations', body: { kind: 'bulletin', rectificationIds: [o(s).item.id] } }),
      },
      'GET /api/accountability': {
        kind: 'list',
        call: (s) => ({ url: `/api/accountability?unitId=${unit(s).id}` }),
        contains: (r, s) => ids(r).includes(o(s).measureId),
      },
      'POST /api/accountability': {
        kind: 'create',
        call: (s) => ({ url: '/api/accountability', body: { unitId: unit(s).id, kind: 'interview', reason: '矩阵约谈', decidedOn: '2026-01-01' } }),
      },
      'GET /api/accountability-cases': {
        kind: 'list',
        call: (s) => ({ url: `/api/accountability-cases?q=${encodeURIComponent(o(s).caseTitle)}` }),
        contains: (r, s) => ids(r).includes(o(s).caseId),
      },
      'POST /api/accountability-cases': {
        kind: 'create',
        call: (s) => ({ url: '/api/accountability-cases', body: { unitId: unit(s).id, title: '矩阵拟问责', sourceKind: 'problem', sourceId: o(s).problem.id } }),
      },
      'GET /api/accountability-cases/:id': { kind: 'row', call: (s) => ({ url: `/api/accountability-cases/${o(s).caseId}` }) },
      'POST /api/accountability-cases/:id/actions': {
        kind: 'row',
        call: async (s) => ({ url: `/api/accountability-cases/${await freshCase(s, 'proposed')}/actions`, body: { action: 'open', on: '2026-03-02', text: '矩阵工作组' } }),
      },
      'POST /api/accountability-cases/:id/approval': {
        kind: 'row', call: async (s) => ({ url: `/api/accountability-cases/${await freshCase(s, 'opinion')}/approval`, body: { action: 'approve', text: '矩阵同意' } }),
      },
      'POST /api/accountability-cases/:id/responses': {
        kind: 'row',
        call: async (s) => ({ url: `/api/accountability-cases/${await freshCase(s, 'notified', base.city)}/responses`, body: { action: 'state', text: '矩阵陈述' } }),
      },
      'GET /api/accountability-cases/:id/decision.docx': { kind: 'row', call: (s) => ({ url: `/api/accountability-cases/${o(s).caseId}/decision.docx` }) },
      'GET /api/accountability-cases/:id/decision.pdf': { kind: 'row', call: (s) => ({ url: `/api/accountability-cases/${o(s).caseId}/decision.pdf` }) },
      'GET /api/settings/accountability': { kind: 'self', call: () => ({ url: '/api/settings/accountability' }) },
      'PUT /api/settings/accountability': { kind: 'global', call: () => ({ url: '/api/settings/accountability', body: { statementWorkingDays: 5, warnDays: 7 } }) },
      'GET /api/filings': {
        kind: 'list',
        call: (s) => ({ url: `/api/filings?q=${encodeURIComponent(o(s).notice.title)}` }),
        contains: (r, s) => r.body.items.some((x: { notice: { id: string } }) => x.notice.id === o(s).notice.id),
      },
      'POST /api/filings': {
        kind: 'create',
        call: (s) => ({ url: '/api/filings', body: { noticeId: o(s).notice.id, filedWith: '矩阵市绩效办', filedOn: '2026-01-01' } }),
      },
      'POST /api/filings/:id/files': {
        kind: 'row',
        call: (s) => ({ url: `/api/filings/${o(s).filingId}/files`, upload: { file: { name: '回执.txt', content: Buffer.from('receipt') } } }),
      },
      'GET /api/filings/:id/files/:fileId/content': { kind: 'row', call: (s) => ({ url: `/api/filings/${o(s).filingId}/files/${o(s).fileId}/content` }) },
      'GET /api/clearance-lists': {
        kind: 'list',
        call: (s) => ({ url: `/api/clearance-lists?q=${encodeURIComponent(o(s).listTitle)}` }),
        contains: (r, s) => ids(r).includes(o(s).listId),
      },
      'POST /api/clearance-lists': {
        kind: 'create',
        call: (s) => ({ url: '/api/clearance-lists', body: { title: `矩阵新清单${unique()}`, problemIds: [o(s).problem.id] } }),
      },
      'GET /api/clearance-lists/:id': { kind: 'row', call: (s) => ({ url: `/api/clearance-lists/${o(s).listId}` }) },
      'POST /api/clearance-lists/:id/problems': {
        kind: 'row',
        call: (s) => ({ url: `/api/clearance-lists/${o(s).listId}/problems`, body: { problemIds: [o(s).problem.id] } }),
      },
    };
  },
};
