import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx } from '../../../test/xlsx';
import { makeLedgerRows, makeRectification } from '../../../test/rectification-factories';
import type { NoticesTable, RegionsTable, UnitsTable } from '../../platform/db/schema';

const ROWS = 20_000;

describe.each(engines)('the rectification ledger export on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let unitA: UnitsTable;
  let unitB: UnitsTable;
  let big: NoticesTable;
  let cityOffice: Client;
  let countyAOffice: Client;
  let leader: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '导出市' });
    const countyA = await makeRegion(world, { parent: city, name: '导出甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '导出乙县' });
    unitA = await makeUnit(world, { region: countyA, name: '导出甲县一中' });
    unitB = await makeUnit(world, { region: countyB, name: '导出乙县一中' });
    big = await makeLedgerRows(world, { unit: unitA, office: city, count: ROWS });
    await makeLedgerRows(world, { unit: unitB, office: city, count: 3, notice: big, deadline: '2026-03-01' });
    const sign = async (opts: Parameters<typeof makeAccount>[1]) => signIn(world, (await makeAccount(world, opts)).username, TEST_PASSWORD);
    cityOffice = await sign({ region: city });
    countyAOffice = await sign({ region: countyA });
    leader = await sign({ role: 'leader', region: city });
  }, 120_000);
  afterAll(async () => world.close());

  it(`streams ${ROWS.toLocaleString('en')} rows in creation order, paging by (created_at, id)`, async () => {
    const started = Date.now();
    const res = await leader.get(`/api/rectifications/export?noticeId=${big.id}&unitId=${unitA.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('整改台账.xlsx'));
    const rows = await readXlsx(res.raw);
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0].slice(0, 3)).toEqual(['责任单位', '所属区划', '督办单位']);
    expect(rows[1][7]).toBe('台账事项1');
    expect(rows[ROWS][7]).toBe(`台账事项${ROWS}`);
    // Keyset paging neither skips nor repeats a row at a batch boundary.
    expect(new Set(rows.slice(1).map((r) => r[7])).size).toBe(ROWS);
    console.info(`export of ${ROWS} rows on ${engine}: ${Date.now() - started} ms, ${res.raw.length} bytes`);
  }, 120_000);

  it('follows the list\'s filters and the caller\'s scope', async () => {
    const overdue = await cityOffice.get('/api/rectifications/export?overdue=true');
    const overdueRows = (await readXlsx(overdue.raw)).slice(1);
    expect(overdueRows.map((r) => [r[0], r[12]])).toEqual([['导出乙县一中', '红灯（逾期）'], ['导出乙县一中', '红灯（逾期）'], ['导出乙县一中', '红灯（逾期）']]);
    const listed = await cityOffice.get('/api/rectifications?overdue=true');
    expect(listed.body.total).toBe(overdueRows.length);

    const verified = await makeRectification(world, { unit: unitB, office: city, status: 'verified', demand: '已核验的导出事项' });
    const byStatus = (await readXlsx((await cityOffice.get('/api/rectifications/export?status=verified')).raw)).slice(1);
    expect(byStatus.map((r) => [r[7], r[11], r[14]])).toEqual([['已核验的导出事项', '已核验', '好']]);
    expect(byStatus[0][4]).toBe(verified.notice!.doc_number);

    // County A sees only its county's rows, whatever it asks for.
    const county = (await readXlsx((await countyAOffice.get(`/api/rectifications/export?noticeId=${big.id}&q=${encodeURIComponent('导出乙县')}`)).raw)).slice(1);
    expect(county).toEqual([]);
    const en = await signIn(world, (await makeAccount(world, { region: city })).username, TEST_PASSWORD, 'en');
    const english = await readXlsx((await en.get('/api/rectifications/export?status=verified')).raw);
    expect(english[0][0]).toBe('Responsible unit');
    expect(english[1][11]).toBe('verified');
  });
});
