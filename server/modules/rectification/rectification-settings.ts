import { z } from 'zod';
import type { Executor } from '../../platform/db/database';
import type { Clock } from '../../platform/clock';
import { readSetting, writeSetting } from '../../platform/settings-store';
import type { Platform } from '../../platform/platform';
import { chinaToday } from '../inspectors/people';
import type { DeadlineDay } from './rectification-status';

/**
 * How deadlines act, tuned by an office administrator for the deployment: reminders N days before, on the
 * day and after it (催办, repeated every few days while overdue), and the yellow light's window.
 */
export const rectificationSettingsSchema = z.object({
  remindDaysBefore: z.number().int().min(1).max(30),
  overdueEveryDays: z.number().int().min(1).max(30),
  yellowDays: z.number().int().min(1).max(30),
});
export type RectificationSettings = z.infer<typeof rectificationSettingsSchema>;

export const defaultRectificationSettings: RectificationSettings = { remindDaysBefore: 3, overdueEveryDays: 3, yellowDays: 3 };

const KEY = 'rectification';

export async function readRectificationSettings(db: Executor): Promise<RectificationSettings> {
  return readSetting(db, KEY, rectificationSettingsSchema, defaultRectificationSettings);
}

export async function writeRectificationSettings(db: Executor, value: RectificationSettings, clock: Clock): Promise<void> {
  await writeSetting(db, KEY, value, clock);
}

/** Today (China's calendar day) and the yellow window: everything a traffic light needs. */
export async function deadlineDay(platform: Platform): Promise<DeadlineDay> {
  return { today: chinaToday(platform.clock.now()), yellowDays: (await readRectificationSettings(platform.database.db)).yellowDays };
}
