import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Database, Dialect } from './database';
import * as platform from './migrations/2026-11-28T0900-platform';
import * as people from './migrations/2026-11-28T1200-people';
import * as supervision from './migrations/2026-11-28T1300-supervision';
import * as notices from './migrations/2026-11-28T1400-notices';
import * as teamPeople from './migrations/2026-11-28T1500-team-people';
import * as problemRegisterIndex from './migrations/2026-11-28T1600-problem-register-index';
import * as rectificationTallies from './migrations/2026-11-28T1700-rectification-tallies';
import * as problemScopeCounts from './migrations/2026-11-28T1800-problem-scope-counts';
import * as auditHeadGuard from './migrations/2026-12-03T0900-audit-head-guard';
import * as accountAddresses from './migrations/2026-12-03T0905-account-addresses';
import * as feePayer from './migrations/2026-12-03T0910-fee-payer';
import * as accountabilityCases from './migrations/2026-12-03T0930-accountability-cases';
import * as indicatorFrameworks from './migrations/2026-12-04T0500-indicator-frameworks';
import * as schoolStatistics from './migrations/2026-12-04T1200-school-statistics';
import * as complaints from './migrations/2026-12-05T0900-complaints';

type DialectMigration = { up(db: Kysely<any>, dialect: Dialect): Promise<void> };

/** Every migration, in order, named by its ISO timestamp. */
const migrations: Record<string, DialectMigration> = {
  '2026-11-28T0900-platform': platform,
  '2026-11-28T1200-people': people,
  '2026-11-28T1300-supervision': supervision,
  '2026-11-28T1400-notices': notices,
  '2026-11-28T1500-team-people': teamPeople,
  '2026-11-28T1600-problem-register-index': problemRegisterIndex,
  '2026-11-28T1700-rectification-tallies': rectificationTallies,
  '2026-11-28T1800-problem-scope-counts': problemScopeCounts,
  '2026-12-03T0900-audit-head-guard': auditHeadGuard,
  '2026-12-03T0905-account-addresses': accountAddresses,
  '2026-12-03T0910-fee-payer': feePayer,
  '2026-12-03T0930-accountability-cases': accountabilityCases,
  '2026-12-04T0500-indicator-frameworks': indicatorFrameworks,
  '2026-12-04T1200-school-statistics': schoolStatistics,
  '2026-12-05T0900-complaints': complaints,
};

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        out[name] = { up: (db) => m.up(db, database.dialect) };
      }
      return out;
    },
  };
  // Name the schema: Kysely otherwise finds another schema's migration tables and skips creating its own.
  const migrator = new Migrator({ db: database.db, provider, ...(database.schema ? { migrationTableSchema: database.schema } : {}) });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
