import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { makeNotice } from '../../../test/notices-factories';
import { signIn, type Client } from '../../../test/http';
import { dark, horizontalRules, mmToPx, PX_PER_MM, rasterize, red, rowCounts, rowRuns, type PageRaster } from '../../../test/pdf-raster';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { titleLines } from './notices.document';
import { titleWords } from './notices.words';

const out = path.resolve('test-output');

/** The text of a PDF as pdftotext reads it, and its first page as a PNG kept under test-output/. */
function inspectPdf(pdf: Buffer, name: string) {
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', file, path.join(out, name)]);
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString();
  const pages = fs.readdirSync(out).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  return { text, pages };
}

/** The text block of GB/T 9704: 37 mm from the top, 225 mm high, 156 mm wide; binding side 28 mm, mirrored on even pages. */
const BLOCK_BOTTOM = 37 + 225;
const blockLeft = (page: number) => (page % 2 === 1 ? 28 : 26);

/** Where the page number's dashes lie below the text block (mm), or null on a page without a number. */
function pageNumberDash(p: PageRaster): number | null {
  const counts = rowCounts(p, dark);
  // The dashes are the only rows of the number wider than a digit's strokes.
  const dash = rowRuns(counts, (c) => c > 30, mmToPx(BLOCK_BOTTOM) + 1, p.height);
  if (rowRuns(counts, (c) => c > 0, mmToPx(BLOCK_BOTTOM) + 1, p.height).length === 0) return null;
  expect(dash).toHaveLength(1);
  return ((dash[0][0] + dash[0][1] + 1) / 2) / PX_PER_MM - BLOCK_BOTTOM;
}

/** The red separator's distance below the lowest ink of the document number (mm). */
function separatorGap(p: PageRaster): number {
  const x0 = mmToPx(28);
  const x1 = mmToPx(28 + 156);
  const rule = rowRuns(rowCounts(p, red, x0, x1), (c) => c > 0.9 * (x1 - x0));
  expect(rule.length).toBeGreaterThan(0);
  const above = rowRuns(rowCounts(p, dark, x0, x1), (c) => c > 0, 0, rule[0][0]);
  return (rule[0][0] - (above[above.length - 1][1] + 1)) / PX_PER_MM;
}

/** The black rules across the text block on a page (the 版记's), top to bottom. */
function blackRules(p: PageRaster, page: number) {
  const x = mmToPx(blockLeft(page) + 60);
  return horizontalRules(p, x, x + mmToPx(20)).filter((r) => {
    const i = (mmToPx((r.topMm + r.bottomMm) / 2) * p.width + x) * 3;
    return !red(p.rgb[i], p.rgb[i + 1], p.rgb[i + 2]);
  });
}

/** The first row with ink on a page (mm from the top), or null on a blank page. */
function firstInk(p: PageRaster): number | null {
  const runs = rowRuns(rowCounts(p, dark), (c) => c > 0);
  return runs.length ? runs[0][0] / PX_PER_MM : null;
}

/** Checks the 版记 on a page: rules 0.35 / 0.25 / 0.35 mm thick (poppler sets a rule on whole pixels at 300 dpi), the last on the block's bottom edge. */
function expectFootRules(p: PageRaster, page: number, copies: boolean) {
  const rules = blackRules(p, page);
  expect(rules).toHaveLength(copies ? 3 : 2);
  const pixel = 1 / PX_PER_MM + 0.01;
  const first = rules[0];
  const last = rules[rules.length - 1];
  expect(Math.abs(first.thicknessMm - 0.35)).toBeLessThanOrEqual(pixel);
  expect(Math.abs(last.thicknessMm - 0.35)).toBeLessThanOrEqual(pixel);
  if (copies) {
    const middle = rules[1];
    expect(Math.abs(middle.thicknessMm - 0.25)).toBeLessThanOrEqual(pixel);
    expect(first.thicknessMm - middle.thicknessMm).toBeGreaterThan(0.08);
  }
  expect(Math.abs(last.bottomMm - BLOCK_BOTTOM)).toBeLessThanOrEqual(0.2);
  return rules;
}

/** The lines of a DOCX's title paragraph (the one in 2号 小标宋), as Word will break them. */
function docxTitleLines(xml: string): string[] {
  const para = xml.split('</w:p>').find((p) => p.includes('w:eastAsia="方正小标宋简体"') && p.includes('<w:sz w:val="44"/>'))!;
  return [...para.matchAll(/<w:r>(.*?)<\/w:r>/g)].reduce<string[]>((lines, [, r]) => {
    const text = [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    if (r.includes('<w:br/>') || lines.length === 0) lines.push(text);
    else lines[lines.length - 1] += text;
    return lines;
  }, []);
}

describe.each(engines)('the official document of a notice on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let schools: UnitsTable[];
  let gov: UnitsTable;
  let drafter: Client;
  let drafterId: string;
  let approver: Client;
  let id: string;

  beforeAll(async () => {
    world = await openWorld(engine);
    const province = await makeRegion(world, { level: 'province', name: '四川省' });
    const city = await makeRegion(world, { parent: province, name: '巴中市' });
    county = await makeRegion(world, { parent: city, name: '恩阳区' });
    const town = await makeRegion(world, { parent: county, name: '登科街道' });
    await makeUnit(world, { region: county, name: '巴中市恩阳区人民政府教育督导室', kind: 'supervision_office', school_code: null, stage: null, ownership: null });
    schools = [await makeUnit(world, { region: town, name: '恩阳区登科小学' }), await makeUnit(world, { region: town, name: '恩阳区第二中学' })];
    gov = await makeUnit(world, { region: county, name: '巴中市恩阳区教育局', kind: 'education_bureau', school_code: null, stage: null, ownership: null });
    const drafterAccount = await makeAccount(world, { region: county });
    drafterId = drafterAccount.id;
    drafter = await signIn(world, drafterAccount.username, TEST_PASSWORD);
    approver = await signIn(world, (await makeAccount(world, { region: county })).username, TEST_PASSWORD);
    const created = await drafter.post('/api/notices', {
      typeKey: 'supervision_notice',
      title: '关于做好2026年春季学期开学工作专项督导反馈问题整改的通知',
      body: [
        '根据《巴中市人民政府教育督导委员会办公室关于开展2026年春季学期开学工作专项督导的通知》（巴市教督办〔2026〕1号）要求，区政府教育督导室于2月下旬对全区中小学校开学工作进行了专项督导。现将督导发现的问题及整改要求通知如下。',
        '一、总体要求。各学校要高度重视督导反馈问题的整改工作，切实落实主体责任，主要负责同志要亲自研究部署，确保问题整改到位。',
        '（一）建立整改台账。对照问题清单逐项制定整改措施，明确责任人和完成时限，实行销号管理。',
        '（二）按时报送情况。整改完成后，及时将整改报告和佐证材料报送区政府教育督导室。',
      ].join('\n'),
      recipients: [{ unitId: schools[0].id, kind: 'main' }, { unitId: schools[1].id, kind: 'main' }, { unitId: gov.id, kind: 'copy' }],
      items: [
        { demand: '完成校舍安全隐患全面排查，建立隐患整改清单', deadline: '2026-03-31' },
        { demand: '配齐配足体育与艺术专任教师', deadline: '2026-06-30', unitIds: [schools[1].id] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    id = created.body.id;
    await drafter.upload(`/api/notices/${id}/attachments`, { file: { name: '整改情况统计表.txt', content: Buffer.from('表') } });
    await drafter.upload(`/api/notices/${id}/attachments`, { file: { name: '整改报告模板.txt', content: Buffer.from('模板') } });
  });
  afterAll(async () => world.close());

  it('renders a draft with a 草稿 mark and no number', async () => {
    const pdf = await drafter.get(`/api/notices/${id}/document.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text, pages } = inspectPdf(pdf.raw, `notice-draft-${engine}`);
    expect(text).toContain('草');
    expect(text).not.toContain('恩阳教督办');
    expect(pages.length).toBeGreaterThan(0);
  });

  it('renders the issued notice in the GB/T 9704 layout, as PDF and DOCX', async () => {
    await drafter.post(`/api/notices/${id}/submit`);
    await approver.post(`/api/notices/${id}/approve`, {});
    const issued = await drafter.post(`/api/notices/${id}/issue`);
    expect(issued.body.docNumber).toBe('恩阳教督办〔2026〕1号');

    const pdf = await drafter.get(`/api/notices/${id}/document.pdf`);
    const { text } = inspectPdf(pdf.raw, `notice-issued-${engine}`);
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '巴中市恩阳区人民政府教育督导室', '恩阳教督办〔2026〕1号', '关于做好2026年春季学期开学工作专项督导反馈问题整改的通知',
      '恩阳区登科小学、恩阳区第二中学：', '附件：', '整改情况统计表', '整改报告模板', '2026年3月2日', '抄送：巴中市恩阳区教育局。', '2026年3月2日印发',
      '完成时限：2026年3月31日前', '责任单位：恩阳区第二中学',
    ]) expect(flat).toContain(expected.replace(/\s+/g, ''));
    expect(flat).not.toContain('草稿');

    const docx = await drafter.get(`/api/notices/${id}/document.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-disposition'])).toContain(encodeURIComponent('恩阳教督办〔2026〕1号'));
    const xml = await (await JSZip.loadAsync(docx.raw)).file('word/document.xml')!.async('string');
    for (const expected of ['巴中市恩阳区人民政府教育督导室', '恩阳教督办〔2026〕1号', '恩阳区登科小学、恩阳区第二中学：', '2026年3月2日', '抄送：巴中市恩阳区教育局。', '仿宋_GB2312', '方正小标宋简体']) {
      expect(xml).toContain(expected);
    }
    expect(xml).toContain('w:color w:val="E60012"');
  });

  it('breaks a wrapped title between words, upper line longer, in the PDF and the DOCX alike', async () => {
    const pdf = await drafter.get(`/api/notices/${id}/document.pdf`);
    const lines = execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', '-', '-'], { input: pdf.raw }).toString().split('\n').map((l) => l.trim());
    const start = lines.findIndex((l) => l.startsWith('关于做好'));
    expect(lines.slice(start, start + 2)).toEqual(['关于做好2026年春季学期开学工作', '专项督导反馈问题整改的通知']);

    const docx = await drafter.get(`/api/notices/${id}/document.docx`);
    const xml = await (await JSZip.loadAsync(docx.raw)).file('word/document.xml')!.async('string');
    expect(docxTitleLines(xml)).toEqual(['关于做好2026年春季学期开学工作', '专项督导反馈问题整改的通知']);
  });

  it('measures as GB/T 9704 says at 300 dpi: page number, red separator, the 版记 at the foot of the last page', async () => {
    const pdf = await drafter.get(`/api/notices/${id}/document.pdf`);
    const pages = rasterize(pdf.raw, `notice-measured-${engine}`);
    expect(Math.abs(separatorGap(pages[0]) - 4)).toBeLessThanOrEqual(0.25);
    pages.forEach((p, i) => expect(Math.abs(pageNumberDash(p)! - 7), `page ${i + 1}`).toBeLessThanOrEqual(0.25));
    expectFootRules(pages[pages.length - 1], pages.length, true);
  });

  it('keeps a short notice on one page with its 版记 at the foot, with or without 抄送', async () => {
    for (const copies of [true, false]) {
      const notice = await makeNotice(world, county, {
        draftedBy: drafterId, status: 'issued', title: '关于做好开学工作的通知', body: ['请按时报送整改情况。', '请落实主体责任。'].join('\n'),
        recipients: [{ unit: schools[0] }, ...(copies ? [{ unit: gov, kind: 'copy' as const }] : [])],
      });
      const pdf = await drafter.get(`/api/notices/${notice.id}/document.pdf`);
      const pages = rasterize(pdf.raw, `notice-short-${copies ? 'cc' : 'nocc'}-${engine}`);
      expect(pages).toHaveLength(1);
      expect(Math.abs(pageNumberDash(pages[0])! - 7)).toBeLessThanOrEqual(0.25);
      expectFootRules(pages[0], 1, copies);
    }
  });

  it('gives a 版记 that does not fit under the text an even page of its own, without a page number', async () => {
    const notice = (lines: number) => makeNotice(world, county, {
      draftedBy: drafterId, status: 'issued', title: '关于做好开学工作的通知',
      body: Array.from({ length: lines }, (_, i) => `第${i + 1}项，请按时报送整改情况。`).join('\n'),
      recipients: [{ unit: schools[0] }, { unit: gov, kind: 'copy' }],
    });
    // The text fills page 1: the 版记 goes on page 2.
    const one = rasterize((await drafter.get(`/api/notices/${(await notice(6)).id}/document.pdf`)).raw, `notice-foot-page2-${engine}`);
    expect(one).toHaveLength(2);
    expect(pageNumberDash(one[0])).not.toBeNull();
    expect(pageNumberDash(one[1])).toBeNull();
    const [first] = expectFootRules(one[1], 2, true);
    expect(firstInk(one[1])).toBeCloseTo(first.topMm, 0);

    // The text fills two pages: page 3 stays blank and the 版记 goes on page 4, neither numbered.
    const two = rasterize((await drafter.get(`/api/notices/${(await notice(28)).id}/document.pdf`)).raw, `notice-foot-page4-${engine}`);
    expect(two).toHaveLength(4);
    expect(pageNumberDash(two[1])).not.toBeNull();
    expect(firstInk(two[2])).toBeNull();
    expect(pageNumberDash(two[3])).toBeNull();
    expectFootRules(two[3], 4, true);
  });

  it('mirrors the DOCX margins on even pages and floats its 版记 at the bottom of the text block', async () => {
    const docx = await drafter.get(`/api/notices/${id}/document.docx`);
    const zip = await JSZip.loadAsync(docx.raw);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:mirrorMargins/>');
    const xml = await zip.file('word/document.xml')!.async('string');
    const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(table).toContain('抄送：巴中市恩阳区教育局。');
    expect(table).toMatch(/<w:tblpPr[^>]*w:tblpYSpec="bottom"[^>]*w:vertAnchor="margin"/);
    // 0.35 mm rules are 1 pt (8 eighths), the 0.25 mm one 0.75 pt (6).
    expect(table).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"\/>.*<w:bottom w:val="single" w:color="000000" w:sz="8"\/>.*<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/);
  });
});

describe('title lines', () => {
  const titles = [
    '关于做好2026年春季学期开学工作专项督导反馈问题整改的通知',
    '关于做好校舍安全专项督导反馈问题整改工作的通知',
    '关于开展2020年春季学期开学工作专项督导的通知',
    '关于对巴州区义务教育优质均衡发展督导评估反馈意见整改情况的通报',
    '巴中市人民政府教育督导委员会办公室关于开展2020年秋季学期中小学校责任督学挂牌督导工作的通知',
    '关于开展2020年春季学期开学工作专项督导反馈问题整改情况“回头看”专项督导的通知',
  ];
  const width = (line: string) => [...line].reduce((w, c) => w + (/[0-9]/.test(c) ? 0.5 : 1), 0);

  it('never breaks inside a word of the domain, a number or a quoted phrase', () => {
    for (const title of titles) {
      const lines = titleLines(title);
      expect(lines.join('')).toBe(title);
      for (let i = 1; i < lines.length; i += 1) {
        const around = `${lines[i - 1].slice(-2)}|${lines[i].slice(0, 2)}`;
        for (const word of ['督导', '专项', '整改', '督学', '挂牌', '义务教育', '春季学期', '委员会', '中小学校', '回头看']) {
          const at = around.indexOf('|');
          const joined = around.replace('|', '');
          const inside = [...joined.matchAll(new RegExp(word, 'g'))].some((m) => m.index < at && m.index + word.length > at);
          expect(inside, `${title}: ${around}`).toBe(false);
        }
        expect(lines[i - 1], title).not.toMatch(/[0-9]$/);
        expect(lines[i], title).not.toMatch(/^[年”》的]/);
      }
    }
  });

  it('sets the lines as a trapezoid (each no longer than the one above) or a diamond, as even as the words allow', () => {
    for (const title of titles) {
      const widths = titleLines(title).map(width);
      expect(widths.every((w) => w <= 20), title).toBe(true);
      const peak = widths.indexOf(Math.max(...widths));
      expect(peak === 0 || (peak < widths.length - 1 && widths.length >= 3), title).toBe(true);
      for (let i = peak + 1; i < widths.length; i += 1) expect(widths[i], title).toBeLessThanOrEqual(widths[i - 1]);
    }
    // Lines 15 and 13 characters wide: the break nearest the middle that keeps the shape and the words.
    expect(titleLines(titles[0]).map(width)).toEqual([15, 13]);
  });

  it('keeps the domain\'s words whole where ICU splits them', () => {
    expect(titleWords('关于做好专项督导反馈问题整改的通知')).toEqual(['关于', '做好', '专项督导', '反馈', '问题', '整改的通知']);
  });
});
