import ExcelJS from 'exceljs';

/** Build an .xlsx in memory: a header row and data rows, as a person would fill the template. */
export async function sheetOf(header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Read the first sheet back as arrays of cell text. */
export async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const values = row.values as unknown[];
    out.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

export const unitHeader = ['名称*', '类型*', '所属区划代码*', '学校标识码', '学段', '办学性质', '在校生数', '教职工数', '地址', '联系电话'];
