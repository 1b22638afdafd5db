import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion } from '../../../test/factories';
import { makeDrawn, makeExpert, makeReview } from '../../../test/people-factories';
import { signIn, type Client } from '../../../test/http';
import { readXlsx } from '../../../test/xlsx';
import type { RegionsTable } from '../../platform/db/schema';

const fieldsOf = (body: { error: { fields: { field: string; message: string }[] } }) => Object.fromEntries(body.error.fields.map((f) => [f.field, f.message]));

/** 评审费标准 in fen: half day / day × leader / member × local / travelling. */
function rates(base: number) {
  const out = [];
  for (const [period, p] of [['half_day', 0], ['day', 20_000]] as const) {
    for (const [role, r] of [['leader', 10_000], ['member', 0]] as const) {
      for (const [locality, l] of [['local', 0], ['travelling', 10_000]] as const) out.push({ period, role, locality, amountFen: base + p + r + l });
    }
  }
  return out;
}

describe.each(engines)('review fees on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let county: RegionsTable;
  let otherCity: RegionsTable;
  let office: Client;
  let officeEn: Client;
  let stranger: Client;

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '费用市' });
    county = await makeRegion(world, { parent: city, name: '费用县' });
    otherCity = await makeRegion(world, { parent: province, name: '他市' });
    const staff = await makeAccount(world, { role: 'office_staff', region: city });
    office = await signIn(world, staff.username, staff.password);
    officeEn = await signIn(world, staff.username, staff.password, 'en');
    const other = await makeAccount(world, { role: 'office_staff', region: otherCity });
    stranger = await signIn(world, other.username, other.password);
  });
  afterAll(async () => world.close());

  it('needs a complete rate table, and says which rate is missing', async () => {
    const partial = await office.put('/api/fee-rates', { regionId: city.id, effectiveFrom: '2020-01-01', rates: rates(30_000).slice(0, 7) });
    expect(partial.status).toBe(400);
    expect(fieldsOf(partial.body).rates).toBe('缺少“全天·成员·外地”的标准');
    const partialEn = await officeEn.put('/api/fee-rates', { regionId: city.id, effectiveFrom: '2020-01-01', rates: rates(30_000).slice(0, 7) });
    expect(fieldsOf(partialEn.body).rates).toBe('The rate for "day, member, travelling" is missing');
    const fraction = await office.put('/api/fee-rates', { regionId: city.id, effectiveFrom: '2020-01-01', rates: rates(30_000).map((r) => ({ ...r, amountFen: r.amountFen + 0.5 })) });
    expect(fraction.status).toBe(400);
  });

  it('computes a fee sheet from attendance, withholds the tax, settles it into the ledger and the person\'s page', async () => {
    const review = await makeReview(world, city, { title: '义务教育优质均衡评审', start_date: '2026-02-10', end_date: '2026-02-13' });
    const leader = await makeExpert(world, { region: city, name: '组长专家' });
    const guest = await makeExpert(world, { region: city, name: '外地专家' });
    const absent = await makeExpert(world, { region: city, name: '缺席专家' });
    await makeDrawn(world, review, [leader, guest, absent]);
    const before = await office.get(`/api/reviews/${review.id}/fees`);
    expect(before.status).toBe(400);
    expect(before.body.error.message).toBe('没有 2026-02-10 适用的评审费标准（全部标准）');

    expect((await office.put('/api/fee-rates', { regionId: city.id, effectiveFrom: '2020-01-01', rates: rates(30_000) })).status).toBe(200);
    const attend = (expertId: string, body: object) => office.patch(`/api/reviews/${review.id}/experts/${expertId}`, body);
    expect((await attend(leader.id, { role: 'leader', halfDays: 8 })).status).toBe(200);
    expect((await attend(guest.id, { travelling: true, halfDays: 1 })).status).toBe(200);

    const sheet = await office.get(`/api/reviews/${review.id}/fees`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.rateSet).toEqual({ regionName: '费用市', effectiveFrom: '2020-01-01' });
    // Leader, local: 4 days × 600 = 2,400 yuan; tax (2,400 − 800) × 20% = 320. Travelling member: one half day 400, below 800.
    expect(sheet.body.items).toEqual([
      { expertId: leader.id, name: '组长专家', role: 'leader', travelling: false, halfDays: 8, grossFen: 240_000, taxFen: 32_000, netFen: 208_000 },
      { expertId: guest.id, name: '外地专家', role: 'member', travelling: true, halfDays: 1, grossFen: 40_000, taxFen: 0, netFen: 40_000 },
    ]);
    expect(sheet.body.totals).toEqual({ grossFen: 280_000, taxFen: 32_000, netFen: 248_000 });

    const settled = await office.post(`/api/reviews/${review.id}/fees/settle`);
    expect(settled.body).toMatchObject({ settled: true, totals: { grossFen: 280_000 } });
    expect((await office.post(`/api/reviews/${review.id}/fees/settle`)).body.error.message).toBe('该评审的评审费已结算，不能再修改');
    const late = await attend(guest.id, { halfDays: 2 });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toBe('该评审的评审费已结算，不能再修改');

    const ledger = await office.get('/api/fees/ledger?year=2026&sort=grossFen&order=desc');
    expect(ledger.body.total).toBe(2);
    expect(ledger.body.totals).toEqual({ grossFen: 280_000, taxFen: 32_000, netFen: 248_000 });
    expect(ledger.body.items[0]).toMatchObject({ name: '组长专家', reviewTitle: '义务教育优质均衡评审', paidOn: '2026-03-02', netFen: 208_000 });
    const people = await office.get('/api/fees/ledger/people?year=2026&order=desc');
    expect(people.body.items[0]).toEqual({ expertId: leader.id, name: '组长专家', reviews: 1, grossFen: 240_000, taxFen: 32_000, netFen: 208_000 });
    expect((await office.get('/api/fees/ledger?year=2025')).body.total).toBe(0);

    const exported = await readXlsx((await office.get('/api/fees/ledger/export?year=2026&sort=name')).raw);
    expect(exported[0]).toEqual(['支付日期', '姓名', '评审', '角色', '本地/外地', '出席半天数', '应发（元）', '代扣个税（元）', '实发（元）']);
    expect(exported.find((r) => r[1] === '组长专家')!.slice(6)).toEqual(['2400.00', '320.00', '2080.00']);

    const page = await office.get(`/api/experts/${leader.id}`);
    expect(page.body.fees).toEqual([{ reviewId: review.id, title: '义务教育优质均衡评审', paidOn: '2026-03-02', grossFen: 240_000, taxFen: 32_000, netFen: 208_000 }]);
    expect(page.body.reviews[0]).toMatchObject({ reviewId: review.id, role: 'leader', halfDays: 8 });

    expect((await stranger.get(`/api/reviews/${review.id}/fees`)).status).toBe(404);
    expect((await stranger.get('/api/fees/ledger?year=2026')).body.total).toBe(0);
  });

  it('uses the nearest region\'s table in force on the review\'s first day', async () => {
    await office.put('/api/fee-rates', { regionId: county.id, effectiveFrom: '2026-01-01', rates: rates(20_000) });
    const expert = await makeExpert(world, { region: county });
    const early = await makeReview(world, county, { start_date: '2025-12-30', end_date: '2025-12-30' });
    const late = await makeReview(world, county, { start_date: '2026-01-05', end_date: '2026-01-05' });
    for (const review of [early, late]) await makeDrawn(world, review, [expert], { halfDays: 2 });
    const earlySheet = await office.get(`/api/reviews/${early.id}/fees`);
    expect(earlySheet.body.rateSet).toEqual({ regionName: '费用市', effectiveFrom: '2020-01-01' });
    expect(earlySheet.body.items[0].grossFen).toBe(50_000);
    const lateSheet = await office.get(`/api/reviews/${late.id}/fees`);
    expect(lateSheet.body.rateSet).toEqual({ regionName: '费用县', effectiveFrom: '2026-01-01' });
    expect(lateSheet.body.items[0].grossFen).toBe(40_000);
    const none = await makeReview(world, county, { start_date: '2026-01-06', end_date: '2026-01-06' });
    expect((await office.post(`/api/reviews/${none.id}/fees/settle`)).body.error.message).toBe('没有专家的出席记录，无法结算评审费');
    const listed = await office.get('/api/fee-rates');
    expect(listed.body.map((s: { regionName: string }) => s.regionName)).toEqual(['费用县', '费用市']);
  });

  it('treats one person\'s fees from one office within a month as one income, withholding the difference', async () => {
    const expert = await makeExpert(world, { region: city, name: '连续评审专家' });
    // Two one-day reviews (500 yuan each, local member) paid in March, a third paid in April.
    const first = await makeReview(world, city, { start_date: '2026-02-20', end_date: '2026-02-20' });
    const second = await makeReview(world, city, { start_date: '2026-02-24', end_date: '2026-02-24' });
    const third = await makeReview(world, city, { start_date: '2026-03-30', end_date: '2026-03-30' });
    for (const review of [first, second, third]) await makeDrawn(world, review, [expert], { halfDays: 2 });
    const lineOf = (body: { items: { expertId: string; taxFen: number; netFen: number }[] }) => body.items.find((i) => i.expertId === expert.id)!;
    const staff = await makeAccount(world, { role: 'office_staff', region: city });
    // Moving the clock by days ends idle sessions, so the office signs in again on each payday.
    const payday = async (at: string) => {
      world.clock.set(new Date(at));
      office = await signIn(world, staff.username, staff.password);
    };

    await payday('2026-03-10T02:00:00Z');
    // 500 alone is below the 800 deduction: nothing withheld.
    expect(lineOf((await office.post(`/api/reviews/${first.id}/fees/settle`)).body)).toMatchObject({ taxFen: 0, netFen: 50_000 });
    // 500 + 500 = 1,000 in the month: (1,000 − 800) × 20% = 40 yuan, all of it on the second payment.
    expect(lineOf((await office.get(`/api/reviews/${second.id}/fees`)).body)).toMatchObject({ taxFen: 4_000, netFen: 46_000 });
    await payday('2026-03-25T02:00:00Z');
    expect(lineOf((await office.post(`/api/reviews/${second.id}/fees/settle`)).body)).toMatchObject({ taxFen: 4_000, netFen: 46_000 });
    // A new month starts a new income.
    await payday('2026-04-02T02:00:00Z');
    expect(lineOf((await office.post(`/api/reviews/${third.id}/fees/settle`)).body)).toMatchObject({ taxFen: 0, netFen: 50_000 });
    const person = (await office.get('/api/fees/ledger/people?year=2026&order=desc&pageSize=200')).body.items.find((p: { expertId: string }) => p.expertId === expert.id);
    expect(person).toMatchObject({ reviews: 3, grossFen: 150_000, taxFen: 4_000, netFen: 146_000 });
  });

  it('merges by the office that pays, whatever region each review is about', async () => {
    const district = await makeRegion(world, { parent: city, name: '费用区' });
    const expert = await makeExpert(world, { region: city, name: '跨区评审专家' });
    // Six days each as a local member at the city's 500 yuan a day: 3,000 yuan per review.
    const inCity = await makeReview(world, city, { start_date: '2026-05-06', end_date: '2026-05-11' });
    const inDistrict = await makeReview(world, district, { start_date: '2026-05-13', end_date: '2026-05-18' });
    const byDistrict = await makeReview(world, district, { start_date: '2026-05-19', end_date: '2026-05-24' });
    for (const review of [inCity, inDistrict, byDistrict]) await makeDrawn(world, review, [expert], { halfDays: 12 });
    world.clock.set(new Date('2026-05-26T02:00:00Z'));
    const cityStaff = await makeAccount(world, { role: 'office_staff', region: city });
    const cityOffice = await signIn(world, cityStaff.username, cityStaff.password);
    const districtStaff = await makeAccount(world, { role: 'office_staff', region: district });
    const districtOffice = await signIn(world, districtStaff.username, districtStaff.password);
    const lineOf = (body: { items: { expertId: string }[] }) => body.items.find((i) => i.expertId === expert.id);

    // 3,000 alone: (3,000 − 800) × 20% = 440.
    expect(lineOf((await cityOffice.post(`/api/reviews/${inCity.id}/fees/settle`)).body)).toMatchObject({ grossFen: 300_000, taxFen: 44_000 });
    // The city pays 6,000 in the month: 6,000 × 80% × 20% = 960 in all, so 520 more, not another 440.
    const second = await cityOffice.post(`/api/reviews/${inDistrict.id}/fees/settle`);
    expect(second.body.payerName).toBe('费用市');
    expect(lineOf(second.body)).toMatchObject({ grossFen: 300_000, taxFen: 52_000, netFen: 248_000 });
    // The district office is another payer: its own 3,000 is an income of its own.
    const own = await districtOffice.post(`/api/reviews/${byDistrict.id}/fees/settle`);
    expect(own.body.payerName).toBe('费用区');
    expect(lineOf(own.body)).toMatchObject({ grossFen: 300_000, taxFen: 44_000 });

    const ledger = await cityOffice.get(`/api/fees/ledger?year=2026&expertId=${expert.id}`);
    expect(ledger.body.totals).toEqual({ grossFen: 900_000, taxFen: 140_000, netFen: 760_000 });
  });
});
