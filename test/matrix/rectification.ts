import type { ProblemsTable, RectificationsTable } from '../../server/platform/db/schema';
import type { RectificationStatus } from '../../server/modules/rectification/rectification-status';
import { newId } from '../../server/platform/ids';
import { makeRectification, type MadeRectification } from '../rectification-factories';
import { makeProblem } from '../supervision-factories';
import { readXlsx } from '../xlsx';
import { ids, pick, type MatrixArea, type Side } from './kit';

interface RectificationFixture {
  read: { a: MadeRectification; b: MadeRectification };
  problem: { a: ProblemsTable; b: ProblemsTable };
}

const demand = (s: Side) => pick(s, '矩阵整改事项甲', '矩阵整改事项乙');

/**
 * The rectification routes in the authorization matrix. Every role sits in county A (the unit account at
 * unit A). Rows read by everyone are the city's items at unit A (inside) and unit B (outside). The owner's
 * actions get a fresh city item at the unit, which both the school and county A's office answer for; the
 * office's actions a fresh item county A (or B) supervises, in the status the action starts from.
 */
export const rectificationMatrix: MatrixArea<RectificationFixture> = {
  build: async (base) => ({
    read: {
      a: await makeRectification(base.world, { unit: base.unitA, office: base.city, status: 'in_progress', evidence: true, demand: demand('inside') }),
      b: await makeRectification(base.world, { unit: base.unitB, office: base.city, status: 'in_progress', evidence: true, demand: demand('outside') }),
    },
    problem: { a: await makeProblem(base.world, base.townA, { unit: base.unitA }), b: await makeProblem(base.world, base.townB, { unit: base.unitB }) },
  }),

  specs: (f, base) => {
    const read = (s: Side) => pick(s, f.read.a, f.read.b);
    const unit = (s: Side) => pick(s, base.unitA, base.unitB);
    const owned = async (s: Side, status: RectificationStatus = 'in_progress') =>
      (await makeRectification(base.world, { unit: unit(s), office: base.city, status, evidence: true })).row;
    const supervised = async (s: Side, status: RectificationStatus) =>
      (await makeRectification(base.world, { unit: unit(s), office: pick(s, base.countyA, base.countyB), status })).row;
    const withExtension = async (s: Side) => {
      const row: RectificationsTable = await supervised(s, 'in_progress');
      const id = newId();
      await base.world.platform.database.db.insertInto('rectification_extensions').values({
        id, rectification_id: row.id, current_deadline: row.deadline, requested_deadline: '2026-06-30', reason: '矩阵延期', status: 'pending',
        requested_by: base.accountIds.get('office_staff')!, requested_at: base.world.clock.now().toISOString(), decided_by: null, decided_at: null, decision_note: null,
      }).execute();
      return { row, id };
    };
    return {
      'GET /api/rectifications': {
        kind: 'list', call: (s) => ({ url: `/api/rectifications?q=${encodeURIComponent(demand(s))}` }), contains: (r, s) => ids(r).includes(read(s).row.id),
      },
      'GET /api/rectifications/export': {
        kind: 'list',
        call: (s) => ({ url: `/api/rectifications/export?q=${encodeURIComponent(demand(s))}` }),
        contains: async (r, s) => (await readXlsx(r.raw)).some((row) => row[7] === demand(s)),
      },
      'GET /api/rectifications/:id': { kind: 'row', call: (s) => ({ url: `/api/rectifications/${read(s).row.id}` }) },
      'GET /api/rectifications/:id/evidence/:fileId/content': {
        kind: 'row', call: (s) => ({ url: `/api/rectifications/${read(s).row.id}/evidence/${read(s).evidenceFileId}/content` }),
      },
      'POST /api/rectifications/:id/plan': {
        kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await owned(s)).id}/plan`, body: { responsiblePerson: '矩阵', measures: '矩阵措施' } }),
      },
      'POST /api/rectifications/:id/reports': {
        kind: 'row',
        call: async (s) => ({
          url: `/api/rectifications/${(await owned(s)).id}/reports`,
          upload: { fields: { text: '矩阵进展', percent: '50' }, file: { name: 'a.txt', content: Buffer.from('矩阵佐证') } },
        }),
      },
      'POST /api/rectifications/:id/submit': { kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await owned(s)).id}/submit`, body: { text: '矩阵提交' } }) },
      'POST /api/rectifications/:id/extensions': {
        kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await owned(s)).id}/extensions`, body: { requestedDeadline: '2026-06-30', reason: '矩阵延期' } }),
      },
      'POST /api/rectifications/:id/send-back': {
        kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await supervised(s, 'submitted')).id}/send-back`, body: { reason: '矩阵退回' } }),
      },
      'POST /api/rectifications/:id/verify': {
        kind: 'row',
        call: async (s) => ({ url: `/api/rectifications/${(await supervised(s, 'submitted')).id}/verify`, body: { method: 'documents', note: '矩阵核验', grade: 'good' } }),
      },
      'POST /api/rectifications/:id/sign-off': { kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await supervised(s, 'verified')).id}/sign-off`, body: {} }) },
      'POST /api/rectifications/:id/extensions/:extensionId/decide': {
        kind: 'row',
        call: async (s) => {
          const { row, id } = await withExtension(s);
          return { url: `/api/rectifications/${row.id}/extensions/${id}/decide`, body: { approve: true, note: '矩阵同意' } };
        },
      },
      'POST /api/rectifications/:id/reopen': {
        kind: 'row', call: async (s) => ({ url: `/api/rectifications/${(await supervised(s, 'signed_off')).id}/reopen`, body: { reason: '矩阵复查', deadline: '2026-06-30' } }),
      },
      'GET /api/problems/:id/rectifications': { kind: 'row', call: (s) => ({ url: `/api/problems/${pick(s, f.problem.a, f.problem.b).id}/rectifications` }) },
      'POST /api/problems/:id/rectification': {
        kind: 'row',
        call: async (s) => {
          const problem = await makeProblem(base.world, pick(s, base.townA, base.townB), { unit: unit(s) });
          return { url: `/api/problems/${problem.id}/rectification`, body: { deadline: '2026-06-30' } };
        },
      },
    };
  },
};
