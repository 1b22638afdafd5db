import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { openWorld, type TestWorld } from '../test/databases';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo';

export const SCREENSHOTS = path.resolve('test-output/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Stage {
  world: TestWorld;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server (demo data on a fresh SQLite file, the built web app) on a free port, and Debian's
 * Chromium driven by playwright-core. With `movableClock` the server's clock is the world's ManualClock.
 */
export async function openStage(options: { movableClock?: boolean } = {}): Promise<Stage> {
  const webDist = path.resolve('dist/web');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('Build the web app first: npm run build:web');
  // A movable clock starts at the real time; a test moves it (days pass) instead of waiting.
  const world = await openWorld('sqlite', { WEB_DIST: webDist }, { realClock: !options.movableClock });
  if (options.movableClock) world.clock.set(new Date());
  await seedDemo(world.platform);
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  const address = world.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    world, browser, baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await world.close();
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser context signed in through the sign-in page, as a person would; phones get touch. */
export async function signInAs(stage: Stage, username: string, viewport = DESKTOP, options: { serviceWorker?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const phone = viewport.width < 500;
  // The service worker precaches the whole app in the background; only the offline tests need it.
  const context = await stage.browser.newContext({
    viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: phone, hasTouch: phone, serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  await page.goto(`${stage.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

/**
 * Types a date into an antd calendar field and confirms it, until the field holds it: the picker re-renders as
 * it opens and, on a loaded machine, can drop what was typed before it settles.
 */
export async function typeDate(input: Locator, date: string): Promise<void> {
  await expect.poll(async () => {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    return input.inputValue();
  }, { timeout: 15_000, interval: 200 }).toBe(date);
}

/**
 * Registers, for the calling test file, what happens after a failed test: a picture of every page the test
 * left open and, on stderr, each page's address and the messages it shows, so a failure seen only in a CI log
 * can be read; then those pages are closed so the next test starts clean.
 */
export function keepFailures(stage: () => Stage | undefined): void {
  afterEach(async ({ task }) => {
    const browser = stage()?.browser;
    if (!browser || task.result?.state !== 'fail') return;
    let n = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        const name = `failed-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}-${++n}`;
        await shot(page, name).catch(() => undefined);
        const shown = await page.locator('.ant-form-item-explain-error, .ant-message-notice, .ant-alert, .ant-notification-notice')
          .allInnerTexts().catch(() => []);
        process.stderr.write(`[${task.name}] page ${n}: ${page.url()} (${name}.png)\n${shown.map((t) => `  shows: ${t}`).join('\n')}\n`);
      }
      await context.close().catch(() => undefined);
    }
  });
}

/**
 * Picks `option` in an antd Select or TreeSelect, until the field shows it: on a loaded machine a click can land
 * while the dropdown is still opening and be lost.
 */
export async function pickOption(select: Locator, option: string): Promise<void> {
  const page = select.page();
  await expect.poll(async () => {
    if ((await select.innerText()).includes(option)) return true;
    await select.click();
    await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click({ timeout: 5_000 }).catch(() => undefined);
    return (await select.innerText()).includes(option);
  }, { timeout: 15_000, interval: 200 }).toBe(true);
}
