import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, OverlapType, Packer, PageNumber, Paragraph, RelativeHorizontalPosition,
  RelativeVerticalPosition, Table, TableAnchorType, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, WidthType, type IRunOptions,
} from 'docx';
import type { Platform } from '../../platform/platform';
import type { Actor } from '../../platform/actor';
import type { Executor } from '../../platform/db/database';
import { chineseDate, escapeHtml, renderPdf } from '../../platform/pdf';
import { findNoticeInScope, noticeAttachments } from './notices.service';
import { titleWords } from './notices.words';

/**
 * The official document (公文) of a notice in the GB/T 9704-2012 layout (domain-rules §5): A4, margins 37 mm
 * top, 28 mm binding side, 26 mm outer side, 35 mm bottom; a 156 × 225 mm text block of 22 lines × 28
 * characters in 3号 (16 pt) 仿宋; the organ mark in red 小标宋 35 mm below the top of the text block; the
 * number two lines below it and the red separator 4 mm below the number; the title in 2号 小标宋 two lines
 * below the separator, broken between words in a 梯形 or 菱形; the addressees, the body (headings 一、 in 黑体
 * and （一） in 楷体), the items, the attachment note, the issuing organ and the date (in Chinese, 2026年3月2日)
 * without a seal; and the 版记 — 抄送 and 印发 between rules 0.35 / 0.25 / 0.35 mm thick — at the foot of the
 * last page, its last rule on the bottom edge of the text block; a 版记 that does not fit there takes an even
 * page of its own (a blank page before it if need be), neither numbered. Page numbers “— 1 —” in 4号 宋体,
 * outer side, the dashes 7 mm below the text block; margins mirrored on even pages in both formats.
 *
 * Fonts: the official faces are named first (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, Times New Roman);
 * the PDF falls back to Noto Serif CJK SC Bold (title), Noto Serif CJK SC (body), Noto Sans CJK SC (黑体),
 * AR PL UKai CN (楷体) and Liberation Serif (digits and Latin) when they are not installed on the server.
 * The DOCX names the official faces; Word on the reader's computer supplies them.
 *
 * A notice not yet issued renders with a 「草稿」 mark and no number; a withdrawn one with 「已撤回」 and its number.
 */

/** A run of text in one of the document's faces. */
interface Run { text: string; face: 'body' | 'hei' | 'kai' }
interface Para { runs: Run[] }

export interface OfficialDocument {
  mark: string | null;
  urgency: string | null;
  organ: string;
  number: string | null;
  title: string;
  addressees: string | null;
  paragraphs: Para[];
  attachments: string[];
  signature: string;
  date: string | null;
  copies: string | null;
  printedBy: string;
  printedDate: string | null;
  fileName: string;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** A body paragraph; a heading's own sentence takes its face: 一、 黑体, （一） 楷体. */
function bodyParagraph(text: string): Para {
  const face = /^[一二三四五六七八九十]+、/.test(text) ? 'hei' : /^（[一二三四五六七八九十]+）/.test(text) ? 'kai' : null;
  if (!face) return { runs: [{ text, face: 'body' }] };
  const end = text.indexOf('。');
  if (end < 0 || end === text.length - 1) return { runs: [{ text, face }] };
  return { runs: [{ text: text.slice(0, end + 1), face }, { text: text.slice(end + 1), face: 'body' }] };
}

export async function officialDocument(db: Executor, actor: Actor, id: string): Promise<OfficialDocument> {
  const n = await findNoticeInScope(db, actor, id);
  const recipients = await db.selectFrom('notice_recipients').innerJoin('units', 'units.id', 'notice_recipients.unit_id')
    .select(['units.id', 'units.name', 'notice_recipients.kind']).where('notice_recipients.notice_id', '=', id).orderBy('notice_recipients.sort').execute();
  const items = await db.selectFrom('notice_items').selectAll().where('notice_id', '=', id).orderBy('seq').execute();
  const attachments = await noticeAttachments(db, id);
  const main = recipients.filter((r) => r.kind === 'main');
  const copies = recipients.filter((r) => r.kind === 'copy');
  const issued = n.status === 'issued' || n.status === 'closed' || n.status === 'withdrawn';

  const body = n.body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const paragraphs = body.map(bodyParagraph);
  if (items.length > 0) {
    const headings = body.filter((l) => /^[一二三四五六七八九十]+、/.test(l)).length;
    paragraphs.push(headings > 0 && headings < numerals.length
      ? { runs: [{ text: `${numerals[headings]}、督办事项及完成时限`, face: 'hei' }] }
      : { runs: [{ text: '督办事项及完成时限如下：', face: 'body' }] });
    for (const item of items) {
      const unitIds = item.unit_ids ? (JSON.parse(item.unit_ids) as string[]) : null;
      const units = unitIds ? main.filter((u) => unitIds.includes(u.id)).map((u) => u.name) : [];
      const demand = item.demand.replace(/[。；;.]$/, '');
      paragraphs.push({ runs: [{ text: `${item.seq}．${demand}（完成时限：${chineseDate(item.deadline)}前${units.length ? `；责任单位：${units.join('、')}` : ''}）。`, face: 'body' }] });
    }
  }
  const number = issued ? n.doc_number : null;
  return {
    mark: !issued ? '草稿' : n.status === 'withdrawn' ? '已撤回' : null,
    urgency: n.type_key === 'urgent' ? '特急' : null,
    organ: n.issuer_name,
    number,
    title: n.title,
    addressees: main.length ? `${main.map((u) => u.name).join('、')}：` : null,
    paragraphs,
    attachments: attachments.map((a) => a.name.replace(/\.[A-Za-z0-9]{1,5}$/, '')),
    signature: n.issuer_name,
    date: issued && n.issue_date ? chineseDate(n.issue_date) : null,
    copies: copies.length ? `${copies.map((u) => u.name).join('、')}。` : null,
    printedBy: n.printed_by ?? n.issuer_name,
    printedDate: issued && n.issue_date ? chineseDate(n.issue_date) : null,
    fileName: `${number ? `${number} ` : '草稿 '}${n.title}`.replace(/[\\/:*?"<>|]/g, '').slice(0, 120),
  };
}

// ---------- geometry shared by both renderers ----------

const PT_PER_MM = 72 / 25.4;
const PX_PER_MM = 96 / 25.4;
const BLOCK_W = 156;
const BLOCK_H = 225;
/**
 * One line of the 22-line grid, in CSS pixels and in mm. Chromium lays out in 1/64 px; a pitch rounded down to
 * that unit makes 22 lines add up exactly, and never to more than the text block, so a full page cannot spill.
 */
const LINE_PX = Math.floor((BLOCK_H * PX_PER_MM * 64) / 22) / 64;
const LINE = LINE_PX / PX_PER_MM;
/** The 28-character grid: 3号 characters with a little negative tracking so 28 fill the line and no more. */
const BODY_PT = 16;
const TRACK_PT = -0.25;
const PITCH_PT = BODY_PT + TRACK_PT;
const TITLE_PT = 22;
const FOOT_PT = 14;
const ORGAN_TOP = 35;

/** Advance widths (em) of half-width characters in Times New Roman, near enough to predict line breaks. */
function halfWidth(c: string): number {
  if (/[0-9]/.test(c)) return 0.5;
  if (/[A-Z]/.test(c)) return 0.67;
  if (/[a-z]/.test(c)) return 0.46;
  if (c === ' ') return 0.25;
  return 0.33;
}

// Latin-1 comes from the Latin face (half width); everything else, curly quotes and dashes too, from the CJK face.
const isHalf = (c: string) => c.charCodeAt(0) <= 0xff;
/** Width of a text in points at a font size, with the grid's tracking for body text. */
function widthPt(text: string, size = BODY_PT, track = TRACK_PT): number {
  return [...text].reduce((w, c) => w + (isHalf(c) ? halfWidth(c) * size : size) + track, 0);
}

const blockPt = BLOCK_W * PT_PER_MM;

/** Line widths in the standard's shapes: 梯形 (each line no longer than the one above) or 菱形 (longest in the middle). */
function shaped(widths: number[]): boolean {
  const eps = 0.01;
  const peak = widths.findIndex((w) => w >= Math.max(...widths) - eps);
  if (peak > 0 && (widths.length < 3 || peak === widths.length - 1)) return false;
  return widths.every((w, i) => i === 0 || (i <= peak ? w >= widths[i - 1] - eps : w <= widths[i - 1] + eps));
}

interface TitleCut { breaks: number[]; widest: number; spread: number }

/**
 * The title's lines: broken between words only (notices.words.ts), as few lines as fit, in a 梯形 or 菱形 shape,
 * and of the breaks that keep that shape the one whose longest line is shortest, so the lines are as even as
 * the words allow. Both renderers print these lines as they are.
 */
export function titleLines(title: string): string[] {
  const width = (text: string) => widthPt(text, TITLE_PT, 0);
  // A word wider than a line (a long run of unknown characters) may break between its characters.
  const parts = titleWords(title).flatMap((w) => (width(w) > blockPt ? [...w] : [w]));
  const lineWidth = (from: number, to: number) => width(parts.slice(from, to).join(''));
  let best = null as TitleCut | null;
  let fallback = null as TitleCut | null;
  // Every way of cutting the words into k lines that each fit: titles are a few dozen words at most.
  const search = (k: number, from: number, breaks: number[], widths: number[]) => {
    if (breaks.length === k - 1) {
      const last = lineWidth(from, parts.length);
      if (last > blockPt + 0.01) return;
      const all = [...widths, last];
      const candidate = { breaks, widest: Math.max(...all), spread: Math.max(...all) - Math.min(...all) };
      const better = (than: TitleCut | null) => !than || candidate.widest < than.widest - 0.01
        || (Math.abs(candidate.widest - than.widest) <= 0.01 && candidate.spread < than.spread);
      if (shaped(all) && better(best)) best = candidate;
      if (better(fallback)) fallback = candidate;
      return;
    }
    for (let to = from + 1; to < parts.length; to += 1) {
      const w = lineWidth(from, to);
      if (w > blockPt + 0.01) break;
      search(k, to, [...breaks, to], [...widths, w]);
    }
  };
  let firstFit = 0;
  for (let k = 1; k <= parts.length && !best; k += 1) {
    search(k, 0, [], []);
    if (fallback && !firstFit) firstFit = k;
    // A shape one line longer is worth it; beyond that the fewest lines win.
    if (firstFit && k > firstFit) break;
  }
  const chosen = best ?? fallback;
  if (!chosen) return [title];
  const bounds = [0, ...chosen.breaks, parts.length];
  return bounds.slice(1).map((to, i) => parts.slice(bounds[i], to).join(''));
}

/** The organ mark's size: as large as 15 mm characters allow, condensed (长体) when a long name needs it. */
function organGeometry(organ: string) {
  const chars = [...organ].length;
  const sizeMm = Math.min(15, Math.max(10, 190 / chars));
  const scale = Math.min(1, (BLOCK_W - 4) / (chars * sizeMm));
  return { sizeMm, scale };
}

/** Where the first page's header elements sit (mm from the top of the text block) and its height on the grid. */
function headerGeometry(organ: string) {
  const { sizeMm } = organGeometry(organ);
  const numberTop = ORGAN_TOP + sizeMm + 2 * LINE;
  // The number's glyphs (brackets and digits in 3号) end 2.1 mm below the middle of its line (measured at 300 dpi);
  // the rule's top edge is 4 mm below them.
  const ruleTop = numberTop + LINE / 2 + 2.1 + 4;
  const height = Math.ceil((ruleTop + 2 * LINE) / LINE - 0.15) * LINE;
  return { numberTop, ruleTop, height, lines: Math.round(height / LINE) };
}

/** The signature and the date (no seal): signature right-indented 2, date starting 2 characters further right. */
function signatureColumns(signature: string, date: string) {
  const sig = widthPt(signature) / PITCH_PT;
  const day = widthPt(date) / PITCH_PT;
  let dateRight = sig - 2 - day;
  let sigRight = 2;
  if (dateRight < 2) {
    sigRight += 2 - dateRight;
    dateRight = 2;
  }
  return { sigStart: 28 - sigRight - sig, dateStart: 28 - sigRight - sig + 2 };
}

// ---------- PDF ----------

const faces = `
  @font-face { font-family: DocLatin; src: local('Times New Roman'), local('TimesNewRomanPSMT'), local('Liberation Serif'), local('LiberationSerif'); unicode-range: U+0020-007E, U+00A0-00FF; }
  @font-face { font-family: DocFang; src: local('仿宋_GB2312'), local('FangSong_GB2312'), local('仿宋'), local('FangSong'), local('STFangsong'), local('Noto Serif CJK SC'), local('NotoSerifCJKsc-Regular'); }
  @font-face { font-family: DocTitle; src: local('方正小标宋简体'), local('FZXiaoBiaoSong-B05S'), local('方正小标宋_GBK'), local('Noto Serif CJK SC Bold'), local('NotoSerifCJKsc-Bold'); }
  @font-face { font-family: DocHei; src: local('黑体'), local('SimHei'), local('Noto Sans CJK SC'), local('NotoSansCJKsc-Regular'); }
  @font-face { font-family: DocKai; src: local('楷体_GB2312'), local('KaiTi_GB2312'), local('楷体'), local('KaiTi'), local('STKaiti'), local('AR PL UKai CN'), local('UKaiCN'); }
  @font-face { font-family: DocSong; src: local('宋体'), local('SimSun'), local('Noto Serif CJK SC'), local('NotoSerifCJKsc-Regular'); }
`;

const faceFamily = { body: 'DocLatin, DocFang, serif', hei: 'DocLatin, DocHei, sans-serif', kai: 'DocLatin, DocKai, serif' } as const;

function runsHtml(p: Para): string {
  return p.runs.map((r) => (r.face === 'body' ? escapeHtml(r.text) : `<span style="font-family:${faceFamily[r.face]}">${escapeHtml(r.text)}</span>`)).join('');
}

/** Where the 版记 goes, from where the text ends (lines from the top of page 1) and how many lines it takes. */
interface FootPlacement {
  /** Blank lines between the text and the 版记 on the page it closes. */
  spacer: number;
  /** The 版记 does not fit under the text: it gets a page of its own, an even one, with no page number. */
  ownPage: boolean;
  /** The text ends on an even page, so an unnumbered blank page comes before the 版记's page. */
  blankBefore: boolean;
  footRows: number;
  copyRows: number;
}

function footPlacement(textLines: number, footRows: number, copyRows: number): FootPlacement {
  const pages = Math.max(1, Math.ceil(textLines / 22));
  const left = 22 * pages - textLines;
  if (footRows <= left) return { spacer: left - footRows, ownPage: false, blankBefore: false, footRows, copyRows };
  return { spacer: 22 - footRows, ownPage: true, blankBefore: pages % 2 === 0, footRows, copyRows };
}

/** The page number's line box starts this far below the text block, so that its dashes lie 7 mm below it. */
const PAGE_NUMBER_TOP = 4.32;

/**
 * The document as HTML for Chromium. Without a placement the 版记 follows the text directly, to be measured;
 * with one it closes the last page, its last rule on the bottom edge of the text block.
 */
export function documentHtml(d: OfficialDocument, placement?: FootPlacement): string {
  const mm = (v: number) => `${v.toFixed(3)}mm`;
  const lines = (n: number) => `${(n * LINE_PX).toFixed(6)}px`;
  const header = headerGeometry(d.organ);
  const organ = organGeometry(d.organ);
  const title = titleLines(d.title);
  const flow: string[] = [`<div class="title">${title.map(escapeHtml).join('<br>')}</div>`, '<div class="blank"></div>'];
  if (d.addressees) flow.push(`<p class="flush">${escapeHtml(d.addressees)}</p>`);
  for (const p of d.paragraphs) flow.push(`<p>${runsHtml(p)}</p>`);
  if (d.attachments.length > 0) {
    flow.push('<div class="blank"></div>');
    const numbered = d.attachments.length > 1;
    const labelPt = 2 * PITCH_PT + widthPt('附件：');
    d.attachments.forEach((name, i) => {
      const num = numbered ? `${i + 1}．` : '';
      const namePt = labelPt + widthPt(num);
      flow.push(`<div class="attachment" style="padding-left:${namePt.toFixed(2)}pt"><span class="lead" style="width:${namePt.toFixed(2)}pt">`
        + `<span style="padding-left:${(2 * PITCH_PT).toFixed(2)}pt">${i === 0 ? '附件：' : ''}</span>${numbered ? `<span class="num">${num}</span>` : ''}</span>${escapeHtml(name)}</div>`);
    });
  }
  const date = d.date ?? '　　年　月　日';
  const cols = signatureColumns(d.signature, date);
  flow.push('<div class="blank"></div>', `<div class="sign" style="padding-left:${(cols.sigStart * PITCH_PT).toFixed(2)}pt">${escapeHtml(d.signature)}</div>`,
    `<div class="sign" style="padding-left:${(cols.dateStart * PITCH_PT).toFixed(2)}pt">${escapeHtml(date)}</div>`);

  // The rules are drawn, not bordered: Chromium rounds borders and boxes to whole pixels (0.26 mm), a drawing keeps 0.35 and 0.25 mm.
  const rules = placement ? (() => {
    const height = placement.footRows * LINE;
    const rect = (y: number, h: number) => `<rect x="0" y="${y.toFixed(3)}" width="${BLOCK_W}" height="${h}"/>`;
    return `<svg class="rules" viewBox="0 0 ${BLOCK_W} ${height.toFixed(3)}" width="${BLOCK_W}mm" height="${mm(height)}">${rect(0, 0.35)}`
      + `${placement.copyRows ? rect(placement.copyRows * LINE - 0.125, 0.25) : ''}${rect(height - 0.35, 0.35)}</svg>`;
  })() : '';
  const foot = `<div class="foot">${rules}${d.copies ? `<div class="row cc"><span class="label">抄送：</span>${escapeHtml(d.copies)}</div>` : ''}`
    + `<div class="row print"><span>${escapeHtml(d.printedBy)}</span><span>${d.printedDate ? `${escapeHtml(d.printedDate)}印发` : '　　年　月　日印发'}</span></div></div>`;
  const closing = !placement ? foot
    : !placement.ownPage ? `<div class="spacer" style="height:${lines(placement.spacer)}"></div>${foot}`
      : `${placement.blankBefore ? '<div class="unnumbered"></div>' : ''}`
        + `<div class="unnumbered"${placement.blankBefore ? ' style="break-before:page"' : ''}><div class="spacer" style="height:${lines(placement.spacer)}"></div>${foot}</div>`;
  const pageNumber = (side: 'left' | 'right') => `content: "— " counter(page) " —"; font-family: DocLatin, DocSong, serif; font-size: ${FOOT_PT}pt; line-height: ${FOOT_PT}pt; `
    + `vertical-align: top; padding-top: ${PAGE_NUMBER_TOP}mm; padding-${side}: ${FOOT_PT}pt;`;

  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  ${faces}
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-right { ${pageNumber('right')} } }
  @page :left { margin: 37mm 28mm 35mm 26mm; @bottom-right { content: none; } @bottom-left { ${pageNumber('left')} } }
  @page unnumbered { @bottom-right { content: none; } @bottom-left { content: none; } }
  html, body { margin: 0; padding: 0; }
  body { width: ${BLOCK_W}mm; font-family: ${faceFamily.body}; font-size: ${BODY_PT}pt; line-height: ${lines(1)}; letter-spacing: ${TRACK_PT}pt; color: #000;
    text-align: justify; orphans: 1; widows: 1; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .header { position: relative; height: ${lines(header.lines)}; overflow: hidden; }
  .urgency { position: absolute; top: 0; left: 0; font-family: ${faceFamily.hei}; }
  .organ { position: absolute; top: ${mm(ORGAN_TOP)}; left: 50%; width: max-content; white-space: nowrap; color: #e60012;
    font-family: DocTitle, serif; font-size: ${mm(organ.sizeMm)}; line-height: ${mm(organ.sizeMm)}; letter-spacing: 0; transform: translateX(-50%) scaleX(${organ.scale.toFixed(3)}); }
  .number { position: absolute; top: ${mm(header.numberTop)}; left: 0; right: 0; text-align: center; letter-spacing: 0; }
  .rule { position: absolute; top: ${mm(header.ruleTop)}; left: 0; right: 0; border-top: 0.7mm solid #e60012; }
  .title { font-family: DocTitle, serif; font-size: ${TITLE_PT}pt; letter-spacing: 0; text-align: center; white-space: nowrap; }
  .blank, .spacer { break-inside: avoid; }
  .blank { height: ${lines(1)}; }
  p { margin: 0; text-indent: ${(2 * PITCH_PT).toFixed(2)}pt; }
  p.flush { text-indent: 0; }
  .attachment { text-indent: 0; position: relative; }
  .attachment .lead { position: absolute; left: 0; top: 0; white-space: nowrap; }
  .attachment .num { position: absolute; right: 0; }
  .sign { white-space: nowrap; text-align: left; }
  .unnumbered { page: unnumbered; }
  .foot { position: relative; font-size: ${FOOT_PT}pt; letter-spacing: 0; break-inside: avoid; }
  .foot .rules { position: absolute; left: 0; top: 0; }
  .foot .row { line-height: ${lines(1)}; padding: 0 ${FOOT_PT}pt; }
  .foot .cc { padding-left: ${(FOOT_PT + widthPt('抄送：', FOOT_PT, 0)).toFixed(2)}pt; text-indent: -${widthPt('抄送：', FOOT_PT, 0).toFixed(2)}pt; text-align: left; }
  .foot .print { display: flex; justify-content: space-between; }
  .mark { position: fixed; top: 95mm; left: 0; right: 0; text-align: center; font-family: DocHei, sans-serif; font-size: 96pt; letter-spacing: 12mm;
    color: rgba(230, 0, 18, 0.13); transform: rotate(-30deg); }
  </style></head><body>
  ${d.mark ? `<div class="mark">${escapeHtml(d.mark)}</div>` : ''}
  <div class="header">
    ${d.urgency ? `<div class="urgency">${escapeHtml(d.urgency)}</div>` : ''}
    <div class="organ">${escapeHtml(d.organ)}</div>
    <div class="number">${escapeHtml(d.number ?? '')}</div>
    <div class="rule"></div>
  </div>
  ${flow.join('\n  ')}
  ${closing}
  </body></html>`;
}

/** Lays the document out once, measures where its text ends and how tall its 版记 is, then places the 版记. */
export async function documentPdf(chromiumPath: string, d: OfficialDocument): Promise<Buffer> {
  return renderPdf(chromiumPath, documentHtml(d), {
    relayout: async (page) => {
      const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
      const top = (await box('.header')).y;
      const foot = await box('.foot');
      const rows = (px: number) => Math.round(px / LINE_PX);
      const copyRows = d.copies ? rows((await box('.foot .cc')).height) : 0;
      return documentHtml(d, footPlacement(rows(foot.y - top), rows(foot.height), copyRows));
    },
  });
}

export async function noticePdf(platform: Platform, actor: Actor, id: string) {
  const d = await officialDocument(platform.database.db, actor, id);
  return { fileName: d.fileName, content: await documentPdf(platform.config.chromiumPath, d) };
}

// ---------- DOCX ----------

const TWIP_PER_MM = 1440 / 25.4;
const tw = (mmValue: number) => Math.round(mmValue * TWIP_PER_MM);
const PITCH_TW = (BLOCK_W / 28) * TWIP_PER_MM;
const LINE_TW = Math.round(LINE * TWIP_PER_MM);
const official = {
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  title: { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体', hAnsi: '方正小标宋简体' },
  hei: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  kai: { eastAsia: '楷体_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  song: { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
} as const;
const RED = 'E60012';

function run(text: string, face: keyof typeof official, extra: Partial<IRunOptions> = {}) {
  return new TextRun({ text, font: official[face], size: BODY_PT * 2, ...extra });
}

const exactLine = { line: LINE_TW, lineRule: LineRuleType.EXACT };
/** The red rule's distance below the number's line (pt): its glyphs end 3 mm above the line's foot, the rule 4 mm below them. */
const RULE_SPACE_PT = 5;

/** The footer's one line, exactly one 4号 character high (off the document grid), its dashes in the middle of it. */
const FOOTER_LINE_MM = FOOT_PT / PT_PER_MM;

function pageNumberFooter(align: 'left' | 'right') {
  return new Footer({
    children: [new Paragraph({
      alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      spacing: { line: FOOT_PT * 20, lineRule: LineRuleType.EXACT },
      indent: align === 'right' ? { right: FOOT_PT * 20 } : { left: FOOT_PT * 20 },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: official.song, size: FOOT_PT * 2 })],
    })],
  });
}

/**
 * The settings part, written whole because the docx package has no option for mirrored margins: the binding side
 * is on the left of odd pages and the right of even ones (w:mirrorMargins), as in the PDF, with separate even
 * and odd footers for the page number's side.
 */
const settingsXml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
  + '<w:mirrorMargins/><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>'
  + '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
  + '</w:settings>';

export async function documentDocx(d: OfficialDocument): Promise<Buffer> {
  const header = headerGeometry(d.organ);
  const organ = organGeometry(d.organ);
  const organPt = organ.sizeMm * PT_PER_MM;
  const children: (Paragraph | Table)[] = [];
  if (d.mark) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { ...exactLine }, children: [run(`【${d.mark}】`, 'hei', { color: RED })] }));
  if (d.urgency) children.push(new Paragraph({ spacing: { ...exactLine }, children: [run(d.urgency, 'hei')] }));
  const above = (d.mark ? 1 : 0) + (d.urgency ? 1 : 0);
  // Word clips glyphs taller than an exact line: the line is a quarter higher than the characters, taken from the space above.
  const organLine = Math.round(organPt * 20 * 1.25);
  children.push(new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: tw(ORGAN_TOP) - above * LINE_TW - (organLine - Math.round(organPt * 20)), line: organLine, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text: d.organ, font: official.title, size: Math.round(organPt * 2), color: RED, scale: Math.round(organ.scale * 100) })],
  }));
  children.push(new Paragraph({
    alignment: AlignmentType.CENTER, spacing: { before: 2 * LINE_TW, ...exactLine },
    border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: RULE_SPACE_PT } },
    children: [run(d.number ?? '', 'body')],
  }));
  // Two blank lines below the rule, as in the PDF's grid; Word already added the rule's spacing and width under the number.
  const afterRule = header.height - (header.numberTop + LINE);
  children.push(new Paragraph({
    alignment: AlignmentType.CENTER, spacing: { before: tw(afterRule) - (RULE_SPACE_PT + 2) * 20, ...exactLine },
    children: titleLines(d.title).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: official.title, size: TITLE_PT * 2 })),
  }));
  if (d.addressees) children.push(new Paragraph({ spacing: { before: LINE_TW, ...exactLine }, children: [run(d.addressees, 'body')] }));
  for (const p of d.paragraphs) {
    children.push(new Paragraph({
      alignment: AlignmentType.BOTH, indent: { firstLine: Math.round(2 * PITCH_TW) }, spacing: { ...exactLine },
      children: p.runs.map((r) => run(r.text, r.face)),
    }));
  }
  d.attachments.forEach((name, i) => {
    const numbered = d.attachments.length > 1;
    const lead = (2 + 3 + (numbered ? 1.5 : 0)) * PITCH_TW;
    children.push(new Paragraph({
      spacing: { before: i === 0 ? LINE_TW : 0, ...exactLine },
      indent: { left: Math.round(lead), hanging: Math.round(lead - (i === 0 ? 2 * PITCH_TW : 5 * PITCH_TW)) },
      children: [run(`${i === 0 ? '附件：' : ''}${numbered ? `${i + 1}．` : ''}${name}`, 'body')],
    }));
  });
  const date = d.date ?? '　　年　月　日';
  const cols = signatureColumns(d.signature, date);
  children.push(new Paragraph({ spacing: { before: LINE_TW, ...exactLine }, indent: { left: Math.round(cols.sigStart * PITCH_TW) }, children: [run(d.signature, 'body')] }));
  children.push(new Paragraph({ spacing: { ...exactLine }, indent: { left: Math.round(cols.dateStart * PITCH_TW) }, children: [run(date, 'body')] }));

  // The 版记 is a table floating at the bottom of the text block on the page where the document ends: its rules
  // are the table's borders and span the block's width, its text is indented 1 character by the cell margins.
  const foot = (text: string) => new TextRun({ text, font: official.body, size: FOOT_PT * 2 });
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const label = 3 * FOOT_PT * 20;
  const textWidth = tw(BLOCK_W) - 2 * FOOT_PT * 20;
  const row = (paragraph: Paragraph) => new TableRow({ children: [new TableCell({ children: [paragraph] })] });
  const rows = [row(new Paragraph({
    spacing: { ...exactLine }, tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
    children: [foot(`${d.printedBy}\t${d.printedDate ? `${d.printedDate}印发` : '　　年　月　日印发'}`)],
  }))];
  if (d.copies) rows.unshift(row(new Paragraph({ spacing: { ...exactLine }, indent: { left: label, hanging: label }, children: [foot(`抄送：${d.copies}`)] })));
  children.push(new Table({
    rows, width: { size: tw(BLOCK_W), type: WidthType.DXA }, columnWidths: [tw(BLOCK_W)], layout: TableLayoutType.FIXED,
    margins: { left: FOOT_PT * 20, right: FOOT_PT * 20, top: 0, bottom: 0 },
    borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN, relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      verticalAnchor: TableAnchorType.MARGIN, relativeVerticalPosition: RelativeVerticalPosition.BOTTOM, overlap: OverlapType.NEVER,
    },
  }));
  // A floating table is anchored to the paragraph after it, and a document ends with a paragraph: a hairline one.
  children.push(new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2 })] }));

  const doc = new Document({
    creator: d.organ,
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: official.body, size: BODY_PT * 2 } } } },
    sections: [{
      properties: {
        page: { size: { width: tw(210), height: tw(297) }, margin: { top: tw(37), bottom: tw(35), left: tw(28), right: tw(26), footer: tw(35 - 7 - FOOTER_LINE_MM / 2), header: tw(15) } },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_TW, charSpace: Math.round((BLOCK_W / 28 * PT_PER_MM - BODY_PT) * 4096) },
      },
      footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
      children,
    }],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/settings.xml', data: settingsXml }]);
}

export async function noticeDocx(platform: Platform, actor: Actor, id: string) {
  const d = await officialDocument(platform.database.db, actor, id);
  return { fileName: d.fileName, content: await documentDocx(d) };
}
