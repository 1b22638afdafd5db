import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStage, shot, type Stage, signInAs, DESKTOP, keepFailures } from './browser';

/**
 * The checklist template editor. The demo semester-opening template is built in (read-only for every office), so
 * the county office first copies it for its region, then revises its copy: version 2 appears and version 1 stays readable.
 */
describe('checklist templates in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const db = () => stage.world.platform.database.db;
  const OPENING = '开学工作督导检查表（中小学、幼儿园）';
  const COPY = '巴州区开学工作督导检查表';

  const signedIn = (username: string, viewport = DESKTOP) => signInAs(stage, username, viewport);

  const editor = (page: Page) => page.locator('.checklist-editor');
  const save = (page: Page) => editor(page).getByRole('button', { name: /保\s*存/ }).click();
  /** One field of an item card, by its label. */
  const field = (scope: ReturnType<Page['locator']>, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label:text-is("${label}")`) });

  it('copies the built-in opening template, revises the copy with a scored item, and keeps version 1 readable', async () => {
    const { context, page } = await signedIn('bazhou');
    await page.goto(`${stage.baseUrl}/checklists`);
    await page.locator('.ant-list-item').filter({ hasText: OPENING }).click();
    await page.getByRole('button', { name: '复制为本辖区检查表' }).click();
    await editor(page).getByLabel('名称').fill(COPY);
    await save(page);
    const copied = async () => db().selectFrom('checklist_templates').selectAll().where('title', '=', COPY).orderBy('version').execute();
    await expect.poll(async () => (await copied()).length).toBe(1);
    const v1 = (await copied())[0];
    expect(v1.region_path).not.toBeNull();

    // Revise it: one scored item added to 安全教育.
    await expect.poll(() => page.getByRole('button', { name: '修订（新版本）' }).count()).toBe(1);
    await page.getByRole('button', { name: '修订（新版本）' }).click();
    await editor(page).getByRole('button', { name: '添加检查项（安全教育）' }).click();
    const added = editor(page).getByTestId('item-12'); // after the four 安全教育 items
    await field(added, '检查内容').locator('textarea').fill('消防演练组织情况评分');
    await field(added, '作答方式').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('评分', { exact: true }).click();
    await field(added, '最低分').locator('input').fill('0');
    await field(added, '最高分').locator('input').fill('5');
    await added.getByRole('checkbox', { name: '须拍照' }).check();
    await shot(page, 'checklist-editor-desktop');
    await save(page);
    await expect.poll(() => page.getByText('已保存为第 2 版').count()).toBeGreaterThan(0);

    const rows = await copied();
    expect(rows.map((r) => [r.version, r.superseded])).toEqual([[1, 1], [2, 0]]);
    const items = JSON.parse(rows[1].items) as { text: string; type: string; min?: number; max?: number; photoRequired: boolean; area: string }[];
    expect(items.find((i) => i.text === '消防演练组织情况评分')).toMatchObject({ type: 'score', min: 0, max: 5, photoRequired: true, area: '安全教育' });
    expect(JSON.parse(rows[0].items)).toHaveLength(13);

    // Version 2 is listed; version 1 is still there, read-only.
    const versions = page.getByTestId('checklist-versions');
    await expect.poll(() => versions.getByText(/第 2 版（现行）/).count()).toBe(1);
    await versions.getByText(/第 1 版/).click();
    await expect.poll(() => page.getByText('这是历史版本，只能查看', { exact: false }).count()).toBe(1);
    expect(await page.locator('.ant-drawer').getByText('消防演练组织情况评分').count()).toBe(0);
    expect(await page.locator('.ant-drawer').getByText('安全工作总体评分').count()).toBe(1);
    expect(await page.getByRole('button', { name: '修订（新版本）' }).count()).toBe(0);
    await shot(page, 'checklist-version-1');
    await context.close();
  });

  it('shows a bad score range beside the field and saves nothing (390 px phone)', async () => {
    const { context, page } = await signedIn('bazhou', { width: 390, height: 844 });
    const latest = await db().selectFrom('checklist_templates').selectAll().where('title', '=', COPY).where('superseded', '=', 0).executeTakeFirstOrThrow();
    const count = async () => Number((await db().selectFrom('checklist_templates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await page.goto(`${stage.baseUrl}/checklists?id=${latest.id}`);
    await page.getByRole('button', { name: '修订（新版本）' }).click();
    await editor(page).getByRole('button', { name: '添加检查项（安全教育）' }).click();
    const added = editor(page).getByTestId('item-13'); // after the five 安全教育 items of version 2
    await field(added, '检查内容').locator('textarea').fill('范围有误的评分项');
    await field(added, '作答方式').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('评分', { exact: true }).click();
    await field(added, '最低分').locator('input').fill('5');
    await field(added, '最高分').locator('input').fill('5');
    await save(page);
    const maxField = field(added, '最高分');
    await expect.poll(() => maxField.locator('.ant-form-item-explain-error').getByText('取值范围不正确', { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    await maxField.scrollIntoViewIfNeeded();
    await shot(page, 'checklist-editor-phone');
    expect(await count()).toBe(before);
    expect((await db().selectFrom('checklist_templates').select(['version', 'superseded']).where('id', '=', latest.id).executeTakeFirstOrThrow())).toEqual({ version: 2, superseded: 0 });
    await context.close();
  });
});
