import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStage, signInAs, keepFailures, type Stage } from './browser';
import { demoAccounts } from '../server/seed/demo';
import { permissionsOf } from '../server/platform/permissions';
import { accessOf } from '../web/src/access';

/**
 * Every menu page opened by every demo account, as a new user would on a first visit: no page may show an
 * error message or have a request of its own refused, whatever the role.
 */
describe('every page for every role', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  // tongjiang is bazhou's twin; one county office is enough.
  for (const account of demoAccounts.filter((a) => a.username !== 'tongjiang')) {
    it(`opens each of ${account.username}'s menu pages without an error`, async () => {
      const { context, page } = await signInAs(stage, account.username);
      const refused: string[] = [];
      page.on('response', (res) => {
        if (res.url().includes('/api/') && res.status() >= 400) refused.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
      });
      const problems: string[] = [];
      for (const entry of accessOf([...permissionsOf(account.role)]).menus) {
        refused.length = 0;
        await page.goto(`${stage.baseUrl}${entry.path}`);
        await page.waitForLoadState('networkidle');
        const shown = await page.locator('.ant-message-error, .ant-alert-error, .ant-result-error, .ant-result-403').allInnerTexts();
        for (const text of shown) problems.push(`${entry.path} shows: ${text.trim()}`);
        for (const r of refused) problems.push(`${entry.path} asked: ${r}`);
      }
      await context.close();
      expect(problems).toEqual([]);
    });
  }
});
