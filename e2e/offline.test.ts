import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, shot, type Stage, signInAs, PHONE, keepFailures } from './browser';
import { jpegWithExif } from '../test/supervision-factories';

/**
 * Field work at a school without signal: the day prepared while online, the network really cut (the browser
 * offline), the app reloaded from the service worker, a visit started and recorded with two photos, reloaded
 * again, and synced once when the network returns.
 */
describe('field work without a network', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  it('prepares the day, records a visit with two photos offline across reloads, and syncs it once', async () => {
    const { context, page } = await signInAs(stage, 'expert', PHONE, { serviceWorker: true });
    const db = stage.world.platform.database.db;
    const year = new Date().getFullYear();
    await page.goto(`${stage.baseUrl}/my-targets`);
    // The app shell is kept once the service worker is active (it installs with the whole precache).
    await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active)), { timeout: 30_000 }).toBe(true);
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ short_name: '督导', display: 'standalone' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

    await page.getByTestId('take-offline').click();
    await expect.poll(() => page.getByTestId('prepared-state').textContent(), { timeout: 30_000 }).toMatch(/已在本机保存 \d+ 个督导对象的资料/);
    await shot(page, 'off-01-prepared');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('field-banner').textContent(), { timeout: 15_000 }).toContain('离线工作中');
    await page.getByTestId('my-target').filter({ hasText: `${year}年春季开学工作督导检查` }).first().click();
    await page.getByTestId('start-visit').click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const visitId = page.url().split('/').pop()!;
    const form = page.getByTestId('visit-form');
    await form.getByTestId('item-epi-supplies').waitFor();
    await form.locator('textarea').last().fill('离线记录：防疫物资不足。');
    await form.getByTestId('item-epi-supplies').locator('input[type=file]').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await form.getByTestId('item-epi-supplies').locator('input[type=file]').setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await expect.poll(() => form.getByTestId('pending-upload').count()).toBe(2);
    await expect.poll(() => page.getByTestId('field-waiting').textContent(), { timeout: 10_000 }).toContain('3 项待同步');
    await shot(page, 'off-02-offline-visit');

    // The phone reloads the page with no network: the visit, its text and its photos are still there.
    await page.reload();
    await form.getByTestId('item-epi-supplies').waitFor();
    expect(await form.locator('textarea').last().inputValue()).toBe('离线记录：防疫物资不足。');
    await expect.poll(() => form.getByTestId('pending-upload').count()).toBe(2);
    expect(await db.selectFrom('visits').select('id').where('id', '=', visitId).execute()).toHaveLength(0);

    // The network returns: the start, the draft and both photos reach the server once.
    await context.setOffline(false);
    await expect.poll(async () => (await db.selectFrom('visit_evidence').select('id').where('visit_id', '=', visitId).execute()).length, { timeout: 30_000 }).toBe(2);
    const visits = await db.selectFrom('visits').select(['id', 'findings']).where('id', '=', visitId).execute();
    expect(visits).toEqual([{ id: visitId, findings: '离线记录：防疫物资不足。' }]);
    await expect.poll(() => page.getByTestId('field-banner').count(), { timeout: 15_000 }).toBe(0);
    await page.reload();
    await expect.poll(() => form.getByTestId('evidence').count()).toBeGreaterThanOrEqual(2);
    expect(await db.selectFrom('visit_evidence').select('id').where('visit_id', '=', visitId).execute()).toHaveLength(2);
    await context.close();
  }, 180_000);

  it('warns before a sign-out would delete what has not synced', async () => {
    const { context, page } = await signInAs(stage, 'expert', PHONE, { serviceWorker: true });
    await page.goto(`${stage.baseUrl}/my-targets`);
    await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active)), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('take-offline').click();
    await expect.poll(() => page.getByTestId('prepared-state').textContent(), { timeout: 30_000 }).toMatch(/已在本机保存/);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('my-target').filter({ hasText: `${new Date().getFullYear()}年春季开学工作督导检查` }).first().click();
    await page.getByTestId('start-visit').click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    await context.setOffline(false);
    // Signing out before the sync: the account menu asks first.
    await context.route('**/api/visits', (route) => route.abort('internetdisconnected'));
    await page.locator('.ant-layout-header .ant-avatar').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect.poll(() => page.getByText(/项未同步到服务器/).count()).toBeGreaterThan(0);
    await context.close();
  }, 120_000);
});
