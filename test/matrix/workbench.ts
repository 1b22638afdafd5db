import type { Role } from '../../server/platform/permissions';
import { notifyAccounts } from '../../server/modules/workbench/notify';
import type { MatrixArea } from './kit';

interface WorkbenchFixture {
  /** A notification of each role's own account, to mark read. */
  notificationOf: ReadonlyMap<Role, string>;
}

/**
 * The workbench routes in the authorization matrix. Notifications and my work are the caller's own (kind
 * 'self': every signed-in role gets an answer, about itself); that another account's notification is not
 * found is tested in workbench.test.ts. The deadline settings are deployment-wide ('global').
 */
export const workbenchMatrix: MatrixArea<WorkbenchFixture> = {
  build: async ({ world, accountIds }) => {
    const notificationOf = new Map<Role, string>();
    for (const [role, accountId] of accountIds) {
      await world.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, world.platform, [accountId], { kind: 'test', title: '矩阵消息' }));
      const row = await world.platform.database.db.selectFrom('notifications').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
      notificationOf.set(role, row.id);
    }
    return { notificationOf };
  },
  specs: (f) => ({
    'GET /api/notifications': { kind: 'self', call: () => ({ url: '/api/notifications?unread=true' }) },
    'POST /api/notifications/:id/read': { kind: 'self', call: (_s, role) => ({ url: `/api/notifications/${f.notificationOf.get(role)}/read`, body: {} }) },
    'POST /api/notifications/read-all': { kind: 'self', call: () => ({ url: '/api/notifications/read-all', body: {} }) },
    'GET /api/my-work': { kind: 'self', call: () => ({ url: '/api/my-work' }) },
    'GET /api/settings/rectification': { kind: 'self', call: () => ({ url: '/api/settings/rectification' }) },
    'PUT /api/settings/rectification': { kind: 'global', call: () => ({ url: '/api/settings/rectification', body: { remindDaysBefore: 3, overdueEveryDays: 3, yellowDays: 3 } }) },
  }),
};
