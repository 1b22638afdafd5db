import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import type { Database } from '../platform/db/database';
import type { Platform } from '../platform/platform';
import { CliError } from './errors';
import { cliAudit } from './writes';
import { countTables } from './setup';

/** Pages on SQLite, tables on PostgreSQL. */
export type Progress = (done: number, total: number) => void;

// better-sqlite3 turns a negative page count (SQLite's "all") into zero, so "all" is its largest step instead.
const ALL_PAGES = 0x7fffffff;
// As long as the server's busy_timeout, for the restore to wait out the server's writes.
const BUSY_WAIT_MS = 5000;
const BUSY_RETRY_MS = 50;

function stepPages(totalPages: number): number {
  return Math.max(100, Math.ceil(totalPages / 100));
}

function hasMagic(file: string, magic: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    return fs.readSync(fd, head, 0, magic.length, 0) === magic.length && head.toString('latin1') === magic;
  } finally {
    fs.closeSync(fd);
  }
}

function integrityCheck(sqlite: SqliteDatabase.Database): string[] {
  return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
}

function isSound(lines: string[]): boolean {
  return lines.length === 1 && lines[0] === 'ok';
}

function schemaOption(database: Database): string[] {
  return database.schema ? [`--schema=${database.schema}`] : [];
}

/** The connection string without its password, and the password apart: command lines are visible to every local user. */
export function splitPassword(url: string): { url: string; password: string | null } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** Run pg_dump or pg_restore; resolves with its stdout, and hands each stderr line to onLine as it comes. */
function runPgTool(command: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string | null, onLine: (line: string) => void = () => {}): Promise<string> {
  const connection = databaseUrl ? splitPassword(databaseUrl) : null;
  const env = connection?.password ? { ...process.env, PGPASSWORD: connection.password } : process.env;
  const child = spawn(command, [...(connection ? [`--dbname=${connection.url}`] : []), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const problems: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    // Verbose progress reads "pg_dump: dumping …"; errors, and continuation lines such as "Command was: …", explain a failure.
    if (!line.startsWith(`${command}: `) || /^\S+: (error|warning|detail|hint):/.test(line)) problems.push(line.trim());
    onLine(line);
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new CliError(`找不到 ${command} Cannot find ${command}: install the PostgreSQL client tools (the server's major version or later) and put them on PATH`) : error);
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new CliError(`${command} 失败 ${command} failed (exit ${code}): ${problems.slice(-4).join(' | ') || '-'}`));
    });
  });
}

async function copySqlite(sqlite: SqliteDatabase.Database, dest: string, onProgress?: Progress): Promise<void> {
  let lastRemaining = Number.POSITIVE_INFINITY;
  const { totalPages } = await sqlite.backup(dest, {
    progress({ totalPages, remainingPages }) {
      onProgress?.(totalPages - remainingPages, totalPages);
      // A write from another connection (the running server) restarts the copy from the first page. After a restart
      // the rest goes in one step, under one read transaction, so a busy server cannot keep the backup from finishing.
      const restarted = remainingPages >= lastRemaining;
      lastRemaining = remainingPages;
      return restarted ? ALL_PAGES : stepPages(totalPages);
    },
  });
  onProgress?.(totalPages, totalPages);
  // A backup should be one self-contained file; WAL mode would want -wal and -shm files beside it when opened.
  const copy = new SqliteDatabase(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

async function dumpPostgres(platform: Platform, dest: string, onProgress?: Progress): Promise<void> {
  const tables = await countTables(platform.database);
  let done = 0;
  onProgress?.(0, tables);
  const args = ['--format=custom', '--verbose', `--file=${dest}`, ...schemaOption(platform.database)];
  await runPgTool('pg_dump', args, platform.config.databaseUrl, (line) => {
    if (!line.startsWith('pg_dump: dumping contents of table ')) return;
    done += 1;
    onProgress?.(done, Math.max(done, tables));
  });
  onProgress?.(Math.max(done, tables), Math.max(done, tables));
}

export interface BackupOptions {
  /** Overwrite an existing file. */
  force?: boolean;
  onProgress?: Progress;
}

/**
 * Back up the database while the server keeps running: SQLite through its online backup API,
 * PostgreSQL with pg_dump in custom format (one consistent snapshot). The files folder is not included.
 */
export async function backupDatabase(platform: Platform, out: string, options: BackupOptions = {}): Promise<{ file: string; bytes: number }> {
  const { database } = platform;
  const file = path.resolve(out);
  if (database.sqliteFile && file === path.resolve(database.sqliteFile)) throw new CliError(`备份不能写到数据库文件本身 The backup cannot overwrite the database itself: ${file}`);
  if (fs.existsSync(file) && !options.force) throw new CliError(`文件已存在，加 --force 覆盖 The file exists (add --force to overwrite it): ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written under another name and renamed when complete, so an interrupted run never leaves a truncated file that looks like a backup.
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    if (database.sqlite) await copySqlite(database.sqlite, partial, options.onProgress);
    else await dumpPostgres(platform, partial, options.onProgress);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  const bytes = fs.statSync(file).size;
  await database.db.transaction().execute((trx) => platform.audit.record(trx, null, cliAudit({ action: 'system.backup', detail: { file, bytes } })));
  return { file, bytes };
}

async function restoreSqlite(target: string, source: string, onProgress: Progress): Promise<void> {
  if (path.resolve(target) === source) throw new CliError(`备份文件就是数据库本身 The backup is the database file itself: ${source}`);
  if (!hasMagic(source, 'SQLite format 3\0')) throw new CliError(`不是 SQLite 备份文件 Not a SQLite backup: ${source}`);
  const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    const damage = integrityCheck(backup);
    if (!isSound(damage)) throw new CliError(`备份文件已损坏，数据库未改动 The backup is damaged; the database was not changed: ${damage.slice(0, 3).join('; ')}`);
    // The backup API writes the pages through SQLite's own locking and journal, in one transaction: a server with
    // the file open sees the old database or the restored one, never a torn copy, as it would if the file were copied over.
    for (let waited = 0; ; waited += BUSY_RETRY_MS) {
      const { totalPages } = await backup.backup(target, {
        progress({ totalPages, remainingPages }) {
          onProgress(totalPages - remainingPages, totalPages);
          return stepPages(totalPages);
        },
      });
      if (totalPages > 0) {
        onProgress(totalPages, totalPages);
        return;
      }
      // better-sqlite3 ends at once, as if done with zero pages, when the first step finds another writer holding the lock.
      if (waited >= BUSY_WAIT_MS) throw new CliError('数据库一直忙于写入，未恢复，请重试 The database stayed busy and was not restored: try again');
      await sleep(BUSY_RETRY_MS);
    }
  } finally {
    backup.close();
  }
}

async function restorePostgres(platform: Platform, source: string, onProgress: Progress): Promise<void> {
  if (!hasMagic(source, 'PGDMP')) throw new CliError(`不是 pg_dump 自定义格式（-Fc）的备份 Not a pg_dump custom-format (-Fc) backup: ${source}`);
  const { database } = platform;
  const selection = schemaOption(database);
  // Reading the archive's table of contents first checks it is whole before anything is dropped, and counts the tables to load.
  const listing = await runPgTool('pg_restore', ['--list', ...selection, source], null);
  const tables = listing.split('\n').filter((line) => line.includes(' TABLE DATA ')).length;
  if (tables === 0) throw new CliError(`备份中没有${database.schema ? `模式 ${database.schema} 的` : ''}表，数据库未改动 The backup holds no tables${database.schema ? ` in schema ${database.schema}` : ''}; the database was not changed`);
  let done = 0;
  onProgress(0, tables);
  // One transaction: a restore that fails half-way leaves the database as it was.
  const args = ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--verbose', ...selection, source];
  await runPgTool('pg_restore', args, platform.config.databaseUrl, (line) => {
    if (!line.startsWith('pg_restore: processing data for table ')) return;
    done += 1;
    onProgress(done, Math.max(done, tables));
  });
  onProgress(Math.max(done, tables), Math.max(done, tables));
}

export interface RestoreOptions {
  /** Replace a database that has tables. */
  force?: boolean;
  onProgress?: (step: 'restore' | 'verify', done: number, total: number) => void;
}

export interface RestoreResult {
  /** PRAGMA integrity_check on SQLite (["ok"] when sound); null on PostgreSQL. */
  integrity: string[] | null;
  audit: { ok: boolean; checked: number; brokenAt?: number };
}

/** Put a backup from backupDatabase in place of the database, then check it and its audit chain. */
export async function restoreDatabase(platform: Platform, from: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { database } = platform;
  const source = path.resolve(from);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new CliError(`备份文件不存在 No such backup file: ${source}`);
  if (!options.force && (await countTables(database)) > 0) {
    throw new CliError('数据库已有数据，加 --force 以备份替换 The database has data: add --force to replace it with the backup');
  }
  const onRestore: Progress = (done, total) => options.onProgress?.('restore', done, total);
  let integrity: string[] | null = null;
  if (database.sqlite) {
    await restoreSqlite(database.sqliteFile!, source, onRestore);
    integrity = integrityCheck(database.sqlite);
  } else {
    await restorePostgres(platform, source, onRestore);
  }
  // The operator rewound the log on purpose: checkpoints of the replaced database no longer bind.
  await platform.audit.checkpoint('restore');
  const audit = await platform.audit.verify((done, total) => options.onProgress?.('verify', done, total));
  if (integrity === null || isSound(integrity)) {
    await database.db.transaction().execute((trx) => platform.audit.record(trx, null, cliAudit({ action: 'system.restore', detail: { from: source, chain: audit } })));
  }
  return { integrity, audit };
}
