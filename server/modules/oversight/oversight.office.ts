import type { Actor, ActorScope } from '../../platform/actor';
import { forbidden } from '../../platform/errors';

type Office = Extract<ActorScope, { kind: 'region' }>;

/** Escalation, accountability, filings and clear-to-zero lists are an office's work: its staff act for its region. */
export function officeOf(actor: Actor): Office {
  if (actor.scope.kind !== 'region') throw forbidden('OVERSIGHT_OFFICE_ONLY');
  return actor.scope;
}
