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

/** A fresh database (a new SQLite file, or a new PostgreSQL schema), migrated, with an app on it. */
export async function openWorld(engine: 'sqlite' | 'postgres', env: Record<string, string> = {}, options: { realClock?: boolean } = {}): Promise<TestWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dudao-test-'));
  let url = `sqlite:${path.join(dir, 'test.db')}`;
  let schema: string | undefined;
  if (engine === 'postgres') {
    url = process.env.TEST_DATABASE_URL!;
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const config = loadConfig({
    DATABASE_URL: url,
    FILES_DIR: path.join(dir, 'files'),
    AUDIT_HMAC_KEY: 'test-audit-key-0123456789',
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(dir, 'web'),
    SIGNIN_RATE_LIMIT: '1000',
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    ...env,
  });
  const database = createDatabase(url, { schema, poolSize: 5 });
  await migrateToLatest(database);
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
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
