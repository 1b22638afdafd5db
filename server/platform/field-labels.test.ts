import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type TestWorld } from '../../test/databases';
import { makeAccount } from '../../test/factories';
import { signIn } from '../../test/http';
import { fieldLabel, hasFieldLabel } from './i18n';

/** Every field name any route accepts (params, query, body), found by walking the zod schemas. */
function fieldNames(schema: unknown, path: string, out: Map<string, string>): void {
  const def = (schema as { _zod?: { def: Record<string, any> } } | undefined)?._zod?.def;
  if (!def) return;
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
        if (!out.has(key)) out.set(key, path ? `${path}.${key}` : key);
        fieldNames(value, path ? `${path}.${key}` : key, out);
      }
      return;
    case 'array': return fieldNames(def.element, `${path}.0`, out);
    case 'record': return fieldNames(def.valueType, `${path}.*`, out);
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return fieldNames(def.innerType, path, out);
    case 'pipe': return fieldNames(def.in, path, out);
    case 'union': for (const option of def.options as unknown[]) fieldNames(option, path, out); return;
    case 'intersection': fieldNames(def.left, path, out); fieldNames(def.right, path, out); return;
    case 'lazy': return fieldNames(def.getter(), path, out);
  }
}

describe('field labels', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld('sqlite');
  });
  afterAll(async () => world?.close());

  it('names every field of every route in both languages, never by its raw key', () => {
    const names = new Map<string, string>();
    for (const route of world.app.routeTable) {
      for (const part of [route.schema?.params, route.schema?.querystring, route.schema?.body]) fieldNames(part, '', names);
    }
    expect(names.size).toBeGreaterThan(150);
    const missing = [...names].filter(([name]) => !hasFieldLabel(name)).map(([name, where]) => `${name} (${where})`);
    expect(missing).toEqual([]);
  });

  it('reads an array item by its position and a nested field by its parts', () => {
    expect(fieldLabel('zh-CN', 'specialties.0')).toBe('专业特长（第 1 项）');
    expect(fieldLabel('en', 'specialties.2')).toBe('Specialties (item 3)');
    expect(fieldLabel('zh-CN', 'activities.meetings.0.attendees')).toMatch(/座谈会（第 1 项）·参会人数$/);
  });

  it('answers a bad array item in words over HTTP', async () => {
    const staff = await makeAccount(world);
    const office = await signIn(world, staff.username, staff.password);
    const res = await office.post('/api/experts', { name: '张三', specialties: [42] });
    expect(res.status).toBe(400);
    const messages = res.body.error.fields.map((f: { message: string }) => f.message).join(' ');
    expect(messages).toContain('专业特长（第 1 项）');
    expect(messages).not.toMatch(/specialties/);
  });
});
