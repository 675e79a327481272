/**
 * Reading a CSV file as spreadsheet programs write it: UTF-8 with or without a byte-order mark, or Windows-1252
 * (Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)"); comma, semicolon or tab as separator, detected
 * from the first lines; fields in double quotes with "" for a quote and line breaks inside. Every cell is text.
 * Plain module: no Directus import.
 */
import type { Cell } from './columns';

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** The text of the file and the encoding it was read in: UTF-8 when it is valid UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator that splits the first lines (outside quotes) into the most, equal, columns. */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 10; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === '\n' || char === '\r')) {
      if (current.trim() !== '') lines.push(current);
      current = '';
    } else current += quoted ? '' : char;
  }
  if (current.trim() !== '' && lines.length < 10) lines.push(current);
  let best: ',' | ';' | '\t' = ',';
  let bestScore = 0;
  for (const separator of [';', ',', '\t'] as const) {
    const counts = lines.map((line) => line.split(separator).length - 1);
    const score =
      counts.reduce((sum, n) => sum + n, 0) +
      (counts.length > 1 && counts.every((n) => n === counts[0]) ? counts[0]! : 0);
    if (score > bestScore) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 with a chosen separator; lines may end in \n, \r\n or \r. */
export function parseCsvText(text: string, separator: string = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      i++;
      continue;
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else field += char;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file's rows of cells. */
export function readCsv(bytes: Uint8Array): { rows: Cell[][]; encoding: CsvEncoding; separator: string } {
  const { text, encoding } = decodeText(bytes);
  const separator = detectSeparator(text);
  return { rows: parseCsvText(text, separator), encoding, separator };
}
