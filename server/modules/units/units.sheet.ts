import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import { describeIssue } from '../../platform/validation';
import { readSheet, RowIssues, templateWorkbook, type SheetColumn, type UploadedSheet } from '../../platform/xlsx';
import { regionsScope, scopeCoversPath } from '../../platform/scope';
import { maskPhone } from '../../platform/http';
import { newId } from '../../platform/ids';
import { ownerships, stages, unitFields, unitKinds, type UnitFilters } from './units.schemas';
import { filteredUnits, sortUnits, unitColumns, unitRuleIssues, type UnitInput } from './units.service';

/** Chinese names of the enumerations, as an office writes them in a sheet. */
export const kindLabels: Record<(typeof unitKinds)[number], string> = {
  government: '人民政府', education_bureau: '教育行政部门', member_unit: '督导委员会成员单位', supervision_office: '督导办',
  school: '学校', kindergarten: '幼儿园', training_institution: '校外培训机构',
};
export const stageLabels: Record<(typeof stages)[number], string> = {
  preschool: '学前', primary: '小学', junior: '初中', nine_year: '九年一贯制', senior: '高中', complete_secondary: '完全中学',
  twelve_year: '十二年一贯制', secondary_vocational: '中等职业', special: '特殊教育', teaching_point: '教学点',
};
export const ownershipLabels: Record<(typeof ownerships)[number], string> = { public: '公办', private: '民办' };

export const unitSheetColumns: SheetColumn[] = [
  { field: 'name', header: { 'zh-CN': '名称', en: 'Name' }, width: 30, required: true },
  { field: 'kind', header: { 'zh-CN': '类型', en: 'Kind' }, required: true, choices: Object.values(kindLabels) },
  { field: 'regionCode', header: { 'zh-CN': '所属区划代码', en: 'Region code' }, width: 16, required: true },
  { field: 'schoolCode', header: { 'zh-CN': '学校标识码', en: 'School code' }, width: 14 },
  { field: 'stage', header: { 'zh-CN': '学段', en: 'Stage' }, choices: Object.values(stageLabels) },
  { field: 'ownership', header: { 'zh-CN': '办学性质', en: 'Ownership' }, choices: Object.values(ownershipLabels) },
  { field: 'enrolment', header: { 'zh-CN': '在校生数', en: 'Enrolment' } },
  { field: 'staffCount', header: { 'zh-CN': '教职工数', en: 'Staff' } },
  { field: 'address', header: { 'zh-CN': '地址', en: 'Address' }, width: 30 },
  { field: 'contactPhone', header: { 'zh-CN': '联系电话', en: 'Contact phone' }, width: 16 },
];

function reverse<K extends string>(labels: Record<K, string>): Map<string, K> {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(labels) as [K, string][]) {
    m.set(v, k);
    m.set(k, k);
  }
  return m;
}
const kindByLabel = reverse(kindLabels);
const stageByLabel = reverse(stageLabels);
const ownershipByLabel = reverse(ownershipLabels);

export function unitTemplate(locale: Locale): Promise<Buffer> {
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['Kind', Object.values(kindLabels).join(', ')], ['Region code', 'A county (6 digits) or township (9 digits) code inside your region'], ['School code', 'The 10-digit MOE school identification code; schools and kindergartens only'], ['Stage', Object.values(stageLabels).join(', ')], ['Ownership', Object.values(ownershipLabels).join(', ')], ['', 'If any row has an error, nothing is imported; the errors name the row and column.']]
    : [['列', '填写说明'], ['类型', Object.values(kindLabels).join('、')], ['所属区划代码', '本辖区内的区县（6位）或乡镇（9位）代码'], ['学校标识码', '教育部10位学校（机构）标识码，仅学校和幼儿园填写'], ['学段', `${Object.values(stageLabels).join('、')}（学校必填）`], ['办学性质', `${Object.values(ownershipLabels).join('、')}（学校和幼儿园必填）`], ['', '任一行有错误时整个文件都不会导入，错误会指明行号和列。']];
  return templateWorkbook(locale === 'en' ? 'Units' : '单位', unitSheetColumns, locale, notes);
}

const rowSchema = z.object({ ...unitFields, regionId: z.string().optional() });

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const whole = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : v);

/**
 * Import units from a sheet, all or nothing: every row is checked first (values, region inside the
 * caller's scope, school codes unique in the file and in the database), and only a clean file is written.
 */
export async function importUnits(platform: Platform, ctx: RequestContext, sheet: UploadedSheet) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const { rows, letters } = await readSheet(sheet.buffer, unitSheetColumns);
  const issues = new RowIssues(unitSheetColumns, letters, locale);
  const db = platform.database.db;

  const regionCodes = [...new Set(rows.map((r) => text(r.values.regionCode)).filter((c): c is string => !!c))];
  const regions = new Map<string, { id: string; path: string }>();
  for (let i = 0; i < regionCodes.length; i += 500) {
    const found = await db.selectFrom('regions').select(['id', 'path', 'code']).where('code', 'in', regionCodes.slice(i, i + 500)).where(regionsScope(actor.scope)).execute();
    for (const r of found) regions.set(r.code, r);
  }
  const schoolCodes = [...new Set(rows.map((r) => text(r.values.schoolCode)).filter((c): c is string => !!c))];
  const taken = new Set<string>();
  for (let i = 0; i < schoolCodes.length; i += 500) {
    const found = await db.selectFrom('units').select('school_code').where('school_code', 'in', schoolCodes.slice(i, i + 500)).execute();
    for (const r of found) if (r.school_code) taken.add(r.school_code);
  }

  const seenCodes = new Map<string, number>();
  const ready: { input: UnitInput; region: { id: string; path: string } }[] = [];
  for (const { row, values } of rows) {
    const mapEnum = <K extends string>(field: string, map: Map<string, K>) => {
      const v = text(values[field]);
      if (v === null) return null;
      const k = map.get(v);
      if (!k) issues.add(row, field, t(locale, 'IMPORT_BAD_CHOICE', { value: v }));
      return k ?? null;
    };
    const candidate = {
      name: text(values.name) ?? '',
      kind: mapEnum('kind', kindByLabel) ?? undefined,
      schoolCode: text(values.schoolCode),
      stage: mapEnum('stage', stageByLabel),
      ownership: mapEnum('ownership', ownershipByLabel),
      enrolment: whole(values.enrolment),
      staffCount: whole(values.staffCount),
      address: text(values.address),
      contactPhone: text(values.contactPhone),
    };
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        if (field === 'kind' && text(values.kind) !== null) continue; // already reported as a bad choice
        issues.add(row, field, describeIssue(locale, { ...issue, input: (candidate as Record<string, unknown>)[field] } as never));
      }
    }
    const code = text(values.regionCode);
    const region = code ? regions.get(code) : undefined;
    if (!code) issues.add(row, 'regionCode', t(locale, 'IMPORT_REQUIRED'));
    else if (!region || !scopeCoversPath(actor.scope, region.path)) issues.add(row, 'regionCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: code }));
    if (candidate.schoolCode) {
      if (taken.has(candidate.schoolCode)) issues.add(row, 'schoolCode', t(locale, 'UNIT_SCHOOL_CODE_TAKEN'));
      const first = seenCodes.get(candidate.schoolCode);
      if (first !== undefined) issues.add(row, 'schoolCode', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
      else seenCodes.set(candidate.schoolCode, row);
    }
    if (parsed.success && region) {
      const input = { ...parsed.data, regionId: region.id } as UnitInput;
      for (const issue of unitRuleIssues(input)) issues.add(row, issue.field, t(locale, issue.key));
      ready.push({ input, region });
    }
  }
  issues.throwIfAny();

  const now = platform.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ready.length; i += 500) {
      await trx
        .insertInto('units')
        .values(ready.slice(i, i + 500).map(({ input, region }) => ({ id: newId(), ...unitColumns(input, region), synthetic: 0, active: 1, created_at: now, updated_at: now })))
        .execute();
    }
    await platform.audit.record(trx, ctx, { action: 'unit.import', entityType: 'unit', detail: { file: sheet.name, sha256: sheet.sha256, rows: ready.length } });
  });
  return { imported: ready.length };
}

export function exportColumns(locale: Locale) {
  return [
    ...unitSheetColumns.map((c) => ({ header: c.header[locale], key: c.field, width: c.width })),
    { header: locale === 'en' ? 'Region' : '所属区划', key: 'regionName', width: 16 },
    { header: locale === 'en' ? 'Status' : '状态', key: 'status', width: 8 },
  ];
}

/** The export's rows in batches, with the list's filters and order; phone numbers masked. */
export async function* exportUnitBatches(db: Executor, actor: Actor, f: UnitFilters, locale: Locale) {
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const base = await filteredUnits(db, actor, f);
    const rows = await sortUnits(base.selectAll('units').select(['regions.name as region_name', 'regions.code as region_code']), f)
      .limit(batch)
      .offset(offset)
      .execute();
    yield rows.map((u) => ({
      name: u.name,
      kind: kindLabels[u.kind as keyof typeof kindLabels] ?? u.kind,
      regionCode: u.region_code,
      schoolCode: u.school_code,
      stage: u.stage ? stageLabels[u.stage as keyof typeof stageLabels] : null,
      ownership: u.ownership ? ownershipLabels[u.ownership as keyof typeof ownershipLabels] : null,
      enrolment: u.enrolment,
      staffCount: u.staff_count,
      address: u.address,
      contactPhone: maskPhone(u.contact_phone),
      regionName: u.region_name,
      status: u.active === 1 ? (locale === 'en' ? 'active' : '正常') : (locale === 'en' ? 'inactive' : '停用'),
    }));
    if (rows.length < batch) return;
  }
}
