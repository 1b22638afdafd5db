import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../server/platform/config';
import { createDatabase } from '../server/platform/db/database';
import { migrateToLatest } from '../server/platform/db/migrate';
import { createPlatform, type Platform } from '../server/platform/platform';
import { ManualClock, systemClock } from '../server/platform/clock';
import { buildApp } from '../server/app';

/**
 * The engines this run tests on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 * Every data test loops over these, so one suite holds both.
 */
export const engines: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestWorld {
  engine: 'sqlite' | 'postgres';
  platform: Platform;
  app: Awaited<ReturnType<typeof buildApp>>;
  clock: ManualClock;
  config: Config;
  dir: string;
  close(): Promise<void>;
}

/** The advisory lock that keeps test schemas from being dropped while another test file is migrating. */
const SCHEMA_LOCK = 51_900_001;

/** Run `work` (which looks at the database's schemas, as migrating does) while no test schema can be dropped. */
export async function keepingSchemas<T>(engine: 'sqlite' | 'postgres', work: () => Promise<T>): Promise<T> {
  if (engine !== 'postgres') return work();
  const holder = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
  await holder.connect();
  try {
    await holder.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
    return await work();
  } finally {
    await holder.end();
  }
}

/** A fresh database (a new SQLite file, or a new PostgreSQL schema), migrated, with an app on it. */
export async function openWorld(engine: 'sqlite' | 'postgres', env: Record<string, string> = {}, options: { realClock?: boolean } = {}): Promise<TestWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dudao-test-'));
  let url = `sqlite:${path.join(dir, 'test.db')}`;
  let schema: string | undefined;
  let admin: pg.Client | null = null;
  if (engine === 'postgres') {
    url = process.env.TEST_DATABASE_URL!;
    schema = `t_${randomBytes(6).toString('hex')}`;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    // Kysely's migrator looks at every schema in the database; one dropped by another test file meanwhile
    // makes that look fail. Schemas are dropped only under the exclusive form of this lock (see close).
    await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
  }
  const config = loadConfig({
    DATABASE_URL: url,
    FILES_DIR: path.join(dir, 'files'),
    AUDIT_CHECKPOINT_DIR: path.join(dir, 'audit-checkpoints'),
    AUDIT_HMAC_KEY: 'test-audit-key-0123456789',
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(dir, 'web'),
    SIGNIN_RATE_LIMIT: '1000',
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    ...env,
  });
  const database = createDatabase(url, { schema, poolSize: 5 });
  try {
    await migrateToLatest(database);
  } finally {
    await admin?.end();
  }
  const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  const platform = createPlatform(config, database, options.realClock ? systemClock : clock);
  const app = await buildApp(platform, { logger: false });
  await app.ready();
  return {
    engine, platform, app, clock, config, dir,
    async close() {
      await app.close();
      await database.close();
      if (schema) {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await dropper.query(`drop schema ${schema} cascade`);
        await dropper.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
