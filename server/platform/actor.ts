import type { Permission, Role } from './permissions';
import type { Locale } from './i18n';

/**
 * Where a user's rows are. `all` is the unscoped view of the deployment's reference data
 * (system administrator); `none` sees no scoped rows at all.
 */
export type ActorScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'region'; regionId: string; regionPath: string }
  | { kind: 'unit'; unitId: string; regionPath: string };

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  scope: ActorScope;
}

/** What every service call receives about who asks, from where, and in which language. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string;
  locale: Locale;
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}
