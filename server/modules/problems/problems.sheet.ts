import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import { readSheet, RowIssues, templateWorkbook, type SheetColumn } from '../../platform/xlsx';
import { inSubtree, regionsScope, scopeCoversPath, unitsScope } from '../../platform/scope';
import { isoDate } from '../tasks/tasks.schemas';
import { filteredProblems, insertProblem, sortedProblems, presentProblem } from './problems.service';
import { problemSources, severities, type ProblemFilters, type ProblemSource, type ProblemStatus, type Severity } from './problems.schemas';

export const sourceLabels: Record<ProblemSource, string> = {
  visit: '实地督导', evaluation: '履职评价', higher_feedback: '上级反馈', complaint: '群众举报', data_signal: '数据监测', self_report: '自查自报',
};
export const severityLabels: Record<Severity, string> = { low: '轻微', medium: '一般', high: '严重' };
const problemStatusLabels: Record<ProblemStatus, string> = { open: '未销号', rectifying: '整改中', closed: '已销号' };

export const problemSheetColumns: SheetColumn[] = [
  { field: 'description', header: { 'zh-CN': '问题描述', en: 'Description' }, width: 50, required: true },
  { field: 'area', header: { 'zh-CN': '问题领域', en: 'Area' }, width: 22, required: true },
  { field: 'severity', header: { 'zh-CN': '严重程度', en: 'Severity' }, choices: Object.values(severityLabels) },
  { field: 'regionCode', header: { 'zh-CN': '所属区划代码', en: 'Region code' }, width: 16, required: true },
  { field: 'unitName', header: { 'zh-CN': '责任单位', en: 'Responsible unit' }, width: 30 },
  { field: 'foundOn', header: { 'zh-CN': '发现日期', en: 'Found on' }, width: 14, required: true },
  { field: 'deadline', header: { 'zh-CN': '整改时限', en: 'Deadline' }, width: 14 },
  { field: 'source', header: { 'zh-CN': '问题来源', en: 'Source' }, choices: Object.values(sourceLabels).filter((l) => l !== sourceLabels.visit) },
  { field: 'foundBy', header: { 'zh-CN': '发现单位（人）', en: 'Found by' }, width: 24 },
];

const bySourceLabel = new Map<string, ProblemSource>(problemSources.flatMap((s) => [[sourceLabels[s], s], [s, s]] as [string, ProblemSource][]));
const bySeverityLabel = new Map<string, Severity>(severities.flatMap((s) => [[severityLabels[s], s], [s, s]] as [string, Severity][]));

export async function problemTemplate(db: Executor, locale: Locale): Promise<Buffer> {
  const areas = await db.selectFrom('problem_areas').selectAll().where('active', '=', 1).orderBy('sort').execute();
  const columns = problemSheetColumns.map((c) => (c.field === 'area' ? { ...c, choices: areas.map((a) => a.name_zh) } : c));
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['Area', areas.map((a) => a.name_zh).join(', ')], ['Region code', 'A region code inside your scope'], ['Responsible unit', 'The unit\'s full name, as in the unit register, inside that region'], ['Dates', 'YYYY-MM-DD'], ['Source', 'Higher-level feedback when empty'], ['', 'If any row has an error, nothing is imported; the errors name the row and column.']]
    : [['列', '填写说明'], ['问题领域', areas.map((a) => a.name_zh).join('、')], ['所属区划代码', '本辖区内的区划代码'], ['责任单位', '与单位名录一致的全称，须在该区划内'], ['日期', '格式 YYYY-MM-DD'], ['问题来源', '不填时为“上级反馈”'], ['', '任一行有错误时整个文件都不会导入，错误会指明行号和列。']];
  return templateWorkbook(locale === 'en' ? 'Problems' : '问题清单', columns, locale, notes);
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v).trim() || null);

/** Import a problem list (e.g. the province's feedback), all or nothing, with every bad cell named. */
export async function importProblems(platform: Platform, ctx: RequestContext, buffer: Buffer, fileName: string, sha256: string) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const db = platform.database.db;
  const { rows, letters } = await readSheet(buffer, problemSheetColumns);
  const issues = new RowIssues(problemSheetColumns, letters, locale);
  const areas = await db.selectFrom('problem_areas').selectAll().where('active', '=', 1).execute();
  const areaByLabel = new Map(areas.flatMap((a) => [[a.name_zh, a.key], [a.name_en.toLowerCase(), a.key], [a.key, a.key]]));
  const codes = [...new Set(rows.map((r) => text(r.values.regionCode)).filter((c): c is string => !!c))];
  const regions = new Map<string, { id: string; path: string }>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await db.selectFrom('regions').select(['id', 'path', 'code']).where('code', 'in', codes.slice(i, i + 500)).where(regionsScope(actor.scope)).execute()) regions.set(r.code, r);
  }
  const ready: Parameters<typeof insertProblem>[3][] = [];
  for (const { row, values } of rows) {
    const description = text(values.description);
    if (!description) issues.add(row, 'description', t(locale, 'IMPORT_REQUIRED'));
    else if (description.length > 2000) issues.add(row, 'description', t(locale, 'IMPORT_TOO_LONG', { max: 2000 }));
    const areaText = text(values.area);
    const area = areaText ? areaByLabel.get(areaText) ?? areaByLabel.get(areaText.toLowerCase()) : undefined;
    if (!areaText) issues.add(row, 'area', t(locale, 'IMPORT_REQUIRED'));
    else if (!area) issues.add(row, 'area', t(locale, 'PROBLEM_AREA_UNKNOWN', { value: areaText }));
    const severityText = text(values.severity);
    const severity = severityText ? bySeverityLabel.get(severityText) : 'medium';
    if (!severity) issues.add(row, 'severity', t(locale, 'IMPORT_BAD_CHOICE', { value: severityText! }));
    const sourceText = text(values.source);
    const source = sourceText ? bySourceLabel.get(sourceText) : 'higher_feedback';
    if (!source || source === 'visit') issues.add(row, 'source', t(locale, 'IMPORT_BAD_CHOICE', { value: sourceText! }));
    const date = (field: string, required: boolean) => {
      const v = text(values[field]);
      if (!v) {
        if (required) issues.add(row, field, t(locale, 'IMPORT_REQUIRED'));
        return null;
      }
      if (!isoDate.safeParse(v).success) {
        issues.add(row, field, t(locale, 'IMPORT_DATE', { value: v }));
        return null;
      }
      return v;
    };
    const foundOn = date('foundOn', true);
    const deadline = date('deadline', false);
    if (foundOn && deadline && deadline < foundOn) issues.add(row, 'deadline', t(locale, 'PROBLEM_DEADLINE_ORDER'));
    const code = text(values.regionCode);
    let region = code ? regions.get(code) : undefined;
    if (!code) issues.add(row, 'regionCode', t(locale, 'IMPORT_REQUIRED'));
    else if (!region || !scopeCoversPath(actor.scope, region.path)) {
      issues.add(row, 'regionCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: code }));
      region = undefined;
    }
    const unitName = text(values.unitName);
    let unitId: string | null = null;
    if (unitName && region) {
      const unit = await db.selectFrom('units').select(['id', 'region_id', 'region_path']).where('name', '=', unitName)
        .where(inSubtree('units.region_path', region.path)).where(unitsScope(actor.scope)).executeTakeFirst();
      if (!unit) issues.add(row, 'unitName', t(locale, 'IMPORT_UNIT_UNKNOWN', { value: unitName }));
      else {
        unitId = unit.id;
        region = { id: unit.region_id, path: unit.region_path };
      }
    }
    if (description && area && severity && source && source !== 'visit' && foundOn && region) {
      ready.push({
        source, area, severity, region, unitId, taskId: null, visitId: null, itemKey: null, description,
        foundBy: text(values.foundBy) ?? actor.displayName, foundByAccountId: actor.id, foundOn, deadline,
      });
    }
  }
  issues.throwIfAny();
  await db.transaction().execute(async (trx) => {
    // Oldest first, so a problem repeated within the file links to its earlier row.
    for (const p of [...ready].sort((a, b) => a.foundOn.localeCompare(b.foundOn))) await insertProblem(trx, platform, ctx, p);
    await platform.audit.record(trx, ctx, { action: 'problem.import', entityType: 'problem', detail: { file: fileName, sha256, rows: ready.length } });
  });
  return { imported: ready.length };
}

export function exportColumns(locale: Locale) {
  const en = locale === 'en';
  return [
    { header: en ? 'Found on' : '发现日期', key: 'foundOn', width: 12 },
    { header: en ? 'Source' : '问题来源', key: 'source', width: 12 },
    { header: en ? 'Area' : '问题领域', key: 'area', width: 22 },
    { header: en ? 'Severity' : '严重程度', key: 'severity', width: 10 },
    { header: en ? 'Region' : '所属区划', key: 'region', width: 16 },
    { header: en ? 'Responsible unit' : '责任单位', key: 'unit', width: 30 },
    { header: en ? 'Description' : '问题描述', key: 'description', width: 60 },
    { header: en ? 'Deadline' : '整改时限', key: 'deadline', width: 12 },
    { header: en ? 'Status' : '状态', key: 'status', width: 10 },
    { header: en ? 'Recurring' : '重复发现', key: 'recurring', width: 10 },
    { header: en ? 'Task' : '督导任务', key: 'task', width: 30 },
    { header: en ? 'Found by' : '发现人', key: 'foundBy', width: 16 },
  ];
}

/** The export's rows in batches, with the list's filters and order. */
export async function* exportProblemBatches(db: Executor, actor: Actor, f: ProblemFilters, locale: Locale) {
  const batch = 1000;
  const en = locale === 'en';
  const sorted = sortedProblems(await filteredProblems(db, actor, f), f);
  for (let offset = 0; ; offset += batch) {
    const rows = await sorted.limit(batch).offset(offset).execute();
    yield rows.map((r) => {
      const p = presentProblem(r, locale);
      return {
        foundOn: p.foundOn, source: en ? p.source : sourceLabels[p.source], area: p.areaName, severity: en ? p.severity : severityLabels[p.severity],
        region: p.region.name, unit: p.unit?.name ?? '', description: p.description, deadline: p.deadline ?? '',
        status: en ? p.status : problemStatusLabels[p.status], recurring: p.recurringOfId ? (en ? 'yes' : '是') : '', task: p.task?.title ?? '', foundBy: p.foundBy,
      };
    });
    if (rows.length < batch) return;
  }
}
