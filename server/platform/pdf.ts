import { chromium, type Page } from 'playwright-core';

export interface PdfOptions {
  landscape?: boolean;
  /**
   * A layout that depends on where the text fell: given the page as first laid out (print media, scripts still
   * off; only the caller's measurements run), returns the HTML to print instead.
   */
  relayout?: (page: Page) => Promise<string>;
}

/**
 * Render one HTML page to PDF in headless Chromium (Debian's), offline and without scripts; CJK text uses
 * the system's Noto CJK fonts. One browser per document: documents are occasional, and nothing is kept in
 * memory between requests.
 */
export async function renderPdf(chromiumPath: string, html: string, options: PdfOptions = {}): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    if (options.relayout) await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    if (options.relayout) await page.setContent(await options.relayout(page), { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: options.landscape ?? false, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 2020-06-01 → 2020年6月1日, as an official document writes dates. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
