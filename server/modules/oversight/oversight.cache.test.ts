import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn } from '../../../test/http';
import { makeRectification } from '../../../test/rectification-factories';

describe.each(engines)('the office overview between changes on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('counts a change made in the same instant as the read before it', async () => {
    const county = await makeCounty(world, '概览县');
    const town = await makeRegion(world, { parent: county });
    const school = await makeUnit(world, { region: town, name: '概览镇小学' });
    const staff = await makeAccount(world, { region: county });
    const office = await signIn(world, staff.username, TEST_PASSWORD);
    const { row } = await makeRectification(world, { unit: school, office: county, status: 'submitted', deadline: '2026-04-30', evidence: true });

    const before = (await office.get('/api/rectification-overview')).body.totals;
    expect(before).toMatchObject({ submitted: 1, verified: 0 });
    // The clock stands still: only the audited write itself can tell the overview that something changed.
    const verified = await office.post(`/api/rectifications/${row.id}/verify`, { method: 'documents', note: '资料齐全', grade: 'good' });
    expect(verified.status).toBe(200);
    expect((await office.get('/api/rectification-overview')).body.totals).toMatchObject({ submitted: 0, verified: 1 });
  });
});
