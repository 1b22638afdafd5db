import type { Executor } from '../../platform/db/database';

/**
 * Document numbers (发文字号): 机关代字 + 〔year〕 + serial + 号, the serial running per issuing office, notice
 * type and year without gaps and without leading zeros (GB/T 9704; domain-rules §5.2–5.3). An office sets a
 * pattern per type with the placeholders {year} and {n}; until it does, a default is derived from its
 * region's name and the type.
 */
export const YEAR = '{year}';
export const SERIAL = '{n}';

/** 代字 suffixes of the national types: 教督 + one character naming the kind of document. */
const typeCodes: Record<string, string> = {
  supervision_notice: '教督办',
  supervision_letter: '教督函',
  work_reminder: '教督提',
  warning: '教督警',
  urgent: '教督急',
  feedback: '教督反',
  bulletin: '教督通',
  interview: '教督谈',
};

/**
 * The short form of a region's name used as 机关代字: a city is its first character and 市 (巴中市 → 巴市, as
 * in 巴市教督办), a county or a province its name without the level character (恩阳区 → 恩阳, 四川省 → 四川).
 * Without a level: the first character and the level character.
 */
export function regionAbbreviation(name: string, level?: string): string {
  const chars = [...name];
  const last = chars.at(-1) ?? '';
  const hasLevel = /[省市县区州旗盟]/.test(last) && chars.length > 1;
  if (level === 'city') return `${chars[0]}市`;
  if (level && hasLevel) return chars.length > 2 ? chars.slice(0, -1).join('') : name;
  return hasLevel ? `${chars[0]}${last}` : chars[0] ?? '';
}

/** e.g. 巴市教督办〔{year}〕{n}号 for the city of 巴中 and the supervision notice. */
export function defaultPattern(regionName: string, type: { key: string; name_zh: string }, level?: string): string {
  const code = typeCodes[type.key] ?? `教督${type.name_zh.slice(0, 1)}`;
  return `${regionAbbreviation(regionName, level)}${code}〔${YEAR}〕${SERIAL}号`;
}

/** What is wrong with a pattern, or null: {year} and {n} exactly once each, nothing else in braces. */
export function patternProblem(pattern: string): 'NOTICE_PATTERN_PLACEHOLDERS' | null {
  const placeholders = pattern.match(/\{[^}]*\}/g) ?? [];
  const ok = placeholders.length === 2 && placeholders.filter((p) => p === YEAR).length === 1 && placeholders.filter((p) => p === SERIAL).length === 1;
  return ok ? null : 'NOTICE_PATTERN_PLACEHOLDERS';
}

export function renderNumber(pattern: string, year: number, serial: number): string {
  return pattern.replace(YEAR, String(year)).replace(SERIAL, String(serial));
}

/**
 * Take the next serial of a series inside the caller's transaction. The counter row is created if missing
 * (a racing creator's insert does nothing), then incremented in one statement that returns the new value:
 * on PostgreSQL the row lock makes concurrent issuers — in this or any other process — queue, and the
 * number disappears with the transaction if anything after it fails, so the series has no gaps.
 */
export async function takeNextNumber(trx: Executor, regionId: string, typeKey: string, year: number): Promise<number> {
  await trx.insertInto('document_counters').values({ region_id: regionId, type_key: typeKey, year, last_number: 0 })
    .onConflict((oc) => oc.columns(['region_id', 'type_key', 'year']).doNothing()).execute();
  const row = await trx.updateTable('document_counters').set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('region_id', '=', regionId).where('type_key', '=', typeKey).where('year', '=', year)
    .returning('last_number').executeTakeFirstOrThrow();
  return Number(row.last_number);
}

/** The serial the next issue of a series would get (for the settings page); the counter is not touched. */
export async function peekNextNumber(db: Executor, regionId: string, typeKey: string, year: number): Promise<number> {
  const row = await db.selectFrom('document_counters').select('last_number').where('region_id', '=', regionId).where('type_key', '=', typeKey).where('year', '=', year).executeTakeFirst();
  return Number(row?.last_number ?? 0) + 1;
}
