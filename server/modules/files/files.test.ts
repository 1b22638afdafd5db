import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeCounty, makeUnit } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import type { UnitsTable } from '../../platform/db/schema';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);
const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n');

describe.each(engines)('files on %s', (engine) => {
  let world: TestWorld;
  let school: UnitsTable;
  let otherSchool: UnitsTable;
  let office: Client;
  let stranger: Client;
  let schoolUser: Client;

  beforeAll(async () => {
    world = await openWorld(engine, { FILE_MAX_BYTES: '2048' });
    const county = await makeCounty(world);
    const other = await makeCounty(world);
    school = await makeUnit(world, { region: county });
    otherSchool = await makeUnit(world, { region: other });
    const staff = await makeAccount(world, { region: county });
    office = await signIn(world, staff.username, staff.password);
    const otherStaff = await makeAccount(world, { region: other });
    stranger = await signIn(world, otherStaff.username, otherStaff.password);
    const unitUser = await makeAccount(world, { role: 'unit_user', unit: school });
    schoolUser = await signIn(world, unitUser.username, unitUser.password);
  });
  afterAll(async () => world.close());

  it('stores an upload by content hash and lets the scope download it', async () => {
    const res = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: school.id }, file: { name: '办学许可证.pdf', content: pdf } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '办学许可证.pdf', mime: 'application/pdf', size: pdf.length });
    const blob = path.join(world.config.filesDir, res.body.sha256.slice(0, 2), res.body.sha256);
    expect(fs.readFileSync(blob)).toEqual(pdf);
    const download = await schoolUser.get(`/api/files/${res.body.id}/content`);
    expect(download.status).toBe(200);
    expect(download.raw).toEqual(pdf);
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent('办学许可证.pdf'));
    const list = await office.get(`/api/units/${school.id}/files`);
    expect(list.body.map((f: { id: string }) => f.id)).toContain(res.body.id);
  });

  it('hides a file from another county, by id or by its unit', async () => {
    const res = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: school.id }, file: { name: 'photo.png', content: png } });
    expect((await stranger.get(`/api/files/${res.body.id}/content`)).status).toBe(404);
    expect((await stranger.get(`/api/files/${res.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/units/${school.id}/files`)).status).toBe(404);
    const intoOther = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: otherSchool.id }, file: { name: 'photo.png', content: png } });
    expect(intoOther.status).toBe(404);
  });

  it('refuses a type not on the allow-list, a renamed file and an oversized file, keeping no record', async () => {
    const exe = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: school.id }, file: { name: 'tool.exe', content: Buffer.from('MZ...') } });
    expect(exe.status).toBe(400);
    expect(exe.body.error.message).toBe('不允许上传该类型的文件（tool.exe）');
    const fake = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: school.id }, file: { name: 'report.pdf', content: Buffer.from('MZ not a pdf') } });
    expect(fake.status).toBe(400);
    const big = await office.upload('/api/files', { fields: { entityType: 'unit', entityId: school.id }, file: { name: 'big.pdf', content: Buffer.concat([pdf, Buffer.alloc(4096, 1)]) } });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain('文件超过大小上限');
    const names = (await office.get(`/api/units/${school.id}/files`)).body.map((f: { name: string }) => f.name);
    expect(names).not.toContain('tool.exe');
    expect(names).not.toContain('report.pdf');
    expect(names).not.toContain('big.pdf');
  });
});
