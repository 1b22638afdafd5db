import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit } from '../../../test/factories';
import { makeRectification, setEmail, setStatus } from '../../../test/workbench-factories';
import { createDatabase } from '../../platform/db/database';
import { createPlatform } from '../../platform/platform';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { MAX_MAIL_ATTEMPTS, sendPendingMail } from './mail';
import { notifyAccounts } from './notify';
import { runReminders } from './reminders';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server in this process; mail to refuse@… is refused at RCPT TO. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refuse@')) return callback(new Error('mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The decoded text of a received mail (nodemailer sends UTF-8 bodies quoted-printable or base64). */
function textOf(mail: Received): string {
  const [head, ...rest] = mail.data.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const joined = body.replace(/=\r?\n/g, '');
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

describe.each(engines)('e-mail over SMTP on %s', (engine) => {
  let world: TestWorld;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let city: RegionsTable;
  let school: UnitsTable;
  let schoolUser: string;
  let cityStaff: string;
  let noMail: string;

  const on = (date: string) => world.clock.set(new Date(`${date}T02:00:00Z`));
  const outbox = () => world.platform.database.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('id').execute();

  beforeAll(async () => {
    smtp = await startSmtp();
    world = await openWorld(engine, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: '督导平台 <dudao@bz.example.cn>', PUBLIC_URL: 'https://dudao.example.cn/' });
    const province = await makeRegion(world, { level: 'province' });
    city = await makeRegion(world, { parent: province });
    const county = await makeRegion(world, { parent: city });
    school = await makeUnit(world, { region: county, name: '邮件小学' });
    schoolUser = (await makeAccount(world, { role: 'unit_user', unit: school })).id;
    cityStaff = (await makeAccount(world, { region: city })).id;
    noMail = (await makeAccount(world, { role: 'unit_user', unit: school })).id;
    await setEmail(world, schoolUser, 'school@bz.example.cn');
    await setEmail(world, cityStaff, 'office@bz.example.cn', 'en');
  });
  afterAll(async () => {
    await world.close();
    await smtp.close();
  });

  it('mails each notified account that has an address, once, through a real SMTP server', async () => {
    const item = await makeRectification(world, { unit: school, office: city, deadline: '2026-04-10', demand: '整改食堂卫生' });
    on('2026-04-11');
    const run = await runReminders(world.platform);
    expect(run.notifications).toBe(3);
    const queued = await outbox();
    expect(queued.map((m) => [m.to_address, m.status])).toEqual(expect.arrayContaining([['school@bz.example.cn', 'pending'], ['office@bz.example.cn', 'pending']]));
    expect(queued).toHaveLength(2);

    expect(await sendPendingMail(world.platform)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await sendPendingMail(world.platform)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const toSchool = smtp.received.find((m) => m.to.includes('school@bz.example.cn'))!;
    expect(toSchool.from).toBe('dudao@bz.example.cn');
    expect(textOf(toSchool)).toContain('邮件小学：整改食堂卫生（整改期限 2026-04-10，已逾期 1 天）');
    expect(textOf(toSchool)).toContain(`在督导平台中查看：https://dudao.example.cn/rectifications/${item.id}`);
    expect(textOf(smtp.received.find((m) => m.to.includes('office@bz.example.cn'))!)).toContain(`Open it in Dudao: https://dudao.example.cn/rectifications/${item.id}`);
    expect((await outbox()).every((m) => m.status === 'sent' && m.attempts === 1 && m.sent_at)).toBe(true);
    await setStatus(world, item, 'submitted');
  });

  it('retries a refused mail after a pause and gives up after the last attempt, keeping the error', async () => {
    smtp.received.length = 0;
    await setEmail(world, noMail, 'refuse@bz.example.cn');
    await world.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, world.platform, [noMail], { kind: 'test', title: '测试邮件', body: '正文' }));
    const id = (await outbox()).find((m) => m.to_address === 'refuse@bz.example.cn')!.id;
    const row = async () => world.platform.database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    expect(await sendPendingMail(world.platform)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row()).last_error).toContain('mailbox unavailable');
    // Not again before the pause is over.
    expect(await sendPendingMail(world.platform)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_MAIL_ATTEMPTS; attempt += 1) {
      world.clock.advanceMinutes(2 ** (attempt - 1));
      const result = await sendPendingMail(world.platform);
      expect(result.retrying + result.failed, `attempt ${attempt}`).toBe(1);
    }
    expect(await row()).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    world.clock.advanceMinutes(600);
    expect(await sendPendingMail(world.platform)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('takes back a mail claimed by a process that died while sending', async () => {
    smtp.received.length = 0;
    await world.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, world.platform, [schoolUser], { kind: 'test', title: '遗留邮件' }));
    const id = (await outbox()).find((m) => m.subject === '遗留邮件')!.id;
    await world.platform.database.db.updateTable('mail_outbox').set({ status: 'sending', claimed_by: 'dead-process', claimed_at: world.clock.now().toISOString(), attempts: 1 }).where('id', '=', id).execute();
    expect((await sendPendingMail(world.platform)).sent).toBe(0);
    world.clock.advanceMinutes(20);
    expect((await sendPendingMail(world.platform)).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('writes no mail when SMTP is not configured', async () => {
    const plain = await openWorld(engine);
    try {
      const county = await makeRegion(plain, { level: 'province' });
      const unit = await makeUnit(plain, { region: county });
      const account = (await makeAccount(plain, { role: 'unit_user', unit })).id;
      await setEmail(plain, account, 'someone@bz.example.cn');
      await plain.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, plain.platform, [account], { kind: 'test', title: '无邮件' }));
      expect(await plain.platform.database.db.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
      expect(await sendPendingMail(plain.platform)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    } finally {
      await plain.close();
    }
  });

  it.runIf(engine === 'postgres')('sends each mail once when two app processes send at the same time', async () => {
    smtp.received.length = 0;
    const accounts: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const id = (await makeAccount(world, { role: 'unit_user', unit: school })).id;
      await setEmail(world, id, `parallel${i}@bz.example.cn`);
      accounts.push(id);
    }
    await world.platform.database.db.transaction().execute((trx) => notifyAccounts(trx, world.platform, accounts, { kind: 'test', title: '并发邮件' }));
    const database = createDatabase(process.env.TEST_DATABASE_URL!, { schema: world.platform.database.schema!, poolSize: 5 });
    const second = createPlatform(world.config, database, world.clock);
    try {
      const runs = await Promise.all([sendPendingMail(world.platform), sendPendingMail(second), sendPendingMail(world.platform), sendPendingMail(second)]);
      expect(runs.reduce((s, r) => s + r.sent, 0)).toBe(30);
    } finally {
      await database.close();
    }
    const addresses = smtp.received.flatMap((m) => m.to).filter((a) => a.startsWith('parallel'));
    expect(addresses).toHaveLength(30);
    expect(new Set(addresses).size).toBe(30);
  });
});
