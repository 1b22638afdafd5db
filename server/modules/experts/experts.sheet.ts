import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import { describeIssue } from '../../platform/validation';
import { readSheet, RowIssues, templateWorkbook, type SheetColumn } from '../../platform/xlsx';
import { scopeCoversPath, unitsScope } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { splitList } from '../inspectors/people';
import { choice, regionsByCode, text } from '../inspectors/inspectors.sheet';
import { expertFields, type ExpertFilters } from './experts.schemas';
import { expertColumns, filteredExperts, presentExpert, sortExperts, type ExpertInput } from './experts.service';

const availableLabels = { yes: '是', no: '否' } as const;
const availableByLabel = new Map<string, 'yes' | 'no'>([['是', 'yes'], ['否', 'no'], ['yes', 'yes'], ['no', 'no']]);

export const expertSheetColumns: SheetColumn[] = [
  { field: 'name', header: { 'zh-CN': '姓名', en: 'Name' }, width: 12, required: true },
  { field: 'idNumber', header: { 'zh-CN': '身份证号码', en: 'ID number' }, width: 22 },
  { field: 'phone', header: { 'zh-CN': '手机号', en: 'Phone' }, width: 14 },
  { field: 'specialties', header: { 'zh-CN': '专业领域', en: 'Specialties' }, width: 22, required: true },
  { field: 'employerName', header: { 'zh-CN': '工作单位', en: 'Employer' }, width: 26 },
  { field: 'jobTitle', header: { 'zh-CN': '职务职称', en: 'Position and title' }, width: 16 },
  { field: 'regionCode', header: { 'zh-CN': '所在区划代码', en: 'Region code' }, width: 14, required: true },
  { field: 'available', header: { 'zh-CN': '可抽取', en: 'Available' }, width: 8, choices: Object.values(availableLabels) },
  { field: 'remarks', header: { 'zh-CN': '备注', en: 'Remarks' }, width: 24 },
];

export function expertTemplate(locale: Locale): Promise<Buffer> {
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['Specialties', 'At least one; separate several with 、 or commas'], ['Employer', 'A unit\'s exact name links the expert to that unit, which matters for conflicts of interest'], ['Region code', 'Where the expert works, inside your region'], ['Available', '是 (yes, the default) or 否 (no)'], ['', 'If any row has an error, nothing is imported; the errors name the row and column.']]
    : [['列', '填写说明'], ['专业领域', '至少一项，多项用“、”或逗号分隔'], ['工作单位', '与系统中单位名称完全一致时自动关联该单位（用于回避）'], ['所在区划代码', '专家工作所在区划代码，须在本辖区内'], ['可抽取', '是（默认）或否'], ['', '任一行有错误时整个文件都不会导入，错误会指明行号和列。']];
  return templateWorkbook(locale === 'en' ? 'Experts' : '专家', expertSheetColumns, locale, notes);
}

const rowSchema = z.object(expertFields).omit({ employerUnitId: true }).extend({ regionId: z.string().optional() });

/** Import experts all or nothing, checking every row first; an employer named exactly like a unit in scope is linked to it. */
export async function importExperts(platform: Platform, ctx: RequestContext, buffer: Buffer, fileName: string, sha256: string) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const db = platform.database.db;
  const { rows, letters } = await readSheet(buffer, expertSheetColumns);
  const issues = new RowIssues(expertSheetColumns, letters, locale);
  const regions = await regionsByCode(db, actor, [...new Set(rows.map((r) => text(r.values.regionCode)).filter((c): c is string => !!c))]);
  const employers = [...new Set(rows.map((r) => text(r.values.employerName)).filter((c): c is string => !!c))];
  const unitByName = new Map<string, string>();
  for (let i = 0; i < employers.length; i += 500) {
    for (const u of await db.selectFrom('units').select(['id', 'name']).where('name', 'in', employers.slice(i, i + 500)).where(unitsScope(actor.scope)).execute()) unitByName.set(u.name, u.id);
  }
  const idNumbers = rows.map((r) => text(r.values.idNumber)?.toUpperCase()).filter((c): c is string => !!c);
  const taken = new Set<string>();
  for (let i = 0; i < idNumbers.length; i += 500) {
    for (const r of await db.selectFrom('experts').select('id_number').where('id_number', 'in', idNumbers.slice(i, i + 500)).execute()) taken.add(r.id_number!);
  }
  const seen = new Map<string, number>();
  const ready: { input: ExpertInput; region: { id: string; path: string } }[] = [];
  for (const { row, values } of rows) {
    const available = choice(issues, locale, row, 'available', values.available, availableByLabel);
    const candidate = {
      name: text(values.name) ?? '', idNumber: text(values.idNumber), phone: text(values.phone), specialties: splitList(text(values.specialties)),
      employerName: text(values.employerName), jobTitle: text(values.jobTitle), available: available !== 'no', remarks: text(values.remarks),
    };
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        const message = field === 'specialties' && candidate.specialties.length === 0 ? t(locale, 'IMPORT_REQUIRED') : describeIssue(locale, { ...issue, input: (candidate as Record<string, unknown>)[field] } as never);
        issues.add(row, field, message);
      }
    }
    const code = text(values.regionCode);
    const region = code ? regions.get(code) : undefined;
    if (!code) issues.add(row, 'regionCode', t(locale, 'IMPORT_REQUIRED'));
    else if (!region || !scopeCoversPath(actor.scope, region.path)) issues.add(row, 'regionCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: code }));
    const idNumber = candidate.idNumber?.toUpperCase();
    if (idNumber) {
      if (taken.has(idNumber)) issues.add(row, 'idNumber', t(locale, 'ID_NUMBER_TAKEN'));
      const first = seen.get(idNumber);
      if (first !== undefined) issues.add(row, 'idNumber', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
      else seen.set(idNumber, row);
    }
    if (parsed.success && region) {
      const employerUnitId = parsed.data.employerName ? (unitByName.get(parsed.data.employerName) ?? null) : null;
      ready.push({ input: { ...parsed.data, employerUnitId, regionId: region.id }, region });
    }
  }
  issues.throwIfAny();

  const now = platform.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ready.length; i += 200) {
      await trx.insertInto('experts').values(ready.slice(i, i + 200).map(({ input, region }) => ({ id: newId(), ...expertColumns(input, region), account_id: null, synthetic: 0, created_at: now, updated_at: now }))).execute();
    }
    await platform.audit.record(trx, ctx, { action: 'expert.import', entityType: 'expert', detail: { file: fileName, sha256, rows: ready.length } });
  });
  return { imported: ready.length };
}

export function expertExportColumns(locale: Locale) {
  return [
    ...expertSheetColumns.map((c) => ({ header: c.header[locale], key: c.field, width: c.width })),
    { header: locale === 'en' ? 'Region' : '所在区划', key: 'regionName', width: 16 },
  ];
}

/** The export's rows in batches, with the list's filters and order; phone and ID numbers masked. */
export async function* exportExpertBatches(db: Executor, actor: Actor, f: ExpertFilters) {
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const base = await filteredExperts(db, actor, f);
    const rows = await sortExperts(base.selectAll('experts').select(['regions.name as region_name', 'regions.code as region_code']), f).limit(batch).offset(offset).execute();
    yield rows.map((r) => {
      const e = presentExpert(r);
      return {
        name: e.name, idNumber: e.idNumberMasked, phone: e.phoneMasked, specialties: e.specialties.join('、'), employerName: e.employer.name,
        jobTitle: e.jobTitle, regionCode: e.region.code, available: e.available ? availableLabels.yes : availableLabels.no, remarks: r.remarks, regionName: e.region.name,
      };
    });
    if (rows.length < batch) return;
  }
}
