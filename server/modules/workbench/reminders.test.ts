import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit } from '../../../test/factories';
import { extendDeadline, makeRectification, notificationsOf, setStatus } from '../../../test/workbench-factories';
import { createDatabase } from '../../platform/db/database';
import { createPlatform } from '../../platform/platform';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { writeRectificationSettings } from '../rectification/rectification-settings';
import { reminderStage, runReminders } from './reminders';
import { startScheduler } from './scheduler';

const settings = { remindDaysBefore: 3, overdueEveryDays: 3, yellowDays: 3 };

describe('the reminder stage of a deadline', () => {
  it('is nothing until N days before, before until the day, due on it, then a step every few days', () => {
    expect(reminderStage('2026-03-10', '2026-03-06', settings)).toBeNull();
    expect(reminderStage('2026-03-10', '2026-03-07', settings)).toEqual({ kind: 'before', key: 'before:2026-03-10', days: 3 });
    expect(reminderStage('2026-03-10', '2026-03-09', settings)).toEqual({ kind: 'before', key: 'before:2026-03-10', days: 1 });
    expect(reminderStage('2026-03-10', '2026-03-10', settings)).toEqual({ kind: 'due', key: 'due:2026-03-10', days: 0 });
    expect(reminderStage('2026-03-10', '2026-03-11', settings)?.key).toBe('overdue:2026-03-10:2026-03-11');
    expect(reminderStage('2026-03-10', '2026-03-13', settings)?.key).toBe('overdue:2026-03-10:2026-03-11');
    expect(reminderStage('2026-03-10', '2026-03-14', settings)).toEqual({ kind: 'overdue', key: 'overdue:2026-03-10:2026-03-14', days: 4 });
    expect(reminderStage('2026-03-10', '2026-03-31', { ...settings, overdueEveryDays: 7 })?.key).toBe('overdue:2026-03-10:2026-03-25');
    expect(reminderStage('2026-03-10', '2026-04-01', { ...settings, overdueEveryDays: 7 })?.key).toBe('overdue:2026-03-10:2026-04-01');
  });
});

describe.each(engines)('reminders (催办) on %s', (engine) => {
  let world: TestWorld;
  let city: RegionsTable;
  let countyA: RegionsTable;
  let school: UnitsTable;
  let schoolUser: string;
  let countyStaff: string;
  let cityStaff: string;
  let otherCountyStaff: string;
  let leader: string;

  /** 10:00 in China on that day. */
  const on = (date: string) => world.clock.set(new Date(`${date}T02:00:00Z`));
  const kinds = async (accountId: string, entityId: string) =>
    (await notificationsOf(world, accountId)).filter((n) => n.entity_id === entityId).map((n) => n.kind);

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province, name: '催办市' });
    countyA = await makeRegion(world, { parent: city, name: '催办甲县' });
    const countyB = await makeRegion(world, { parent: city, name: '催办乙县' });
    const town = await makeRegion(world, { parent: countyA });
    school = await makeUnit(world, { region: town, name: '催办小学' });
    schoolUser = (await makeAccount(world, { role: 'unit_user', unit: school })).id;
    countyStaff = (await makeAccount(world, { region: countyA })).id;
    cityStaff = (await makeAccount(world, { region: city })).id;
    otherCountyStaff = (await makeAccount(world, { region: countyB })).id;
    leader = (await makeAccount(world, { role: 'leader', region: city })).id;
    await writeRectificationSettings(world.platform.database.db, settings, world.clock);
  });
  afterAll(async () => world.close());

  it('reminds before, on and after the deadline exactly once each; the office hears of it once it is overdue', async () => {
    const item = await makeRectification(world, { unit: school, office: city, deadline: '2026-04-10', demand: '完善校园安全制度' });

    on('2026-04-06');
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-04-07');
    expect(await runReminders(world.platform)).toMatchObject({ today: '2026-04-07', sent: 1, before: 1, notifications: 2 });
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-04-09');
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-04-10');
    expect(await runReminders(world.platform)).toMatchObject({ sent: 1, due: 1 });
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-04-11');
    expect(await runReminders(world.platform)).toMatchObject({ sent: 1, overdue: 1, notifications: 3 });
    on('2026-04-13');
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-04-14');
    expect(await runReminders(world.platform)).toMatchObject({ sent: 1, overdue: 1 });

    // The unit and the county office that answers for it hear every stage; the supervising city office only the overdue ones.
    expect(await kinds(schoolUser, item.id)).toEqual(['reminder.before', 'reminder.due', 'reminder.overdue', 'reminder.overdue']);
    expect(await kinds(countyStaff, item.id)).toEqual(['reminder.before', 'reminder.due', 'reminder.overdue', 'reminder.overdue']);
    expect(await kinds(cityStaff, item.id)).toEqual(['reminder.overdue', 'reminder.overdue']);
    expect(await kinds(otherCountyStaff, item.id)).toEqual([]);
    expect(await kinds(leader, item.id)).toEqual([]);

    const [first] = await notificationsOf(world, schoolUser);
    expect(first).toMatchObject({ title: '催办：整改事项将于 2026-04-10 到期', link: `/rectifications/${item.id}`, entity_type: 'rectification', read_at: null });
    expect(first.body).toContain('催办小学：完善校园安全制度');
    const log = await world.platform.database.db.selectFrom('reminder_log').select(['stage', 'recipients']).where('rectification_id', '=', item.id).orderBy('sent_at').execute();
    expect(log).toEqual([
      { stage: 'before:2026-04-10', recipients: 2 },
      { stage: 'due:2026-04-10', recipients: 2 },
      { stage: 'overdue:2026-04-10:2026-04-11', recipients: 3 },
      { stage: 'overdue:2026-04-10:2026-04-14', recipients: 3 },
    ]);
    await setStatus(world, item, 'submitted');
  });

  it('starts a new series after an extension', async () => {
    const item = await makeRectification(world, { unit: school, office: city, deadline: '2026-05-10' });
    on('2026-05-11');
    expect((await runReminders(world.platform)).overdue).toBe(1);
    await extendDeadline(world, item, '2026-05-20');
    on('2026-05-12');
    expect((await runReminders(world.platform)).sent).toBe(0);
    on('2026-05-17');
    expect((await runReminders(world.platform)).before).toBe(1);
    on('2026-05-20');
    expect((await runReminders(world.platform)).due).toBe(1);
    expect(await kinds(schoolUser, item.id)).toEqual(['reminder.overdue', 'reminder.before', 'reminder.due']);
    await setStatus(world, item, 'signed_off');
  });

  it('sends nothing for an item that is submitted, verified, signed off or cancelled', async () => {
    const items = await Promise.all(['submitted', 'verified', 'signed_off', 'cancelled'].map((status) =>
      makeRectification(world, { unit: school, office: city, deadline: '2026-06-10', status })));
    for (const date of ['2026-06-08', '2026-06-10', '2026-06-11']) {
      on(date);
      expect((await runReminders(world.platform)).sent).toBe(0);
    }
    for (const item of items) expect(await kinds(schoolUser, item.id)).toEqual([]);
  });

  it('after days without a run sends the current stage once, not one per missed day', async () => {
    const item = await makeRectification(world, { unit: school, office: city, deadline: '2026-07-10' });
    on('2026-07-05');
    expect((await runReminders(world.platform)).sent).toBe(0);
    // The server was down from the 6th to the 16th.
    on('2026-07-16');
    expect(await runReminders(world.platform)).toMatchObject({ sent: 1, overdue: 1 });
    expect((await runReminders(world.platform)).sent).toBe(0);
    expect(await kinds(schoolUser, item.id)).toEqual(['reminder.overdue']);
    const body = (await notificationsOf(world, schoolUser)).find((n) => n.entity_id === item.id)!.title;
    expect(body).toBe('催办：整改事项已逾期 6 天');
    await setStatus(world, item, 'submitted');
  });

  it('writes to each account in its own language and audits a summary of each run that sent something', async () => {
    const db = world.platform.database.db;
    const runsAudited = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'reminder.run').executeTakeFirstOrThrow()).n);
    await db.updateTable('accounts').set({ locale: 'en' }).where('id', '=', countyStaff).execute();
    const item = await makeRectification(world, { unit: school, office: city, deadline: '2026-08-10' });
    on('2026-08-10');
    const audited = await runsAudited();
    const run = await runReminders(world.platform);
    expect(run).toMatchObject({ sent: 1, due: 1 });
    const [english] = (await notificationsOf(world, countyStaff)).filter((n) => n.entity_id === item.id);
    expect(english.title).toBe('Reminder: a rectification item is due today (2026-08-10)');
    const [chinese] = (await notificationsOf(world, schoolUser)).filter((n) => n.entity_id === item.id);
    expect(chinese.title).toBe('催办：整改事项今天（2026-08-10）到期');

    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'reminder.run').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect(JSON.parse(audit.detail!)).toMatchObject({ today: '2026-08-10', sent: 1, due: 1 });
    expect(await runsAudited()).toBe(audited + 1);
    // A run that sends nothing leaves no entry.
    await runReminders(world.platform);
    expect(await runsAudited()).toBe(audited + 1);
    expect((await world.platform.audit.verify()).ok).toBe(true);
    await setStatus(world, item, 'submitted');
  });

  it('reads the items in batches: a thousand due items each get one reminder', async () => {
    const db = world.platform.database.db;
    const items = [];
    for (let i = 0; i < 1200; i += 1) items.push(await makeRectification(world, { unit: school, office: city, deadline: '2026-09-10' }));
    on('2026-09-10');
    const run = await runReminders(world.platform);
    expect(run).toMatchObject({ sent: 1200, due: 1200 });
    const logged = await db.selectFrom('reminder_log').select((eb) => eb.fn.countAll<number>().as('n')).where('stage', '=', 'due:2026-09-10').executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(1200);
    expect((await runReminders(world.platform)).sent).toBe(0);
    await db.updateTable('rectifications').set({ status: 'submitted' }).where('deadline', '=', '2026-09-10').execute();
  }, 120_000);

  it.runIf(engine === 'postgres')('sends each reminder exactly once when two app processes run at the same time', async () => {
    // A second pool on the same schema is a second app process.
    const database = createDatabase(process.env.TEST_DATABASE_URL!, { schema: world.platform.database.schema!, poolSize: 5 });
    const second = createPlatform(world.config, database, world.clock);
    try {
      const items = [];
      for (let i = 0; i < 40; i += 1) items.push(await makeRectification(world, { unit: school, office: city, deadline: '2026-10-10' }));
      for (const date of ['2026-10-07', '2026-10-10', '2026-10-11']) {
        on(date);
        const runs = await Promise.all([runReminders(world.platform), runReminders(second), runReminders(world.platform), runReminders(second)]);
        expect(runs.reduce((s, r) => s + r.sent, 0), date).toBe(40);
      }
      const ids = new Set(items.map((i) => i.id));
      for (const [account, expected] of [[schoolUser, 120], [countyStaff, 120], [cityStaff, 40]] as const) {
        const received = (await notificationsOf(world, account)).filter((n) => ids.has(n.entity_id!));
        expect(received.length).toBe(expected);
        expect(new Set(received.map((n) => `${n.entity_id} ${n.kind}`)).size).toBe(expected);
      }
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe.each(engines)('the scheduler on %s', (engine) => {
  it('runs the reminders once at start and lets a run in progress finish before it stops', async () => {
    const world = await openWorld(engine);
    try {
      const county = await makeRegion(world, { level: 'province' });
      const school = await makeUnit(world, { region: await makeRegion(world, { parent: county }) });
      const owner = (await makeAccount(world, { role: 'unit_user', unit: school })).id;
      const item = await makeRectification(world, { unit: school, office: county, deadline: '2026-03-02' });
      const logged: string[] = [];
      const scheduler = startScheduler(world.platform, { info: (_detail, message) => logged.push(message), error: (_detail, message) => logged.push(message) });
      await scheduler.stop();
      expect(logged).toEqual(['reminders run finished']);
      expect((await notificationsOf(world, owner)).map((n) => [n.kind, n.entity_id])).toEqual([['reminder.due', item.id]]);
    } finally {
      await world.close();
    }
  });
});
