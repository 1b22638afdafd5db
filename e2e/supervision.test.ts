import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStage, shot, type Stage, signInAs, pickOption, DESKTOP, keepFailures } from './browser';
import { jpegWithExif } from '../test/supervision-factories';
import { addTargetsInDialog } from './supervision-helpers';

/** Supervision work as its users do it: an office plans a campaign, a team member records a visit on a phone. */
describe('supervision work in a browser', () => {
  let stage: Stage;
  let taskId = '';
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const signedIn = (username: string, viewport = DESKTOP) => signInAs(stage, username, viewport);
  const modal = (page: Page) => page.locator('.ant-modal:visible');
  const choose = (page: Page, label: string, option: string) =>
    pickOption(modal(page).locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) }).locator('.ant-select').first(), option);

  it('plans a campaign task with two teams and their targets', async () => {
    const { context, page } = await signedIn('city');
    await page.goto(`${stage.baseUrl}/tasks`);
    await page.getByRole('button', { name: '新建督导任务' }).click();
    await choose(page, '区划', '巴中市');
    await choose(page, '督导计划', `${new Date().getFullYear()}年巴中市教育督导工作计划`);
    await choose(page, '类型', '挂牌督战');
    await modal(page).getByLabel('名称').fill('浏览器挂牌督战');
    const year = new Date().getFullYear();
    const range = modal(page).locator('.ant-picker-range input');
    // Typed until both ends hold their dates: the picker re-renders as it opens and can drop a keystroke.
    await expect.poll(async () => {
      await range.first().click();
      await range.first().fill(`${year}-01-01`);
      await range.nth(1).click();
      await range.nth(1).fill(`${year}-12-31`);
      await range.nth(1).press('Enter');
      return [await range.first().inputValue(), await range.nth(1).inputValue()];
    }, { timeout: 15_000, interval: 200 }).toEqual([`${year}-01-01`, `${year}-12-31`]);
    await modal(page).locator('.ant-modal-title').click();
    await modal(page).getByLabel('轮次数').fill('4');
    await choose(page, '检查表', '开学工作督导检查表（中小学、幼儿园）（v1）');
    await modal(page).getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskId = page.url().split('/').pop()!;

    for (const [name, leader] of [['甲组', '督学 陈老师（inspector）'], ['乙组', '市督导办 王老师（city）']]) {
      await page.getByRole('button', { name: '新建督导组' }).click();
      await modal(page).getByLabel('组名').fill(name);
      await choose(page, '组长', leader);
      await modal(page).getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    }
    // Targets: two schools for each team, picked together in the targets dialog.
    const db = stage.world.platform.database.db;
    const bazhou = await db.selectFrom('regions').select('path').where('code', '=', '511902').executeTakeFirstOrThrow();
    const schools = await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'school').where('region_path', 'like', `${bazhou.path}%`).orderBy('name').limit(4).execute();
    await addTargetsInDialog(page, '甲组', schools.slice(0, 2).map((s) => s.name));
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
    await addTargetsInDialog(page, '乙组', schools.slice(2).map((s) => s.name));
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(4);
    await shot(page, 'sv-01a-targets');
    await page.getByRole('button', { name: '开始实施' }).click();
    await expect.poll(() => page.getByText('实施中').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(4);
    await shot(page, 'sv-01-task');
    await context.close();
  });

  it('records a visit on a phone: a photo, a failing item, a reload, and the item turned into a problem', async () => {
    const { context, page } = await signedIn('inspector', { width: 390, height: 844 });
    await page.goto(`${stage.baseUrl}/my-targets`);
    await page.getByTestId('my-target').filter({ hasText: '浏览器挂牌督战' }).first().click();
    await page.getByTestId('start-visit').click();
    await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const form = page.getByTestId('visit-form');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await form.getByTestId('item-epi-plan').getByText('否', { exact: true }).click();
    await form.getByTestId('item-epi-check').getByText('是', { exact: true }).click();
    await form.getByTestId('item-epi-supplies').locator('input[type=file]').setInputFiles({ name: 'supplies.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await expect.poll(() => form.getByTestId('item-epi-supplies').getByTestId('evidence').count(), { timeout: 15000 }).toBe(1);
    await expect.poll(() => form.getByTestId('item-epi-supplies').getByText('拍摄于 2026-03-10 09:30').count()).toBe(1);
    await form.getByPlaceholder('其他发现的问题、需要说明的情况').fill('留观室未按要求设置。');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10000 }).toBe('已保存');
    await shot(page, 'sv-02-phone-visit');

    await page.reload();
    await expect.poll(() => form.getByPlaceholder('其他发现的问题、需要说明的情况').inputValue()).toBe('留观室未按要求设置。');
    expect(await form.getByTestId('item-epi-plan').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('否');
    await expect.poll(() => form.getByTestId('item-epi-plan').getByText('不符合').count()).toBe(1);

    await form.getByTestId('item-epi-plan').getByRole('button', { name: '转为问题' }).click();
    await modal(page).getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => form.getByTestId('item-epi-plan').getByText('已转为问题').count()).toBe(1);
    await shot(page, 'sv-03-phone-problem');
    await context.close();
  });

  it('shows the problem in the register and in the task figures', async () => {
    const { context, page } = await signedIn('city');
    await page.goto(`${stage.baseUrl}/problems?taskId=${taskId}`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('制定开学疫情防控工作方案和应急预案，并开展演练');
    await page.goto(`${stage.baseUrl}/tasks/${taskId}`);
    const figures = page.getByTestId('figures');
    await expect.poll(() => figures.getByText('发现问题').count()).toBe(1);
    await figures.locator('a').filter({ hasText: /^1$/ }).first().click();
    await page.waitForURL(/\/problems\?taskId=/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await shot(page, 'sv-04-register');
    await context.close();
  });

  it('shows none of it to a county office of another county', async () => {
    const { context, page } = await signedIn('tongjiang');
    await page.goto(`${stage.baseUrl}/problems?taskId=${taskId}`);
    await expect.poll(() => page.getByText('暂无数据').count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-table-row').count()).toBe(0);
    await page.goto(`${stage.baseUrl}/tasks/${taskId}`);
    await expect.poll(() => page.getByText('记录不存在或无权访问').count()).toBeGreaterThan(0);
    await context.close();
  });
});
