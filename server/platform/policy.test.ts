import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../test/databases';
import { makeCounty, makeRegion, makeUnit } from '../../test/factories';
import type { ActorScope } from './actor';
import { permissionsOf, type Role } from './permissions';
import { abilitiesOf, anyOf, officeWrites, placedReads, type AccessRule, type PolicyActor } from './policy';
import type { RegionsTable, UnitsTable } from './db/schema';

type UnitRow = { id: string; regionPath: string };

/** A rule's two halves must agree: the rows a query's filter keeps are exactly the rows `can` passes. */
describe.each(engines)('access rules on %s', (engine) => {
  let world: TestWorld;
  let countyA: RegionsTable;
  let units: UnitsTable[];
  beforeAll(async () => {
    world = await openWorld(engine);
    countyA = await makeCounty(world);
    const countyB = await makeCounty(world);
    units = [await makeUnit(world, { region: countyA }), await makeUnit(world, { region: await makeRegion(world, { parent: countyA }) }), await makeUnit(world, { region: countyB })];
  });
  afterAll(async () => world.close());

  const actor = (role: Role, scope: ActorScope): PolicyActor => ({ id: 'a', role, scope, permissions: permissionsOf(role) });
  const row = (u: UnitsTable): UnitRow => ({ id: u.id, regionPath: u.region_path });
  const kept = async (rule: AccessRule<UnitRow>, who: PolicyActor) => (await world.platform.database.db.selectFrom('units').select('id')
    .where('id', 'in', units.map((u) => u.id)).where(rule.filter(who, 'units')).execute()).map((r) => r.id).sort();
  const passed = (rule: AccessRule<UnitRow>, who: PolicyActor) => units.filter((u) => rule.can(who, row(u))).map((u) => u.id).sort();

  it('keeps in a query exactly the rows it passes one by one', async () => {
    const office = actor('office_staff', { kind: 'region', regionId: countyA.id, regionPath: countyA.path });
    const school = actor('unit_user', { kind: 'unit', unitId: units[0].id, regionPath: units[0].region_path });
    const sysadmin = actor('sysadmin', { kind: 'all' });
    const ownUnit: AccessRule<UnitRow> = {
      filter: (who, alias) => (eb) => eb(`${alias}.id` as 'units.id', '=', who.scope.kind === 'unit' ? who.scope.unitId : ''),
      can: (who, r) => who.scope.kind === 'unit' && who.scope.unitId === r.id,
    };
    const rules = { write: officeWrites<UnitRow>('units.write'), read: anyOf(placedReads<UnitRow>('units.read'), ownUnit) };
    for (const who of [office, school, sysadmin]) {
      for (const rule of Object.values(rules)) expect(await kept(rule, who)).toEqual(passed(rule, who));
    }
    expect(passed(rules.write, office)).toEqual([units[0].id, units[1].id].sort());
    expect(passed(rules.write, school)).toEqual([]);
    expect(passed(rules.write, sysadmin)).toEqual([]);
    expect(passed(rules.read, school)).toEqual([units[0].id]);
    expect(passed(rules.read, sysadmin)).toHaveLength(3);
    expect(abilitiesOf(rules, office, row(units[2]))).toEqual({ write: false, read: false });
    expect(abilitiesOf(rules, office, row(units[1]))).toEqual({ write: true, read: true });
  });
});
