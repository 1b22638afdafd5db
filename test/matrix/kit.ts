import type { RegionsTable, UnitsTable } from '../../server/platform/db/schema';
import type { Role } from '../../server/platform/permissions';
import type { TestWorld } from '../databases';
import type { Client, Reply, Upload } from '../http';

/** The shapes the authorization matrix is written in, shared by the areas that add their routes to it. */
export type Side = 'inside' | 'outside';
export type Call = { url: string; body?: unknown; upload?: Upload };
export interface Spec {
  /** row: one record by id; list: rows in an answer; create: writes a new row somewhere; self: the caller's own session; global: not scoped data. */
  kind: 'row' | 'list' | 'create' | 'self' | 'global';
  /** `role` lets a row be one this role may act on (an acknowledgement needs a notice not yet acknowledged by it). */
  call(side: Side, role: Role): Call | Promise<Call>;
  /** For lists: is the side's row in the answer? */
  contains?(reply: Reply, side: Side): boolean | Promise<boolean>;
  /** Uses a fresh session, for calls that end or change the session. */
  freshSession?: boolean;
  /** Ends every session of the account: the role's shared session is signed in again after the call. */
  endsAllSessions?: boolean;
  /** Only an office above the placements (a province's) may call it: a placed role is refused inside, and outside as for its kind. */
  aboveOnly?: boolean;
}

/**
 * What every area's fixture is built on: county A holds town A and unit A (every role's account is placed in
 * county A, the unit account at unit A); county B, town B and unit B are outside. `city` is above both.
 */
export interface MatrixBase {
  world: TestWorld;
  city: RegionsTable; countyA: RegionsTable; countyB: RegionsTable; townA: RegionsTable; townB: RegionsTable; unitA: UnitsTable; unitB: UnitsTable;
  clients: ReadonlyMap<Role, Client>;
  /** The account id of each role's test account. */
  accountIds: ReadonlyMap<Role, string>;
}

/** An area's part of the matrix: its fixture, built once per engine, and a spec for each of its routes. */
export interface MatrixArea<F> {
  build(base: MatrixBase): Promise<F>;
  specs(fixture: F, base: MatrixBase): Record<string, Spec>;
}

let n = 0;
export const unique = () => `${Date.now() % 100000}${++n}`;
export const pick = <T>(side: Side, a: T, b: T) => (side === 'inside' ? a : b);
export const ids = (r: Reply) => (Array.isArray(r.body) ? r.body : (r.body?.items ?? [])).map((x: { id: string }) => x.id);
