import { loadConfig, type Config } from '../platform/config';
import { createDatabase, type Database } from '../platform/db/database';
import { createPlatform, type Platform } from '../platform/platform';
import { systemClock } from '../platform/clock';
import { roles, scopedRoles } from '../platform/permissions';
import { DEMO_PASSWORD, demoAccounts } from '../seed/demo';
import { formatOptions, parseOptions, type OptionSpec, type Options } from './args';
import { CliError, usageError } from './errors';
import { progressLine, type ProgressLine } from './progress';
import { migrateDatabase, requireTables, seedDatabase } from './setup';
import { createAccountFromCli, resetPasswordFromCli } from './accounts';
import type { ChainCheck } from '../platform/audit';
import { backupDatabase, restoreDatabase, splitPassword } from './backup';

/**
 * 督导 command-line tool: parses arguments, opens the database the server would use, and prints.
 * The work itself is in the modules beside this one, which the tests call directly.
 */

const USAGE = 'npm run cli --';

interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec[];
  notes?: string[];
  run(options: Options, config: Config): Promise<number>;
}

const print = (line: string) => console.log(line);
const note = (line: string) => console.error(line);

function describeDatabase(database: Database, config: Config): string {
  if (database.sqliteFile) return `SQLite ${database.sqliteFile}`;
  return `PostgreSQL ${splitPassword(config.databaseUrl).url}${database.schema ? ` (schema ${database.schema})` : ''}`;
}

/** Open the database from the environment, as the server does; closed when fn settles. */
async function withPlatform(config: Config, fn: (platform: Platform) => Promise<number>): Promise<number> {
  let database: Database;
  try {
    database = createDatabase(config.databaseUrl);
  } catch (error) {
    throw new CliError(`无法打开数据库 Cannot open the database: ${(error as Error).message}`);
  }
  try {
    note(`数据库 Database: ${describeDatabase(database, config)}`);
    return await fn(createPlatform(config, database, systemClock));
  } finally {
    await database.close();
  }
}

async function showingProgress<T>(work: (progress: ProgressLine) => Promise<T>): Promise<T> {
  const progress = progressLine();
  try {
    return await work(progress);
  } finally {
    progress.finish();
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function printAuditResult(result: ChainCheck, config: Config): void {
  if (result.ok) {
    print(`审计链完整 Audit chain intact: ${result.checked} 条 entries`);
    return;
  }
  if (result.cutShort) {
    print(`审计日志被截短 Audit log CUT SHORT: 签名检查点 a signed checkpoint of ${result.cutShort.checkpointAt} reached seq ${result.cutShort.checkpointSeq}, 日志只到 the log ends at seq ${result.checked}`);
    return;
  }
  if (result.forgedCheckpoints) {
    print(`审计检查点签名不符 ${result.forgedCheckpoints} audit checkpoint(s) carry a wrong signature (${config.auditCheckpointDir})`);
    return;
  }
  print(`审计链断裂 Audit chain BROKEN at seq ${result.brokenAt} (此前 ${result.checked} 条完好 the ${result.checked} entries before it are intact)`);
  if (result.brokenAt === 1) note('从第一条起即不符时，请先确认 AUDIT_HMAC_KEY 与写入日志时相同 When it breaks at the first entry, check AUDIT_HMAC_KEY is the key the log was written with');
  if (config.auditKeyIsDefault) note('AUDIT_HMAC_KEY 未设置，正使用开发密钥 AUDIT_HMAC_KEY is not set: the development key is in use');
}

const passwordNote = '命令行里的密码会留在 shell 历史中，最好省略 --password 由工具生成 A password on the command line stays in the shell history: prefer leaving out --password';

const commands: Command[] = [
  {
    name: 'migrate',
    summary: '运行数据库迁移 Run the database migrations',
    usage: 'migrate',
    options: [],
    run: (_options, config) =>
      withPlatform(config, async ({ database }) => {
        const ran = await migrateDatabase(database);
        if (ran.length === 0) print('数据库已是最新 The database is up to date');
        for (const name of ran) print(`已运行迁移 Migrated: ${name}`);
        return 0;
      }),
  },
  {
    name: 'seed',
    summary: '迁移后写入演示数据（已有数据则不写） Migrate, then load the demo data into an empty database',
    usage: 'seed',
    options: [],
    notes: [`演示账号的密码都是 ${DEMO_PASSWORD}，不要用于生产环境 Every demo account has the password ${DEMO_PASSWORD}: never seed a production database`],
    run: (_options, config) =>
      withPlatform(config, async (platform) => {
        const { migrated, seeded } = await showingProgress((progress) =>
          seedDatabase(platform, (step, done, total) => progress.update(`写入演示数据 Seeding ${step}`, done, total)),
        );
        for (const name of migrated) print(`已运行迁移 Migrated: ${name}`);
        if (!seeded) {
          print('数据库已有数据，未写入演示数据 The database already has data: nothing was seeded');
          return 0;
        }
        print(`演示数据已写入 Demo data loaded. 演示账号 Demo accounts (password ${DEMO_PASSWORD}):`);
        for (const a of demoAccounts) print(`  ${a.username.padEnd(10)} ${a.role.padEnd(13)} ${a.displayName}`);
        return 0;
      }),
  },
  {
    name: 'create-account',
    summary: '创建账号（首次登录须改密码） Create an account that must change its password at first sign-in',
    usage: 'create-account --username U --name NAME --role ROLE [--region CODE | --unit SCHOOL_CODE_OR_ID] [--password P]',
    options: [
      { name: 'username', value: 'U', help: '用户名 Username: 3–32 letters, digits, _ . -' },
      { name: 'name', value: 'NAME', help: '姓名 Display name' },
      { name: 'role', value: 'ROLE', help: `角色 Role: ${roles.join(', ')}` },
      { name: 'region', value: 'CODE', help: '管辖区划代码 Region code of the scope, such as 511902' },
      { name: 'unit', value: 'SCHOOL_CODE_OR_ID', help: '所属单位的学校标识码或编号 School code or id of the unit' },
      { name: 'password', value: 'P', help: '初始密码；省略则生成并显示一次 Initial password; left out, a strong one is generated and shown once' },
    ],
    notes: [
      `角色 ${scopedRoles.join(', ')} 须指定 --region 或 --unit These roles need --region or --unit`,
      passwordNote,
      '操作记入审计日志 Audited as account.create by cli',
    ],
    run: (options, config) => {
      const input = {
        username: options.required('username'),
        displayName: options.required('name'),
        role: options.required('role'),
        region: options.text('region'),
        unit: options.text('unit'),
        password: options.text('password'),
      };
      return withPlatform(config, async (platform) => {
        await requireTables(platform.database);
        const result = await createAccountFromCli(platform, input);
        print(`已创建账号 Account created: ${result.username} (${result.role}${result.scope ? `, ${result.scope}` : ''})`);
        if (result.generatedPassword) print(`初始密码（只显示这一次） Initial password (shown only this once): ${result.generatedPassword}`);
        print('首次登录须修改密码 The password must be changed at first sign-in');
        return 0;
      });
    },
  },
  {
    name: 'reset-password',
    summary: '重置密码、解除锁定并结束会话 Reset a password, lift the lockout and end the sessions',
    usage: 'reset-password --username U [--password P]',
    options: [
      { name: 'username', value: 'U', help: '用户名 Username' },
      { name: 'password', value: 'P', help: '新密码；省略则生成并显示一次 New password; left out, a strong one is generated and shown once' },
    ],
    notes: [passwordNote, '操作记入审计日志 Audited as account.reset_password by cli'],
    run: (options, config) => {
      const input = { username: options.required('username'), password: options.text('password') };
      return withPlatform(config, async (platform) => {
        await requireTables(platform.database);
        const result = await resetPasswordFromCli(platform, input);
        print(`密码已重置 Password reset: ${result.username}`);
        if (result.generatedPassword) print(`新密码（只显示这一次） New password (shown only this once): ${result.generatedPassword}`);
        print('下次登录须修改密码 The password must be changed at next sign-in');
        if (result.wasLocked) print('已解除锁定 The lockout was lifted');
        if (result.sessionsEnded > 0) print(`已结束 ${result.sessionsEnded} 个会话 Sessions ended: ${result.sessionsEnded}`);
        if (!result.active) note('注意：该账号已停用，重置密码不会启用它 Note: the account is disabled; resetting the password does not enable it');
        return 0;
      });
    },
  },
  {
    name: 'backup',
    summary: '在线备份数据库（服务器可继续运行） Back up the database while the server runs',
    usage: 'backup --out FILE [--force]',
    options: [
      { name: 'out', value: 'FILE', help: '备份文件 Backup file to write' },
      { name: 'force', help: '覆盖已有文件 Overwrite an existing file' },
    ],
    notes: [
      'SQLite：在线备份为单个数据库文件 SQLite: an online backup into one database file',
      'PostgreSQL：pg_dump 自定义格式（-Fc），须在 PATH 中 PostgreSQL: pg_dump custom format (-Fc); pg_dump must be on PATH',
      '附件目录 FILES_DIR 不在备份内，须以同样的周期和保管方式另行备份 The files folder (FILES_DIR) is not included: back it up on the same schedule and with the same care',
    ],
    run: (options, config) => {
      const out = options.required('out');
      const force = options.flag('force');
      return withPlatform(config, async (platform) => {
        await requireTables(platform.database);
        const unit = platform.database.dialect === 'sqlite' ? '页 pages' : '表 tables';
        const result = await showingProgress((progress) =>
          backupDatabase(platform, out, { force, onProgress: (done, total) => progress.update(`备份 Backing up (${unit})`, done, total) }),
        );
        print(`备份完成 Backup written: ${result.file} (${formatBytes(result.bytes)})`);
        note(`附件目录须另行备份 Back up the files folder too: ${config.filesDir}`);
        return 0;
      });
    },
  },
  {
    name: 'restore',
    summary: '从备份恢复数据库并校验 Restore the database from a backup, then check it',
    usage: 'restore --from FILE [--force]',
    options: [
      { name: 'from', value: 'FILE', help: 'backup 命令写出的文件 A file written by the backup command' },
      { name: 'force', help: '替换已有数据的数据库 Replace a database that has data' },
    ],
    notes: [
      'SQLite：经 SQLite 备份接口写入，运行中的服务器不会读到半成品 SQLite: written through the SQLite backup API, so a running server never reads a half-restored file',
      'PostgreSQL：pg_restore --clean --if-exists，单个事务 PostgreSQL: pg_restore --clean --if-exists in one transaction',
      '恢复后校验审计链；附件目录 FILES_DIR 须恢复到同一时间点 The audit chain is verified afterwards; restore FILES_DIR from the same point in time',
    ],
    run: (options, config) => {
      const from = options.required('from');
      const force = options.flag('force');
      return withPlatform(config, async (platform) => {
        const unit = platform.database.dialect === 'sqlite' ? '页 pages' : '表 tables';
        const labels = { restore: `恢复 Restoring (${unit})`, verify: '校验审计链 Verifying the audit chain' };
        const result = await showingProgress((progress) =>
          restoreDatabase(platform, from, { force, onProgress: (step, done, total) => progress.update(labels[step], done, total) }),
        );
        print(`恢复完成 Restored from: ${from}`);
        let code = 0;
        if (result.integrity) {
          const sound = result.integrity.length === 1 && result.integrity[0] === 'ok';
          print(sound ? '完整性检查通过 Integrity check: ok' : `完整性检查未通过 Integrity check FAILED: ${result.integrity.slice(0, 5).join('; ')}`);
          if (!sound) code = 1;
        }
        printAuditResult(result.audit, config);
        if (!result.audit.ok) code = 1;
        return code;
      });
    },
  },
  {
    name: 'verify-audit',
    summary: '校验防篡改审计链 Verify the tamper-evident audit chain',
    usage: 'verify-audit',
    options: [],
    notes: ['退出码 Exit status: 0 完整 intact, 1 断裂 broken (打印首个断点 the first broken seq is printed)'],
    run: (_options, config) =>
      withPlatform(config, async (platform) => {
        await requireTables(platform.database);
        const result = await showingProgress((progress) =>
          platform.audit.verify((done, total) => progress.update('校验审计链 Verifying the audit chain', done, total)),
        );
        printAuditResult(result, config);
        return result.ok ? 0 : 1;
      }),
  },
];

function toolHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    '督导平台命令行工具 Dudao command-line tool',
    '',
    `用法 Usage: ${USAGE} <command> [options]`,
    '',
    '命令 Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `命令的选项 A command's options: ${USAGE} <command> --help`,
    '',
    '数据库与服务器取自相同的环境变量 The database comes from the same settings as the server:',
    '  DATABASE_URL=postgres://…，否则 otherwise SQLITE_FILE (默认 default ./data/dudao.db); AUDIT_HMAC_KEY; FILES_DIR',
    '  LOG_LEVEL=debug 时出错显示调用栈 shows stack traces of unexpected errors',
    '退出码 Exit status: 0 成功 success, 1 失败 failure, 2 用法错误 usage error',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    command.summary,
    '',
    `用法 Usage: ${USAGE} ${command.usage}`,
    ...(command.options.length ? ['', '选项 Options:', formatOptions(command.options)] : []),
    ...(command.notes?.length ? ['', ...command.notes] : []),
  ].join('\n');
}

function environment(): Config {
  try {
    return loadConfig();
  } catch (error) {
    throw new CliError(`环境变量有误 ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    print(toolHelp());
    return 0;
  }
  if (!name) {
    note(toolHelp());
    return 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw usageError(`未知命令 Unknown command: ${name} (${USAGE} --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    print(commandHelp(command));
    return 0;
  }
  const options = parseOptions(rest, command.options);
  return command.run(options, environment());
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    note(`错误 Error: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
    note(debug && error instanceof Error && error.stack ? error.stack : `错误 Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
