import { z } from 'zod';
import os from 'node:os';
import path from 'node:path';

/**
 * Every setting the server reads from its environment, validated once at start.
 * The README lists them; keep the two in step.
 */
const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  SQLITE_FILE: z.string().default('./data/dudao.db'),
  FILES_DIR: z.string().default('./data/files'),
  FILE_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  AUDIT_HMAC_KEY: z.string().min(16).optional(),
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().positive().default(100),
  NODE_ENV: z.string().optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SIGNIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default('./dist/web'),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  REMINDER_CRON: z.string().default('*/10 * * * *'),
  MAIL_CRON: z.string().default('* * * * *'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('督导平台 <dudao@localhost>'),
  PUBLIC_URL: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  WORKERS: z.coerce.number().int().min(1).max(32).optional(),
  COMPLAINT_KEY: z.string().min(16).optional(),
  COMPLAINT_POW_BITS: z.coerce.number().int().min(1).max(30).default(16),
  COMPLAINT_FILING_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  COMPLAINT_LOOKUP_RATE_LIMIT: z.coerce.number().int().positive().default(10),
});

export interface Config {
  host: string;
  port: number;
  /** postgres://… when set; otherwise the SQLite file is used. */
  databaseUrl: string;
  filesDir: string;
  fileMaxBytes: number;
  auditHmacKey: string;
  auditKeyIsDefault: boolean;
  /** Signed checkpoints of the audit chain, outside the database (see audit-checkpoints.ts). */
  auditCheckpointDir: string;
  auditCheckpointEvery: number;
  /** NODE_ENV=development: the deployment says it is a development one. */
  development: boolean;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  signInRateLimit: number;
  seedDemo: boolean;
  /** Fastify's trustProxy: false, true, or the load balancers' addresses/CIDRs (comma-separated). */
  trustProxy: boolean | string;
  logLevel: string;
  webDist: string;
  /** Whether this process runs the reminders and the mail sender (every process may; they share the work safely). */
  scheduler: boolean;
  /** Cron patterns (China time) of the reminder run and the mail sender. */
  reminderCron: string;
  mailCron: string;
  /** smtp://… or smtps://…; unset: no e-mail, in-app notifications only. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The address users open the app at, so links in e-mail are whole (https://dudao.example.cn). */
  publicUrl: string | null;
  /** The headless Chromium that renders PDFs (certificates, feedback sheets, official documents). */
  chromiumPath: string;
  /** Server processes sharing the port (node:cluster); 1 serves from the starting process itself. */
  workers: number;
  /** Encrypts complainants' names and phones and signs the public proof-of-work challenges. */
  complaintKey: string;
  complaintKeyIsDefault: boolean;
  /** Leading zero bits a filing's proof of work must reach. */
  complaintPowBits: number;
  /** Complaints one address may file per hour, and tracking-code look-ups per ten minutes. */
  complaintFilingRateLimit: number;
  complaintLookupRateLimit: number;
}

// Only for a first look on a laptop; start prints a warning while it is in use.
const DEV_AUDIT_KEY = 'dudao-development-audit-key-change-me';
const DEV_COMPLAINT_KEY = 'dudao-development-complaint-key-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const sqliteFile = path.resolve(e.SQLITE_FILE);
  const onPostgres = Boolean(e.DATABASE_URL && e.DATABASE_URL.length > 0);
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: onPostgres ? e.DATABASE_URL! : `sqlite:${sqliteFile}`,
    filesDir: path.resolve(e.FILES_DIR),
    fileMaxBytes: e.FILE_MAX_BYTES,
    auditHmacKey: e.AUDIT_HMAC_KEY ?? DEV_AUDIT_KEY,
    auditKeyIsDefault: !e.AUDIT_HMAC_KEY,
    auditCheckpointDir: path.resolve(e.AUDIT_CHECKPOINT_DIR ?? (onPostgres ? './data/audit-checkpoints' : path.join(path.dirname(sqliteFile), 'audit-checkpoints'))),
    auditCheckpointEvery: e.AUDIT_CHECKPOINT_EVERY,
    development: e.NODE_ENV === 'development',
    cookieSecure: e.COOKIE_SECURE === 'true',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    signInRateLimit: e.SIGNIN_RATE_LIMIT,
    seedDemo: e.SEED_DEMO === 'true',
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST),
    scheduler: e.SCHEDULER === 'on',
    reminderCron: e.REMINDER_CRON,
    mailCron: e.MAIL_CRON,
    smtpUrl: e.SMTP_URL && e.SMTP_URL.length > 0 ? e.SMTP_URL : null,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL && e.PUBLIC_URL.length > 0 ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    chromiumPath: e.CHROMIUM_PATH,
    // One process per core, at most four: beyond that the one database, not the processes, sets the pace.
    workers: e.WORKERS ?? Math.min(os.availableParallelism(), 4),
    complaintKey: e.COMPLAINT_KEY ?? DEV_COMPLAINT_KEY,
    complaintKeyIsDefault: !e.COMPLAINT_KEY,
    complaintPowBits: e.COMPLAINT_POW_BITS,
    complaintFilingRateLimit: e.COMPLAINT_FILING_RATE_LIMIT,
    complaintLookupRateLimit: e.COMPLAINT_LOOKUP_RATE_LIMIT,
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Why the server must not start, or null. The built-in audit key is public, so a chain signed with it proves
 * nothing: it is accepted only where the deployment says it is a development one, or nobody else can reach it.
 */
export function startRefusal(config: Config): string | null {
  if (config.development || isLoopback(config.host)) return null;
  if (config.complaintKeyIsDefault && !config.auditKeyIsDefault) {
    return `COMPLAINT_KEY is not set, and HOST=${config.host} is reachable from other machines: complainants' names and phones would be encrypted with the public development key. `
      + 'Set COMPLAINT_KEY to a long random secret (or NODE_ENV=development for a development deployment). '
      + '未设置 COMPLAINT_KEY，且服务对其他机器开放：举报人信息将以公开的开发密钥加密。请设置 COMPLAINT_KEY（开发环境可设 NODE_ENV=development）。';
  }
  if (!config.auditKeyIsDefault) return null;
  return `AUDIT_HMAC_KEY is not set, and HOST=${config.host} is reachable from other machines: the audit chain would be signed with the public development key. `
    + 'Set AUDIT_HMAC_KEY to a long random secret (or NODE_ENV=development for a development deployment). '
    + '未设置 AUDIT_HMAC_KEY，且服务对其他机器开放：审计链将以公开的开发密钥签名。请设置 AUDIT_HMAC_KEY（开发环境可设 NODE_ENV=development）。';
}
