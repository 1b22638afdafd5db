import { permissionsOf, type Role } from '../server/platform/permissions';
import type { RequestContext } from '../server/platform/actor';
import type { Stage } from './browser';

/** A request context for a demo account, for setting up what a dialog would otherwise do. */
export async function resumeActor(stage: Stage, username: string): Promise<RequestContext> {
  const db = stage.world.platform.database.db;
  const a = await db.selectFrom('accounts').leftJoin('regions', 'regions.id', 'accounts.scope_region_id')
    .select(['accounts.id', 'accounts.username', 'accounts.display_name', 'accounts.role', 'accounts.scope_region_id', 'regions.path'])
    .where('accounts.username', '=', username).executeTakeFirstOrThrow();
  return {
    actor: {
      id: a.id, username: a.username, displayName: a.display_name, role: a.role as Role, permissions: permissionsOf(a.role as Role),
      scope: { kind: 'region', regionId: a.scope_region_id!, regionPath: a.path! },
    },
    ip: null, requestId: 'e2e', locale: 'zh-CN',
  };
}
