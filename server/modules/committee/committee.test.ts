import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx } from '../../../test/xlsx';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';

const fieldsOf = (body: { error: { fields: { field: string; message: string }[] } }) => Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));

describe.each(engines)('supervision committee on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let units: Record<string, UnitsTable>;
  let office: Client;
  let leader: Client;
  let stranger: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '委员会市' });
    const other = await makeRegion(world, { parent: province, name: '别市' });
    const member = (name: string) => makeUnit(world, { region: city, name, kind: 'member_unit', school_code: null, stage: null, ownership: null });
    units = {
      government: await member('市人民政府'), education: await member('市教育局'), finance: await member('市财政局'),
      organisation: await member('中共市委组织部'), publicity: await member('中共市委宣传部'),
      school: await makeUnit(world, { region: city, name: '市实验小学' }),
    };
    const staff = await makeAccount(world, { role: 'office_staff', region: city });
    office = await signIn(world, staff.username, staff.password);
    const lead = await makeAccount(world, { role: 'leader', region: city });
    leader = await signIn(world, lead.username, lead.password);
    const outsider = await makeAccount(world, { role: 'office_staff', region: other });
    stranger = await signIn(world, outsider.username, outsider.password);
  });
  afterAll(async () => world.close());

  const join = (unit: UnitsTable, joinedOn: string, extra: object = {}) => office.post('/api/committee/members', { regionId: city.id, unitId: unit.id, joinedOn, ...extra });

  it('keeps the members with roles and representatives, and the history of who joined and left', async () => {
    expect((await join(units.government, '2018-05-01', { role: 'director', representative: '张副市长', representativeTitle: '副市长', representativePhone: '13800001111' })).status).toBe(200);
    for (const u of [units.education, units.finance]) expect((await join(u, '2018-05-01')).status).toBe(200);
    for (const u of [units.organisation, units.publicity]) expect((await join(u, '2020-04-15', { representative: '联络员' })).status).toBe(200);
    const finance = (await office.get('/api/committee/members?q=财政')).body.items[0];
    expect((await office.post(`/api/committee/members/${finance.id}/leave`, { leftOn: '2021-01-01' })).status).toBe(200);

    const now = await office.get('/api/committee/members');
    expect(now.body.items.map((m: { unit: { name: string } }) => m.unit.name)).toEqual(['市人民政府', '市教育局', '中共市委组织部', '中共市委宣传部']);
    expect(now.body.items[0]).toMatchObject({ role: 'director', representativePhoneMasked: '138****1111', abilities: { update: true } });
    expect(JSON.stringify(now.body)).not.toContain('13800001111');
    const in2019 = await office.get('/api/committee/members?asOf=2019-12-31');
    expect(in2019.body.items.map((m: { unit: { name: string } }) => m.unit.name)).toEqual(['市人民政府', '市教育局', '市财政局']);
    const history2020 = await leader.get('/api/committee/history?year=2020');
    expect(history2020.body.map((e: { date: string; event: string; unit: { name: string } }) => `${e.date} ${e.event} ${e.unit.name}`)).toEqual([
      '2020-04-15 joined 中共市委宣传部', '2020-04-15 joined 中共市委组织部',
    ]);
    const all = await leader.get('/api/committee/history');
    expect(all.body.at(-1)).toMatchObject({ date: '2021-01-01', event: 'left', unit: { name: '市财政局' } });
    const everyone = await office.get('/api/committee/members?history=true');
    expect(everyone.body.total).toBe(5);

    const full = await office.post(`/api/committee/members/${now.body.items[0].id}/personal`);
    expect(full.body).toEqual({ representativePhone: '13800001111' });
    expect((await leader.post(`/api/committee/members/${now.body.items[0].id}/personal`)).status).toBe(403);
    const rows = await readXlsx((await office.get('/api/committee/members/export')).raw);
    expect(rows[1]).toEqual(['委员会市', '市人民政府', '主任单位', '张副市长', '副市长', '138****1111', '2018-05-01']);
  });

  it('refuses a unit that is not a member unit, a unit already in, and leaving before joining', async () => {
    const school = await join(units.school, '2020-01-01');
    expect(fieldsOf(school.body).unitId).toBe('只有“督导委员会成员单位”类型的单位可以加入委员会');
    const again = await join(units.education, '2022-01-01');
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body).unitId).toBe('该单位已是委员会成员（2018-05-01 加入）');
    const education = (await office.get('/api/committee/members?q=教育局')).body.items[0];
    const early = await office.post(`/api/committee/members/${education.id}/leave`, { leftOn: '2017-01-01' });
    expect(fieldsOf(early.body).leftOn).toBe('退出日期不能早于加入日期 2018-05-01');
    const finance = (await office.get('/api/committee/members?q=财政&history=true')).body.items[0];
    const twice = await office.post(`/api/committee/members/${finance.id}/leave`, { leftOn: '2022-01-01' });
    expect(fieldsOf(twice.body).leftOn).toBe('该单位已于 2021-01-01 退出委员会');
    expect((await join(units.finance, '2023-03-01')).status).toBe(200);
    const renamed = await office.patch(`/api/committee/members/${education.id}`, { role: 'deputy_director', representative: '李局长' });
    expect(renamed.body).toMatchObject({ role: 'deputy_director', representative: '李局长' });
    const noted = await office.patch(`/api/committee/members/${education.id}`, { remarks: '牵头单位' });
    expect(noted.body).toMatchObject({ role: 'deputy_director', representative: '李局长', remarks: '牵头单位' });
  });

  it('shows nothing to another city\'s office', async () => {
    expect((await stranger.get('/api/committee/members')).body.total).toBe(0);
    const any = (await office.get('/api/committee/members')).body.items[0];
    expect((await stranger.patch(`/api/committee/members/${any.id}`, { remarks: 'x' })).status).toBe(404);
  });
});
