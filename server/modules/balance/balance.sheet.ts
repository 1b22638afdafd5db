import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { SchoolStatisticsTable } from '../../platform/db/schema';
import { t, type Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { unitsScope } from '../../platform/scope';
import { readSheet, RowIssues, templateWorkbook, type SheetColumn, type UploadedSheet } from '../../platform/xlsx';
import { figureDefinitions, figureText, wanYuanToYuan, type Figures } from './balance.figures';
import { statisticRules } from './balance.policy';
import * as repo from './balance.repo';

/**
 * The statistics sheet: one row per school, matched to its unit by the 10-digit school code. The equipment
 * value may be given in 元 or, as many returns print it, in 万元 — the header says which.
 */
const WAN_YUAN = 'equipmentValueWan';

export const statisticSheetColumns: SheetColumn[] = [
  { field: 'schoolCode', header: { 'zh-CN': '学校标识码', en: 'School code' }, width: 14, required: true },
  { field: 'schoolName', header: { 'zh-CN': '学校名称', en: 'School name' }, width: 28 },
  ...figureDefinitions.map((d) => ({ field: d.key, header: d.label, width: 14 })),
  { field: WAN_YUAN, header: { 'zh-CN': '教学仪器设备值（万元）', en: 'Teaching equipment value (10,000 yuan)' }, width: 14 },
];

/** The template leaves out the 万元 column: one way of writing the value, the other is accepted on import. */
export function statisticTemplate(locale: Locale): Promise<Buffer> {
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['School code', 'The 10-digit MOE school identification code of a school in your region'], ['Students', 'Registered students (学籍) at the start of the school year, per stage'], ['Teachers, classes', 'Per section: a nine-year or complete school fills both the primary and the junior columns'], ['Areas, equipment, books', 'The whole school; a combined school is split between its sections by the balance rules'], ['Equipment value', 'In yuan; a column headed "教学仪器设备值（万元）" is read as 10,000 yuan'], ['', 'If any row has an error, nothing is imported; the errors name the row and column. A school already reported for the year is replaced.']]
    : [['列', '填写说明'], ['学校标识码', '本辖区内学校的教育部10位学校（机构）标识码'], ['在校生数', '学年初注册、具有学籍的学生，按学段填写'], ['教师、班级', '按学段填写：九年一贯制、完全中学等同时填写小学和初中各列'], ['面积、设备、图书', '填写全校数，一贯制学校按均衡规则在学段间拆分'], ['教学仪器设备值', '单位为元；表头为“教学仪器设备值（万元）”的列按万元读取'], ['', '任一行有错误时整个文件都不会导入，错误会指明行号和列。本学年已填报的学校将被替换。']];
  return templateWorkbook(locale === 'en' ? 'Statistics' : '学年统计', statisticSheetColumns.filter((c) => c.field !== WAN_YUAN), locale, notes);
}

const studentKeys = ['studentsPrimary', 'studentsJunior', 'studentsSenior'];
const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v).trim());

/**
 * Import a school year's statistics, all or nothing: every school code known, inside the caller's region
 * and a school; every figure a non-negative number; each school once. A school already reported for the
 * year has its row replaced (before and after audited); other years are never touched.
 */
export async function importStatistics(platform: Platform, ctx: RequestContext, sheet: UploadedSheet, schoolYear: number) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const db = platform.database.db;
  const { rows, letters } = await readSheet(sheet.buffer, statisticSheetColumns);
  const issues = new RowIssues(statisticSheetColumns, letters, locale);

  const codes = [...new Set(rows.map((r) => text(r.values.schoolCode)).filter((c): c is string => !!c))];
  const units = new Map<string, { id: string; name: string; kind: string; region_path: string }>();
  for (let i = 0; i < codes.length; i += 500) {
    const found = await db.selectFrom('units').select(['id', 'name', 'kind', 'region_path', 'school_code']).where('school_code', 'in', codes.slice(i, i + 500)).where(unitsScope(actor.scope)).execute();
    for (const u of found) units.set(u.school_code!, u);
  }

  const seen = new Map<string, number>();
  const ready: { unitId: string; regionPath: string; figures: Figures }[] = [];
  for (const { row, values } of rows) {
    const code = text(values.schoolCode);
    const unit = code ? units.get(code) : undefined;
    if (!code) issues.add(row, 'schoolCode', t(locale, 'IMPORT_REQUIRED'));
    else if (!unit || !statisticRules.correct.can(actor, { regionPath: unit.region_path })) issues.add(row, 'schoolCode', t(locale, 'BALANCE_SCHOOL_UNKNOWN', { value: code }));
    else if (unit.kind !== 'school') issues.add(row, 'schoolCode', t(locale, 'BALANCE_NOT_A_SCHOOL', { value: unit.name }));
    else if (seen.has(code)) issues.add(row, 'schoolCode', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: seen.get(code)! }));
    else seen.set(code, row);

    const figures: Figures = {};
    let unreadable = false;
    for (const d of figureDefinitions) {
      const value = values[d.key];
      if (value === null || value === undefined || value === '') continue;
      const stored = figureText(d.kind, value);
      if (stored === null) {
        unreadable = true;
        issues.add(row, d.key, t(locale, d.kind === 'whole' ? 'BALANCE_FIGURE_WHOLE' : 'BALANCE_FIGURE_FORMAT', { value: String(value) }));
      } else figures[d.key] = stored;
    }
    const wan = values[WAN_YUAN];
    if (wan !== null && wan !== undefined && wan !== '') {
      const stored = figureText('decimal', wan);
      if (stored === null) issues.add(row, WAN_YUAN, t(locale, 'BALANCE_FIGURE_FORMAT', { value: String(wan) }));
      else if (figures.equipmentValue !== undefined) issues.add(row, WAN_YUAN, t(locale, 'BALANCE_EQUIPMENT_TWICE'));
      else figures.equipmentValue = wanYuanToYuan(stored);
    }
    // A school with no students has no per-student figure; said once, unless a student cell was already wrong.
    if (!unreadable && studentKeys.every((k) => (figures[k] ?? '0') === '0')) issues.add(row, 'studentsPrimary', t(locale, 'BALANCE_NO_STUDENTS'));
    if (unit) ready.push({ unitId: unit.id, regionPath: unit.region_path, figures });
  }
  issues.throwIfAny();

  const now = platform.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await repo.existingForYear(trx, schoolYear, ready.map((r) => r.unitId));
    const fresh: SchoolStatisticsTable[] = [];
    for (const r of ready) {
      const before = existing.get(r.unitId);
      if (before) await repo.updateFigures(trx, before.id, { figures: JSON.stringify(r.figures), updated_by: actor.id, updated_at: now });
      else fresh.push({ id: newId(), unit_id: r.unitId, school_year: schoolYear, region_path: r.regionPath, figures: JSON.stringify(r.figures), updated_by: actor.id, created_at: now, updated_at: now });
    }
    await repo.insertStatistics(trx, fresh);
    const replaced = ready.length - fresh.length;
    await platform.audit.record(trx, ctx, {
      action: 'school_statistic.import', entityType: 'school_statistic',
      detail: { file: sheet.name, sha256: sheet.sha256, schoolYear, rows: ready.length, replaced: [...existing.entries()].map(([unitId, b]) => ({ unitId, before: JSON.parse(b.figures) })) },
    });
    return { imported: ready.length, replaced };
  });
}
