import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import type { Locale } from '../../platform/i18n';
import { fieldLabel, issueText, t } from '../../platform/i18n';
import { AppError } from '../../platform/errors';
import { readSheet, RowIssues, type CellValue, type SheetColumn } from '../../platform/xlsx';
import type { PolicyActor } from '../../platform/policy';
import type { Executor } from '../../platform/db/database';
import ExcelJS from 'exceljs';
import { aggregations, frameworkNode, methods, type FrameworkNodeInput, type FrameworkNodeView } from './indicators.contract';
import { defaultRules, formatPoints } from './indicators.engine';
import { assemble, findFramework, frameworkDetail, frameworkRows, insertImportedFramework, replaceDraftNodes, rulesFromRow, storedNode, type StoredNode } from './indicators.service';

/** A framework as a sheet: one row per indicator, its parent by code, the method's parameters in their own columns. */

const methodLabels: Record<(typeof methods)[number], Record<Locale, string>> = {
  manual: { 'zh-CN': '手动评分', en: 'manual' }, yesNo: { 'zh-CN': '是否', en: 'yes/no' }, graded: { 'zh-CN': '等级', en: 'graded' },
  formula: { 'zh-CN': '公式', en: 'formula' }, deduction: { 'zh-CN': '扣分', en: 'deduction' },
};
const aggregationLabels: Record<(typeof aggregations)[number], Record<Locale, string>> = {
  weightedSum: { 'zh-CN': '求和', en: 'sum' }, allPass: { 'zh-CN': '全部达标', en: 'all pass' },
  kOfN: { 'zh-CN': 'k项达标', en: 'k of n' }, eachShare: { 'zh-CN': '每项达比例', en: 'each a share' },
};
const directionLabels = { atLeast: { 'zh-CN': '不低于', en: 'at least' }, atMost: { 'zh-CN': '不高于', en: 'at most' } } as const;
const partialLabels = { none: { 'zh-CN': '不得分', en: 'none' }, proportional: { 'zh-CN': '按比例', en: 'proportional' } } as const;
const yes = { 'zh-CN': '是', en: 'yes' } as const;

const choices = (labels: Record<string, Record<Locale, string>>) => Object.values(labels).map((l) => l['zh-CN']);
const header = (field: string): Record<Locale, string> => ({ 'zh-CN': fieldLabel('zh-CN', field), en: fieldLabel('en', field) });

export const frameworkSheetColumns: SheetColumn[] = [
  { field: 'code', header: { 'zh-CN': '指标编码', en: 'Code' }, width: 10, required: true },
  { field: 'parentCode', header: header('parentCode'), width: 10 },
  { field: 'name', header: { 'zh-CN': '指标名称', en: 'Name' }, width: 40, required: true },
  { field: 'maxPoints', header: header('maxPoints'), width: 8, required: true },
  { field: 'scoring', header: header('scoring'), width: 10, choices: choices(methodLabels) },
  { field: 'levels', header: header('levels'), width: 20 },
  { field: 'passLevel', header: header('passLevel'), width: 8 },
  { field: 'numerator', header: header('numerator'), width: 14 },
  { field: 'denominator', header: header('denominator'), width: 14 },
  { field: 'scale', header: header('scale'), width: 8 },
  { field: 'threshold', header: header('threshold'), width: 10 },
  { field: 'direction', header: header('direction'), width: 8, choices: choices(directionLabels) },
  { field: 'partial', header: header('partial'), width: 8, choices: choices(partialLabels) },
  { field: 'perOccurrence', header: header('perOccurrence'), width: 8 },
  { field: 'floor', header: header('floor'), width: 8 },
  { field: 'aggregation', header: header('aggregation'), width: 12, choices: choices(aggregationLabels) },
  { field: 'k', header: header('k'), width: 8 },
  { field: 'share', header: header('share'), width: 8 },
  { field: 'passPoints', header: header('passPoints'), width: 8 },
  { field: 'veto', header: header('veto'), width: 8, choices: [yes['zh-CN']] },
  { field: 'evidence', header: header('evidence'), width: 40 },
  { field: 'guidance', header: header('guidance'), width: 40 },
];

function fromLabel<K extends string>(labels: Record<K, Record<Locale, string>>, text: string): K | undefined {
  const lower = text.toLowerCase();
  return (Object.keys(labels) as K[]).find((k) => k.toLowerCase() === lower || labels[k]['zh-CN'] === text || labels[k].en === lower);
}

/** "A=15;B=12" ↔ [{ tier: 'A', points: '15' }, …]. */
const levelsText = (levels: FrameworkNodeView['levels']) => levels.map((l) => `${l.tier}=${l.points}`).join(';');

function rowOf(node: FrameworkNodeView, locale: Locale): Record<string, string | number | null> {
  return {
    code: node.code, parentCode: node.parentCode, name: node.name, maxPoints: node.maxPoints,
    scoring: node.scoring ? methodLabels[node.scoring][locale] : null, levels: levelsText(node.levels) || null, passLevel: node.passLevel,
    numerator: node.numerator, denominator: node.denominator, scale: node.scale, threshold: node.threshold,
    direction: node.direction ? directionLabels[node.direction][locale] : null, partial: node.partial ? partialLabels[node.partial][locale] : null,
    perOccurrence: node.perOccurrence, floor: node.floor, aggregation: node.aggregation ? aggregationLabels[node.aggregation][locale] : null,
    k: node.k, share: node.share, passPoints: node.passPoints, veto: node.veto ? yes[locale] : null,
    evidence: node.evidence.join('；') || null, guidance: node.guidance,
  };
}

/** The framework as .xlsx; the same sheet imports back unchanged. */
export async function exportFramework(db: Executor, actor: PolicyActor, id: string, locale: Locale): Promise<{ buffer: Buffer; fileName: string }> {
  const { row, nodes } = await frameworkRows(db, actor, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(locale === 'en' ? 'Indicators' : '指标');
  ws.columns = frameworkSheetColumns.map((c) => ({ header: `${c.header[locale]}${c.required ? '*' : ''}`, key: c.field, width: c.width ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Points as text keep their two places exactly as stored.
  for (const node of nodes) ws.addRow(rowOf(node, locale));
  const notes = wb.addWorksheet(locale === 'en' ? 'Notes' : '填写说明');
  const lines = locale === 'en'
    ? [['One row per indicator; a sub-indicator names its parent by code.'], ['Scoring methods: manual, yes/no, graded (A=15;B=12;C=9;D=0), formula (numerator ÷ denominator × scale against the threshold), deduction (points off each time, floor).'],
      ['Aggregations for a parent: sum, all pass, k of n (with the share the rest must reach), each a share.'], ['The sub-indicators\' points must add up to their parent\'s. If any row has an error, nothing is imported.']]
    : [['每行一个指标，下级指标用“上级编码”指明其上级。'], ['评分方式：手动评分、是否、等级（如 A=15;B=12;C=9;D=0）、公式（分子 ÷ 分母 × 倍数，与标准值比较）、扣分（每次扣分，不低于最低分）。'],
      ['有下级指标的指标填汇总方式：求和、全部达标、k项达标（其余须达到的比例填在“达标比例”）、每项达比例。'], ['下级指标分值之和须等于上级分值。任一行有错误时整个文件都不会导入，错误会指明行号和列。']];
  for (const line of lines) notes.addRow(line);
  notes.getColumn(1).width = 100;
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${row.title}-v${row.version}.xlsx` };
}

// A column the sheet leaves out reads as empty.
const text = (v: CellValue | undefined) => (v == null ? null : String(v).trim() || null);

/** A sheet row as the request's node, or the cells that do not parse. */
function nodeInput(values: Record<string, CellValue>, bad: (field: string, message: string) => void): FrameworkNodeInput {
  const choice = <K extends string>(field: string, labels: Record<K, Record<Locale, string>>): K | null => {
    const v = text(values[field]);
    if (!v) return null;
    const key = fromLabel(labels, v);
    if (!key) bad(field, `IMPORT_BAD_CHOICE:${v}`);
    return key ?? null;
  };
  const levels = (text(values.levels) ?? '').split(/[;；,，\s]+/).filter(Boolean).map((part) => {
    const [tier, points] = part.split(/[=＝:：]/);
    return { tier: tier?.trim().toUpperCase() as 'A', points: points?.trim() ?? '' };
  });
  const k = text(values.k);
  const vetoText = text(values.veto);
  return {
    code: text(values.code) ?? '', parentCode: text(values.parentCode), name: text(values.name) ?? '', maxPoints: text(values.maxPoints) ?? '',
    scoring: choice('scoring', methodLabels), ...(levels.length ? { levels } : {}), passLevel: (text(values.passLevel)?.toUpperCase() as 'A' | undefined) ?? null,
    numerator: text(values.numerator), denominator: text(values.denominator), scale: text(values.scale), threshold: text(values.threshold),
    direction: choice('direction', directionLabels), partial: choice('partial', partialLabels),
    perOccurrence: text(values.perOccurrence), floor: text(values.floor), aggregation: choice('aggregation', aggregationLabels),
    k: k === null ? null : (/^\d+$/.test(k) ? Number(k) : (bad('k', `INDICATOR_IMPORT_VALUE:${k}`), null)),
    share: text(values.share), passPoints: text(values.passPoints),
    veto: vetoText !== null && (vetoText === yes['zh-CN'] || vetoText.toLowerCase() === yes.en || vetoText === '1'),
    evidence: (text(values.evidence) ?? '').split(/[；;\n]+/).map((e) => e.trim()).filter(Boolean),
    guidance: text(values.guidance),
  };
}

/**
 * Read a framework sheet, all or nothing: every bad cell (a value out of format, an unknown parent code,
 * children that do not add up to their parent) is named by its row and column.
 */
async function readFrameworkSheet(buffer: Buffer, locale: Locale, expectedTotal: number | null) {
  const { rows, letters } = await readSheet(buffer, frameworkSheetColumns);
  const issues = new RowIssues(frameworkSheetColumns, letters, locale);
  const nodes: StoredNode[] = [];
  const rowNumbers: number[] = [];
  for (const { row, values } of rows) {
    let broken = false;
    const input = nodeInput(values, (field, coded) => {
      broken = true;
      const [key, value] = coded.split(/:(.*)/s);
      issues.add(row, field, t(locale, key as 'IMPORT_BAD_CHOICE', { value }));
    });
    const parsed = frameworkNode.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const given = input[field as keyof FrameworkNodeInput];
        issues.add(row, field, given === '' || given == null ? t(locale, 'IMPORT_REQUIRED') : issueText(locale, 'format'));
      }
      continue;
    }
    if (broken) continue;
    const converted = storedNode(parsed.data, nodes.length);
    for (const i of converted.issues) issues.add(row, i.field, t(locale, i.key, { label: fieldLabel(locale, i.field), ...i.params }));
    nodes.push(converted.node);
    rowNumbers.push(row);
  }
  issues.throwIfAny();
  const tops = nodes.filter((n) => n.parentCode === null);
  const totalPoints = expectedTotal ?? tops.reduce((s, n) => s + n.maxPoints, 0);
  const { ordered, issues: found } = assemble(totalPoints, '', nodes, defaultRules);
  for (const issue of found) {
    if (issue.field.startsWith('rules')) continue;
    const at = issue.index ?? nodes.indexOf(tops[0] ?? nodes[0]);
    const message = issue.key === 'INDICATOR_TOTAL'
      ? t(locale, 'INDICATOR_TOTAL', { sum: formatPoints(tops.reduce((s, n) => s + n.maxPoints, 0)), max: formatPoints(totalPoints) })
      : t(locale, issue.key, { label: fieldLabel(locale, issue.field), ...issue.params });
    issues.add(rowNumbers[at], issue.index === null ? 'maxPoints' : issue.field, message);
  }
  issues.throwIfAny();
  return { nodes: ordered.map((o) => o.node), totalPoints };
}

/** A new draft framework from a sheet, graded by the default bands until its rules are set. */
export async function importNewFramework(platform: Platform, ctx: RequestContext, sheet: { buffer: Buffer; sha256: string }, input: { regionId: string; title: string }) {
  const { nodes, totalPoints } = await readFrameworkSheet(sheet.buffer, ctx.locale, null);
  return platform.database.db.transaction().execute(async (trx) => {
    const id = await insertImportedFramework(platform, ctx, trx, { ...input, nodes, totalPoints, rules: defaultRules, fileSha256: sheet.sha256 });
    return frameworkDetail(trx, ctx.actor!, id);
  });
}

/** A draft's indicators replaced by a sheet's; the top level must still add up to the draft's total. */
export async function importIntoDraft(platform: Platform, ctx: RequestContext, id: string, sheet: { buffer: Buffer }) {
  const actor = ctx.actor!;
  const draft = await findFramework(platform.database.db, actor, id);
  const { nodes } = await readFrameworkSheet(sheet.buffer, ctx.locale, draft.total_points);
  const rules = rulesFromRow(draft);
  // The draft's own rules must still fit the new tree (a best band above a lowered total).
  const { issues } = assemble(draft.total_points, draft.title, nodes, rules);
  if (issues.length) throw new AppError('VALIDATION', 'VALIDATION', {}, { fields: issues.map((i) => ({ field: i.field, key: i.key, params: i.params })) });
  return platform.database.db.transaction().execute(async (trx) => {
    await replaceDraftNodes(platform, ctx, trx, id, nodes);
    return frameworkDetail(trx, actor, id);
  });
}
