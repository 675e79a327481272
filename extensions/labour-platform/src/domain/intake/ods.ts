/**
 * Reading an OpenDocument spreadsheet (.ods, as LibreOffice Calc writes it) without a library: an .ods is a zip file
 * whose `content.xml` holds the sheets as table rows and cells. Node's zlib inflates the one entry, and a small reader
 * walks its tags: a number cell gives its number (office:value), a date cell a Date (office:date-value, UTC), a
 * boolean its value, any other cell its text (paragraphs joined by a line break, text:s as spaces); repeated rows and
 * columns are expanded (trailing empty ones are not), comments are skipped. The sheet is the first one with a row that
 * looks like a header, as for .xlsx. Plain module: no Directus import.
 */
import { inflateRawSync } from 'node:zlib';
import { findHeaderRow, type Cell } from './columns';

export const ODS_MIME_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';
/** content.xml's largest inflated size read (a zip bomb stops here). */
const MAX_CONTENT_BYTES = 200 * 1024 * 1024;
/** The most rows and columns one sheet gives (LibreOffice repeats empty ones up to 1,048,576). */
const MAX_ROWS = 200_000;
const MAX_COLUMNS = 1_024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a zip file's central directory, or null when it is no zip file this reader understands. */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  let end = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 65_535); offset--) {
    if (bytes.readUInt32LE(offset) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    entries.push({
      method: bytes.readUInt16LE(offset + 10),
      compressedSize: bytes.readUInt32LE(offset + 20),
      localOffset: bytes.readUInt32LE(offset + 42),
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw new Error('bad zip entry');
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_BYTES });
  throw new Error('unsupported zip compression');
}

/** Whether the bytes are an OpenDocument spreadsheet (a zip file whose `mimetype` entry says so). */
export function looksLikeOds(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the mimetype entry comes first and is stored: its name and value are in the first bytes
  if (buffer.length < 38 || buffer.readUInt32LE(0) !== 0x04034b50) return false;
  return buffer.subarray(0, 200).includes(Buffer.from(`mimetype${ODS_MIME_TYPE}`, 'latin1'));
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? '';
  });
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found.set(match[1]!, decodeXml(match[2] ?? match[3] ?? ''));
  return found;
}

function repeat(value: string | undefined, max: number): number {
  const count = Number(value ?? 1);
  return Number.isInteger(count) && count >= 1 ? Math.min(count, max) : 1;
}

function dateOf(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match;
  return new Date(
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hours ?? 0),
      Number(minutes ?? 0),
      Number(seconds ?? 0),
    ),
  );
}

export interface OdsSheet {
  name: string;
  rows: Cell[][];
}

/** Every sheet of an .ods workbook's content.xml (row n of the sheet is index n - 1; missing rows are empty). */
export function readOdsContent(xml: string): OdsSheet[] {
  const sheets: OdsSheet[] = [];
  let sheet: OdsSheet | null = null;
  let rowNumber = 0;
  let row: Cell[] | null = null;
  let rowRepeat = 1;
  let cell: { attributes: Map<string, string>; repeat: number; paragraphs: string[] } | null = null;
  let inParagraph = false;
  let skipDepth = 0;

  const cellValue = (current: NonNullable<typeof cell>): Cell => {
    const type = current.attributes.get('office:value-type') ?? current.attributes.get('calcext:value-type');
    const text = current.paragraphs.join('\n');
    if (type === 'float' || type === 'percentage' || type === 'currency') {
      const number = Number(current.attributes.get('office:value'));
      return Number.isFinite(number) ? number : text || null;
    }
    if (type === 'date') return dateOf(current.attributes.get('office:date-value') ?? '') ?? (text || null);
    if (type === 'boolean') return current.attributes.get('office:boolean-value') === 'true';
    return text === '' ? null : text;
  };
  const endCell = () => {
    if (!cell || !row) return;
    const value = cellValue(cell);
    for (let index = 0; index < cell.repeat && row.length < MAX_COLUMNS; index++) row.push(value);
    cell = null;
  };
  const endRow = () => {
    if (!sheet || !row) return;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    if (row.length === 0) rowNumber += rowRepeat;
    else
      for (let index = 0; index < rowRepeat && rowNumber < MAX_ROWS; index++) {
        while (sheet.rows.length < rowNumber) sheet.rows.push([]);
        sheet.rows[rowNumber] = [...row];
        rowNumber++;
      }
    row = null;
  };

  for (const match of xml.matchAll(/<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g)) {
    const [, closing, name, rest, selfClosing, text] = match;
    if (text !== undefined) {
      if (cell && inParagraph && skipDepth === 0) {
        const paragraphs = cell.paragraphs;
        paragraphs[paragraphs.length - 1] += decodeXml(text);
      }
      continue;
    }
    if (name === 'office:annotation') {
      if (closing) skipDepth = Math.max(0, skipDepth - 1);
      else if (!selfClosing) skipDepth++;
      continue;
    }
    if (skipDepth > 0) continue;
    if (closing) {
      if (name === 'table:table-cell' || name === 'table:covered-table-cell') endCell();
      else if (name === 'table:table-row') endRow();
      else if (name === 'text:p' || name === 'text:h') inParagraph = false;
      else if (name === 'table:table') {
        endRow();
        sheet = null;
      }
      continue;
    }
    const attrs = attributes(rest ?? '');
    switch (name) {
      case 'table:table':
        sheet = { name: attrs.get('table:name') ?? `Sheet${sheets.length + 1}`, rows: [] };
        sheets.push(sheet);
        rowNumber = 0;
        break;
      case 'table:table-row':
        row = [];
        rowRepeat = repeat(attrs.get('table:number-rows-repeated'), Number.MAX_SAFE_INTEGER);
        if (selfClosing) endRow();
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        cell = {
          attributes: attrs,
          repeat: repeat(attrs.get('table:number-columns-repeated'), MAX_COLUMNS),
          paragraphs: [],
        };
        if (selfClosing) endCell();
        break;
      case 'text:p':
      case 'text:h':
        if (cell) {
          cell.paragraphs.push('');
          inParagraph = !selfClosing;
        }
        break;
      case 'text:s':
        if (cell && inParagraph)
          cell.paragraphs[cell.paragraphs.length - 1] += ' '.repeat(repeat(attrs.get('text:c'), 1000));
        break;
      case 'text:tab':
        if (cell && inParagraph) cell.paragraphs[cell.paragraphs.length - 1] += '\t';
        break;
      case 'text:line-break':
        if (cell && inParagraph) cell.paragraphs[cell.paragraphs.length - 1] += '\n';
        break;
      default:
        break;
    }
  }
  for (const found of sheets) for (let index = 0; index < found.rows.length; index++) found.rows[index] ??= [];
  return sheets;
}

/** Every sheet of an .ods workbook. Throws on a file that is no readable .ods. */
export function readOdsSheets(bytes: Uint8Array): OdsSheet[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buffer);
  const content = entries?.find((entry) => entry.name === 'content.xml');
  if (!content) throw new Error('no content.xml');
  return readOdsContent(entryData(buffer, content).toString('utf8'));
}

/** The first sheet with a header row, or the first sheet when none has one (as readXlsx). */
export function readOds(bytes: Uint8Array): { rows: Cell[][]; sheet: string | null } {
  const sheets = readOdsSheets(bytes);
  const withHeader = sheets.find((sheet) => findHeaderRow(sheet.rows) !== null) ?? sheets[0];
  return { rows: withHeader?.rows ?? [], sheet: withHeader?.name ?? null };
}
