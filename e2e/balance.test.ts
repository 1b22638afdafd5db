import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, pickOption, shot, signInAs, keepFailures, PHONE, type Stage } from './browser';
import { statisticSheet } from '../test/balance-factories';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * School-year statistics in a browser, on a phone: a county office's sheet with one bad row is refused whole
 * with the cell named, the fixed sheet goes in, and a school's figure is corrected with the change audited.
 * Then the city office opens a county's assessment, finds the failing school and why, tries a change without
 * saving it, exports the report and turns the failing school into a problem.
 */
describe('school-year statistics in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  it('refuses a sheet with a bad row, imports the fixed one and corrects a school', async () => {
    const db = stage.world.platform.database.db;
    const county = await db.selectFrom('regions').select('path').where('code', '=', '511902').executeTakeFirstOrThrow();
    const schools = await db.selectFrom('units').select(['id', 'name', 'school_code']).where('kind', '=', 'school').where('region_path', 'like', `${county.path}%`)
      .where('school_code', 'is not', null).orderBy('school_code').limit(2).execute();
    expect(schools).toHaveLength(2);
    const [a, b] = schools;
    const demoYear = async () => new Map((await db.selectFrom('school_statistics').select(['unit_id', 'figures']).where('school_year', '=', 2026).where('unit_id', 'in', [a.id, b.id]).execute()).map((r) => [r.unit_id, r.figures]));
    const before = await demoYear();
    expect(before.size).toBe(2);
    const { context, page } = await signInAs(stage, 'bazhou', PHONE);
    await page.goto(`${stage.baseUrl}/balance`);
    const upload = async (rows: (string | number | null)[][]) => {
      await page.getByTestId('statistics-import').click();
      await page.locator('.ant-modal:visible input[type=file]').setInputFiles({ name: '学年统计.xlsx', mimeType: XLSX, buffer: await statisticSheet(rows) });
      await page.getByRole('button', { name: '开始导入' }).click();
    };
    await upload([[a.school_code, a.name, 420, 26, 12000, 880000, null], [b.school_code, b.name, 380, '二十', 9000, null, 60]]);
    await expect.poll(() => page.getByText('未导入任何数据').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('“二十”应为不小于 0 的整数').count()).toBeGreaterThan(0);
    await shot(page, 'balance-import-errors');
    expect(await demoYear()).toEqual(before);
    await page.locator('.ant-modal:visible .ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();

    await upload([[a.school_code, a.name, 420, 26, 12000, 880000, null], [b.school_code, b.name, 380, 20, 9000, null, 60]]);
    await expect.poll(() => page.getByText('导入成功，共 2 所学校').count()).toBeGreaterThan(0);
    await page.locator('.ant-modal:visible .ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: b.name });
    await expect.poll(() => row.innerText()).toContain('600000');

    await row.getByRole('button', { name: /更\s*正/ }).click();
    const booksField = page.getByTestId('statistic-form').getByLabel('图书册数');
    await booksField.fill('9500');
    await page.getByTestId('statistic-save').click();
    await expect.poll(() => page.getByText('已更正，修改已记入审计日志').count()).toBeGreaterThan(0);
    const stored = await db.selectFrom('school_statistics').select('figures').where('unit_id', '=', b.id).where('school_year', '=', 2026).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.figures)).toMatchObject({ books: '9500', equipmentValue: '600000' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'balance-corrected');
    await context.close();
  }, 120_000);

  it('shows a county\'s failing school and why, tries a change, exports the report and raises a problem', async () => {
    const db = stage.world.platform.database.db;
    const { context, page } = await signInAs(stage, 'city', PHONE);
    await page.goto(`${stage.baseUrl}/balance?tab=assessment`);
    await pickOption(page.getByTestId('assessment-county'), '恩阳区');
    await expect.poll(() => page.getByTestId('assessment-verdict').innerText()).toContain('恩阳区');
    const failing = page.getByTestId('stage-primary').locator('.ant-table-row').filter({ hasText: '未达到要求' });
    await expect.poll(() => failing.count()).toBe(1);
    const name = (await failing.getByTestId('school-name').innerText()).trim();
    await failing.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByText(/低于标准的 85%/).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'balance-assessment');

    await failing.getByRole('button', { name: /假设调整/ }).click();
    const backbone = page.getByTestId('what-if-form').getByLabel('小学县级以上骨干教师数');
    await backbone.fill('20');
    await page.getByTestId('what-if-apply').click();
    await expect.poll(() => page.getByText(/正在查看假设调整后的结果/).count()).toBe(1);
    await expect.poll(() => page.getByTestId('stage-primary').locator('.ant-table-row').filter({ hasText: '未达到要求' }).count()).toBe(0);
    await page.getByTestId('what-if-reset').click();
    await expect.poll(() => failing.count()).toBe(1);

    const href = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    const workbook = await context.request.get(`${stage.baseUrl}${href}`);
    expect(workbook.status()).toBe(200);
    expect((await workbook.body()).subarray(0, 2).toString()).toBe('PK');

    await failing.getByRole('button', { name: /转为问题/ }).click();
    await expect.poll(() => page.getByText('已转入问题清单 1 条，已存在未办结的 0 条未重复转入').count()).toBeGreaterThan(0);
    const problem = await db.selectFrom('problems').innerJoin('units', 'units.id', 'problems.unit_id').select(['problems.source', 'problems.description'])
      .where('units.name', '=', name).where('problems.source', '=', 'data_signal').executeTakeFirstOrThrow();
    expect(problem.description).toContain('县级以上骨干教师');

    // The rules are the province's to set: the city reads them.
    await page.goto(`${stage.baseUrl}/balance?tab=rules`);
    await expect.poll(() => page.getByText('评估规则由四川省教育督导部门设定，此处仅供查看').count()).toBe(1);
    expect(await page.getByTestId('rules-form').locator('input').first().isDisabled()).toBe(true);
    expect(await page.getByTestId('rules-save').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  }, 120_000);
});
