/**
 * The county report as files: per stage, the schools as rows with each indicator's value, then the county mean
 * and the coefficient rows, failing cells marked; then the verdicts with their reasons. The workbook and the PDF
 * are laid out from the same rows, so they cannot disagree.
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n';
import { escapeHtml, renderPdf } from '../../platform/pdf';
import type { AssessmentReport } from './balance.contract';
import { yearWords } from './balance.assessment';

const words = {
  'zh-CN': {
    primary: '小学', junior: '初中', no: '序号', school: '学校名称', code: '学校标识码', students: '学生数', met: '达标项数', verdict: '结论',
    pass: '达到要求', fail: '未达到要求', open: '待核实', mean: '县域均值', cv: '差异系数', standardRow: '标准', maxRow: '差异系数上限',
    composite: '综合差异系数', county: '县域结论', reasons: '学校评估情况', excluded: '未纳入计算的学校', dataErrors: '数据问题', assurance: '政府保障程度（可由数据计算的项目）',
    table: '资源配置指标统计表', marked: '标红单元格为未达到标准的指标值或高于上限的差异系数。', split: '一贯制学校按学段分摊',
  },
  en: {
    primary: 'Primary', junior: 'Junior secondary', no: 'No.', school: 'School', code: 'School code', students: 'Students', met: 'Indicators met', verdict: 'Verdict',
    pass: 'Passes', fail: 'Fails', open: 'To be checked', mean: 'County mean', cv: 'Coefficient of variation', standardRow: 'Standard', maxRow: 'Highest coefficient',
    composite: 'Composite coefficient', county: 'County verdict', reasons: 'Schools', excluded: 'Schools not counted', dataErrors: 'Data problems', assurance: 'Government assurance (items computed from the data)',
    table: 'resource indicators', marked: 'Cells in red are values below the standard or coefficients above the highest allowed.', split: 'combined school, split by section',
  },
} as const;

type Cell = { text: string; failing?: boolean; bold?: boolean };

/** One stage's table: a header, a row per school, then the mean, the coefficient and the limits. */
function stageTable(stage: AssessmentReport['stages'][number], locale: Locale): Cell[][] {
  const w = words[locale];
  const outcomeWord = (passed: boolean | null) => (passed === null ? '' : passed ? w.pass : w.fail);
  const header: Cell[] = [w.no, w.school, w.code, w.students, ...stage.indicators.map((i) => `${i.id} ${i.name}（${i.unit}）`), ...(stage.schools.some((s) => s.passed !== null) ? [w.met, w.verdict] : [])]
    .map((text) => ({ text, bold: true }));
  const quality = stage.schools.some((s) => s.passed !== null);
  const rows: Cell[][] = stage.schools.map((s, i) => [
    { text: String(i + 1) }, { text: s.splitShare ? `${s.name}（${w.split}）` : s.name }, { text: s.code }, { text: String(s.students) },
    ...stage.indicators.map((ind) => {
      const v = s.values.find((x) => x.indicator === ind.id);
      return { text: v?.value ?? '', failing: v?.met === false };
    }),
    ...(quality ? [{ text: String(s.values.filter((v) => v.met).length) }, { text: outcomeWord(s.passed), failing: s.passed === false }] : []),
  ]);
  const pad = quality ? [{ text: '' }, { text: '' }] : [];
  const summary = (label: string, cells: Cell[]): Cell[] => [{ text: '' }, { text: label, bold: true }, { text: '' }, { text: '' }, ...cells, ...pad];
  const limits: Cell[][] = quality
    ? [summary(w.standardRow, stage.indicators.map((i) => ({ text: i.threshold ?? '' }))), summary(w.maxRow, stage.indicators.map((i) => ({ text: i.max ?? '' })))]
    : stage.composite ? [summary(`${w.composite} ${stage.composite.cv ?? '—'}（≤ ${stage.composite.max}）`, stage.indicators.map(() => ({ text: '' })))] : [];
  return [
    header,
    ...rows,
    summary(w.mean, stage.indicators.map((i) => ({ text: i.mean }))),
    summary(w.cv, stage.indicators.map((i) => ({ text: i.cv ?? '—', failing: i.cvMet === false }))),
    ...limits,
  ];
}

function title(report: AssessmentReport, locale: Locale): string {
  const by = report.standard.adjustedBy;
  return locale === 'en'
    ? `${report.region.name}, ${yearWords(report.schoolYear, locale)}: ${report.standard.name} (${report.standard.document}${by ? `, values of ${by}` : ''})`
    : `${report.region.name}${yearWords(report.schoolYear, locale)}${report.standard.name}督导评估（${report.standard.document}${by ? `，${by}取值` : ''}）`;
}

function stageName(stage: AssessmentReport['stages'][number], locale: Locale) {
  return words[locale][stage.stage];
}

/** The verdicts and reasons under the tables, as numbered paragraphs. */
function findings(report: AssessmentReport, locale: Locale): { heading: string; lines: string[] }[] {
  const w = words[locale];
  const outcome = (o: string) => (o === 'met' ? w.pass : o === 'notMet' ? w.fail : w.open);
  return [
    { heading: `${w.county}：${outcome(report.outcome)}`, lines: [...report.verdict, ...report.stages.flatMap((s) => s.verdict)] },
    { heading: w.reasons, lines: report.stages.flatMap((s) => s.schools.filter((x) => x.passed === false).flatMap((x) => x.reasons)) },
    { heading: w.assurance, lines: report.assurance.flatMap((c) => c.offenders.map((o) => `${c.item} ${o.reason}`)) },
    { heading: w.excluded, lines: report.excluded.map((x) => x.reason) },
    { heading: w.dataErrors, lines: report.dataErrors },
  ].filter((f) => f.lines.length);
}

const failFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export async function reportWorkbook(report: AssessmentReport, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const stage of report.stages) {
    const ws = wb.addWorksheet(stageName(stage, locale));
    ws.addRow([`${title(report, locale)} ${stageName(stage, locale)}${locale === 'en' ? ' ' : ''}${words[locale].table}`]).font = { bold: true, size: 14 };
    for (const cells of stageTable(stage, locale)) {
      const row = ws.addRow(cells.map((c) => c.text));
      cells.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.failing) {
          cell.fill = failFill;
          cell.font = { color: { argb: 'FF9C0006' }, bold: c.bold };
        } else if (c.bold) cell.font = { bold: true };
        cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
    ws.addRow([words[locale].marked]);
    ws.getColumn(2).width = 32;
    ws.getColumn(3).width = 14;
    for (let c = 5; c <= 5 + stage.indicators.length; c += 1) ws.getColumn(c).width = 16;
  }
  const notes = wb.addWorksheet(locale === 'en' ? 'Findings' : '评估结论');
  notes.getColumn(1).width = 120;
  notes.addRow([title(report, locale)]).font = { bold: true, size: 14 };
  for (const f of findings(report, locale)) {
    notes.addRow([f.heading]).font = { bold: true };
    f.lines.forEach((line, i) => notes.addRow([`${i + 1}. ${line}`]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportHtml(report: AssessmentReport, locale: Locale): string {
  const table = (cells: Cell[][]) => `<table>${cells.map((row, r) => `<tr>${row.map((c) => {
    const tag = r === 0 ? 'th' : 'td';
    const cls = [c.failing ? 'fail' : '', c.bold ? 'b' : ''].filter(Boolean).join(' ');
    return `<${tag}${cls ? ` class="${cls}"` : ''}>${escapeHtml(c.text)}</${tag}>`;
  }).join('')}</tr>`).join('')}</table>`;
  const stagesHtml = report.stages.map((s) => `<h2>${escapeHtml(stageName(s, locale))}${locale === 'en' ? ' ' : ''}${escapeHtml(words[locale].table)}</h2>${table(stageTable(s, locale))}`).join('');
  const findingsHtml = findings(report, locale).map((f) => `<h3>${escapeHtml(f.heading)}</h3><ol>${f.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ol>`).join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><style>
    @page { size: A4 landscape; margin: 15mm 12mm; }
    body { font-family: 'Noto Serif CJK SC', 'Liberation Serif', serif; font-size: 10pt; }
    h1 { font-size: 16pt; text-align: center; font-family: 'Noto Sans CJK SC', sans-serif; }
    h2 { font-size: 12pt; margin-top: 14pt; } h3 { font-size: 11pt; }
    table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; }
    th { background: #f0f0f0; } td.b { font-weight: bold; } td.fail { background: #ffc7ce; color: #9c0006; }
    tr { page-break-inside: avoid; } .note { font-size: 9pt; }
  </style></head><body><h1>${escapeHtml(title(report, locale))}</h1>${stagesHtml}<p class="note">${escapeHtml(words[locale].marked)}</p>${findingsHtml}</body></html>`;
}

export async function reportPdf(chromiumPath: string, report: AssessmentReport, locale: Locale): Promise<Buffer> {
  return renderPdf(chromiumPath, reportHtml(report, locale), { landscape: true });
}
