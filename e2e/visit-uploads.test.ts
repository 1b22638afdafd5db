import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStage, shot, type Stage, signInAs, PHONE, keepFailures } from './browser';
import { jpegWithExif } from '../test/supervision-factories';

/**
 * A photo taken without signal on a phone: kept on the device when the tab is closed, shown as pending, and
 * sent once (one evidence row for its client key) when the form is opened again with a connection.
 */
describe('visit evidence taken offline', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const signedIn = (username: string) => signInAs(stage, username, PHONE);
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

  it('keeps a photo the server could not receive through a closed tab and uploads it once later', async () => {
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
    // The draft's earlier photos load after the form: count them once everything has arrived.
    await page.waitForLoadState('networkidle');
    const before = await photos.count();

    // The signal is too weak to carry the upload: the server is out of reach for every upload attempt, so the
    // photo stays queued on the device and shows as pending.
    let attempts = 0;
    const evidencePosts = /\/api\/visits\/[^/]+\/evidence$/;
    await context.route(evidencePosts, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts += 1;
      return route.abort('internetdisconnected');
    });
    await form.getByTestId('item-epi-supplies').locator('input[type=file]').setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    let pending = form.getByTestId('pending-upload');
    await expect.poll(() => pending.count()).toBe(1);
    await expect.poll(() => attempts).toBeGreaterThan(0);
    await expect.poll(() => queuedKeys(page)).toHaveLength(1);
    const [clientKey] = await queuedKeys(page);
    await shot(page, 'sv-05-phone-offline-upload');

    // The tab is closed with the photo only on the device; nothing reached the server.
    await page.close();
    expect(await rowsFor(clientKey)).toBe(0);

    // The form is opened again in a new tab once the signal is back: the photo is sent from the device
    // store, once.
    await context.unroute(evidencePosts);
    page = await context.newPage();
    form = page.getByTestId('visit-form');
    photos = form.getByTestId('item-epi-supplies').getByTestId('evidence');
    pending = form.getByTestId('pending-upload');
    await page.goto(visitUrl);
    await expect.poll(() => rowsFor(clientKey), { timeout: 20000 }).toBe(1);
    await expect.poll(() => queuedKeys(page)).toEqual([]);
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => photos.count()).toBeGreaterThan(before);
    const shown = await photos.count();
    const rows = await stage.world.platform.database.db.selectFrom('visit_evidence').select('client_key').where('visit_id', '=', visitId).execute();
    expect(rows.filter((r) => r.client_key === clientKey)).toHaveLength(1);

    // And a later reload finds nothing left to send.
    await page.reload();
    await expect.poll(() => photos.count(), { timeout: 10000 }).toBe(shown);
    expect(await pending.count()).toBe(0);
    await shot(page, 'sv-06-phone-upload-resumed');
    await context.close();
  });
});
