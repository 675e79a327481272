/**
 * The import template as an .xlsx (exceljs): the data sheet with the headers in the caller's language (the other
 * language in each header's note), an example row, drop-down lists for nationality, sex and location; a sheet with
 * the lists; and a sheet that explains every column in Dutch and English. The locations are the ones the caller
 * sees with its own permissions (a provider: its own; a clerk: those in its municipality, of one provider when it
 * names one), so the template says nothing the caller could not read already.
 */
import type { Accountability } from '@directus/types';
import ExcelJS from 'exceljs';
import {
  GENDER_CODES,
  TEMPLATE_COLUMNS,
  TEMPLATE_TEXT,
  exampleRow,
  genderOption,
  nationalityOption,
  nationalityOptions,
  templateHeader,
  type TemplateColumn,
} from '../../domain/intake/template';
import type { UiLanguage } from '../../domain/ui-language';
import { Refused, Sent, header, type ApiRequest, type Reply } from '../http/seam';
import { rowsVisibleTo, type DataAccess } from '../items';
import { userLanguage } from '../language';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of the data sheet that carry the drop-down lists. */
const ROWS_WITH_LISTS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the active locations the caller sees (of one provider, when it names one). */
async function locationNames(
  access: DataAccess,
  accountability: Accountability | null,
  provider: unknown,
): Promise<string[]> {
  if (provider !== undefined && (typeof provider !== 'string' || !UUID.test(provider)))
    throw new Refused({ code: 'invalid_input', field: 'provider' });
  const filter: Record<string, unknown> = { active: { _neq: false } };
  if (typeof provider === 'string') filter['provider'] = { _eq: provider };
  const rows = await rowsVisibleTo(access, 'locations', accountability, {
    filter,
    fields: ['name'],
    sort: ['name'],
    limit: -1,
  });
  return [
    ...new Set(
      rows.map((row) => row['name']).filter((name): name is string => typeof name === 'string' && name !== ''),
    ),
  ];
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function exampleValue(column: TemplateColumn, value: string, lang: UiLanguage): ExcelJS.CellValue {
  if (value === '') return null;
  if (column.kind === 'date') return new Date(`${value}T00:00:00Z`);
  if (column.kind === 'nationality') return nationalityOption(value, lang);
  if (column.kind === 'gender') return genderOption(value, lang);
  return value;
}

/** The workbook's bytes for the caller: in its language, with its locations. */
export async function intakeTemplate(
  access: DataAccess,
  accountability: Accountability | null,
  query: Record<string, unknown>,
  lang: UiLanguage,
): Promise<Sent> {
  const locations = await locationNames(access, accountability, query['provider']);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Platform Arbeidsmigranten';
  const sheet = workbook.addWorksheet(TEMPLATE_TEXT.dataSheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = workbook.addWorksheet(TEMPLATE_TEXT.listsSheet[lang]);
  const instructions = workbook.addWorksheet(TEMPLATE_TEXT.instructionsSheet[lang]);

  // the lists the drop-downs point at, one column each
  const listColumns: Partial<Record<TemplateColumn['kind'], string[]>> = {
    nationality: nationalityOptions(lang),
    gender: GENDER_CODES.map((code) => genderOption(code, lang)),
    location: locations,
  };
  const listRanges = new Map<TemplateColumn['kind'], string>();
  Object.entries(listColumns).forEach(([kind, values], index) => {
    const letter = columnLetter(index);
    const column = TEMPLATE_COLUMNS.find((candidate) => candidate.kind === kind);
    lists.getCell(`${letter}1`).value = column ? column.header[lang] : kind;
    lists.getCell(`${letter}1`).font = { bold: true };
    values.forEach((value, row) => (lists.getCell(`${letter}${row + 2}`).value = value));
    lists.getColumn(index + 1).width = 32;
    if (values.length > 0)
      listRanges.set(kind as TemplateColumn['kind'], `'${lists.name}'!$${letter}$2:$${letter}$${values.length + 1}`);
  });

  // the data sheet: headers, the example row, formats and drop-downs
  const example = exampleRow(locations[0] ?? null);
  TEMPLATE_COLUMNS.forEach((column, index) => {
    const { header, other } = templateHeader(column, lang);
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = Math.max(14, header.length + 4);
    if (column.kind === 'date') sheetColumn.numFmt = 'dd-mm-yyyy';
    if (column.kind === 'bsn') sheetColumn.numFmt = '@';
    const headerCell = sheet.getCell(1, index + 1);
    headerCell.value = header;
    headerCell.font = { bold: true };
    headerCell.note = `${other}\n${column.help[lang]}`;
    const exampleCell = sheet.getCell(2, index + 1);
    exampleCell.value = exampleValue(column, example[column.key] ?? '', lang);
    exampleCell.font = { italic: true, color: { argb: 'FF6B6B6B' } };
    const range = listRanges.get(column.kind);
    if (!range) return;
    for (let row = 2; row <= ROWS_WITH_LISTS + 1; row += 1) {
      sheet.getCell(row, index + 1).dataValidation = {
        type: 'list',
        allowBlank: !column.required,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: TEMPLATE_TEXT.listErrorTitle[lang],
        error: TEMPLATE_TEXT.listError[lang],
      };
    }
  });

  // the explanation, in both languages
  instructions.getCell('A1').value = TEMPLATE_TEXT.title[lang];
  instructions.getCell('A1').font = { bold: true, size: 14 };
  instructions.getCell('A2').value = TEMPLATE_TEXT.intro[lang];
  if (locations.length === 0) instructions.getCell('A3').value = TEMPLATE_TEXT.noLocations[lang];
  const headRow = 5;
  [
    TEMPLATE_TEXT.column[lang],
    TEMPLATE_TEXT.otherLanguage[lang],
    TEMPLATE_TEXT.required[lang],
    TEMPLATE_TEXT.explanation[lang],
  ].forEach((text, index) => {
    const cell = instructions.getCell(headRow, index + 1);
    cell.value = text;
    cell.font = { bold: true };
  });
  TEMPLATE_COLUMNS.forEach((column, index) => {
    const { header, other } = templateHeader(column, lang);
    const row = instructions.getRow(headRow + 1 + index);
    row.values = [header, other, column.required ? TEMPLATE_TEXT.yes[lang] : TEMPLATE_TEXT.no[lang], column.help[lang]];
  });
  [28, 28, 10, 90].forEach((width, index) => (instructions.getColumn(index + 1).width = width));

  const bytes = await workbook.xlsx.writeBuffer();
  return new Sent(XLSX, Buffer.from(bytes));
}

/** GET /intake/template.xlsx: the template in the caller's language, saved under a name in that language. */
export async function templateDownload(access: DataAccess, request: ApiRequest, reply: Reply): Promise<Sent> {
  const lang = await userLanguage(access.knex, request.accountability, header(request, 'accept-language') ?? null);
  const sent = await intakeTemplate(access, request.accountability ?? null, request.query ?? {}, lang);
  reply.setHeader('Content-Disposition', `attachment; filename="${TEMPLATE_TEXT.fileName[lang]}"`);
  return sent;
}
