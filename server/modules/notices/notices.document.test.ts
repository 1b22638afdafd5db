import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../../../test/databases';
import { makeAccount, makeRegion, makeUnit, TEST_PASSWORD } from '../../../test/factories';
import { signIn, type Client } from '../../../test/http';
import type { RegionsTable, UnitsTable } from '../../platform/db/schema';
import { lineCount } from './notices.document';

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

describe.each(engines)('the official document of a notice on %s', (engine) => {
  let world: TestWorld;
  let county: RegionsTable;
  let schools: UnitsTable[];
  let gov: UnitsTable;
  let drafter: Client;
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
    drafter = await signIn(world, (await makeAccount(world, { region: county })).username, TEST_PASSWORD);
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
    const { text, pages } = inspectPdf(pdf.raw, `notice-issued-${engine}`);
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '巴中市恩阳区人民政府教育督导室', '恩阳教督办〔2026〕1号', '关于做好2026年春季学期开学工作专项督导反馈问题整改的通知',
      '恩阳区登科小学、恩阳区第二中学：', '附件：', '整改情况统计表', '整改报告模板', '2026年3月2日', '抄送：巴中市恩阳区教育局。', '2026年3月2日印发',
      '完成时限：2026年3月31日前', '责任单位：恩阳区第二中学',
    ]) expect(flat).toContain(expected.replace(/\s+/g, ''));
    expect(flat).not.toContain('草稿');
    expect(pages.length).toBe(2);

    const docx = await drafter.get(`/api/notices/${id}/document.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-disposition'])).toContain(encodeURIComponent('恩阳教督办〔2026〕1号'));
    const xml = await (await JSZip.loadAsync(docx.raw)).file('word/document.xml')!.async('string');
    for (const expected of ['巴中市恩阳区人民政府教育督导室', '恩阳教督办〔2026〕1号', '恩阳区登科小学、恩阳区第二中学：', '2026年3月2日', '抄送：巴中市恩阳区教育局。', '仿宋_GB2312', '方正小标宋简体']) {
      expect(xml).toContain(expected);
    }
    expect(xml).toContain('w:color w:val="E60012"');
  });

  it('predicts line breaks as the grid of 28 characters makes them', () => {
    const pitch = 15.75;
    const width = 156 * 72 / 25.4;
    expect(lineCount('一'.repeat(28), width)).toBe(1);
    expect(lineCount('一'.repeat(29), width)).toBe(2);
    expect(lineCount('一'.repeat(26), width, 2 * pitch)).toBe(1);
    // A full line may not be followed by a line starting with a comma: the last character moves down with it.
    expect(lineCount(`${'一'.repeat(28)}，`, width)).toBe(2);
    expect(lineCount(`${'一'.repeat(27)}2026年`, width)).toBe(2);
  });
});
