import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, shot, signInAs, keepFailures, PHONE, type Stage } from './browser';

/**
 * Public complaints in a browser, on phones: a parent files a named complaint about a school on the public
 * desk and gets a tracking code; the county office accepts it with a reply, seeing the name masked until it asks
 * for it whole; the parent reads the reply under the code.
 */
describe('public complaints in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  it('files a complaint, has the office accept and answer it, and shows the answer under the tracking code', async () => {
    const db = stage.world.platform.database.db;
    const county = await db.selectFrom('regions').select('path').where('code', '=', '511902').executeTakeFirstOrThrow();
    const school = await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'school').where('region_path', 'like', `${county.path}%`)
      .orderBy('name').executeTakeFirstOrThrow();
    const parent = await stage.browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const desk = await parent.newPage();
    await desk.goto(`${stage.baseUrl}/complaint`);
    await desk.locator('select[name=category]').selectOption({ label: '乱收费' });
    await desk.getByTestId('complaint-unit').fill(school.name.slice(0, 6));
    await desk.getByRole('button', { name: school.name, exact: true }).click();
    await expect.poll(() => desk.getByTestId('complaint-unit-picked').innerText()).toContain(school.name);
    await desk.getByTestId('complaint-description').fill('学校要求每名学生缴纳两百元资料费，没有收据。');
    await desk.getByTestId('complaint-privacy-office').check();
    await desk.getByTestId('complaint-name').fill('赵家长');
    await desk.getByTestId('complaint-phone').fill('13712345678');
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await desk.getByTestId('complaint-submit').click();
    const codeBox = desk.getByTestId('tracking-code');
    await expect.poll(() => codeBox.count(), { timeout: 30_000 }).toBe(1);
    const code = (await codeBox.innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await shot(desk, 'complaint-filed');

    const { context, page } = await signInAs(stage, 'bazhou', PHONE);
    await page.goto(`${stage.baseUrl}/complaints`);
    const row = page.locator('.ant-table-row').filter({ hasText: '两百元资料费' });
    await expect.poll(() => row.innerText()).toContain('赵**');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await row.getByTestId('complaint-open').click();
    const detail = page.getByTestId('complaint-detail');
    await expect.poll(() => detail.getByTestId('complaint-identity').innerText()).toContain('137****5678');
    await detail.getByRole('button', { name: '查看完整身份' }).click();
    await expect.poll(() => detail.getByTestId('complaint-identity').innerText()).toContain('赵家长 13712345678');
    await detail.getByTestId('complaint-accept').click();
    await page.locator('.ant-modal:visible textarea').first().fill('已受理，正在核查该校收费情况。');
    await page.locator('.ant-modal:visible .ant-modal-footer').getByRole('button', { name: /受\s*理/ }).click();
    await expect.poll(() => detail.innerText()).toContain('已受理，正在核查该校收费情况。');
    await shot(page, 'complaint-inbox-accepted');
    const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'complaint.read_identity').execute();
    expect(audit).toHaveLength(1);
    await context.close();

    await desk.getByTestId('tab-lookup').click();
    await desk.getByTestId('lookup-code').fill(code.toLowerCase());
    await desk.getByTestId('lookup-find').click();
    await expect.poll(() => desk.getByTestId('complaint-status-label').innerText()).toBe('办理中');
    await expect.poll(() => desk.getByTestId('complaint-status').innerText()).toContain('已受理，正在核查该校收费情况。');
    await shot(desk, 'complaint-followed');
    await parent.close();
  }, 120_000);

  it('lets the office add a category to its dictionary, which the public desk then offers', async () => {
    const { context, page } = await signInAs(stage, 'city', PHONE);
    await page.goto(`${stage.baseUrl}/complaints`);
    await page.getByTestId('categories-open').click();
    await expect.poll(() => page.getByTestId('categories').innerText()).toContain('乱收费');
    await page.getByTestId('category-add').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('类别代码').fill('school_bus');
    await dialog.getByLabel('中文名称').fill('校车安全');
    await dialog.getByLabel('英文名称').fill('School buses');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('categories').innerText()).toContain('校车安全');
    // an open drawer's scroll lock shifts the app shell by 8 px (noted on the issue); nothing else may overflow
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 8);
    const offered = await context.request.get(`${stage.baseUrl}/api/public/complaints/categories`);
    expect(JSON.stringify(await offered.json())).toContain('校车安全');
    await context.close();
  }, 120_000);
});
