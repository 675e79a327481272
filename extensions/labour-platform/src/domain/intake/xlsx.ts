/**
 * Reading an .xlsx workbook with exceljs: a formula gives its result, rich text its text, a hyperlink its text, a
 * date cell a Date, an error cell nothing; the sheet is the first one with a row that looks like a header.
 * Plain module: no Directus import.
 */
import ExcelJS from 'exceljs';
import { findHeaderRow, type Cell } from './columns';

type CellValue = ExcelJS.CellValue;

export function cellValue(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || (typeof result === 'object' && result !== null && !(result instanceof Date)))
        return null;
      return result as Cell;
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return null;
}

export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** Every sheet's rows (row n of the sheet is index n - 1; missing rows are empty). */
export async function readXlsxSheets(bytes: Uint8Array): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: Cell[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    sheets.push({ name: worksheet.name, rows });
  });
  return sheets;
}

/** The first sheet with a header row, or the first sheet when none has one. */
export async function readXlsx(bytes: Uint8Array): Promise<{ rows: Cell[][]; sheet: string | null }> {
  const sheets = await readXlsxSheets(bytes);
  const withHeader = sheets.find((sheet) => findHeaderRow(sheet.rows) !== null) ?? sheets[0];
  return { rows: withHeader?.rows ?? [], sheet: withHeader?.name ?? null };
}

/** Zip files start with PK\x03\x04. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The refused rows as a workbook: the file's header plus a reason column, each row as it was in the file. */
export async function refusedWorkbook(
  header: readonly string[],
  rows: ReadonlyArray<{ cells: readonly string[]; reasons: readonly string[] }>,
  reasonHeader: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(reasonHeader.slice(0, 31));
  sheet.addRow([...header, reasonHeader]).font = { bold: true };
  for (const row of rows) {
    const cells = [...row.cells];
    while (cells.length < header.length) cells.push('');
    sheet.addRow([...cells.slice(0, header.length), row.reasons.join(' ')]);
  }
  // every value as text: a BSN or a date must come back as it was typed, not as Excel reads it
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
