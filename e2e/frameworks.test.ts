import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, shot, signInAs, keepFailures, DESKTOP, PHONE, type Stage } from './browser';

/**
 * Indicator frameworks in a browser: the county office copies the city's published framework on a phone and
 * publishes its copy; the city office starts version 2 of its own and sees version 1 frozen.
 */
describe('indicator frameworks in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const year = new Date().getUTCFullYear();
  const CITY = `巴中市对区县政府履行教育职责评价指标体系（${year}年）`;
  const COPY = '巴州区对乡镇履行教育职责评价指标体系';

  it('copies the city\'s framework on a phone and publishes the copy', async () => {
    const { context, page } = await signInAs(stage, 'bazhou', PHONE);
    await page.goto(`${stage.baseUrl}/indicator-frameworks`);
    await page.locator('.ant-list-item').filter({ hasText: CITY }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByTestId('framework-nodes').innerText()).toContain('加强教育保障情况');
    await expect.poll(() => drawer.locator('.framework-rules').innerText()).toContain('仍有师生使用D级危房（最高评为良好）');
    // The county reads the city's version but cannot change it.
    expect(await drawer.getByRole('button', { name: /发\s*布$/ }).count()).toBe(0);
    await drawer.getByRole('button', { name: '复制为本级体系' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('新体系名称').fill(COPY);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-drawer-title').innerText()).toContain(COPY);
    await expect.poll(() => page.locator('.ant-drawer-title').innerText()).toContain('草稿');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'framework-phone');
    await drawer.getByRole('button', { name: /发\s*布$/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => page.locator('.ant-drawer-title').innerText()).toContain('已发布');
    const row = await stage.world.platform.database.db.selectFrom('indicator_frameworks').selectAll().where('title', '=', COPY).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    await context.close();
  });

  it('starts version 2 of the city\'s framework and keeps version 1 frozen', async () => {
    const { context, page } = await signInAs(stage, 'city', DESKTOP);
    await page.goto(`${stage.baseUrl}/indicator-frameworks`);
    await page.locator('.ant-list-item').filter({ hasText: CITY }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.innerText()).toContain('已发布的版本已冻结');
    await drawer.getByRole('button', { name: '新建版本' }).click();
    await expect.poll(() => drawer.getByTestId('framework-versions').innerText()).toContain('第 2 版 · 草稿');
    await expect.poll(() => drawer.getByRole('button', { name: /导入替换指标/ }).count()).toBe(1);
    await shot(page, 'framework-desktop');
    await context.close();
  });
});
