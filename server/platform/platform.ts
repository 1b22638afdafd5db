import type { Config } from './config';
import type { Database } from './db/database';
import type { Clock } from './clock';
import { AuditLog } from './audit';
import { LocalFileStorage, type FileStorage } from './files';
import { defaultSecuritySettings, readSecuritySettings, type SecuritySettings } from './security-settings';

/** The shared pieces every module is handed: one per process, no request state. */
export interface Platform {
  config: Config;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  storage: FileStorage;
  securitySettings(): Promise<SecuritySettings>;
}

export function createPlatform(config: Config, database: Database, clock: Clock): Platform {
  const defaults = defaultSecuritySettings(config.sessionIdleMinutes);
  return {
    config,
    database,
    clock,
    audit: new AuditLog(database, config.auditHmacKey, clock, { dir: config.auditCheckpointDir, every: config.auditCheckpointEvery }),
    storage: new LocalFileStorage(config.filesDir),
    securitySettings: () => readSecuritySettings(database.db, defaults),
  };
}
