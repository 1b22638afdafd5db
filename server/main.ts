import cluster, { type Worker } from 'node:cluster';
import { loadConfig, startRefusal, type Config } from './platform/config';
import { createDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrate';
import { createPlatform } from './platform/platform';
import { systemClock } from './platform/clock';
import { buildApp } from './app';
import { startScheduler } from './modules/workbench/scheduler';
import { ensureStarterTemplates } from './modules/checklists/starter-templates';
import { ensureStarterFramework } from './modules/indicators/starter-framework';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed/demo';

const config = loadConfig();
const refusal = startRefusal(config);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

/** Migrations, reference data and the demo: once, in the starting process, before any process serves. */
async function prepare(): Promise<void> {
  const database = createDatabase(config.databaseUrl);
  await migrateToLatest(database);
  // Built-in reference data every deployment starts with, not only the demo.
  await ensureStarterTemplates(database.db, systemClock.now().toISOString());
  await ensureStarterFramework(database.db, systemClock.now().toISOString());
  if (config.seedDemo) {
    const { seeded } = await seedDemo(createPlatform(config, database, systemClock), (step, done, total) => process.stdout.write(`\r  seeding ${step}: ${done}/${total}   `));
    if (seeded) process.stdout.write('\n');
  }
  await database.close();
}

/** One serving process: its own connections, app and scheduler; nothing it holds is needed by another. */
async function serve(): Promise<() => Promise<void>> {
  const database = createDatabase(config.databaseUrl);
  // The sign-in limit is counted in each process's memory; connections are spread over the processes, so each
  // takes its share and an address still meets about the limit it was given.
  const own = cluster.isWorker ? { ...config, signInRateLimit: Math.ceil(config.signInRateLimit / config.workers) } : config;
  const platform = createPlatform(own, database, systemClock);
  const app = await buildApp(platform);
  platform.audit.logCheckpointsTo((checkpoint) => app.log.info({ auditCheckpoint: checkpoint }, 'audit checkpoint'));
  await platform.audit.checkpoint();
  if (config.auditKeyIsDefault && cluster.isPrimary) app.log.warn('AUDIT_HMAC_KEY is not set: the audit chain uses a development key. Set it in production.');
  if (config.complaintKeyIsDefault && cluster.isPrimary) app.log.warn('COMPLAINT_KEY is not set: complainants\' names and phones are encrypted with a development key. Set it in production.');
  // Reminders and the mail sender; every process may run them (reminder_log and the outbox claim keep them single).
  const scheduler = config.scheduler ? startScheduler(platform, app.log) : null;
  await app.listen({ host: config.host, port: config.port });
  return async () => {
    app.log.info('shutting down: finishing requests in flight');
    await Promise.all([app.close(), scheduler?.stop()]);
    await platform.audit.checkpoint().catch(() => undefined);
    await database.close();
  };
}

function announce(config: Config, port: number): void {
  const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : 'PostgreSQL';
  const processes = config.workers > 1 ? `, ${config.workers} processes` : '';
  console.log(`\n督导平台 Dudao is serving http://${config.host}:${port} (database: ${where}${processes})`);
  if (config.seedDemo) {
    console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demoAccounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(13)} ${a.displayName}`);
  }
}

/** SIGTERM and SIGINT drain what is in flight, then exit; a client that never lets go cannot hold the process. */
function onStop(stop: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      if (closing) return;
      closing = true;
      setTimeout(() => process.exit(1), 15_000).unref();
      await stop();
      process.exit(0);
    });
  }
}

/**
 * WORKERS > 1: the starting process prepares the database, then runs that many serving processes on one port
 * (node:cluster hands connections round-robin) and starts a new one when one dies. On SIGTERM it passes the
 * signal on and exits once every process has drained, with a failure code if any of them failed.
 */
function supervise(): void {
  const workers = new Set<Worker>();
  let closing = false;
  let listening = 0;
  let failed = false;
  const start = () => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.once('listening', (address) => {
      listening += 1;
      if (listening === config.workers) announce(config, address.port);
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (closing) {
        if (code !== 0) failed = true;
        if (workers.size === 0) process.exit(failed ? 1 : 0);
        return;
      }
      console.error(`server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
      start();
    });
  };
  for (let i = 0; i < config.workers; i += 1) start();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      closing = true;
      setTimeout(() => process.exit(1), 20_000).unref();
      for (const worker of workers) worker.process.kill('SIGTERM');
    });
  }
}

if (cluster.isPrimary) {
  await prepare();
  if (config.workers > 1) {
    supervise();
  } else {
    onStop(await serve());
    announce(config, config.port);
  }
} else {
  // A serving process whose starting process is gone (killed outright) must not keep the port.
  process.on('disconnect', () => process.exit(1));
  onStop(await serve());
}
