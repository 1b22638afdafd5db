import { z } from 'zod';

/**
 * Pieces shared by the registers of people (inspectors, experts, committee representatives): dates,
 * ID numbers, masking, specialties.
 */

/** A real calendar date as YYYY-MM-DD (zod's ISO date pattern knows month lengths and leap years). */
export const isoDate = z.iso.date();

export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The same day `years` later (29 February falls back to 28 February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in China (UTC+8), which is the office's calendar whatever the server's zone. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 citizen ID number: 17 digits and a check character (ISO 7064 MOD 11-2), with a real birth date. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birth)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

export const idNumberField = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/).refine(validIdNumber, 'ID_NUMBER_INVALID');
export const mobileField = z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/);
export const specialtiesField = z.array(z.string().trim().min(1).max(30)).max(20);

/** 510***********123X: the region prefix and the last four stay, enough to tell two people apart. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return null;
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;
}

export function parseList(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
}

/** Specialties as an office writes them in a sheet cell: separated by 、，, ; or spaces. */
export function splitList(cell: string | null): string[] {
  if (!cell) return [];
  return [...new Set(cell.split(/[、，,；;\s]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Every page of a list for its export, with the list's own query and order, 500 rows at a time. */
export async function* allPages<T, R>(fetch: (page: number, pageSize: number) => Promise<{ items: T[] }>, row: (item: T) => R) {
  const size = 500;
  for (let page = 1; ; page += 1) {
    const { items } = await fetch(page, size);
    yield items.map(row);
    if (items.length < size) return;
  }
}

/** Column headers in the caller's language, for the exports of the people lists. */
export function columnsOf(locale: 'zh-CN' | 'en', columns: [key: string, zh: string, en: string, width?: number][]) {
  return columns.map(([key, zh, en, width]) => ({ key, header: locale === 'en' ? en : zh, width: width ?? 16 }));
}
