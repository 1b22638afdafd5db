import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openStage, shot, type Stage } from './browser';
import { DEMO_PASSWORD } from '../server/seed/demo';
import { jpegWithExif } from '../test/supervision-factories';

/**
 * A photo taken without signal on a phone: kept on the device through a reload, shown as waiting, and sent
 * once (one evidence row for its client key) when the connection returns.
 */
describe('visit evidence taken offline', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(async () => stage?.close());

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await stage.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${stage.baseUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }
  /** The client keys of the files this device still keeps for upload. */
  const queuedKeys = (page: Page) => page.evaluate(() => new Promise<string[]>((resolve, reject) => {
    const open = indexedDB.open('dudao-uploads');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('uploads')) { db.close(); resolve([]); return; }
      const all = db.transaction('uploads').objectStore('uploads').getAllKeys();
      all.onsuccess = () => { db.close(); resolve(all.result.map(String)); };
      all.onerror = () => reject(all.error);
    };
  }));
  const rowsFor = async (clientKey: string) => (await stage.world.platform.database.db.selectFrom('visit_evidence').select('id').where('client_key', '=', clientKey).execute()).length;

  it('keeps a photo taken offline through a reload and uploads it once when back online', async () => {
    const signed = await signedIn('expert');
    const { context } = signed;
    let page = signed.page;
    const year = new Date().getFullYear();
    await page.goto(`${stage.baseUrl}/my-targets`);
    await page.getByTestId('my-target').filter({ hasText: `${year}年春季开学工作督导检查` }).first().click();
    await page.getByTestId('start-visit').click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const visitUrl = page.url();
    const visitId = visitUrl.split('/').pop()!;
    let form = page.getByTestId('visit-form');
    await form.getByTestId('item-epi-supplies').waitFor();
    let photos = form.getByTestId('item-epi-supplies').getByTestId('evidence');
    const before = await photos.count();

    // No signal: the photo is queued on the device and shown as waiting for the connection.
    await context.setOffline(true);
    await form.getByTestId('item-epi-supplies').locator('input[type=file]').setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    let pending = form.getByTestId('pending-upload');
    await expect.poll(() => pending.textContent(), { timeout: 10000 }).toBe('offline.jpg：已离线，联网后自动上传');
    await expect.poll(() => queuedKeys(page)).toHaveLength(1);
    const [clientKey] = await queuedKeys(page);
    await shot(page, 'sv-05-phone-offline-upload');

    // A reload while still offline: without a network the browser cannot even fetch the page again…
    await expect(page.reload()).rejects.toThrow(/INTERNET_DISCONNECTED/);
    expect(await rowsFor(clientKey)).toBe(0);

    // …so the tab is closed, and the form opened again in a new one with the signal still too weak to carry
    // the upload: the photo is listed as pending. (A fresh tab: the document the failed reload left behind
    // can linger for a moment and would send the photo itself when the connection returns.)
    await page.close();
    page = await context.newPage();
    form = page.getByTestId('visit-form');
    photos = form.getByTestId('item-epi-supplies').getByTestId('evidence');
    pending = form.getByTestId('pending-upload');
    let blocked = 0;
    await context.route(/\/api\/visits\/[^/]+\/evidence$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      blocked += 1;
      return route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await page.goto(visitUrl);
    await expect.poll(() => pending.count(), { timeout: 10000 }).toBe(1);
    await expect.poll(() => pending.textContent(), { timeout: 10000 }).toMatch(/^offline\.jpg：(上传失败，稍后自动重试|正在上传…|等待上传)$/);
    await expect.poll(() => blocked, { timeout: 10000 }).toBeGreaterThan(0);
    expect(await queuedKeys(page)).toEqual([clientKey]);
    expect(await photos.count()).toBe(before);
    expect(await rowsFor(clientKey)).toBe(0);

    // The connection is back: the retry lands, the photo shows, the device forgets it, the server has it once.
    await context.unroute(/\/api\/visits\/[^/]+\/evidence$/);
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => photos.count(), { timeout: 20000 }).toBe(before + 1);
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => queuedKeys(page)).toEqual([]);
    expect(await rowsFor(clientKey)).toBe(1);
    const rows = await stage.world.platform.database.db.selectFrom('visit_evidence').select('client_key').where('visit_id', '=', visitId).execute();
    expect(rows.filter((r) => r.client_key === clientKey)).toHaveLength(1);

    // And a later reload finds nothing left to send.
    await page.reload();
    await expect.poll(() => photos.count(), { timeout: 10000 }).toBe(before + 1);
    expect(await pending.count()).toBe(0);
    await shot(page, 'sv-06-phone-upload-resumed');
    await context.close();
  });
});
