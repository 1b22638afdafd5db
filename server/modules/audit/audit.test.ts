import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty } from '../../../test/factories';
import { signIn } from '../../../test/http';
import { namedActions } from './audit.names';

/** Every action literal the server records, read from its source. */
function recordedActions(dir: string): string[] {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const source = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of source.matchAll(/action: (?:active \? )?'([a-z_]+\.[a-z_.]+)'(?: : '([a-z_]+\.[a-z_.]+)')?/g)) {
      found.add(m[1]);
      if (m[2]) found.add(m[2]);
    }
  }
  return [...found].sort();
}

describe('audit action names', () => {
  it('names every action the server records, in both languages', () => {
    const named = new Set(namedActions());
    const recorded = recordedActions(path.join(import.meta.dirname, '../..'));
    expect(recorded.length).toBeGreaterThan(100);
    expect(recorded.filter((a) => !named.has(a))).toEqual([]);
  });
});

describe.each(engines)('the audit log page on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('shows what was done, to which record and by whom, by name, with the codes still there', async () => {
    const county = await makeCounty(world, '审计县');
    const office = await makeAccount(world, { region: county });
    const auditor = await makeAccount(world, { role: 'auditor' });
    const officeClient = await signIn(world, office.username, office.password);
    const unit = await officeClient.post('/api/units', { name: '审计县教育局', kind: 'education_bureau', regionId: county.id });
    expect(unit.status).toBe(200);
    const auditorClient = await signIn(world, auditor.username, auditor.password);
    const zh = await auditorClient.get('/api/audit?action=unit.create');
    expect(zh.body.items[0]).toMatchObject({
      action: 'unit.create', actionName: '新建单位', entityType: 'unit', entityId: unit.body.id, entityName: '审计县教育局',
      actorName: office.username, actorDisplayName: `测试用户${office.username}`,
    });
    auditorClient.locale = 'en';
    const en = await auditorClient.get('/api/audit?action=unit.create');
    expect(en.body.items[0].actionName).toBe('Create unit');
  });
});
