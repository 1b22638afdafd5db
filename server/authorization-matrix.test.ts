import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../test/factories';
import { Client, signIn } from '../test/http';
import { ids, pick, unique, type MatrixBase, type Side, type Spec } from '../test/matrix/kit';
import { noticesMatrix } from '../test/matrix/notices';
import { rectificationMatrix } from '../test/matrix/rectification';
import { workbenchMatrix } from '../test/matrix/workbench';
import { oversightMatrix } from '../test/matrix/oversight';
import { indicatorsMatrix } from '../test/matrix/indicators';
import { balanceMatrix } from '../test/matrix/balance';
import { complaintsMatrix } from '../test/matrix/complaints';
import { readXlsx, sheetOf, unitHeader } from '../test/xlsx';
import { makePeopleFixture, type PeopleFixture } from '../test/people-factories';
import { makeSupervisionSide, type SupervisionSide } from '../test/supervision-factories';
import { permissionsOf, roles, type Permission, type Role } from './platform/permissions';
import type { RegionsTable, UnitsTable } from './platform/db/schema';

/**
 * Every API route × every role × a row inside and a row outside the caller's scope.
 * A route missing from this table fails the test, so a new route is not done until it is covered.
 * Areas with their own fixtures add their routes from test/matrix/<area>.ts.
 */
const areas = { notices: noticesMatrix, rectification: rectificationMatrix, workbench: workbenchMatrix, oversight: oversightMatrix, indicators: indicatorsMatrix, balance: balanceMatrix, complaints: complaintsMatrix };

interface Fixture {
  areaFixtures: { [K in keyof typeof areas]: Awaited<ReturnType<(typeof areas)[K]['build']>> };
  base: MatrixBase;
  townA: RegionsTable; townB: RegionsTable; unitA: UnitsTable; unitB: UnitsTable;
  fileA: string; fileB: string; targetA: { id: string; username: string }; targetB: { id: string; username: string };
  people: PeopleFixture;
  supervision: { a: SupervisionSide; b: SupervisionSide };
  fileOfEvidence(evidenceId: string): Promise<string>;
}

let n = 0;

function specs(f: Fixture): Record<string, Spec> {
  const a = f.areaFixtures;
  return {
    ...coreSpecs(f), ...areas.notices.specs(a.notices, f.base), ...areas.rectification.specs(a.rectification, f.base),
    ...areas.workbench.specs(a.workbench, f.base), ...areas.oversight.specs(a.oversight, f.base), ...areas.indicators.specs(a.indicators, f.base),
    ...areas.balance.specs(a.balance, f.base), ...areas.complaints.specs(a.complaints, f.base),
  };
}

function coreSpecs(f: Fixture): Record<string, Spec> {
  const region = (s: Side) => pick(s, f.townA, f.townB);
  const unit = (s: Side) => pick(s, f.unitA, f.unitB);
  const target = (s: Side) => pick(s, f.targetA, f.targetB);
  const people = (s: Side) => pick(s, f.people.a, f.people.b);
  const inspector = (s: Side) => people(s).inspector;
  const sv = (s: Side) => pick(s, f.supervision.a, f.supervision.b);
  return {
    'POST /api/auth/sign-in': { kind: 'self', call: () => ({ url: '/api/auth/sign-in', body: { username: 'nobody', password: 'x' } }) },
    'POST /api/auth/sign-out': { kind: 'self', freshSession: true, call: () => ({ url: '/api/auth/sign-out', body: {} }) },
    'POST /api/auth/sign-out-everywhere': { kind: 'self', freshSession: true, endsAllSessions: true, call: () => ({ url: '/api/auth/sign-out-everywhere', body: {} }) },
    'GET /api/auth/sessions': { kind: 'self', call: () => ({ url: '/api/auth/sessions' }) },
    'POST /api/auth/sessions/end': { kind: 'self', call: () => ({ url: '/api/auth/sessions/end', body: { id: '0'.repeat(64) } }) },
    'GET /api/auth/session': { kind: 'self', call: () => ({ url: '/api/auth/session' }) },
    'POST /api/auth/password': { kind: 'self', call: () => ({ url: '/api/auth/password', body: { currentPassword: 'not-it', newPassword: 'Another#Pass2026' } }) },
    'PUT /api/auth/profile': { kind: 'self', call: () => ({ url: '/api/auth/profile', body: { displayName: '矩阵测试', locale: 'zh-CN' } }) },

    'GET /api/regions/children': { kind: 'list', call: (s) => ({ url: `/api/regions/children?parentId=${region(s).parent_id}` }), contains: (r, s) => ids(r).includes(region(s).id) },
    'GET /api/regions': { kind: 'list', call: (s) => ({ url: `/api/regions?q=${region(s).code}` }), contains: (r, s) => ids(r).includes(region(s).id) },
    'GET /api/regions/import-template': { kind: 'global', call: () => ({ url: '/api/regions/import-template' }) },
    'POST /api/regions/import': {
      kind: 'create',
      call: async (s) => ({ url: '/api/regions/import', upload: { file: { name: 'r.xlsx', content: await sheetOf(['区划代码', '名称', '层级', '上级区划代码'], [[`${region(s).code}${String(++n % 1000).padStart(3, '0')}`, `矩阵导入村${n}`, '村社区', region(s).code]]) } } }),
    },
    'GET /api/regions/export': {
      kind: 'list',
      call: (s) => ({ url: `/api/regions/export?q=${region(s).code}` }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === region(s).code),
    },
    'GET /api/regions/:id': { kind: 'row', call: (s) => ({ url: `/api/regions/${region(s).id}` }) },
    'POST /api/regions': { kind: 'create', call: (s) => ({ url: '/api/regions', body: { code: `${region(s).code}${String(++n % 1000).padStart(3, '0')}`, name: `矩阵村${n}`, level: 'village', parentId: region(s).id } }) },
    'PATCH /api/regions/:id': { kind: 'row', call: (s) => ({ url: `/api/regions/${region(s).id}`, body: { name: region(s).name } }) },

    'GET /api/units': { kind: 'list', call: (s) => ({ url: `/api/units?q=${encodeURIComponent(unit(s).name)}` }), contains: (r, s) => ids(r).includes(unit(s).id) },
    'GET /api/units/import-template': { kind: 'global', call: () => ({ url: '/api/units/import-template' }) },
    'POST /api/units/import': {
      kind: 'create',
      call: async (s) => ({ url: '/api/units/import', upload: { file: { name: 'u.xlsx', content: await sheetOf(unitHeader, [[`矩阵导入单位${unique()}`, '教育行政部门', region(s).code]]) } } }),
    },
    'GET /api/units/export': {
      kind: 'list',
      call: (s) => ({ url: `/api/units/export?q=${encodeURIComponent(unit(s).name)}` }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === unit(s).name),
    },
    'GET /api/units/:id': { kind: 'row', call: (s) => ({ url: `/api/units/${unit(s).id}` }) },
    'POST /api/units': { kind: 'create', call: (s) => ({ url: '/api/units', body: { name: `矩阵单位${unique()}`, kind: 'government', regionId: region(s).id } }) },
    'PATCH /api/units/:id': { kind: 'row', call: (s) => ({ url: `/api/units/${unit(s).id}`, body: { address: '矩阵路1号' } }) },
    'POST /api/units/:id/deactivate': { kind: 'row', call: (s) => ({ url: `/api/units/${unit(s).id}/deactivate`, body: {} }) },
    'POST /api/units/:id/activate': { kind: 'row', call: (s) => ({ url: `/api/units/${unit(s).id}/activate`, body: {} }) },
    'GET /api/units/:id/files': { kind: 'row', call: (s) => ({ url: `/api/units/${unit(s).id}/files` }) },

    'POST /api/files': { kind: 'create', call: (s) => ({ url: '/api/files', upload: { fields: { entityType: 'unit', entityId: unit(s).id }, file: { name: 'a.txt', content: Buffer.from('note') } } }) },
    'GET /api/files/:id': { kind: 'row', call: (s) => ({ url: `/api/files/${pick(s, f.fileA, f.fileB)}` }) },
    'GET /api/files/:id/content': { kind: 'row', call: (s) => ({ url: `/api/files/${pick(s, f.fileA, f.fileB)}/content` }) },

    'GET /api/accounts': { kind: 'list', call: (s) => ({ url: `/api/accounts?q=${target(s).username}` }), contains: (r, s) => ids(r).includes(target(s).id) },
    'GET /api/accounts/:id': { kind: 'row', call: (s) => ({ url: `/api/accounts/${target(s).id}` }) },
    'POST /api/accounts': { kind: 'create', call: (s) => ({ url: '/api/accounts', body: { username: `matrix${unique()}`, displayName: '矩阵账号', role: 'inspector', scopeRegionId: region(s).id, password: 'Matrix#Pass2026' } }) },
    'PATCH /api/accounts/:id': { kind: 'row', call: (s) => ({ url: `/api/accounts/${target(s).id}`, body: { displayName: '矩阵改名' } }) },
    'POST /api/accounts/:id/reset-password': { kind: 'row', call: (s) => ({ url: `/api/accounts/${target(s).id}/reset-password`, body: { password: 'Matrix#Reset2026' } }) },
    'POST /api/accounts/:id/unlock': { kind: 'row', call: (s) => ({ url: `/api/accounts/${target(s).id}/unlock`, body: {} }) },

    'GET /api/inspectors': { kind: 'list', call: (s) => ({ url: `/api/inspectors?q=${encodeURIComponent(inspector(s).name)}` }), contains: (r, s) => ids(r).includes(inspector(s).id) },
    'GET /api/inspectors/import-template': { kind: 'global', call: () => ({ url: '/api/inspectors/import-template' }) },
    'POST /api/inspectors/import': {
      kind: 'create',
      call: async (s) => ({ url: '/api/inspectors/import', upload: { file: { name: 'i.xlsx', content: await sheetOf(['姓名', '督学级别', '专兼职', '聘任区划代码'], [[`矩阵导入督学${unique()}`, '县级督学', '兼职', region(s).code]]) } } }),
    },
    'GET /api/inspectors/export': {
      kind: 'list',
      call: (s) => ({ url: `/api/inspectors/export?q=${encodeURIComponent(inspector(s).name)}` }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === inspector(s).name),
    },
    'GET /api/inspectors/expiring': { kind: 'list', call: () => ({ url: '/api/inspectors/expiring?days=90&pageSize=200' }), contains: (r, s) => r.body.items.some((i: { inspectorId: string }) => i.inspectorId === inspector(s).id) },
    'GET /api/inspectors/training-summary': { kind: 'list', call: () => ({ url: '/api/inspectors/training-summary?year=2026&pageSize=200' }), contains: (r, s) => r.body.items.some((i: { inspectorId: string }) => i.inspectorId === inspector(s).id) },
    'GET /api/inspectors/appointment-list.pdf': { kind: 'global', call: () => ({ url: '/api/inspectors/appointment-list.pdf?termNumber=4&level=city' }) },
    'GET /api/inspectors/:id': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}` }) },
    'POST /api/inspectors/:id/personal': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}/personal`, body: {} }) },
    'POST /api/inspectors': { kind: 'create', call: (s) => ({ url: '/api/inspectors', body: { name: `矩阵新督学${unique()}`, level: 'county', employment: 'part_time', regionId: region(s).id } }) },
    'PATCH /api/inspectors/:id': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}`, body: { employer: '矩阵单位' } }) },
    'POST /api/inspectors/:id/dismiss': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${people(s).dismissable.id}/dismiss`, body: { dismissedOn: '2026-03-01', reason: '矩阵' } }) },
    'POST /api/inspectors/:id/terms': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${people(s).spare.id}/terms`, body: { termNumber: 5, authority: '矩阵政府', startDate: '2023-01-01', endDate: '2025-12-31' } }) },
    'PATCH /api/inspectors/:id/terms/:termId': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${people(s).spare.id}/terms/${people(s).spareTerm.id}`, body: { authority: '矩阵政府' } }) },
    'GET /api/inspectors/:id/terms/:termId/certificate.pdf': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}/terms/${people(s).term.id}/certificate.pdf` }) },
    'POST /api/inspectors/:id/assessments': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${people(s).spare.id}/assessments`, body: { year: 2021, grade: 'qualified' } }) },
    'POST /api/inspectors/:id/rewards': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}/rewards`, body: { kind: 'reward', date: '2025-01-01', title: '矩阵表彰' } }) },
    'POST /api/inspectors/:id/trainings': { kind: 'row', call: (s) => ({ url: `/api/inspectors/${inspector(s).id}/trainings`, body: { date: '2026-01-01', topic: '矩阵培训', hours: 2 } }) },

    'GET /api/experts': { kind: 'list', call: (s) => ({ url: `/api/experts?q=${encodeURIComponent(people(s).expert.name)}` }), contains: (r, s) => ids(r).includes(people(s).expert.id) },
    'GET /api/experts/import-template': { kind: 'global', call: () => ({ url: '/api/experts/import-template' }) },
    'POST /api/experts/import': {
      kind: 'create',
      call: async (s) => ({ url: '/api/experts/import', upload: { file: { name: 'e.xlsx', content: await sheetOf(['姓名', '专业领域', '所在区划代码'], [[`矩阵导入专家${unique()}`, '督导', region(s).code]]) } } }),
    },
    'GET /api/experts/export': {
      kind: 'list',
      call: (s) => ({ url: `/api/experts/export?q=${encodeURIComponent(people(s).expert.name)}` }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === people(s).expert.name),
    },
    'GET /api/experts/:id': { kind: 'row', call: (s) => ({ url: `/api/experts/${people(s).expert.id}` }) },
    'POST /api/experts/:id/personal': { kind: 'row', call: (s) => ({ url: `/api/experts/${people(s).expert.id}/personal`, body: {} }) },
    'POST /api/experts': { kind: 'create', call: (s) => ({ url: '/api/experts', body: { name: `矩阵新专家${unique()}`, specialties: ['督导'], regionId: region(s).id } }) },
    'PATCH /api/experts/:id': { kind: 'row', call: (s) => ({ url: `/api/experts/${people(s).expert.id}`, body: { remarks: '矩阵' } }) },
    'POST /api/experts/:id/relations': { kind: 'row', call: (s) => ({ url: `/api/experts/${people(s).expert.id}/relations`, body: { unitId: unit(s).id, relation: '矩阵' } }) },
    'DELETE /api/experts/:id/relations/:relationId': { kind: 'row', call: (s) => ({ url: `/api/experts/${people(s).expert.id}/relations/${people(s).relationId}` }) },
    'GET /api/reviews': { kind: 'list', call: (s) => ({ url: `/api/reviews?q=${encodeURIComponent(people(s).review.title)}` }), contains: (r, s) => ids(r).includes(people(s).review.id) },
    'GET /api/reviews/:id': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).review.id}` }) },
    'POST /api/reviews': { kind: 'create', call: (s) => ({ url: '/api/reviews', body: { title: `矩阵新评审${unique()}`, regionId: region(s).id, startDate: '2026-04-01', endDate: '2026-04-01' } }) },
    'PATCH /api/reviews/:id': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).review.id}`, body: { location: '矩阵会议室' } }) },
    'POST /api/reviews/:id/draws': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).drawReview.id}/draws`, body: { count: 1 } }) },
    'GET /api/reviews/:id/draws/:drawId/verify': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).review.id}/draws/${people(s).drawId}/verify` }) },
    'POST /api/reviews/:id/experts/:expertId/decline': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).review.id}/experts/${people(s).expert.id}/decline`, body: { reason: '矩阵', replace: false } }) },
    'PATCH /api/reviews/:id/experts/:expertId': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).review.id}/experts/${people(s).attendee.id}`, body: { halfDays: 1 } }) },

    'GET /api/fee-rates': { kind: 'list', call: () => ({ url: '/api/fee-rates' }), contains: (r, s) => r.body.some((set: { regionId: string }) => set.regionId === region(s).id) },
    'PUT /api/fee-rates': { kind: 'create', call: (s) => ({ url: '/api/fee-rates', body: { regionId: region(s).id, effectiveFrom: '2026-01-01', rates: ['half_day', 'day'].flatMap((period) => ['leader', 'member'].flatMap((role) => ['local', 'travelling'].map((locality) => ({ period, role, locality, amountFen: 30000 })))) } }) },
    'GET /api/reviews/:id/fees': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).feeReview.id}/fees` }) },
    'POST /api/reviews/:id/fees/settle': { kind: 'row', call: (s) => ({ url: `/api/reviews/${people(s).feeReview.id}/fees/settle`, body: {} }) },
    'GET /api/fees/ledger': { kind: 'list', call: () => ({ url: '/api/fees/ledger?year=2026&pageSize=200' }), contains: (r, s) => ids(r).includes(people(s).feeItemId) },
    'GET /api/fees/ledger/people': { kind: 'list', call: () => ({ url: '/api/fees/ledger/people?year=2026&pageSize=200' }), contains: (r, s) => r.body.items.some((i: { expertId: string }) => i.expertId === people(s).expert.id) },
    'GET /api/fees/ledger/export': {
      kind: 'list',
      call: () => ({ url: '/api/fees/ledger/export?year=2026' }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[1] === people(s).expert.name),
    },

    'GET /api/responsible/assignments': { kind: 'list', call: () => ({ url: '/api/responsible/assignments?pageSize=200' }), contains: (r, s) => ids(r).includes(people(s).assignmentId) },
    'POST /api/responsible/assignments': { kind: 'create', call: (s) => ({ url: '/api/responsible/assignments', body: { inspectorId: inspector(s).id, unitIds: [unit(s).id], startDate: '2026-03-01' } }) },
    'GET /api/responsible/inspectors': { kind: 'list', call: () => ({ url: '/api/responsible/inspectors?pageSize=200' }), contains: (r, s) => r.body.items.some((i: { inspector: { id: string } }) => i.inspector.id === inspector(s).id) },
    'GET /api/settings/responsible': { kind: 'self', call: () => ({ url: '/api/settings/responsible' }) },
    'PUT /api/settings/responsible': { kind: 'global', call: () => ({ url: '/api/settings/responsible', body: { schoolsPerInspector: 5 } }) },
    'GET /api/responsible/unassigned': { kind: 'list', call: () => ({ url: '/api/responsible/unassigned?pageSize=200' }), contains: (r, s) => ids(r).includes(people(s).unassigned.id) },
    'GET /api/responsible/behind': { kind: 'list', call: () => ({ url: '/api/responsible/behind?month=2026-02&pageSize=200' }), contains: (r, s) => r.body.items.some((i: { inspector: { id: string } }) => i.inspector.id === inspector(s).id) },
    'GET /api/responsible/visits': { kind: 'list', call: () => ({ url: '/api/responsible/visits?pageSize=200' }), contains: (r, s) => ids(r).includes(people(s).visitId) },
    'POST /api/responsible/visits': { kind: 'create', call: (s) => ({ url: '/api/responsible/visits', body: { unitId: unit(s).id, date: '2026-03-01', items: ['safety'] } }) },

    'GET /api/inspectors/expiring/export': { kind: 'list', call: () => ({ url: '/api/inspectors/expiring/export?days=90' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === inspector(s).name) },
    'GET /api/inspectors/training-summary/export': { kind: 'list', call: () => ({ url: '/api/inspectors/training-summary/export?year=2026' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === inspector(s).name) },
    'GET /api/reviews/export': { kind: 'list', call: () => ({ url: '/api/reviews/export' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === people(s).review.title) },
    'GET /api/responsible/assignments/export': { kind: 'list', call: () => ({ url: '/api/responsible/assignments/export' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === unit(s).name) },
    'GET /api/responsible/unassigned/export': { kind: 'list', call: () => ({ url: '/api/responsible/unassigned/export' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === people(s).unassigned.name) },
    'GET /api/responsible/behind/export': { kind: 'list', call: () => ({ url: '/api/responsible/behind/export?month=2026-02' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === inspector(s).name) },
    'GET /api/responsible/visits/export': { kind: 'list', call: () => ({ url: '/api/responsible/visits/export' }), contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[0] === '2026-01-15' && row[1] === unit(s).name) },

    'GET /api/committee/members': { kind: 'list', call: () => ({ url: '/api/committee/members?pageSize=200' }), contains: (r, s) => ids(r).includes(people(s).memberId) },
    'GET /api/committee/members/export': {
      kind: 'list',
      call: () => ({ url: '/api/committee/members/export' }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[1] === `矩阵成员单位${s === 'inside' ? '甲' : '乙'}`),
    },
    'GET /api/committee/history': { kind: 'list', call: () => ({ url: '/api/committee/history' }), contains: (r, s) => r.body.some((e: { region: { id: string } }) => e.region.id === region(s).id) },
    'POST /api/committee/members': { kind: 'create', call: (s) => ({ url: '/api/committee/members', body: { regionId: region(s).id, unitId: people(s).joinable.id, joinedOn: '2026-01-01' } }) },
    'PATCH /api/committee/members/:id': { kind: 'row', call: (s) => ({ url: `/api/committee/members/${people(s).memberId}`, body: { remarks: '矩阵' } }) },
    'POST /api/committee/members/:id/leave': { kind: 'row', call: (s) => ({ url: `/api/committee/members/${people(s).leaverId}/leave`, body: { leftOn: '2026-03-01' } }) },
    'POST /api/committee/members/:id/personal': { kind: 'row', call: (s) => ({ url: `/api/committee/members/${people(s).memberId}/personal`, body: {} }) },

    'GET /api/plans': { kind: 'list', call: (s) => ({ url: `/api/plans?q=${encodeURIComponent(sv(s).plan.title)}` }), contains: (r, s) => ids(r).includes(sv(s).plan.id) },
    'GET /api/plans/:id': { kind: 'row', call: (s) => ({ url: `/api/plans/${sv(s).plan.id}` }) },
    'POST /api/plans': { kind: 'create', call: (s) => ({ url: '/api/plans', body: { regionId: region(s).id, year: 2026, title: `矩阵计划${unique()}` } }) },
    'PATCH /api/plans/:id': { kind: 'row', call: (s) => ({ url: `/api/plans/${sv(s).plan.id}`, body: { description: '矩阵' } }) },
    'GET /api/tasks': { kind: 'list', call: (s) => ({ url: `/api/tasks?q=${encodeURIComponent(sv(s).task.title)}` }), contains: (r, s) => ids(r).includes(sv(s).task.id) },
    'GET /api/tasks/my-targets': { kind: 'global', call: () => ({ url: '/api/tasks/my-targets' }) },
    'GET /api/tasks/figures': { kind: 'global', call: () => ({ url: '/api/tasks/figures?from=2026-01-01&to=2026-12-31' }) },
    'GET /api/tasks/:id': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}` }) },
    'POST /api/tasks': { kind: 'create', call: (s) => ({ url: '/api/tasks', body: { planId: sv(s).plan.id, regionId: region(s).id, kind: 'routine', title: `矩阵任务${unique()}`, startDate: '2026-03-01', endDate: '2026-03-31' } }) },
    'PATCH /api/tasks/:id': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}`, body: { description: '矩阵' } }) },
    'POST /api/tasks/:id/transition': { kind: 'row', call: async (s) => ({ url: `/api/tasks/${(await sv(s).freshTask()).id}/transition`, body: { status: 'under_way' } }) },
    'GET /api/tasks/:id/figures': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/figures` }) },
    'POST /api/tasks/:id/teams': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/teams`, body: { name: `矩阵组${unique()}`, leaderAccountId: target(s).id } }) },
    'PATCH /api/tasks/:id/teams/:teamId': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/teams/${sv(s).spareTeam.id}`, body: { name: sv(s).spareTeam.name } }) },
    'GET /api/tasks/:id/targets': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/targets` }) },
    'POST /api/tasks/:id/targets': { kind: 'row', call: async (s) => ({ url: `/api/tasks/${sv(s).task.id}/targets`, body: { unitIds: [(await sv(s).freshUnit()).id] } }) },
    'PATCH /api/tasks/:id/targets/:targetId': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/targets/${sv(s).target.id}`, body: { teamId: sv(s).team.id } }) },
    'DELETE /api/tasks/:id/targets/:targetId': { kind: 'row', call: async (s) => ({ url: `/api/tasks/${sv(s).task.id}/targets/${(await sv(s).freshTarget()).id}` }) },
    'GET /api/tasks/:id/targets/:targetId/packet': { kind: 'row', call: (s) => ({ url: `/api/tasks/${sv(s).task.id}/targets/${sv(s).target.id}/packet` }) },

    'GET /api/checklists': { kind: 'list', call: (s) => ({ url: `/api/checklists?q=${encodeURIComponent(sv(s).template.title)}` }), contains: (r, s) => ids(r).includes(sv(s).template.id) },
    'GET /api/checklists/:id': { kind: 'row', call: (s) => ({ url: `/api/checklists/${sv(s).template.id}` }) },
    'POST /api/checklists': { kind: 'create', call: (s) => ({ url: '/api/checklists', body: { regionId: region(s).id, title: '矩阵检查表', items: [{ key: 'a', area: '甲', text: '矩阵项', type: 'yesno' }] } }) },
    'POST /api/checklists/:id/versions': { kind: 'row', call: async (s) => ({ url: `/api/checklists/${(await sv(s).freshTemplate()).id}/versions`, body: { items: [{ key: 'a', area: '甲', text: '矩阵项', type: 'yesno' }] } }) },

    'GET /api/visits': { kind: 'list', call: (s) => ({ url: `/api/visits?taskId=${sv(s).task.id}&status=submitted` }), contains: (r, s) => ids(r).includes(sv(s).visit.id) },
    'GET /api/visits/:id': { kind: 'row', call: (s) => ({ url: `/api/visits/${sv(s).visit.id}` }) },
    'POST /api/visits': { kind: 'create', call: (s) => ({ url: '/api/visits', body: { taskId: sv(s).task.id, targetId: sv(s).target.id, visitDate: '2026-03-10' } }) },
    'PUT /api/visits/:id': { kind: 'row', call: async (s) => ({ url: `/api/visits/${(await sv(s).draft()).id}`, body: { findings: '矩阵', answers: { plan: { value: 'yes' } } } }) },
    'POST /api/visits/:id/submit': { kind: 'row', call: async (s) => ({ url: `/api/visits/${(await sv(s).completeDraft()).id}/submit`, body: {} }) },
    'POST /api/visits/:id/evidence': { kind: 'row', call: async (s) => ({ url: `/api/visits/${(await sv(s).draft()).id}/evidence`, upload: { fields: { clientKey: `matrix-${unique()}` }, file: { name: 'a.txt', content: Buffer.from('note') } } }) },
    'GET /api/visits/:id/evidence/:evidenceId/content': { kind: 'row', call: (s) => ({ url: `/api/visits/${sv(s).visit.id}/evidence/${sv(s).evidenceId}/content` }) },
    'DELETE /api/visits/:id/evidence/:evidenceId': { kind: 'row', call: async (s) => { const d = await sv(s).draftWithEvidence(); return { url: `/api/visits/${d.visit.id}/evidence/${d.evidenceId}` }; } },
    'POST /api/visits/:id/problems': { kind: 'row', call: async (s) => ({ url: `/api/visits/${(await sv(s).failingDraft()).id}/problems`, body: { itemKey: 'plan', area: 'safety' } }) },
    'POST /api/visits/:id/recommendations': { kind: 'row', call: (s) => ({ url: `/api/visits/${sv(s).visit.id}/recommendations`, body: { area: 'investment', content: '矩阵建议' } }) },
    'GET /api/visits/:id/feedback.pdf': { kind: 'row', call: (s) => ({ url: `/api/visits/${sv(s).visit.id}/feedback.pdf` }) },

    'GET /api/problem-areas': { kind: 'self', call: () => ({ url: '/api/problem-areas' }) },
    'POST /api/problem-areas': { kind: 'global', call: () => ({ url: '/api/problem-areas', body: { key: `m${unique()}`, nameZh: '矩阵领域', nameEn: 'Matrix' } }) },
    'PATCH /api/problem-areas/:key': { kind: 'global', call: () => ({ url: '/api/problem-areas/investment', body: { nameZh: '教育投入与条件保障' } }) },
    'GET /api/problems': { kind: 'list', call: (s) => ({ url: `/api/problems?q=${encodeURIComponent(sv(s).problem.description)}` }), contains: (r, s) => ids(r).includes(sv(s).problem.id) },
    'GET /api/problems/export': {
      kind: 'list',
      call: (s) => ({ url: `/api/problems/export?q=${encodeURIComponent(sv(s).problem.description)}` }),
      contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[6] === sv(s).problem.description),
    },
    'GET /api/problems/import-template': { kind: 'global', call: () => ({ url: '/api/problems/import-template' }) },
    'POST /api/problems/import': {
      kind: 'create',
      call: async (s) => ({ url: '/api/problems/import', upload: { file: { name: 'p.xlsx', content: await sheetOf(['问题描述', '问题领域', '所属区划代码', '发现日期'], [[`矩阵导入问题${unique()}`, '校园安全与食品卫生', region(s).code, '2026-03-01']]) } } }),
    },
    'GET /api/problems/:id': { kind: 'row', call: (s) => ({ url: `/api/problems/${sv(s).problem.id}` }) },
    'GET /api/problems/:id/evidence/:fileId/content': {
      kind: 'row',
      call: async (s) => ({ url: `/api/problems/${sv(s).problem.id}/evidence/${(await f.fileOfEvidence(sv(s).evidenceId))}/content` }),
    },
    'POST /api/problems': { kind: 'create', call: (s) => ({ url: '/api/problems', body: { source: 'complaint', area: 'safety', unitId: unit(s).id, description: '矩阵问题', foundOn: '2026-03-01' } }) },
    'PATCH /api/problems/:id': { kind: 'row', call: (s) => ({ url: `/api/problems/${sv(s).problem.id}`, body: { severity: 'medium' } }) },
    'GET /api/recommendations': { kind: 'list', call: (s) => ({ url: `/api/recommendations?q=${encodeURIComponent(sv(s).recommendation.content)}` }), contains: (r, s) => ids(r).includes(sv(s).recommendation.id) },
    'GET /api/recommendations/:id': { kind: 'row', call: (s) => ({ url: `/api/recommendations/${sv(s).recommendation.id}` }) },
    'POST /api/recommendations': { kind: 'create', call: (s) => ({ url: '/api/recommendations', body: { area: 'investment', unitId: unit(s).id, content: '矩阵建议', proposedOn: '2026-03-01' } }) },

    'GET /api/audit': { kind: 'global', call: () => ({ url: '/api/audit?pageSize=5' }) },
    'GET /api/audit/verify': { kind: 'global', call: () => ({ url: '/api/audit/verify' }) },
    'GET /api/settings/security': { kind: 'global', call: () => ({ url: '/api/settings/security' }) },
    'PUT /api/settings/security': { kind: 'global', call: () => ({ url: '/api/settings/security', body: { passwordMinLength: 8, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, passwordMaxAgeDays: 90 } }) },
  };
}

const allScope: Role[] = ['sysadmin', 'secadmin'];

describe.each(engines)('authorization matrix on %s', (engine) => {
  let world: TestWorld;
  let fixture: Fixture;
  const clients = new Map<Role, Client>();
  const usernames = new Map<Role, string>();

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    const city = await makeRegion(world, { parent: province });
    const countyA = await makeRegion(world, { parent: city, name: '矩阵甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '矩阵乙县' });
    const townA = await makeRegion(world, { parent: countyA });
    const townB = await makeRegion(world, { parent: countyB });
    const unitA = await makeUnit(world, { region: townA, name: '矩阵甲校' });
    const unitB = await makeUnit(world, { region: townB, name: '矩阵乙校' });
    for (const role of roles) {
      const account = role === 'unit_user' ? await makeAccount(world, { role, unit: unitA }) : await makeAccount(world, { role, region: countyA });
      usernames.set(role, account.username);
      clients.set(role, await signIn(world, account.username, account.password));
    }
    const officeB = await makeAccount(world, { region: countyB });
    const officeBClient = await signIn(world, officeB.username, officeB.password);
    const note = (id: string) => ({ fields: { entityType: 'unit', entityId: id }, file: { name: 'note.txt', content: Buffer.from('record') } });
    const fileA = (await clients.get('office_staff')!.upload('/api/files', note(unitA.id))).body.id;
    const fileB = (await officeBClient.upload('/api/files', note(unitB.id))).body.id;
    const targetA = await makeAccount(world, { role: 'inspector', region: townA });
    const targetB = await makeAccount(world, { role: 'inspector', region: townB });
    const people = await makePeopleFixture(world, townA, townB, unitA, unitB, usernames.get('inspector')!);
    const accountId = async (username: string) => (await world.platform.database.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const leaderB = await makeAccount(world, { role: 'inspector', region: townB });
    const supervision = {
      a: await makeSupervisionSide(world, townA, unitA, await accountId(usernames.get('inspector')!), [await accountId(usernames.get('expert')!)]),
      b: await makeSupervisionSide(world, townB, unitB, leaderB.id, []),
    };
    const fileOfEvidence = async (evidenceId: string) => (await world.platform.database.db.selectFrom('visit_evidence').select('file_id').where('id', '=', evidenceId).executeTakeFirstOrThrow()).file_id;
    const accountIds = new Map<Role, string>();
    for (const role of roles) accountIds.set(role, await accountId(usernames.get(role)!));
    const base: MatrixBase = { world, city, countyA, countyB, townA, townB, unitA, unitB, clients, accountIds };
    const areaFixtures = {
      notices: await areas.notices.build(base), rectification: await areas.rectification.build(base),
      workbench: await areas.workbench.build(base), oversight: await areas.oversight.build(base),
      indicators: await areas.indicators.build(base),
      balance: await areas.balance.build(base),
      complaints: await areas.complaints.build(base),
    };
    fixture = { areaFixtures, base, townA, townB, unitA, unitB, fileA, fileB, targetA, targetB, people, supervision, fileOfEvidence };
  });
  afterAll(async () => world.close());

  it('covers every route the application serves', () => {
    const served = world.app.routeTable.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(specs(fixture)).sort()).toEqual(served);
  });

  it('answers 401 to every non-public route without a session', async () => {
    const table = specs(fixture);
    for (const route of world.app.routeTable) {
      if (route.public) continue;
      const call = await table[`${route.method} ${route.url}`].call('inside', 'office_staff');
      const res = await new Client(world).request(route.method, call.url, call.body, { upload: call.upload });
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses every state-changing route without the CSRF token', async () => {
    const table = specs(fixture);
    const office = clients.get('office_staff')!;
    for (const route of world.app.routeTable) {
      if (route.public || route.method === 'GET') continue;
      const call = await table[`${route.method} ${route.url}`].call('inside', 'office_staff');
      const res = await office.request(route.method, call.url, call.body, { upload: call.upload, csrf: false });
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
      expect(res.body.error.code).toBe('CSRF');
    }
  });

  for (const role of roles) {
    // Every route twice for the role: on a loaded two-core machine that can take more than the default minute.
    it(`gives ${role} exactly what its permission and scope allow`, async () => {
      const table = specs(fixture);
      const granted = permissionsOf(role);
      for (const route of world.app.routeTable) {
        if (route.public) continue;
        const spec = table[`${route.method} ${route.url}`];
        for (const side of ['inside', 'outside'] as const) {
          const label = `${role} ${route.method} ${route.url} (${side})`;
          let client = clients.get(role)!;
          if (spec.freshSession) client = await signIn(world, usernames.get(role)!, TEST_PASSWORD);
          const call = await spec.call(side, role);
          const res = await client.request(route.method, call.url, call.body, { upload: call.upload });
          if (spec.endsAllSessions) clients.set(role, await signIn(world, usernames.get(role)!, TEST_PASSWORD));
          if (spec.kind === 'self') {
            expect([401, 403, 404], label).not.toContain(res.status);
            expect(res.status, label).toBeLessThan(500);
            continue;
          }
          if (!granted.has(route.permission as Permission)) {
            expect(res.status, label).toBe(403);
            continue;
          }
          if (spec.aboveOnly && side === 'inside') {
            expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403);
            continue;
          }
          const visible = side === 'inside' || allScope.includes(role) || spec.kind === 'global';
          if (visible) {
            expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
            if (spec.contains) expect(await spec.contains(res, side), label).toBe(true);
          } else if (spec.kind === 'list') {
            expect(res.status, label).toBe(200);
            expect(await spec.contains!(res, side), label).toBe(false);
          } else if (spec.kind === 'row') {
            expect(res.status, label).toBe(404);
          } else {
            expect([400, 403, 404], `${label}: ${JSON.stringify(res.body)}`).toContain(res.status);
          }
        }
      }
    }, 240_000);
  }
});
