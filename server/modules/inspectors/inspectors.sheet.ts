import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { t } from '../../platform/i18n';
import { describeIssue } from '../../platform/validation';
import { readSheet, RowIssues, templateWorkbook, type CellValue, type SheetColumn } from '../../platform/xlsx';
import { regionsScope, scopeCoversPath } from '../../platform/scope';
import { newId } from '../../platform/ids';
import { chinaToday, splitList } from './people';
import { employments, genders, inspectorFields, inspectorLevels, inspectorStatuses, termBody, type InspectorFilters } from './inspectors.schemas';
import { auditImage, inspectorColumns, inspectorPage, presentTerm, termIssues, type InspectorInput, type TermInput } from './inspectors.service';

export const levelLabels: Record<(typeof inspectorLevels)[number], string> = { national: '国家督学', provincial: '省级督学', city: '市级督学', county: '县级督学' };
export const employmentLabels: Record<(typeof employments)[number], string> = { full_time: '专职', part_time: '兼职' };
export const genderLabels: Record<(typeof genders)[number], string> = { male: '男', female: '女' };
export const statusLabels: Record<(typeof inspectorStatuses)[number], Record<Locale, string>> = {
  pending: { 'zh-CN': '待聘', en: 'pending' }, serving: { 'zh-CN': '在聘', en: 'serving' },
  expired: { 'zh-CN': '聘期届满', en: 'expired' }, dismissed: { 'zh-CN': '已解聘', en: 'dismissed' },
};

export const inspectorSheetColumns: SheetColumn[] = [
  { field: 'name', header: { 'zh-CN': '姓名', en: 'Name' }, width: 12, required: true },
  { field: 'gender', header: { 'zh-CN': '性别', en: 'Gender' }, width: 8, choices: Object.values(genderLabels) },
  { field: 'idNumber', header: { 'zh-CN': '身份证号码', en: 'ID number' }, width: 22 },
  { field: 'phone', header: { 'zh-CN': '手机号', en: 'Phone' }, width: 14 },
  { field: 'level', header: { 'zh-CN': '督学级别', en: 'Level' }, required: true, choices: Object.values(levelLabels) },
  { field: 'employment', header: { 'zh-CN': '专兼职', en: 'Full- or part-time' }, required: true, choices: Object.values(employmentLabels) },
  { field: 'employer', header: { 'zh-CN': '工作单位', en: 'Employer' }, width: 26 },
  { field: 'jobTitle', header: { 'zh-CN': '职务职称', en: 'Position and title' }, width: 18 },
  { field: 'specialties', header: { 'zh-CN': '专业特长', en: 'Specialties' }, width: 20 },
  { field: 'regionCode', header: { 'zh-CN': '聘任区划代码', en: 'Appointing region code' }, width: 16, required: true },
  { field: 'termNumber', header: { 'zh-CN': '届次', en: 'Term number' }, width: 8 },
  { field: 'authority', header: { 'zh-CN': '聘任机关', en: 'Appointing authority' }, width: 22 },
  { field: 'startDate', header: { 'zh-CN': '聘期开始', en: 'Term start' }, width: 12 },
  { field: 'endDate', header: { 'zh-CN': '聘期结束', en: 'Term end' }, width: 12 },
  { field: 'certificateNo', header: { 'zh-CN': '聘书编号', en: 'Certificate number' }, width: 16 },
];

export function reverse<K extends string>(labels: Record<K, string>): Map<string, K> {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(labels) as [K, string][]) {
    m.set(v, k);
    m.set(k, k);
  }
  return m;
}
const levelByLabel = reverse(levelLabels);
const employmentByLabel = reverse(employmentLabels);
const genderByLabel = reverse(genderLabels);

export function inspectorTemplate(locale: Locale): Promise<Buffer> {
  const notes = locale === 'en'
    ? [['Column', 'How to fill it'], ['Level', Object.values(levelLabels).join(', ')], ['Full- or part-time', Object.values(employmentLabels).join(', ')], ['Specialties', 'Separate several with 、 or commas'], ['Appointing region code', 'The region of the office that appoints the inspector, inside your region'], ['Term columns', 'Fill all four (number, authority, start, end; dates as YYYY-MM-DD) or none; a term lasts at most 3 years'], ['', 'If any row has an error, nothing is imported; the errors name the row and column.']]
    : [['列', '填写说明'], ['督学级别', Object.values(levelLabels).join('、')], ['专兼职', Object.values(employmentLabels).join('、')], ['专业特长', '多项用“、”或逗号分隔'], ['聘任区划代码', '聘任该督学的督导机构所在区划代码，须在本辖区内'], ['聘期各列', '届次、聘任机关、聘期开始、聘期结束四项同时填写或同时不填；日期格式 YYYY-MM-DD；每届聘期不超过 3 年'], ['', '任一行有错误时整个文件都不会导入，错误会指明行号和列。']];
  return templateWorkbook(locale === 'en' ? 'Inspectors' : '督学', inspectorSheetColumns, locale, notes);
}

export const text = (v: CellValue | undefined) => (v === null || v === undefined ? null : String(v));
export const whole = (v: CellValue | undefined) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : v);

const rowSchema = z.object(inspectorFields).omit({ accountId: true }).extend({ regionId: z.string().optional() });

/** Map a cell through label → key; an unknown label is reported once, on its own column. */
export function choice<K extends string>(issues: RowIssues, locale: Locale, row: number, field: string, value: CellValue | undefined, map: Map<string, K>): K | null {
  const v = text(value);
  if (v === null) return null;
  const k = map.get(v);
  if (!k) issues.add(row, field, t(locale, 'IMPORT_BAD_CHOICE', { value: v }));
  return k ?? null;
}

/** Regions by code, inside the caller's scope. */
export async function regionsByCode(db: Executor, actor: Actor, codes: string[]) {
  const regions = new Map<string, { id: string; path: string }>();
  for (let i = 0; i < codes.length; i += 500) {
    const found = await db.selectFrom('regions').select(['id', 'path', 'code']).where('code', 'in', codes.slice(i, i + 500)).where(regionsScope(actor.scope)).execute();
    for (const r of found) regions.set(r.code, r);
  }
  return regions;
}

/**
 * Import inspectors (each with an optional first term), all or nothing: every row is checked — values,
 * region inside the caller's scope, ID and certificate numbers unique in the file and the database, the
 * term rules — and only a clean file is written.
 */
export async function importInspectors(platform: Platform, ctx: RequestContext, buffer: Buffer, fileName: string, sha256: string) {
  const actor = ctx.actor!;
  const locale = ctx.locale;
  const db = platform.database.db;
  const { rows, letters } = await readSheet(buffer, inspectorSheetColumns);
  const issues = new RowIssues(inspectorSheetColumns, letters, locale);

  const regions = await regionsByCode(db, actor, [...new Set(rows.map((r) => text(r.values.regionCode)).filter((c): c is string => !!c))]);
  const takenIds = new Set<string>();
  const takenCerts = new Set<string>();
  const idNumbers = rows.map((r) => text(r.values.idNumber)?.toUpperCase()).filter((c): c is string => !!c);
  const certs = rows.map((r) => text(r.values.certificateNo)).filter((c): c is string => !!c);
  for (let i = 0; i < idNumbers.length; i += 500) {
    for (const r of await db.selectFrom('inspectors').select('id_number').where('id_number', 'in', idNumbers.slice(i, i + 500)).execute()) takenIds.add(r.id_number!);
  }
  for (let i = 0; i < certs.length; i += 500) {
    for (const r of await db.selectFrom('inspector_terms').select('certificate_no').where('certificate_no', 'in', certs.slice(i, i + 500)).execute()) takenCerts.add(r.certificate_no!);
  }

  const seenIds = new Map<string, number>();
  const seenCerts = new Map<string, number>();
  const ready: { input: InspectorInput; region: { id: string; path: string }; term: TermInput | null }[] = [];
  for (const { row, values } of rows) {
    const candidate = {
      name: text(values.name) ?? '',
      gender: choice(issues, locale, row, 'gender', values.gender, genderByLabel),
      idNumber: text(values.idNumber),
      phone: text(values.phone),
      level: choice(issues, locale, row, 'level', values.level, levelByLabel) ?? undefined,
      employment: choice(issues, locale, row, 'employment', values.employment, employmentByLabel) ?? undefined,
      employer: text(values.employer),
      jobTitle: text(values.jobTitle),
      specialties: splitList(text(values.specialties)),
    };
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        if ((field === 'level' || field === 'employment') && text(values[field]) !== null) continue;
        issues.add(row, field, describeIssue(locale, { ...issue, input: (candidate as Record<string, unknown>)[field] } as never));
      }
    }
    const code = text(values.regionCode);
    const region = code ? regions.get(code) : undefined;
    if (!code) issues.add(row, 'regionCode', t(locale, 'IMPORT_REQUIRED'));
    else if (!region || !scopeCoversPath(actor.scope, region.path)) issues.add(row, 'regionCode', t(locale, 'IMPORT_REGION_UNKNOWN', { value: code }));

    const idNumber = candidate.idNumber?.toUpperCase();
    if (idNumber) {
      if (takenIds.has(idNumber)) issues.add(row, 'idNumber', t(locale, 'ID_NUMBER_TAKEN'));
      const first = seenIds.get(idNumber);
      if (first !== undefined) issues.add(row, 'idNumber', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
      else seenIds.set(idNumber, row);
    }

    let term: TermInput | null = null;
    const termCells = { termNumber: whole(values.termNumber), authority: text(values.authority), startDate: text(values.startDate), endDate: text(values.endDate), certificateNo: text(values.certificateNo) };
    if (Object.values(termCells).some((v) => v !== null)) {
      const parsedTerm = termBody.safeParse(termCells);
      if (!parsedTerm.success) {
        for (const issue of parsedTerm.error.issues) {
          const field = String(issue.path[0] ?? 'termNumber');
          issues.add(row, field, describeIssue(locale, { ...issue, input: (termCells as Record<string, unknown>)[field] } as never));
        }
      } else {
        term = parsedTerm.data;
        for (const issue of termIssues(term, [], candidate.employment ?? 'full_time')) issues.add(row, issue.field, t(locale, issue.key, issue.params));
        if (term.certificateNo) {
          if (takenCerts.has(term.certificateNo)) issues.add(row, 'certificateNo', t(locale, 'CERTIFICATE_TAKEN'));
          const first = seenCerts.get(term.certificateNo);
          if (first !== undefined) issues.add(row, 'certificateNo', t(locale, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
          else seenCerts.set(term.certificateNo, row);
        }
      }
    }
    if (parsed.success && region) ready.push({ input: { ...parsed.data, accountId: null, regionId: region.id } as InspectorInput, region, term });
  }
  issues.throwIfAny();

  const now = platform.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const { input, region, term } of ready) {
      const id = newId();
      await trx.insertInto('inspectors').values({ id, ...inspectorColumns(input, region), dismissed_on: null, dismissal_reason: null, synthetic: 0, created_at: now, updated_at: now }).execute();
      if (term) {
        await trx.insertInto('inspector_terms').values({
          id: newId(), inspector_id: id, region_path: region.path, term_number: term.termNumber, authority: term.authority,
          start_date: term.startDate, end_date: term.endDate, certificate_no: term.certificateNo ?? null, created_at: now, updated_at: now,
        }).execute();
      }
    }
    await platform.audit.record(trx, ctx, { action: 'inspector.import', entityType: 'inspector', detail: { file: fileName, sha256, rows: ready.length, names: ready.slice(0, 50).map((r) => auditImage(r.input).name) } });
  });
  return { imported: ready.length };
}

export function inspectorExportColumns(locale: Locale) {
  return [
    ...inspectorSheetColumns.map((c) => ({ header: c.header[locale], key: c.field, width: c.width })),
    { header: locale === 'en' ? 'Region' : '聘任区划', key: 'regionName', width: 16 },
    { header: locale === 'en' ? 'Status' : '状态', key: 'status', width: 10 },
  ];
}

/** The export's rows in batches, with the list's filters and order; phone and ID numbers masked. */
export async function* exportInspectorBatches(platform: Platform, actor: Actor, f: InspectorFilters, locale: Locale) {
  const db = platform.database.db;
  const today = chinaToday(platform.clock.now());
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const page = await inspectorPage(db, actor, f, today, batch, offset);
    yield page.map(({ row, view, terms }) => {
      const latest = terms.at(-1);
      const term = view.currentTerm ?? (latest ? presentTerm(latest) : null);
      return {
        name: row.name,
        gender: row.gender ? genderLabels[row.gender as keyof typeof genderLabels] : null,
        idNumber: view.idNumberMasked,
        phone: view.phoneMasked,
        level: levelLabels[view.level],
        employment: employmentLabels[row.employment as keyof typeof employmentLabels] ?? row.employment,
        employer: row.employer,
        jobTitle: row.title,
        specialties: view.specialties.join('、'),
        regionCode: view.region.code,
        termNumber: term?.termNumber ?? null,
        authority: term?.authority ?? null,
        startDate: term?.startDate ?? null,
        endDate: term?.endDate ?? null,
        certificateNo: term?.certificateNo ?? null,
        regionName: view.region.name,
        status: statusLabels[view.status][locale],
      };
    });
    if (page.length < batch) return;
  }
}
