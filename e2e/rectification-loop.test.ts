import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openStage, shot, SCREENSHOTS, signInAs, typeDate, pickOption, PHONE, type Stage, keepFailures } from './browser';
import { jpegWithExif } from '../test/supervision-factories';
import { runReminders } from '../server/modules/workbench/reminders';

/**
 * The whole loop as its users go through it: the city office drafts a 督办通知 to two county governments, the
 * leader approves it and the office issues it; 巴州区 acknowledges on a phone and submits evidence, is sent back
 * once, resubmits, is verified and signed off; 通江县 lets the deadline pass, is reminded, and is named in a
 * 通报 generated from the overdue list, whose PDF is rendered and looked at.
 */
describe('notices and the rectification loop in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage({ movableClock: true });
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const title = '关于巴州区、通江县义务教育学校校舍安全隐患整改的督办通知';
  const demand = '完成校舍安全隐患全面排查并建立整改清单';
  let noticeId = '';

  const drawer = (page: Page) => page.locator('.ant-drawer:visible');
  const modal = (page: Page) => page.locator('.ant-modal:visible');
  const field = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label:text-is("${label}")`) }).first();

  /** Picks options of a server-searched multi-select by typing each name and clicking it. */
  async function pickUnits(scope: Locator, label: string, names: string[]) {
    const select = field(scope, label).locator('.ant-select').first();
    for (const name of names) {
      await expect.poll(async () => {
        if (await select.locator('.ant-select-selection-item').filter({ hasText: name }).count()) return true;
        await select.click();
        await select.locator('input').fill(name.slice(0, 3));
        await scope.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click({ timeout: 5_000 }).catch(() => undefined);
        return (await select.locator('.ant-select-selection-item').filter({ hasText: name }).count()) > 0;
      }).toBe(true);
    }
    await scope.page().keyboard.press('Escape');
  }

  async function act(page: Page, button: RegExp, fill?: (dialog: Locator) => Promise<void>) {
    await page.getByRole('button', { name: button }).first().click();
    const dialog = modal(page);
    if (fill) await fill(dialog);
    const confirm = dialog.getByRole('button', { name: /确\s*定|提\s*交|保\s*存|签\s*发|退\s*回|撤\s*回|OK/ }).last();
    await confirm.click();
    // On a loaded machine a click can land while the dialog is still opening: press again until it closes.
    await expect.poll(async () => {
      if (await dialog.count() === 0) return true;
      await confirm.click({ timeout: 2_000 }).catch(() => undefined);
      return (await dialog.count()) === 0;
    }, { timeout: 30_000, interval: 3_000 }).toBe(true);
  }

  const rectificationOf = async (county: string) => (await stage.world.platform.database.db.selectFrom('rectifications').innerJoin('units', 'units.id', 'rectifications.unit_id')
    .select(['rectifications.id', 'rectifications.status']).where('rectifications.notice_id', '=', noticeId).where('units.name', '=', `${county}人民政府`).executeTakeFirstOrThrow());

  it('drafts, approves and issues a numbered 督办通知 to two county governments', async () => {
    const { context, page } = await signInAs(stage, 'city');
    await page.goto(`${stage.baseUrl}/notices`);
    await page.getByRole('button', { name: '起草文书' }).click();
    const editor = drawer(page);
    await pickOption(field(editor, '文种').locator('.ant-select'), '督办通知');
    await field(editor, '标题').locator('input').fill(title);
    await field(editor, '正文').locator('textarea').fill('近期督导发现部分学校校舍存在安全隐患，请立即组织排查整改。\n一、总体要求。各区县政府要落实属地责任，逐校排查，建立台账。');
    await pickUnits(editor, '主送单位', ['巴州区人民政府', '通江县人民政府']);
    await editor.getByRole('button', { name: '添加督办事项' }).click();
    await field(editor, '督办要求').locator('textarea, input').first().fill(demand);
    const deadline = new Date(stage.world.clock.now().getTime() + (8 + 3 * 24) * 3600_000).toISOString().slice(0, 10);
    await typeDate(field(editor, '完成时限').locator('input'), deadline);
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    noticeId = page.url().split('/').pop()!;
    await page.getByRole('button', { name: /提交审核/ }).click();
    await page.getByText('待审核').first().waitFor();
    await context.close();

    const leader = await signInAs(stage, 'leader');
    await leader.page.goto(`${stage.baseUrl}/notices/${noticeId}`);
    await act(leader.page, /签\s*发$/);
    await leader.page.getByText('已签发待印发').first().waitFor();
    await leader.context.close();

    const office = await signInAs(stage, 'city');
    await office.page.goto(`${stage.baseUrl}/notices/${noticeId}`);
    await office.page.getByRole('button', { name: /印\s*发$/ }).click();
    await office.page.locator('.ant-popover:visible, .ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    const year = new Date().getFullYear();
    await office.page.getByText(new RegExp(`巴市教督办〔${year}〕\\d+号`)).first().waitFor();
    await office.page.getByText('未签收').first().waitFor();
    await shot(office.page, 'loop-1-issued');
    await office.context.close();
    expect((await rectificationOf('巴州区')).status).toBe('pending');
    expect((await rectificationOf('通江县')).status).toBe('pending');
  });

  it('巴州区 acknowledges on a phone, reports with a photo, is sent back once, resubmits, and is verified and signed off', async () => {
    const county = await signInAs(stage, 'bazhou', PHONE);
    await county.page.goto(`${stage.baseUrl}/inbox`);
    await county.page.getByText(title).first().click();
    await county.page.getByRole('button', { name: /签\s*收$/ }).first().click();
    await county.page.getByText('已签收').first().waitFor();
    const item = await rectificationOf('巴州区');

    const report = async (text: string) => {
      await county.page.goto(`${stage.baseUrl}/rectifications/${item.id}`);
      await county.page.getByRole('button', { name: '报告进展' }).click();
      const dialog = modal(county.page);
      await field(dialog, '进展说明').locator('textarea').fill(text);
      await dialog.locator('input[type=file]').setInputFiles({ name: '排查照片.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
      await dialog.getByRole('button', { name: /确\s*定|提\s*交|保\s*存/ }).last().click();
      await county.page.getByText('整改进展已报告').first().waitFor();
      await act(county.page, /提交整改结果/, async (d) => field(d, '整改结果说明').locator('textarea').fill(text));
      await county.page.getByText('已提交待核验').first().waitFor();
    };
    await report('已完成全区校舍安全隐患排查，建立整改清单 36 条。');
    await shot(county.page, 'loop-2-submitted-phone');

    const office = await signInAs(stage, 'city');
    await office.page.goto(`${stage.baseUrl}/rectifications/${item.id}`);
    await act(office.page, /退回重改/, async (d) => field(d, '退回原因').locator('textarea').fill('整改清单缺少完成时限和责任人，请补充后重新报送。'));
    await office.page.getByText('整改中').first().waitFor();
    expect((await rectificationOf('巴州区')).status).toBe('in_progress');

    await report('已补充每条隐患的责任人和完成时限，附更新后的整改清单。');
    await office.page.goto(`${stage.baseUrl}/rectifications/${item.id}`);
    await act(office.page, /核\s*验$/, async (d) => {
      await d.getByText('资料核验').click();
      await field(d, '核验意见').locator('textarea').fill('查阅整改清单及现场照片，整改到位。');
      await d.getByText('好', { exact: true }).click();
    });
    await office.page.getByText('已核验').first().waitFor();
    await act(office.page, /销\s*号$/);
    await office.page.getByText('已销号').first().waitFor();
    await shot(office.page, 'loop-3-signed-off');
    expect((await rectificationOf('巴州区')).status).toBe('signed_off');
    await county.context.close();
    await office.context.close();
  });

  it('通江县 goes overdue, is reminded, and is named in a 通报 generated from the overdue list', async () => {
    // Five days pass; the scheduler's reminder run finds 通江县's item overdue.
    stage.world.clock.set(new Date(stage.world.clock.now().getTime() + 5 * 24 * 3600_000));
    await runReminders(stage.world.platform);
    const county = await signInAs(stage, 'tongjiang');
    await county.page.getByTestId('notification-bell').click();
    await county.page.getByText(/逾期/).first().waitFor();
    await shot(county.page, 'loop-4-reminded');
    await county.context.close();

    const office = await signInAs(stage, 'city');
    await office.page.goto(`${stage.baseUrl}/rectification-overview?tab=overdue`);
    const row = office.page.getByTestId('overdue').locator('tr').filter({ hasText: '通江县人民政府' }).filter({ hasText: demand });
    await row.locator('input[type=checkbox]').check();
    await office.page.getByRole('button', { name: /生成通报/ }).click();
    await modal(office.page).getByRole('button', { name: /确\s*定|OK/ }).click();
    await office.page.waitForURL((url) => /\/notices\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(noticeId));
    const bulletinId = office.page.url().split('/').pop()!;
    await office.page.getByText('关于整改事项逾期未完成情况的通报').first().waitFor();
    await office.page.locator('.ant-descriptions').getByText('通报').first().waitFor();
    await office.page.locator('.ant-modal-mask').waitFor({ state: 'detached' }).catch(() => undefined);
    await shot(office.page, 'loop-5-bulletin-draft');

    const pdf = await office.page.request.get(`${stage.baseUrl}/api/notices/${bulletinId}/document.pdf`);
    expect(pdf.status()).toBe(200);
    const file = path.join(SCREENSHOTS, 'loop-6-bulletin.pdf');
    fs.writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('通江县人民政府');
    expect(text.replace(/\s+/g, '')).toContain(demand);
    expect(text).toContain('通报');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(SCREENSHOTS, 'loop-6-bulletin')]);
    expect(fs.readdirSync(SCREENSHOTS).some((f) => f.startsWith('loop-6-bulletin') && f.endsWith('.png'))).toBe(true);
    await office.context.close();
  });
});
