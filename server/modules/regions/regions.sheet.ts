import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { RegionsTable } from '../../platform/db/schema';
import { t, type Locale } from '../../platform/i18n';
import { readSheet, RowIssues, templateWorkbook, type SheetColumn, type UploadedSheet } from '../../platform/xlsx';
import { regionsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { regionLevels, type RegionFilters, type RegionLevel } from './regions.schemas';
import { canCreateUnder, codeProblem, filteredRegions, levelFits, regionSortColumns } from './regions.service';

export const levelLabels: Record<RegionLevel, string> = { province: '省', city: '市', county: '区县', township: '乡镇街道', village: '村社区', zone: '功能区' };
const levelByLabel = new Map<string, RegionLevel>();
for (const level of regionLevels) {
  levelByLabel.set(level, level);
  levelByLabel.set(levelLabels[level], level);
}

export const regionSheetColumns: SheetColumn[] = [
  { field: 'code', header: { 'zh-CN': '区划代码', en: 'Code' }, width: 16, required: true },
  { field: 'name', header: { 'zh-CN': '名称', en: 'Name' }, width: 24, required: true },
  { field: 'level', header: { 'zh-CN': '层级', en: 'Level' }, required: true, choices: Object.values(levelLabels) },
  { field: 'parentCode', header: { 'zh-CN': '上级区划代码', en: 'Parent code' }, width: 16, required: true },
];

export function regionTemplate(locale: Locale): Promise<Buffer> {
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['Level', Object.values(levelLabels).join(', ')], ['Code', 'Township 9 digits starting with its county code; village 12 digits; a zone any letters, digits and dashes'], ['Parent code', 'A region inside your scope, or a row above or below in this file'], ['', 'If any row has an error, nothing is imported.']]
    : [['列', '填写说明'], ['层级', Object.values(levelLabels).join('、')], ['区划代码', '乡镇街道为以所属区县代码开头的9位代码，村社区为12位；功能区可用字母、数字和短横线'], ['上级区划代码', '本辖区内已有的区划，或本文件中的另一行'], ['', '任一行有错误时整个文件都不会导入。']];
  return templateWorkbook(locale === 'en' ? 'Regions' : '行政区划', regionSheetColumns, locale, notes);
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v).trim() || null);

interface Pending {
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string;
}

/**
 * Import regions, all or nothing. A row's parent may be an existing region the caller may add under, or
 * another row of the same file in any order; codes are checked against their level and parent as in the form.
 */
export async function importRegions(platform: Platform, ctx: RequestContext, sheet: UploadedSheet) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const db = platform.database.db;
  const { rows, letters } = await readSheet(sheet.buffer, regionSheetColumns);
  const issues = new RowIssues(regionSheetColumns, letters, locale);

  const pending: Pending[] = [];
  const inFile = new Map<string, number>();
  for (const { row, values } of rows) {
    const code = text(values.code);
    const name = text(values.name);
    const levelText = text(values.level);
    const parentCode = text(values.parentCode);
    const level = levelText ? levelByLabel.get(levelText) : undefined;
    if (!code) issues.add(row, 'code', t(locale, 'IMPORT_REQUIRED'));
    else if (!/^[0-9A-Za-z-]{2,20}$/.test(code)) issues.add(row, 'code', t(locale, 'REGION_CODE_FORMAT'));
    if (!name) issues.add(row, 'name', t(locale, 'IMPORT_REQUIRED'));
    else if (name.length > 50) issues.add(row, 'name', t(locale, 'IMPORT_TOO_LONG', { max: 50 }));
    if (!levelText) issues.add(row, 'level', t(locale, 'IMPORT_REQUIRED'));
    else if (!level) issues.add(row, 'level', t(locale, 'IMPORT_BAD_CHOICE', { value: levelText }));
    if (!parentCode) issues.add(row, 'parentCode', t(locale, 'IMPORT_REQUIRED'));
    if (code) {
      const first = inFile.get(code);
      if (first !== undefined) issues.add(row, 'code', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
      else inFile.set(code, row);
    }
    if (code && name && level && parentCode) pending.push({ row, code, name, level, parentCode });
  }

  const lookups = [...new Set(pending.flatMap((p) => [p.code, p.parentCode]))];
  const existing = new Map<string, RegionsTable>();
  for (let i = 0; i < lookups.length; i += 500) {
    for (const r of await db.selectFrom('regions').selectAll().where('code', 'in', lookups.slice(i, i + 500)).execute()) existing.set(r.code, r);
  }
  const visible = new Set<string>();
  for (let i = 0; i < lookups.length; i += 500) {
    const found = await db.selectFrom('regions').select('code').where('code', 'in', lookups.slice(i, i + 500)).where(regionsScope(actor.scope)).execute();
    for (const r of found) visible.add(r.code);
  }

  // Place rows whose parent is known, repeatedly, so a file may list children before their parents.
  const now = platform.clock.now().toISOString();
  const placed = new Map<string, RegionsTable>();
  let open = pending.filter((p) => {
    if (existing.has(p.code)) {
      issues.add(p.row, 'code', t(locale, 'REGION_CODE_TAKEN', { value: p.code }));
      return false;
    }
    return true;
  });
  for (let progress = true; progress && open.length; ) {
    progress = false;
    open = open.filter((p) => {
      const fromFile = placed.get(p.parentCode);
      const fromDb = existing.get(p.parentCode);
      const parent = fromFile ?? (fromDb && visible.has(fromDb.code) ? fromDb : undefined);
      if (!parent) return true;
      progress = true;
      if (!fromFile && !canCreateUnder(actor, parent.path)) {
        issues.add(p.row, 'parentCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: p.parentCode }));
        return false;
      }
      if (!levelFits(p.level, parent.level)) {
        issues.add(p.row, 'level', t(locale, 'REGION_LEVEL_ORDER'));
        return false;
      }
      const problem = codeProblem(p.level, p.code, parent);
      if (problem) {
        issues.add(p.row, 'code', t(locale, problem.key, problem.params));
        return false;
      }
      const id = newId();
      placed.set(p.code, {
        id, code: p.code, name: p.name, level: p.level, parent_id: parent.id, path: `${parent.path}${id}/`,
        depth: parent.depth + 1, active: 1, created_at: now, updated_at: now,
      });
      return false;
    });
  }
  for (const p of open) issues.add(p.row, 'parentCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: p.parentCode }));
  issues.throwIfAny();

  const ordered = [...placed.values()].sort((a, b) => a.depth - b.depth);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ordered.length; i += 200) await trx.insertInto('regions').values(ordered.slice(i, i + 200)).execute();
    await platform.audit.record(trx, ctx, { action: 'region.import', entityType: 'region', detail: { file: sheet.name, sha256: sheet.sha256, rows: ordered.length } });
  });
  return { imported: ordered.length };
}

export function regionExportColumns(locale: Locale) {
  return [
    ...regionSheetColumns.map((c) => ({ header: c.header[locale], key: c.field, width: c.width })),
    { header: locale === 'en' ? 'Status' : '状态', key: 'status', width: 8 },
  ];
}

export async function* exportRegionBatches(db: Executor, actor: Actor, f: RegionFilters, locale: Locale) {
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const rows = await filteredRegions(db, actor, f)
      .leftJoin('regions as parent', 'parent.id', 'regions.parent_id')
      .selectAll('regions')
      .select('parent.code as parent_code')
      .orderBy(regionSortColumns[f.sort], f.order)
      .orderBy('regions.id')
      .limit(batch)
      .offset(offset)
      .execute();
    yield rows.map((r) => ({
      code: r.code, name: r.name, level: levelLabels[r.level as RegionLevel] ?? r.level, parentCode: r.parent_code,
      status: r.active === 1 ? (locale === 'en' ? 'active' : '正常') : (locale === 'en' ? 'inactive' : '停用'),
    }));
    if (rows.length < batch) return;
  }
}
