import type { z } from 'zod';
import type { Executor } from './db/database';
import type { Clock } from './clock';

/** A group of settings stored as one JSON row; a stored value that no longer fits the schema gives the defaults. */
export async function readSetting<T extends object>(db: Executor, key: string, schema: z.ZodType<T>, defaults: T): Promise<T> {
  return (await readStoredSetting(db, key, schema, defaults)).value;
}

/** The same, and whether a value was stored at all (a group someone set, even to the defaults). */
export async function readStoredSetting<T extends object>(db: Executor, key: string, schema: z.ZodType<T>, defaults: T): Promise<{ value: T; stored: boolean }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return { value: defaults, stored: false };
  const parsed = schema.safeParse({ ...defaults, ...JSON.parse(row.value) });
  return { value: parsed.success ? parsed.data : defaults, stored: true };
}

export async function writeSetting(db: Executor, key: string, value: object, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}
