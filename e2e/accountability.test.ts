import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openStage, pickOption, shot, signInAs, typeDate, keepFailures, PHONE, type Stage } from './browser';
import { makeProblem } from '../test/supervision-factories';
import { chinaToday } from '../server/modules/inspectors/people';

/**
 * An accountability case as its people go through it: the city office proposes it against the demo school for
 * a problem found today, opens the investigation and notifies the school; the school states its case on a
 * phone; the office forms the opinion, the leader approves it, the office decides, and the decision is
 * downloaded as a Word document.
 */
describe('an accountability case in a browser', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  keepFailures(() => stage);
  afterAll(async () => stage?.close());

  const modal = (page: Page) => page.locator('.ant-modal:visible');
  const field = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label:text-is("${label}")`) }).first();

  /** Clicks an action of the case, fills its dialog and saves it. */
  async function step(page: Page, action: string, fill: (dialog: Locator) => Promise<void>, status: string) {
    await page.getByRole('button', { name: action }).click();
    const dialog = modal(page);
    await fill(dialog);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('case-status').innerText()).toBe(status);
  }
  const text = (value: string) => async (dialog: Locator) => field(dialog, '内容').locator('textarea').fill(value);

  it('proposes, investigates, hears the school, approves, decides and renders the decision', async () => {
    const db = stage.world.platform.database.db;
    const school = await db.selectFrom('accounts').innerJoin('units', 'units.id', 'accounts.scope_unit_id')
      .selectAll('units').where('accounts.username', '=', 'school').executeTakeFirstOrThrow();
    const region = await db.selectFrom('regions').selectAll().where('id', '=', school.region_id).executeTakeFirstOrThrow();
    // The server runs on the real clock here.
    const today = chinaToday(new Date());
    const problem = await makeProblem(stage.world, region, { unit: school, found_on: today, description: '食堂食品留样制度未落实' });

    const office = await signInAs(stage, 'city');
    const page = office.page;
    await page.goto(`${stage.baseUrl}/accountability-cases`);
    await page.getByRole('button', { name: '拟立问责案件' }).click();
    const dialog = modal(page);
    const unit = field(dialog, '被问责单位').locator('.ant-select').first();
    await expect.poll(async () => {
      if ((await unit.innerText()).includes(school.name)) return true;
      await unit.click();
      await unit.locator('input').fill(school.name.slice(0, 4));
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: school.name }).first().click({ timeout: 5_000 }).catch(() => undefined);
      return (await unit.innerText()).includes(school.name);
    }, { timeout: 20_000 }).toBe(true);
    await field(dialog, '案件名称').locator('input').fill('食堂食品安全问题整改不力问责');
    await pickOption(field(dialog, '督导工作').locator('.ant-select'), `${problem.description}（${today}）`);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/accountability-cases\/[0-9a-f-]{36}$/);
    const url = page.url();
    await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('拟立案');

    await step(page, '成立调查认定工作组', text('由市督导办牵头成立调查认定工作组'), '调查认定中');
    await step(page, '书面告知', text('书面告知问责事实、依据及陈述申辩的权利'), '已告知待陈述申辩');

    // The school states its case on a phone.
    const unitSide = await signInAs(stage, 'school', PHONE);
    await unitSide.page.goto(url);
    await step(unitSide.page, '提交陈述申辩', text('我校已完善留样制度并组织培训，请予考虑'), '已听取陈述申辩');
    await expect.poll(() => unitSide.page.getByTestId('step-state').innerText()).toContain('我校已完善留样制度');
    const overflow = await unitSide.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(unitSide.page, 'accountability-statement-phone');
    await unitSide.context.close();

    await page.reload();
    await step(page, '形成问责意见', text('建议予以通报批评，已征求委员意见'), '问责意见待审批');
    const leader = await signInAs(stage, 'leader');
    await leader.page.goto(url);
    await step(leader.page, '审批同意', text('同意'), '已审批待决定');
    await leader.context.close();

    await page.reload();
    await step(page, '作出问责决定', async (d) => {
      await field(d, '问责事实').locator('textarea').fill('该校食堂食品留样制度长期未落实，督导反馈后整改不力');
      await field(d, '问责依据').locator('textarea').fill('《教育督导问责办法》');
      await pickOption(field(d, '问责方式').locator('.ant-select'), '通报批评');
      await typeDate(field(d, '生效时间').locator('input'), today);
    }, '已作出问责决定');
    await expect.poll(() => page.getByTestId('case-decision').innerText()).toContain('通报批评');
    await shot(page, 'accountability-decided');

    const docx = await office.context.request.get(`${stage.baseUrl}/api/accountability-cases/${url.split('/').pop()}/decision.docx`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    await office.context.close();
  });
});
