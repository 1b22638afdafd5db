import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('regions on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let office: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '丙县');
    const staff = await makeAccount(world, { region: county });
    office = await signIn(world, staff.username, staff.password);
  });
  afterAll(async () => world.close());

  it('starts the tree at the office\'s own region and opens it level by level', async () => {
    const town = await makeRegion(world, { parent: county, name: '丙镇' });
    await makeRegion(world, { parent: town, name: '丙村' });
    const roots = await office.get('/api/regions/children');
    expect(roots.body).toEqual([expect.objectContaining({ id: county.id, name: '丙县', hasChildren: true })]);
    const towns = await office.get(`/api/regions/children?parentId=${county.id}`);
    expect(towns.body.map((r: { name: string }) => r.name)).toContain('丙镇');
    const detail = await office.get(`/api/regions/${town.id}`);
    expect(detail.body.ancestors.map((a: { name: string }) => a.name).slice(-1)).toEqual(['丙县']);
    expect(detail.body.abilities).toEqual({ update: true, createChild: true });
    const own = await office.get(`/api/regions/${county.id}`);
    expect(own.body.abilities).toEqual({ update: false, createChild: true });
  });

  it('counts the units of a whole subtree', async () => {
    const town = await makeRegion(world, { parent: county });
    await makeUnit(world, { region: town });
    await makeUnit(world, { region: town });
    const detail = await office.get(`/api/regions/${town.id}`);
    expect(detail.body.unitCount).toBe(2);
  });

  it('adds a township only with a code under the county\'s code, and a zone with any code', async () => {
    const wrongPrefix = await office.post('/api/regions', { code: '110101001', name: '错号镇', level: 'township', parentId: county.id });
    expect(wrongPrefix.status).toBe(400);
    expect(wrongPrefix.body.error.fields[0]).toMatchObject({ field: 'code', message: `代码须以上级区划代码的前几位 ${county.code} 开头` });
    const wrongLength = await office.post('/api/regions', { code: `${county.code}1`, name: '短号镇', level: 'township', parentId: county.id });
    expect(wrongLength.body.error.fields[0].message).toBe('代码须为 9 位数字');
    const upward = await office.post('/api/regions', { code: '510000', name: '某省', level: 'province', parentId: county.id });
    expect(upward.body.error.fields[0]).toMatchObject({ field: 'level', message: '区划层级与上级区划不匹配' });
    const zone = await office.post('/api/regions', { code: 'ZONE-01', name: '丙县工业园区', level: 'zone', parentId: county.id });
    expect(zone.status).toBe(200);
    expect(zone.body).toMatchObject({ level: 'zone', parentId: county.id });
    const dup = await office.post('/api/regions', { code: 'ZONE-01', name: '重复园区', level: 'zone', parentId: county.id });
    expect(dup.status).toBe(409);
  });

  it('searches, pages and deactivates regions', async () => {
    const town = await makeRegion(world, { parent: county, name: '可停用镇' });
    const found = await office.get(`/api/regions?q=${encodeURIComponent('可停用')}`);
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([town.id]);
    const off = await office.patch(`/api/regions/${town.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await office.get('/api/regions?active=false')).body.items.map((r: { id: string }) => r.id)).toContain(town.id);
  });

  it('answers 404 for a region of another county, whether asked by id or under its parent', async () => {
    const other = await makeCounty(world);
    const otherTown = await makeRegion(world, { parent: other });
    expect((await office.get(`/api/regions/${otherTown.id}`)).status).toBe(404);
    expect((await office.get(`/api/regions/children?parentId=${other.id}`)).body).toEqual([]);
    expect((await office.patch(`/api/regions/${otherTown.id}`, { name: 'x' })).status).toBe(404);
    expect((await office.post('/api/regions', { code: `${otherTown.code}001`, name: '越界村', level: 'village', parentId: otherTown.id })).status).toBe(404);
  });
});
