import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type RowIssue } from './errors';
import type { Locale } from './i18n';
import { extensionOf } from './files';
import { writeStreamingWorkbook } from './xlsx-stream';
import { receiveFile } from './uploads';

/** An uploaded workbook: its bytes, the name it came with, and its SHA-256 for the audit entry. */
export interface UploadedSheet {
  buffer: Buffer;
  name: string;
  sha256: string;
}

/** Take the one .xlsx file of a multipart import request, or say clearly what is wrong with it. */
export async function receiveSheet(request: FastifyRequest): Promise<UploadedSheet> {
  const file = await receiveFile(request);
  if (extensionOf(file.filename) !== 'xlsx') {
    file.file.resume();
    throw new AppError('VALIDATION', 'XLSX_UNREADABLE');
  }
  const buffer = await file.toBuffer();
  return { buffer, name: file.filename, sha256: createHash('sha256').update(buffer).digest('hex') };
}

/** One column of a sheet: the header a person sees, and the field it fills. */
export interface SheetColumn {
  field: string;
  header: Record<Locale, string>;
  width?: number;
  required?: boolean;
  /** Allowed values shown as a drop-down in the template. */
  choices?: string[];
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function templateWorkbook(sheetName: string, columns: SheetColumn[], locale: Locale, notes: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: `${c.header[locale]}${c.required ? '*' : ''}`, key: c.field, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = columnLetter(i);
    for (let r = 2; r <= 2000; r += 1) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: !c.required, formulae: [`"${c.choices.join(',')}"`] };
    }
  });
  const help = wb.addWorksheet(locale === 'en' ? 'Notes' : '填写说明');
  for (const line of notes) help.addRow(line);
  help.getColumn(1).width = 20;
  help.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type CellValue = string | number | null;

export interface SheetRow {
  /** The row number as Excel shows it. */
  row: number;
  values: Record<string, CellValue>;
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim() || null;
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim() || null;
  }
  return String(value);
}

/**
 * Read the first sheet by its header row. A header is matched in either language, with or without the
 * required-mark star, so a template downloaded in English imports too.
 */
export async function readSheet(buffer: Buffer, columns: SheetColumn[]): Promise<{ rows: SheetRow[]; letters: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', 'XLSX_UNREADABLE');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION', 'XLSX_UNREADABLE');
  const byHeader = new Map<string, SheetColumn>();
  for (const c of columns) {
    byHeader.set(c.header['zh-CN'], c);
    byHeader.set(c.header.en.toLowerCase(), c);
  }
  const positions = new Map<number, SheetColumn>();
  const letters: Record<string, string> = {};
  ws.getRow(1).eachCell((cell, col) => {
    const text = String(plain(cell.value) ?? '').replace(/\*$/, '').trim();
    const column = byHeader.get(text) ?? byHeader.get(text.toLowerCase());
    if (column) {
      positions.set(col, column);
      letters[column.field] = columnLetter(col - 1);
    }
  });
  columns.forEach((c, i) => {
    letters[c.field] ??= columnLetter(i);
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, CellValue> = {};
    let any = false;
    for (const [col, column] of positions) {
      const v = plain(row.getCell(col).value);
      values[column.field] = v;
      if (v !== null) any = true;
    }
    if (any) rows.push({ row: rowNumber, values });
  });
  if (rows.length === 0) throw new AppError('VALIDATION', 'XLSX_EMPTY');
  return { rows, letters };
}

/** Collects cell problems; an import with any problem writes nothing. */
export class RowIssues {
  readonly issues: RowIssue[] = [];
  constructor(private readonly columns: SheetColumn[], private readonly letters: Record<string, string>, private readonly locale: Locale) {}
  add(row: number, field: string, message: string): void {
    const column = this.columns.find((c) => c.field === field);
    this.issues.push({ row, column: this.letters[field] ?? '', header: column?.header[this.locale] ?? field, message });
  }
  throwIfAny(): void {
    if (this.issues.length) {
      // As a person reads the sheet: row by row, left to right (B before AA), whatever order the checks ran in.
      const byCell = (a: RowIssue, b: RowIssue) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column);
      const shown = [...this.issues].sort(byCell).slice(0, 1000);
      throw new AppError('IMPORT_INVALID', 'IMPORT_INVALID', { count: this.issues.length }, { rows: shown });
    }
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, fileName: string): FastifyReply {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

/** Send a small workbook built in memory (templates). */
export function sendXlsx(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return attachment(reply, fileName).send(buffer);
}

/**
 * Stream a workbook to the client one batch at a time: memory stays flat however many rows there are.
 */
export async function streamWorkbook(
  reply: FastifyReply,
  fileName: string,
  sheetName: string,
  columns: { header: string; key: string; width?: number }[],
  batches: AsyncIterable<Record<string, unknown>[]>,
): Promise<FastifyReply> {
  const out = new PassThrough();
  attachment(reply, fileName);
  writeStreamingWorkbook(out, sheetName, columns, batches).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return reply.send(out);
}
