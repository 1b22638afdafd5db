import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** Pixels per millimetre at the 300 dpi the measurements are taken at. */
export const PX_PER_MM = 300 / 25.4;

/** One page of a PDF as RGB pixels. */
export interface PageRaster { width: number; height: number; rgb: Buffer }

/**
 * Every page of a PDF rendered by pdftoppm at 300 dpi, as a reader's printer would see it. The PDF and a PNG of
 * each page stay under test-output/ to look at when a measurement fails.
 */
export function rasterize(pdf: Buffer, name: string): PageRaster[] {
  const dir = path.resolve('test-output');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const pages: PageRaster[] = [];
  for (let page = 1; ; page += 1) {
    let ppm: Buffer;
    try {
      ppm = execFileSync('pdftoppm', ['-r', '300', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      break;
    }
    if (ppm.length === 0) break;
    pages.push(parsePpm(ppm));
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, name)]);
  return pages;
}

function parsePpm(ppm: Buffer): PageRaster {
  // "P6 <width> <height> 255" and one whitespace character, then the pixels.
  const header = ppm.subarray(0, 64).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PPM');
  const [all, width, height] = header;
  return { width: Number(width), height: Number(height), rgb: ppm.subarray(all.length) };
}

export type PixelTest = (r: number, g: number, b: number) => boolean;
export const dark: PixelTest = (r, g, b) => r < 128 && g < 128 && b < 128;
export const red: PixelTest = (r, g, b) => r > 150 && g < 110 && b < 110;

/** For each pixel row, how many pixels between the columns x0 and x1 pass the test. */
export function rowCounts(p: PageRaster, test: PixelTest, x0 = 0, x1 = p.width): number[] {
  const counts = new Array<number>(p.height).fill(0);
  for (let y = 0; y < p.height; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const i = (y * p.width + x) * 3;
      if (test(p.rgb[i], p.rgb[i + 1], p.rgb[i + 2])) counts[y] += 1;
    }
  }
  return counts;
}

/** Runs of consecutive rows (first row, last row) whose count passes a predicate, from top to bottom. */
export function rowRuns(counts: number[], keep: (count: number) => boolean, from = 0, to = counts.length): [number, number][] {
  const runs: [number, number][] = [];
  for (let y = from; y < to; y += 1) {
    if (!keep(counts[y])) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs;
}

/**
 * The horizontal rules that cross the band x0–x1 (every pixel inked), with their top edge and thickness in mm.
 * Thickness is the ink summed over the rule's rows, so anti-aliased edge rows count by how dark they are.
 */
export function horizontalRules(p: PageRaster, x0: number, x1: number): { topMm: number; bottomMm: number; thicknessMm: number }[] {
  const ink: number[] = [];
  const covered: number[] = [];
  for (let y = 0; y < p.height; y += 1) {
    let sum = 0;
    let inked = 0;
    for (let x = x0; x < x1; x += 1) {
      const i = (y * p.width + x) * 3;
      const grey = (p.rgb[i] + p.rgb[i + 1] + p.rgb[i + 2]) / 3;
      sum += (255 - grey) / 255;
      if (grey < 250) inked += 1;
    }
    ink.push(sum / (x1 - x0));
    covered.push(inked / (x1 - x0));
  }
  return rowRuns(covered, (c) => c >= 0.99).map(([top, bottom]) => {
    let thickness = 0;
    for (let y = top; y <= bottom; y += 1) thickness += ink[y];
    return { topMm: top / PX_PER_MM, bottomMm: (top + thickness) / PX_PER_MM, thicknessMm: thickness / PX_PER_MM };
  });
}

export const mmToPx = (mm: number) => Math.round(mm * PX_PER_MM);
