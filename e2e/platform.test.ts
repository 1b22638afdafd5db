import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStage, shot, type Stage, signInAs, pickOption, DESKTOP, keepFailures } from './browser';
import { sheetOf, unitHeader } from '../test/xlsx';
import { DEMO_PASSWORD } from '../server/seed/demo';

/** The platform as its users try it, in Debian's Chromium against the real server and demo data. */
describe('the platform in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const unitCount = async () => Number((await stage.world.platform.database.db.selectFrom('units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const signedIn = (username: string, viewport = DESKTOP) => signInAs(stage, username, viewport);

  /** Pick an option of the antd Select inside the form item with this label. */
  const choose = (page: Page, label: string, option: string) =>
    pickOption(page.locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) }).locator('.ant-select'), option);

  it('signs in, and refuses a wrong password with a clear message', async () => {
    const context = await stage.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${stage.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await shot(page, '01-login');
    await page.getByLabel('用户名').fill('bazhou');
    await page.getByLabel('密码').fill('Wrong#Pass1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect.poll(() => page.getByText('巴州区督导办 李老师').count()).toBeGreaterThan(0);
    await shot(page, '02-home');
    await context.close();
  });

  it('creates a school from the units page', async () => {
    const { context, page } = await signedIn('bazhou');
    await page.goto(`${stage.baseUrl}/units`);
    await page.getByRole('button', { name: /新\s*建/ }).first().click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('单位名称').fill('浏览器测试小学');
    await choose(page, '类型', '学校');
    await choose(page, '所属区划', '巴州区');
    await choose(page, '学段', '小学');
    await choose(page, '办学性质', '公办');
    await dialog.getByLabel('学校标识码').fill('2151888801');
    await shot(page, '03-unit-create');
    await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
    await expect.poll(async () => (await stage.world.platform.database.db.selectFrom('units').select('id').where('name', '=', '浏览器测试小学').execute()).length).toBe(1);
    await page.goto(`${stage.baseUrl}/units?q=${encodeURIComponent('浏览器测试')}`);
    await expect.poll(() => page.getByText('浏览器测试小学').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('imports nothing from a sheet with one bad row and shows that row\'s error', async () => {
    const { context, page } = await signedIn('bazhou');
    await page.goto(`${stage.baseUrl}/units`);
    const before = await unitCount();
    const file = await sheetOf(unitHeader, [
      ['浏览器导入一小', '学校', '511902001', '2151888811', '小学', '公办', 300, 20, null, null],
      ['浏览器导入二小', '学校', '511921001', '2151888812', '小学', '公办', 300, 20, null, null],
    ]);
    await page.getByRole('button', { name: /导\s*入/ }).first().click();
    await page.locator('.ant-modal:visible input[type=file]').setInputFiles({ name: 'units.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => page.getByText('未导入任何数据').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('区划代码 511921001 不存在或不在您的管辖范围内').count()).toBeGreaterThan(0);
    await shot(page, '04-import-errors');
    expect(await unitCount()).toBe(before);
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await signedIn('bazhou');
    await page.goto(`${stage.baseUrl}/units`);
    await page.getByLabel('语言').first().click();
    await expect.poll(() => page.getByText('Units & schools').count()).toBeGreaterThan(0);
    await shot(page, '05-units-english');
    await page.reload();
    await expect.poll(() => page.getByText('Units & schools').count()).toBeGreaterThan(0);
    await page.getByLabel('Language').first().click();
    await expect.poll(() => page.getByText('单位与学校').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('sends the sign-in page light: brotli-compressed scripts within 300 KB, hashed assets cached for a year', async () => {
    /** The bytes as they travel, not decoded (fetch would decode them). */
    const raw = (url: string, encoding: string) => new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(`${stage.baseUrl}${url}`, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const page = await raw('/login', 'identity');
    expect(page.headers['cache-control']).toBe('no-cache');
    const scripts = [...page.body.toString('utf8').matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    let compressed = 0;
    for (const script of scripts) {
      const res = await raw(script, 'br, gzip');
      expect(res.headers['content-encoding'], script).toBe('br');
      expect(res.headers['cache-control'], script).toBe('public, max-age=31536000, immutable');
      compressed += res.body.length;
    }
    console.log(`sign-in page: ${scripts.length} scripts, ${Math.round(compressed / 1024)} KB brotli`);
    expect(compressed).toBeLessThanOrEqual(300 * 1024);
    expect((await raw(scripts[0], 'gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('reaches the last menu item on a desktop, below the sider\'s collapse button', async () => {
    const { context, page } = await signedIn('city', { width: 1440, height: 900 });
    const last = page.locator('.ant-layout-sider .ant-menu-item').last();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.innerText()).toContain('账号管理');
    await last.click({ timeout: 10_000 });
    await page.waitForURL(/\/accounts$/);
    await context.close();
  });

  it('shows one\'s sessions on the profile, ends another device\'s, then signs out everywhere', async () => {
    const other = await signedIn('tongjiang');
    const { context, page } = await signedIn('tongjiang');
    await page.goto(`${stage.baseUrl}/profile`);
    const card = page.locator('.ant-card').filter({ hasText: '登录会话' });
    await expect.poll(() => card.locator('.ant-list-item').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => card.getByText('本机').count()).toBe(1);
    await shot(page, '07-profile-sessions');
    const before = await card.locator('.ant-list-item').count();
    await card.getByRole('button', { name: /结\s*束/ }).first().click();
    await expect.poll(() => card.locator('.ant-list-item').count()).toBe(before - 1);
    await other.page.goto(`${stage.baseUrl}/profile`);
    await other.page.waitForURL(/\/login/);
    await other.context.close();
    await card.getByRole('button', { name: '退出全部会话' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('does not open another county\'s school by its address', async () => {
    const school = await stage.world.platform.database.db.selectFrom('units').innerJoin('regions', 'regions.id', 'units.region_id')
      .select(['units.id', 'units.name']).where('units.name', 'like', '%中心小学（演示）').where('regions.code', 'like', '511902%').executeTakeFirstOrThrow();
    const { context, page } = await signedIn('tongjiang');
    await page.goto(`${stage.baseUrl}/units/${school.id}`);
    await expect.poll(() => page.getByText('记录不存在或无权访问').count()).toBeGreaterThan(0);
    expect(await page.getByText(school.name).count()).toBe(0);
    await shot(page, '06-other-county-404');
    await context.close();
  });

  it('works on a 390 px phone screen', async () => {
    const { context, page } = await signedIn('bazhou', { width: 390, height: 844 });
    await page.goto(`${stage.baseUrl}/units`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '07-phone-units');
    await page.getByRole('button', { name: /菜单|menu/i }).first().click();
    await expect.poll(() => page.getByText('行政区划').count()).toBeGreaterThan(0);
    await shot(page, '08-phone-menu');
    await context.close();
  });

  it('shows each role its own pages', async () => {
    const pages: [string, string, string][] = [
      ['bazhou', '/regions', '09-regions'],
      ['admin', '/accounts', '10-accounts'],
      ['auditor', '/audit', '11-audit'],
      ['security', '/settings/security', '12-security-settings'],
      ['inspector', '/profile', '13-profile'],
    ];
    for (const [user, path, name] of pages) {
      const { context, page } = await signedIn(user);
      await page.goto(`${stage.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      await shot(page, name);
      await context.close();
    }
    const { context, page } = await signedIn('auditor');
    expect(await page.getByText('单位与学校').count()).toBe(0);
    // The log names what was done and to what, not codes: the demo's sign-ins are 登录 by the person's name.
    await page.goto(`${stage.baseUrl}/audit?action=auth.sign_in`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    const row = await page.locator('.ant-table-row').first().innerText();
    expect(row).toContain('登录');
    expect(row).not.toContain('auth.sign_in');
    await context.close();
  });
});
