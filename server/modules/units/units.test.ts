import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx, sheetOf, unitHeader } from '../../../test/xlsx';
import type { RegionsTable } from '../../platform/db/schema';

describe.each(engines)('units on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let township: RegionsTable;
  let otherCounty: RegionsTable;
  let office: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    county = await makeCounty(world, '甲县');
    township = await makeRegion(world, { parent: county, name: '甲镇' });
    otherCounty = await makeCounty(world, '乙县');
    const staff = await makeAccount(world, { role: 'office_staff', region: county });
    office = await signIn(world, staff.username, staff.password);
  });
  afterAll(async () => world.close());

  const count = async () => Number((await world.platform.database.db.selectFrom('units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a school in its own region and audits it with before and after', async () => {
    const res = await office.post('/api/units', { name: '甲镇中心小学', kind: 'school', regionId: township.id, schoolCode: '2151000001', stage: 'primary', ownership: 'public', enrolment: 560, staffCount: 34, contactPhone: '13800001111' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '甲镇中心小学', region: { name: '甲镇' }, contactPhoneMasked: '138****1111', abilities: { update: true } });
    const entry = await world.platform.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.create').where('entity_id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail!).after.name).toBe('甲镇中心小学');
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await count();
    const res = await office.post('/api/units', { name: '', kind: 'school', regionId: township.id, schoolCode: '123' });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries(res.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields.name).toBe('名称：不能为空');
    expect(fields.schoolCode).toBe('学校标识码：格式不正确');
    const noStage = await office.post('/api/units', { name: '无学段学校', kind: 'school', regionId: township.id, ownership: 'public' });
    expect(noStage.status).toBe(400);
    expect(noStage.body.error.fields).toEqual([{ field: 'stage', message: '学校须填写学段' }]);
    const taken = await office.post('/api/units', { name: '重号学校', kind: 'school', regionId: township.id, schoolCode: '2151000001', stage: 'primary', ownership: 'public' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0]).toMatchObject({ field: 'schoolCode' });
    expect(await count()).toBe(before);
  });

  it('refuses to place a unit in another county', async () => {
    const res = await office.post('/api/units', { name: '越界学校', kind: 'school', regionId: otherCounty.id, stage: 'primary', ownership: 'public' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'regionId', message: '所选区划不在您的管辖范围内' });
  });

  it('lists with server-side filters, sorting and paging, inside the scope only', async () => {
    for (let i = 0; i < 5; i += 1) await makeUnit(world, { region: township, name: `分页学校${i}`, enrolment: 100 * (i + 1) });
    const foreign = await makeUnit(world, { region: otherCounty, name: '分页学校外县' });
    const page1 = await office.get('/api/units?q=分页学校&sort=enrolment&order=desc&pageSize=2&page=1');
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(5);
    expect(page1.body.items.map((u: { enrolment: number }) => u.enrolment)).toEqual([500, 400]);
    const page3 = await office.get('/api/units?q=分页学校&sort=enrolment&order=desc&pageSize=2&page=3');
    expect(page3.body.items.map((u: { name: string }) => u.name)).toEqual(['分页学校0']);
    const byRegion = await office.get(`/api/units?regionId=${otherCounty.id}`);
    expect(byRegion.body.total).toBe(0);
    expect((await office.get(`/api/units/${foreign.id}`)).status).toBe(404);
    const bad = await office.get('/api/units?pageSize=1000&sort=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('deactivates and reactivates a unit', async () => {
    const unit = await makeUnit(world, { region: township });
    const off = await office.post(`/api/units/${unit.id}/deactivate`);
    expect(off.body.active).toBe(false);
    expect((await office.get(`/api/units?q=${encodeURIComponent(unit.name)}&active=false`)).body.total).toBe(1);
    expect((await office.post(`/api/units/${unit.id}/activate`)).body.active).toBe(true);
  });

  it('imports nothing from a sheet with one bad row, and names its row and column', async () => {
    const before = await count();
    const file = await sheetOf(unitHeader, [
      ['导入一小', '学校', township.code, '2151000101', '小学', '公办', 300, 20, null, null],
      ['导入二小', '学校', '999999999', '2151000102', '小学', '公办', 300, 20, null, null],
      ['导入三小', '学院', township.code, '2151000101', '小学', '公办', 'many', 20, null, null],
    ]);
    const res = await office.upload('/api/units/import', { file: { name: 'units.xlsx', content: file } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect(res.body.error.message).toContain('未导入任何数据');
    const rows = res.body.error.rows as { row: number; column: string; header: string; message: string }[];
    expect(rows).toContainEqual({ row: 3, column: 'C', header: '所属区划代码', message: '区划代码 999999999 不存在或不在您的管辖范围内' });
    expect(rows).toContainEqual({ row: 4, column: 'B', header: '类型', message: '“学院”不是可选的值' });
    expect(rows).toContainEqual({ row: 4, column: 'D', header: '学校标识码', message: '与第 2 行重复' });
    expect(rows.find((r) => r.row === 4 && r.column === 'G')?.header).toBe('在校生数');
    expect(rows.some((r) => r.row === 2)).toBe(false);
    expect(await count()).toBe(before);
  });

  it('imports a clean sheet in one go, from the downloaded template', async () => {
    const template = await office.get('/api/units/import-template');
    expect(template.status).toBe(200);
    expect((await readXlsx(template.raw))[0]).toEqual(unitHeader);
    const before = await count();
    const file = await sheetOf(unitHeader, [
      ['导入甲小学', '学校', township.code, '2151000201', '小学', '公办', 300, 20, '甲镇一街', '0827-5261234'],
      ['导入甲幼儿园', '幼儿园', township.code, '1151000202', null, '民办', 120, 12, null, null],
      ['甲县教育局', '教育行政部门', county.code, null, null, null, null, null, null, null],
    ]);
    const res = await office.upload('/api/units/import', { file: { name: 'units.xlsx', content: file } });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(3);
    expect(await count()).toBe(before + 3);
    const kg = await office.get('/api/units?q=导入甲幼儿园');
    expect(kg.body.items[0]).toMatchObject({ kind: 'kindergarten', stage: 'preschool', ownership: 'private' });
  });

  it('refuses a file that is not a spreadsheet with a clear message', async () => {
    const res = await office.upload('/api/units/import', { file: { name: 'units.xlsx', content: Buffer.from('not a workbook') } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('无法读取该文件，请使用 .xlsx 格式的模板');
  });

  it('exports the filtered list as .xlsx, with phone numbers masked', async () => {
    await makeUnit(world, { region: township, name: '导出专用学校', contact_phone: '13700002222' });
    const res = await office.get(`/api/units/export?q=${encodeURIComponent('导出专用')}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const rows = await readXlsx(res.raw);
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe('导出专用学校');
    expect(rows[1]).toContain('137****2222');
    expect(rows[1]).toContain('甲镇');
  });
});
