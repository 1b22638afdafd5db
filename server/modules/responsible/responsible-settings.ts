import { z } from 'zod';
import type { Executor } from '../../platform/db/database';
import type { Clock } from '../../platform/clock';
import { readSetting, writeSetting } from '../../platform/settings-store';

/**
 * The staffing guideline of 责任督学挂牌督导: one inspector for about five schools. Assigning more is allowed
 * (a sparse county may need it) but warned about; the number is the deployment's to tune.
 */
export const responsibleSettingsSchema = z.object({
  schoolsPerInspector: z.number().int().min(1).max(50),
});
export type ResponsibleSettings = z.infer<typeof responsibleSettingsSchema>;

export const defaultResponsibleSettings: ResponsibleSettings = { schoolsPerInspector: 5 };

const KEY = 'responsible';

export async function readResponsibleSettings(db: Executor): Promise<ResponsibleSettings> {
  return readSetting(db, KEY, responsibleSettingsSchema, defaultResponsibleSettings);
}

export async function writeResponsibleSettings(db: Executor, value: ResponsibleSettings, clock: Clock): Promise<void> {
  await writeSetting(db, KEY, value, clock);
}
