import type { z } from 'zod';
import type { Executor } from './db/database';
import type { Clock } from './clock';

/** A group of settings stored as one JSON row; a stored value that no longer fits the schema gives the defaults. */
export async function readSetting<T extends object>(db: Executor, key: string, schema: z.ZodType<T>, defaults: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return defaults;
  const parsed = schema.safeParse({ ...defaults, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : defaults;
}

export async function writeSetting(db: Executor, key: string, value: object, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}
