import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openStage, shot, type Stage, signInAs, typeDate, pickOption, DESKTOP, keepFailures } from './browser';
import { readXlsx, sheetOf } from '../test/xlsx';
import { signIn } from '../test/http';
import { DEMO_PASSWORD } from '../server/seed/demo';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Inspectors, responsible inspectors, the expert draw and review fees, as the offices use them in a browser. */
describe('the people pages in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const db = () => stage.world.platform.database.db;
  /** expect.poll waits one second by default; a loaded machine (builds, other browser tests) needs longer. */
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
  /** Today in China, as the pages and the server count days. */
  const chinaDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const chinaToday = () => chinaDay();

  const signedIn = (username: string, viewport = DESKTOP) => signInAs(stage, username, viewport);

  /** A full-page screenshot from the top, so the fixed header, menu and messages sit where a user sees them. */
  async function snap(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, name);
  }

  const formItem = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label:text-is("${label}")`) });
  const visibleDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');
  const modal = (page: Page) => page.locator('.ant-modal:visible');

  /** Pick an option of the antd Select inside the form item with this label. */
  const choose = (page: Page, label: string, option: string) => pickOption(formItem(modal(page), label).locator('.ant-select'), option);

  /** Type into a server-searched Select and pick the option whose label starts with `text`. */
  async function search(page: Page, label: string, text: string) {
    await formItem(modal(page), label).locator('.ant-select').click();
    await page.keyboard.type(text);
    const options = visibleDropdown(page).locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    await poll(() => options.count()).toBeGreaterThan(0);
    await options.first().click();
  }

  /** A card of the page by its title. */
  const card = (page: Page, title: string) => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

  it('appoints a fourth term of inspectors from a spreadsheet, refusing a file with one bad row', async () => {
    // The template as a person downloads it: its header row is what the sheet must carry.
    const api = await signIn(stage.world, 'city', DEMO_PASSWORD);
    const template = await api.get('/api/inspectors/import-template');
    expect(template.status).toBe(200);
    const [header] = await readXlsx(template.raw);
    const bare = (h: string) => h.replace(/\*$/, '').trim();
    expect(header.map(bare)).toEqual(expect.arrayContaining(['姓名', '督学级别', '专兼职', '聘任区划代码', '届次', '聘任机关', '聘期开始', '聘期结束', '聘书编号']));
    const row = (cells: Record<string, string | number | null>) => header.map((h) => cells[bare(h)] ?? null);
    const first = {
      姓名: '赵明远', 性别: '男', 手机号: '13981990101', 督学级别: '市级督学', 专兼职: '兼职', 工作单位: '巴中中学', 职务职称: '副校长、高级教师', 专业特长: '课程教学、德育',
      聘任区划代码: '511900', 届次: 4, 聘任机关: '巴中市人民政府', 聘期开始: '2020-06-01', 聘期结束: '2023-05-31', 聘书编号: 'BZDX-2020-101',
    };
    const second = { ...first, 姓名: '钱雅琴', 性别: '女', 手机号: '13981990102', 工作单位: '巴中市第三中学', 专业特长: '校园安全', 聘书编号: 'BZDX-2020-102' };
    const names = [first.姓名, second.姓名];
    const imported = async () => (await db().selectFrom('inspectors').select('id').where('name', 'in', names).execute()).length;

    const { context, page } = await signedIn('city');
    await page.goto(`${stage.baseUrl}/inspectors`);
    await poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);

    // A term one day longer than three years on the second data row (sheet row 3).
    const bad = await sheetOf(header, [row(first), row({ ...second, 聘期结束: '2023-06-01' })]);
    await page.getByRole('button', { name: '导入督学' }).click();
    const dialog = modal(page);
    await poll(() => dialog.getByText('从 Excel 导入督学').count()).toBe(1);
    await dialog.locator('input[type=file]').setInputFiles({ name: '第四届督学.xlsx', mimeType: XLSX, buffer: bad });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await poll(() => dialog.getByText('未导入任何数据').count()).toBeGreaterThan(0);
    const errorRow = dialog.locator('.ant-table-row').filter({ hasText: '每届聘期不超过 3 年（最晚至 2023-05-31）' });
    await poll(() => errorRow.count()).toBe(1);
    expect(await errorRow.locator('td').first().innerText()).toBe('3');
    expect(await errorRow.innerText()).toContain('聘期结束');
    await snap(page, 'p-01-inspector-import-errors');
    expect(await imported()).toBe(0);

    // The corrected file: both inspectors and their fourth-term appointments.
    const good = await sheetOf(header, [row(first), row(second)]);
    await dialog.locator('input[type=file]').setInputFiles({ name: '第四届督学-修改.xlsx', mimeType: XLSX, buffer: good });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await poll(() => dialog.getByText('已导入 2 名督学').count()).toBe(1);
    await snap(page, 'p-02-inspector-import-done');
    const terms = await db().selectFrom('inspector_terms').innerJoin('inspectors', 'inspectors.id', 'inspector_terms.inspector_id')
      .select(['inspectors.name', 'inspectors.level', 'inspector_terms.term_number', 'inspector_terms.start_date', 'inspector_terms.end_date', 'inspector_terms.certificate_no'])
      .where('inspectors.name', 'in', names).orderBy('inspector_terms.certificate_no').execute();
    expect(terms).toEqual([
      { name: '赵明远', level: 'city', term_number: 4, start_date: '2020-06-01', end_date: '2023-05-31', certificate_no: 'BZDX-2020-101' },
      { name: '钱雅琴', level: 'city', term_number: 4, start_date: '2020-06-01', end_date: '2023-05-31', certificate_no: 'BZDX-2020-102' },
    ]);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();

    // The roster, filtered to the fourth term, lists them.
    await page.goto(`${stage.baseUrl}/inspectors?termNumber=4`);
    for (const name of names) {
      await poll(() => page.locator('.ant-table-row').filter({ hasText: name }).count()).toBe(1);
    }
    // The fourth term ended in May 2023, so they are listed as past their term, with no current one.
    const mine = page.locator('.ant-table-row').filter({ hasText: '赵明远' });
    expect(await mine.innerText()).toContain('市级督学');
    expect(await mine.innerText()).toContain('聘期届满');
    await snap(page, 'p-03-inspector-roster');
    await mine.getByRole('link', { name: '赵明远' }).click();
    const appointments = card(page, '聘任记录').locator('.ant-table-row');
    await poll(() => appointments.count()).toBe(1);
    expect((await appointments.locator('td').allInnerTexts()).slice(0, 4)).toEqual(['第4届', '巴中市人民政府', '2020-06-01 ~ 2023-05-31', 'BZDX-2020-101']);
    await snap(page, 'p-03b-inspector-detail');
    await context.close();
  });

  it('assigns a responsible inspector to schools that had none, warning above the staffing guideline', async () => {
    const inspector = await db().selectFrom('inspectors').innerJoin('regions', 'regions.id', 'inspectors.region_id')
      .select(['inspectors.id', 'inspectors.name']).where('regions.code', '=', '511902').where('inspectors.level', '=', 'county')
      .orderBy('inspectors.name').executeTakeFirstOrThrow();
    const { held } = await db().selectFrom('responsible_assignments').select((eb) => eb.fn.countAll<number>().as('held'))
      .where('inspector_id', '=', inspector.id).where('end_date', 'is', null).executeTakeFirstOrThrow();
    // The administrator sets the guideline so that two more schools go one above it.
    const guideline = Number(held) + 1;
    const admin = await signIn(stage.world, 'admin', DEMO_PASSWORD);
    expect((await admin.put('/api/settings/responsible', { schoolsPerInspector: guideline })).status).toBe(200);
    const { context, page } = await signedIn('bazhou');
    await page.goto(`${stage.baseUrl}/responsible`);
    await page.getByRole('tab', { name: '未配备责任督学' }).click();
    const rows = page.locator('.ant-table-row');
    await poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const schools = [await rows.nth(0).locator('td').first().innerText(), await rows.nth(1).locator('td').first().innerText()];
    const unassignedBefore = await page.getByText(/^共 \d+ 条$/).innerText();
    await snap(page, 'p-04-responsible-unassigned-before');

    await page.getByRole('tab', { name: '挂牌学校' }).click();
    await page.getByRole('button', { name: '批量指定' }).click();
    await poll(() => modal(page).getByText('批量指定责任督学').count()).toBe(1);
    await search(page, '责任督学', inspector.name);
    for (const school of schools) await search(page, '学校', school);
    await modal(page).locator('.ant-modal-title').click();
    expect(await formItem(modal(page), '起始日期').locator('input').inputValue()).toBe(chinaToday());
    await snap(page, 'p-05-responsible-assign');
    await modal(page).getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => page.getByText('已指定 2 所，其中 0 所更换了责任督学').count()).toBe(1);
    await poll(() => page.getByText(`${inspector.name}现负责 ${guideline + 1} 所学校，超过每名责任督学约 ${guideline} 所的配备标准`).count()).toBe(1);

    const assigned = await db().selectFrom('responsible_assignments').innerJoin('units', 'units.id', 'responsible_assignments.unit_id')
      .select(['units.name', 'responsible_assignments.inspector_id', 'responsible_assignments.start_date'])
      .where('units.name', 'in', schools).where('responsible_assignments.end_date', 'is', null).execute();
    expect(assigned.map((a) => a.name).sort()).toEqual([...schools].sort());
    expect(assigned.every((a) => a.inspector_id === inspector.id && a.start_date === chinaToday())).toBe(true);

    // Listed as assigned to that inspector…
    for (const school of schools) {
      await page.getByPlaceholder('学校或督学姓名').fill(school);
      await page.getByPlaceholder('学校或督学姓名').press('Enter');
      const line = page.locator('.ant-table-row').filter({ hasText: school });
      await poll(() => line.count()).toBe(1);
      expect(await line.innerText()).toContain(inspector.name);
    }
    await page.getByPlaceholder('学校或督学姓名').fill(inspector.name);
    await page.getByPlaceholder('学校或督学姓名').press('Enter');
    await poll(() => page.locator('.ant-table-row').filter({ hasText: schools[0] }).count()).toBe(1);
    await snap(page, 'p-06-responsible-assigned');

    // …and gone from the schools without one.
    await page.getByRole('tab', { name: '未配备责任督学' }).click();
    await poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await poll(async () => page.getByText(/^共 \d+ 条$/).innerText()).not.toBe(unassignedBefore);
    const before = Number(/\d+/.exec(unassignedBefore)![0]);
    expect(await page.getByText(/^共 \d+ 条$/).innerText()).toBe(`共 ${before - 2} 条`);
    for (const school of schools) expect(await page.locator('.ant-table-row').filter({ hasText: school }).count()).toBe(0);
    await snap(page, 'p-07-responsible-unassigned-after');

    // The load per inspector, the one above the guideline marked.
    await page.getByRole('tab', { name: '负责学校数' }).click();
    await poll(() => page.getByText(`配备标准：每名责任督学负责约 ${guideline} 所学校`).count()).toBe(1);
    await page.getByText('只看超过标准的').click();
    const load = page.locator('.ant-table-row').filter({ hasText: inspector.name });
    await poll(() => load.count()).toBe(1);
    expect(await load.innerText()).toMatch(new RegExp(`超过标准\\s*${guideline + 1}`));
    await snap(page, 'p-07b-responsible-loads');
    await context.close();
    expect((await admin.put('/api/settings/responsible', { schoolsPerInspector: 5 })).status).toBe(200);
  });

  let reviewId = '';
  let drawn: string[] = [];

  it('draws three experts for a review, with a recorded seed the re-check reproduces', async () => {
    const school = await db().selectFrom('units').innerJoin('regions', 'regions.id', 'units.region_id').select(['units.id', 'units.name'])
      .where('units.kind', '=', 'school').where('regions.code', 'like', '511902%').orderBy('units.name').executeTakeFirstOrThrow();
    const { context, page } = await signedIn('city');
    await page.goto(`${stage.baseUrl}/reviews`);
    await page.getByRole('button', { name: /新\s*建/ }).click();
    const dialog = modal(page);
    await poll(() => dialog.getByText('新建评审').count()).toBe(1);
    await dialog.getByLabel('评审名称').fill('义务教育优质均衡发展县创建市级评估');
    // On a loaded machine the tree can re-render under the click: pick until the field shows the region.
    const regionField = formItem(dialog, '所属区划').locator('.ant-select');
    await expect.poll(async () => {
      if (!(await page.locator('.ant-select-dropdown:visible').count())) await regionField.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').getByText('巴中市', { exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
      return regionField.innerText();
    }, { timeout: 30_000, interval: 500 }).toContain('巴中市');
    await search(page, '被评审单位', school.name);
    // Dates are typed into the calendar fields and confirmed, as a keyboard user does.
    await typeDate(dialog.getByLabel('开始日期'), chinaToday());
    // Six days on site: up to twelve half days of attendance.
    await typeDate(dialog.getByLabel('结束日期'), chinaDay(5));
    await dialog.getByLabel('地点').fill('巴中市教育局三楼会议室');
    await snap(page, 'p-08-review-create');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/reviews\/[^/]+$/);
    const review = await db().selectFrom('reviews').select(['start_date', 'end_date']).where('title', '=', '义务教育优质均衡发展县创建市级评估').executeTakeFirstOrThrow();
    expect(review).toEqual({ start_date: chinaToday(), end_date: chinaDay(5) });
    reviewId = new URL(page.url()).pathname.split('/').pop()!;
    await poll(() => page.getByText('义务教育优质均衡发展县创建市级评估').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '随机抽取' }).click();
    await poll(() => modal(page).getByText('随机抽取专家').count()).toBe(1);
    expect(await modal(page).getByLabel('抽取人数').inputValue()).toBe('3');
    await modal(page).getByRole('button', { name: /^抽\s*取$/ }).click();

    const experts = card(page, '评审专家').locator('.ant-table-row');
    await poll(() => experts.count()).toBe(3);
    const recorded = await db().selectFrom('review_draws').selectAll().where('review_id', '=', reviewId).execute();
    expect(recorded).toHaveLength(1);
    const draw = recorded[0];
    const resultIds = JSON.parse(draw.result) as string[];
    expect(resultIds).toHaveLength(3);
    const people = await db().selectFrom('experts').select(['id', 'name']).where('id', 'in', resultIds).execute();
    drawn = resultIds.map((id) => people.find((p) => p.id === id)!.name);
    const shown = await Promise.all([0, 1, 2].map(async (i) => (await experts.nth(i).locator('td').first().innerText()).trim()));
    expect([...shown].sort()).toEqual([...drawn].sort());

    // The draw record: the result, the seed, and everyone excluded with the reason (the school's county is 巴州区).
    const record = card(page, '抽取记录');
    await poll(() => record.getByText('第 1 次抽取').count()).toBe(1);
    expect(await record.getByText(draw.seed, { exact: true }).count()).toBe(1);
    expect(await record.innerText()).toContain(drawn.join('、'));
    const excluded = JSON.parse(draw.exclusions) as { reasons: string[] }[];
    expect(excluded.length).toBeGreaterThan(0);
    expect(await record.innerText()).toContain(`回避 ${excluded.length} 人`);
    expect(await record.innerText()).toContain('本地区');
    await snap(page, 'p-09-review-drawn');

    await record.getByRole('button', { name: /复\s*核/ }).click();
    await poll(() => page.getByText('复核一致：以记录的种子和候选名单重新计算，结果相同').count()).toBe(1);
    await snap(page, 'p-10-draw-verified');
    await context.close();
  });

  it('computes the fee sheet from attendance as the server does, and exports the ledger once settled', async () => {
    expect(reviewId).not.toBe('');
    const { context, page } = await signedIn('city');
    await page.goto(`${stage.baseUrl}/reviews/${reviewId}`);
    const experts = card(page, '评审专家');
    await poll(() => experts.locator('.ant-table-row').count()).toBe(3);

    // A travelling leader for five and a half days, a local member for a day and a half, a travelling member for four and a half.
    const attendance = [
      { name: drawn[0], role: '组长', halfDays: 11, travelling: true, expected: ['5,500.00', '880.00', '4,620.00'] },
      { name: drawn[1], role: '成员', halfDays: 3, travelling: false, expected: ['900.00', '20.00', '880.00'] },
      { name: drawn[2], role: '成员', halfDays: 9, travelling: true, expected: ['3,600.00', '560.00', '3,040.00'] },
    ];
    for (const a of attendance) {
      await experts.locator('.ant-table-row').filter({ hasText: a.name }).getByRole('button', { name: /出\s*席/ }).click();
      await poll(() => modal(page).getByText(`出席与角色：${a.name}`).count()).toBe(1);
      if (a.role !== '成员') await choose(page, '角色', a.role);
      await modal(page).getByLabel('出席半天数').fill(String(a.halfDays));
      if (a.travelling) await modal(page).getByRole('switch').click();
      await poll(() => modal(page).getByRole('switch').getAttribute('aria-checked')).toBe(String(a.travelling));
      await modal(page).getByRole('button', { name: /保\s*存/ }).click();
      await poll(() => modal(page).count()).toBe(0);
      await poll(() => experts.locator('.ant-table-row').filter({ hasText: a.name }).locator('td').nth(3).innerText()).toBe(String(a.halfDays));
    }

    const sheetCard = card(page, '评审费发放表');
    await poll(() => sheetCard.locator('.ant-table-row').count()).toBe(3);
    await poll(() => sheetCard.getByText('适用标准：巴中市（2020-01-01 起执行）').count()).toBe(1);
    const api = await signIn(stage.world, 'city', DEMO_PASSWORD);
    const server = await api.get(`/api/reviews/${reviewId}/fees`);
    expect(server.status).toBe(200);
    const yuan = (fen: number) => `${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    for (const a of attendance) {
      const line = server.body.items.find((i: { name: string }) => i.name === a.name);
      const fromServer = [yuan(line.grossFen), yuan(line.taxFen), yuan(line.netFen)];
      expect(fromServer).toEqual(a.expected);
      const cells = await sheetCard.locator('.ant-table-row').filter({ hasText: a.name }).locator('td').allInnerTexts();
      expect(cells.slice(-3)).toEqual(fromServer);
    }
    const totals = server.body.totals;
    expect([yuan(totals.grossFen), yuan(totals.taxFen), yuan(totals.netFen)]).toEqual(['10,000.00', '1,460.00', '8,540.00']);
    const summary = await sheetCard.locator('.ant-table-summary tr').first().locator('td').allInnerTexts();
    expect(summary.map((s) => s.trim())).toEqual(['合计', '10,000.00', '1,460.00', '8,540.00']);
    await snap(page, 'p-11-fee-sheet');

    // Settle: the lines go into the year's ledger.
    await sheetCard.getByRole('button', { name: /结\s*算/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    await poll(() => sheetCard.getByText(/已于 .* 结算/).count()).toBe(1);
    const items = await db().selectFrom('fee_items').select(['gross_fen', 'tax_fen', 'net_fen']).where('review_id', '=', reviewId).execute();
    expect(items.reduce((s, i) => s + i.net_fen, 0)).toBe(totals.netFen);
    expect(items.reduce((s, i) => s + i.tax_fen, 0)).toBe(totals.taxFen);
    await snap(page, 'p-12-fee-sheet-settled');

    // The review page has no export of its own sheet; the fees page exports the ledger it joined.
    await page.goto(`${stage.baseUrl}/fees`);
    await poll(() => page.locator('.ant-table-row').count()).toBe(3);
    await poll(() => page.getByText('合计：应发（元） 10,000.00 · 代扣个税（元） 1,460.00 · 实发（元） 8,540.00').count()).toBe(1);
    await snap(page, 'p-13-fee-ledger');
    const href = await page.getByRole('link', { name: /导出台账/ }).getAttribute('href');
    expect(href).toContain('/api/fees/ledger/export');
    const exported = await page.request.get(new URL(href!, stage.baseUrl).toString());
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain(XLSX);
    const rows = await readXlsx(await exported.body());
    for (const a of attendance) expect(rows.some((r) => r.includes(a.name))).toBe(true);
    await context.close();
  });

  it('fits the inspectors list on a 390 px phone screen', async () => {
    const { context, page } = await signedIn('city', { width: 390, height: 844 });
    await page.goto(`${stage.baseUrl}/inspectors`);
    await poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await snap(page, 'p-14-phone-inspectors');
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
