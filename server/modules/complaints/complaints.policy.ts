import { sql, type SqlBool } from 'kysely';
import { abilitiesOf, never, placedReads, type AccessRule, type Placed, type PolicyActor } from '../../platform/policy';
import type { Permission } from '../../platform/permissions';
import { allows, type ComplaintAction } from './complaint-status';

/**
 * A complaint is held by one office at a time (its region_path). Offices above read it; only the holding
 * office acts on it and sees who complained — a county never sees the city's complainants, a unit nothing.
 */
export interface ComplaintRow extends Placed {
  status: string;
}

function holdingOffice(permission: Permission): AccessRule<Placed> {
  return {
    filter: (actor, alias) => (actor.permissions.has(permission) && actor.scope.kind === 'region'
      ? () => sql<SqlBool>`${sql.ref(`${alias}.region_path`)} = ${actor.scope.kind === 'region' ? actor.scope.regionPath : ''}`
      : never),
    can: (actor, row) => actor.permissions.has(permission) && actor.scope.kind === 'region' && row.regionPath === actor.scope.regionPath,
  };
}

export const complaintRules = {
  read: placedReads<ComplaintRow>('complaints.read'),
  act: holdingOffice('complaints.write'),
  identity: holdingOffice('complaints.identity'),
};

/** The action passes the holding office's rule and the state table. */
function actionRule(action: ComplaintAction): AccessRule<ComplaintRow> {
  return { filter: complaintRules.act.filter, can: (actor, row) => complaintRules.act.can(actor, row) && allows(action, row.status) };
}

const actionRules = {
  accept: actionRule('accept'), reject: actionRule('reject'), notOurs: actionRule('notOurs'), transfer: actionRule('transfer'), merge: actionRule('merge'),
  reply: actionRule('reply'), extend: actionRule('extend'), triage: actionRule('triage'), close: actionRule('close'), satisfaction: actionRule('satisfaction'),
  identity: complaintRules.identity,
};

export function complaintAbilities(actor: PolicyActor, row: ComplaintRow) {
  return abilitiesOf(actionRules, actor, row);
}

export function mayAct(actor: PolicyActor, row: ComplaintRow, action: ComplaintAction): boolean {
  return actionRules[action].can(actor, row);
}
