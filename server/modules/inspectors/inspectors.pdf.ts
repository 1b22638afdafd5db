import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { chineseDate, escapeHtml, renderPdf } from '../../platform/pdf';
import { inspectorsScope, inSubtree, regionsScope } from '../../platform/scope';
import { findInspectorInScope } from './inspectors.service';
import { employmentLabels, genderLabels, levelLabels } from './inspectors.sheet';
import type { InspectorLevel } from './inspectors.schemas';

const page = (body: string, css: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; margin: 0; color: #000; }
  ${css}
</style></head><body>${body}</body></html>`;

/** The appointment certificate (聘书) of one term. */
export async function certificatePdf(platform: Platform, ctx: RequestContext, inspectorId: string, termId: string) {
  const db = platform.database.db;
  const inspector = await findInspectorInScope(db, ctx.actor!, inspectorId);
  const term = await db.selectFrom('inspector_terms').selectAll().where('id', '=', termId).where('inspector_id', '=', inspectorId).executeTakeFirst();
  if (!term) throw notFound();
  const level = levelLabels[inspector.level as InspectorLevel];
  const html = page(`
    <div class="frame">
      <h1>聘　书</h1>
      <p class="no">${term.certificate_no ? `编号：${escapeHtml(term.certificate_no)}` : ''}</p>
      <p class="text">兹聘请 <b>${escapeHtml(inspector.name)}</b> 同志为${escapeHtml(term.authority)}第${term.term_number}届${level}（${employmentLabels[inspector.employment as keyof typeof employmentLabels] ?? ''}）。</p>
      <p class="text">聘期自${chineseDate(term.start_date)}至${chineseDate(term.end_date)}。</p>
      <p class="sign">${escapeHtml(term.authority)}<br>${chineseDate(term.start_date)}</p>
    </div>`, `
    @page { size: A4 landscape; margin: 0; }
    .frame { box-sizing: border-box; width: 297mm; height: 210mm; padding: 28mm 36mm; border: 6mm double #b22222; }
    h1 { text-align: center; font-size: 40pt; color: #b22222; letter-spacing: 1em; margin: 0 0 6mm; }
    .no { text-align: right; font-size: 12pt; margin: 0 0 10mm; }
    .text { font-size: 20pt; line-height: 2; text-indent: 2em; margin: 0; }
    .sign { text-align: right; font-size: 18pt; line-height: 1.8; margin-top: 18mm; }`);
  const content = await renderPdf(platform.config.chromiumPath, html, { landscape: true });
  await platform.audit.recordAlone(ctx, { action: 'inspector.certificate', entityType: 'inspector', entityId: inspectorId, detail: { termId } });
  return { name: `聘书-${inspector.name}-第${term.term_number}届.pdf`, content };
}

/** The published list of one term's inspectors of a level (聘任名单), inside the caller's scope. */
export async function appointmentListPdf(platform: Platform, ctx: RequestContext, q: { termNumber: number; level: InspectorLevel; regionId?: string }) {
  const db = platform.database.db;
  const actor = ctx.actor!;
  let query = db
    .selectFrom('inspector_terms')
    .innerJoin('inspectors', 'inspectors.id', 'inspector_terms.inspector_id')
    .where(inspectorsScope(actor))
    .where('inspector_terms.term_number', '=', q.termNumber)
    .where('inspectors.level', '=', q.level);
  if (q.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', q.regionId).where(regionsScope(actor.scope)).executeTakeFirst();
    if (!region) throw notFound();
    query = query.where(inSubtree('inspectors.region_path', region.path));
  }
  const rows = await query
    .select(['inspectors.name', 'inspectors.gender', 'inspectors.employer', 'inspectors.title', 'inspectors.employment', 'inspector_terms.authority', 'inspector_terms.certificate_no', 'inspector_terms.start_date', 'inspector_terms.end_date'])
    .orderBy('inspector_terms.certificate_no')
    .orderBy('inspectors.name')
    .execute();
  const authority = rows[0]?.authority ?? '';
  const level = levelLabels[q.level];
  const title = `${authority}第${q.termNumber}届${level}名单`;
  const period = rows[0] ? `聘期：${chineseDate(rows[0].start_date)}至${chineseDate(rows[0].end_date)}` : '';
  const body = rows.map((r, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(r.name)}</td><td>${r.gender ? genderLabels[r.gender as keyof typeof genderLabels] : ''}</td><td>${escapeHtml(r.employer)}</td><td>${escapeHtml(r.title)}</td><td>${employmentLabels[r.employment as keyof typeof employmentLabels] ?? ''}</td><td>${escapeHtml(r.certificate_no)}</td></tr>`).join('');
  const html = page(`
    <h1>${escapeHtml(title)}</h1>
    <p class="sub">${period}　共 ${rows.length} 名</p>
    <table><colgroup><col style="width:10mm"><col style="width:30mm"><col style="width:10mm"><col><col style="width:32mm"><col style="width:14mm"><col style="width:30mm"></colgroup><thead><tr><th>序号</th><th>姓名</th><th>性别</th><th>工作单位</th><th>职务职称</th><th>专兼职</th><th>聘书编号</th></tr></thead><tbody>${body}</tbody></table>`, `
    @page { size: A4; margin: 25mm 20mm; }
    h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; }
    .sub { text-align: center; font-size: 11pt; margin: 0 0 6mm; }
    table { width: 100%; border-collapse: collapse; font-size: 11pt; }
    table { table-layout: fixed; }
    th, td { border: 0.3mm solid #000; padding: 2mm 1mm; text-align: center; }
    th, td:nth-child(1), td:nth-child(3), td:nth-child(6), td:nth-child(7) { white-space: nowrap; }
    thead { display: table-header-group; }
    tr { page-break-inside: avoid; }`);
  const content = await renderPdf(platform.config.chromiumPath, html);
  await platform.audit.recordAlone(ctx, { action: 'inspector.appointment_list', entityType: 'inspector', detail: { ...q, rows: rows.length } });
  return { name: `${title}.pdf`, content };
}
