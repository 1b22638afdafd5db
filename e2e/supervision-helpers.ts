import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { pickOption } from './browser';

const modal = (page: Page) => page.locator('.ant-modal:visible');
const field = (page: Page, label: string) => modal(page).locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) });

/** Picks several options of a searching multi-select in the open dialog: types each name, waits for the server's answer, clicks it. */
export async function pickMany(page: Page, label: string, names: string[]): Promise<void> {
  const select = field(page, label).locator('.ant-select').first();
  const search = select.locator('input');
  const chosen = (name: string) => select.locator(`.ant-select-selection-item[title="${name}"]`).count();
  for (const name of names) {
    // Search results arrive from the server and re-render the list: pick again until the tag shows.
    await expect.poll(async () => {
      if (await chosen(name)) return true;
      await select.click();
      await search.fill(name);
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${name}"]`).first().click({ timeout: 5_000 }).catch(() => undefined);
      return (await chosen(name)) > 0;
    }).toBe(true);
    await search.fill('');
  }
  await modal(page).locator('.ant-modal-title').click();
}

/** Adds targets through the task page's dialog, all at once, for one team. */
export async function addTargetsInDialog(page: Page, team: string, schools: string[]): Promise<void> {
  await page.getByRole('button', { name: '添加督导对象' }).click();
  await pickOption(field(page, '督导组').locator('.ant-select').first(), team);
  await pickMany(page, '学校、机构或部门（可多选）', schools);
  await modal(page).getByRole('button', { name: /添\s*加/ }).click();
  await page.getByText(`已添加 ${schools.length} 个督导对象`).first().waitFor();
  await modal(page).waitFor({ state: 'detached' }).catch(() => undefined);
}
