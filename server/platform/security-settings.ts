import { z } from 'zod';
import type { Executor } from './db/database';
import type { Clock } from './clock';
import { readSetting, writeSetting } from './settings-store';

/** Numbers the security administrator tunes with the assessor (domain-rules §7.2); defaults are common practice. */
export const securitySettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  lockoutThreshold: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(10).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(30),
  passwordMaxAgeDays: z.number().int().min(0).max(365),
  /** A new sign-in ends the account's other sessions. */
  singleSession: z.boolean().default(false),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export function defaultSecuritySettings(idleTimeoutMinutes: number): SecuritySettings {
  return { passwordMinLength: 8, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes, passwordMaxAgeDays: 90, singleSession: false };
}

const KEY = 'security';

export async function readSecuritySettings(db: Executor, defaults: SecuritySettings): Promise<SecuritySettings> {
  return readSetting(db, KEY, securitySettingsSchema, defaults);
}

export async function writeSecuritySettings(db: Executor, value: SecuritySettings, clock: Clock): Promise<void> {
  await writeSetting(db, KEY, value, clock);
}
