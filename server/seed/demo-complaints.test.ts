import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type TestWorld } from '../../test/databases';
import { signIn } from '../../test/http';
import { DEMO_PASSWORD, seedDemo } from './demo';

describe('the demo complaints', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld('sqlite');
    await seedDemo(world.platform);
  });
  afterAll(async () => world.close());

  it('fills the counties\' inboxes in every state, identities masked, triaged ones in the problem register', async () => {
    const office = await signIn(world, 'bazhou', DEMO_PASSWORD);
    const inbox = (await office.get('/api/complaints?pageSize=100')).body;
    expect(inbox.total).toBeGreaterThanOrEqual(7);
    expect(new Set(inbox.items.map((c: { status: string }) => c.status))).toEqual(new Set(['received', 'accepted', 'closed', 'rejected', 'not_ours', 'merged']));
    expect(inbox.items.filter((c: { name: string | null }) => c.name).every((c: { name: string }) => /^.\*+$/.test(c.name))).toBe(true);
    const city = (await (await signIn(world, 'city', DEMO_PASSWORD)).get('/api/complaints?pageSize=1')).body;
    expect(city.total).toBe(36);
    const triaged = await world.platform.database.db.selectFrom('problems').select('id').where('source', '=', 'complaint').where('found_by', '=', '群众举报').execute();
    expect(triaged.length).toBeGreaterThan(5);
  });
});
