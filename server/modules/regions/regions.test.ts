import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import type { RegionsTable } from '../../platform/db/schema';
import { readXlsx, sheetOf } from '../../../test/xlsx';

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

describe.each(engines)('region import and export on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let office: Client;
  const header = ['区划代码', '名称', '层级', '上级区划代码'];

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '丁县');
    const staff = await makeAccount(world, { region: county });
    office = await signIn(world, staff.username, staff.password);
  });
  afterAll(async () => world.close());

  const count = async () => Number((await world.platform.database.db.selectFrom('regions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('imports townships and their villages in any order, in one go', async () => {
    const template = await office.get('/api/regions/import-template');
    expect((await readXlsx(template.raw))[0]).toEqual(['区划代码*', '名称*', '层级*', '上级区划代码*']);
    const before = await count();
    const town = `${county.code}101`;
    const file = await sheetOf(header, [
      [`${town}001`, '丁村', '村社区', town],
      [town, '丁镇', '乡镇街道', county.code],
      ['DZ-1', '丁县园区', '功能区', county.code],
    ]);
    const res = await office.upload('/api/regions/import', { file: { name: 'regions.xlsx', content: file } });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(3);
    expect(await count()).toBe(before + 3);
    const village = await office.get(`/api/regions?q=${town}001`);
    const detail = await office.get(`/api/regions/${village.body.items[0].id}`);
    expect(detail.body.ancestors.map((a: { name: string }) => a.name).slice(-2)).toEqual(['丁县', '丁镇']);
  });

  it('imports nothing when one row is wrong, naming each row and column', async () => {
    const other = await makeCounty(world);
    const before = await count();
    const file = await sheetOf(header, [
      [`${county.code}201`, '好镇', '乡镇街道', county.code],
      ['110101001', '错号镇', '乡镇街道', county.code],
      [`${other.code}001`, '外县镇', '乡镇街道', other.code],
      [`${county.code}202`, '无级镇', '街区', county.code],
      [`${county.code}201`, '重复镇', '乡镇街道', county.code],
    ]);
    const res = await office.upload('/api/regions/import', { file: { name: 'regions.xlsx', content: file } });
    expect(res.status).toBe(400);
    const rows = res.body.error.rows as { row: number; column: string; message: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ row: 3, column: 'A', message: `代码须以上级区划代码的前几位 ${county.code} 开头` }));
    expect(rows).toContainEqual(expect.objectContaining({ row: 4, column: 'D', message: `区划代码 ${other.code} 不存在或不在您的管辖范围内` }));
    expect(rows).toContainEqual(expect.objectContaining({ row: 5, column: 'C', message: '“街区”不是可选的值' }));
    expect(rows).toContainEqual(expect.objectContaining({ row: 6, column: 'A', message: '与第 2 行重复' }));
    expect(await count()).toBe(before);
  });

  it('exports the filtered list with each region\'s parent code', async () => {
    const res = await office.get(`/api/regions/export?q=${encodeURIComponent('丁镇')}`);
    expect(res.status).toBe(200);
    const rows = await readXlsx(res.raw);
    expect(rows[1].slice(0, 4)).toEqual([`${county.code}101`, '丁镇', '乡镇街道', county.code]);
  });

  it('names the code when a new region repeats an existing one', async () => {
    const res = await office.post('/api/regions', { code: `${county.code}101`, name: '又一个丁镇', level: 'township', parentId: county.id });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toEqual([{ field: 'code', message: `区划代码 ${county.code}101 已存在` }]);
  });
});
