import { loadConfig } from './platform/config';
import { createDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrate';
import { createPlatform } from './platform/platform';
import { systemClock } from './platform/clock';
import { buildApp } from './app';
import { startScheduler } from './modules/workbench/scheduler';
import { ensureStarterTemplates } from './modules/checklists/starter-templates';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed/demo';

const config = loadConfig();
const database = createDatabase(config.databaseUrl);
const platform = createPlatform(config, database, systemClock);

await migrateToLatest(database);
// Built-in reference data every deployment starts with, not only the demo.
await ensureStarterTemplates(database.db, systemClock.now().toISOString());
if (config.seedDemo) {
  const { seeded } = await seedDemo(platform, (step, done, total) => process.stdout.write(`\r  seeding ${step}: ${done}/${total}   `));
  if (seeded) process.stdout.write('\n');
}
const app = await buildApp(platform);
if (config.auditKeyIsDefault) app.log.warn('AUDIT_HMAC_KEY is not set: the audit chain uses a development key. Set it in production.');
// Reminders and the mail sender; every process may run them (reminder_log and the outbox claim keep them single).
const scheduler = config.scheduler ? startScheduler(platform, app.log) : null;

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // A client that never lets go must not keep the process alive for ever.
    setTimeout(() => process.exit(1), 15_000).unref();
    await Promise.all([app.close(), scheduler?.stop()]);
    await database.close();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
const where = database.dialect === 'sqlite' ? database.sqliteFile : 'PostgreSQL';
console.log(`\n督导平台 Dudao is serving http://${config.host}:${config.port} (database: ${where})`);
if (config.seedDemo) {
  console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const a of demoAccounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(13)} ${a.displayName}`);
}
