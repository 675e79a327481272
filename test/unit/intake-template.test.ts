/**
 * The import template (GET /intake/template.xlsx): its columns in Dutch and English, the example row, and the
 * workbook the glue writes (read back with exceljs): headers in the caller's language, the other language in the
 * note, drop-down lists of nationalities, sexes and exactly the locations the caller sees.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../extensions/labour-platform/src/domain/bsn';
import { ISO_COUNTRY_CODES } from '../../extensions/labour-platform/src/domain/countries';
import {
  REQUIRED_COLUMNS,
  matchColumns,
  matchHeader,
  missingColumns,
} from '../../extensions/labour-platform/src/domain/intake/columns';
import { normaliseCell } from '../../extensions/labour-platform/src/domain/intake/normalise';
import { parseRows, validateRows } from '../../extensions/labour-platform/src/domain/intake/rows';
import {
  GENDER_CODES,
  TEMPLATE_COLUMNS,
  exampleRow,
  genderOption,
  nationalityOptions,
} from '../../extensions/labour-platform/src/domain/intake/template';
import { readXlsx } from '../../extensions/labour-platform/src/domain/intake/xlsx';
import { Refused } from '../../extensions/labour-platform/src/glue/http/seam';
import { intakeTemplate } from '../../extensions/labour-platform/src/glue/intake/template';
import type { DataAccess, ItemsServiceLike, Row } from '../../extensions/labour-platform/src/glue/items';

const provider = {
  user: 'u1',
  role: 'r1',
  admin: false,
  app: true,
  roles: ['r1'],
  ip: null,
} as unknown as Accountability;

/** A stand-in for Directus's ItemsService that answers the locations query and records it. */
function fakeAccess(locations: Row[], queries: Record<string, unknown>[]): DataAccess {
  class Items implements Partial<ItemsServiceLike> {
    constructor(readonly collection: string) {}
    async readByQuery(query: Record<string, unknown>): Promise<Row[]> {
      queries.push(query);
      return this.collection === 'locations' ? locations : [];
    }
  }
  return {
    knex: {} as Knex,
    schema: {} as SchemaOverview,
    ItemsService: Items as unknown as DataAccess['ItemsService'],
  };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('the import template’s columns', () => {
  it('have a Dutch and an English header, each unique, and a help text in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const headers = TEMPLATE_COLUMNS.map((column) => column.header[lang]);
      expect(new Set(headers).size).toBe(headers.length);
      for (const column of TEMPLATE_COLUMNS) {
        expect(column.header[lang].trim()).not.toBe('');
        expect(column.help[lang].trim()).not.toBe('');
      }
    }
    expect(new Set(TEMPLATE_COLUMNS.map((column) => column.key)).size).toBe(TEMPLATE_COLUMNS.length);
  });

  it('have an example row that is valid: a test-range BSN, an ISO nationality, dates in order', () => {
    const example = exampleRow('Logies Molenvaart');
    expect(isValidBsn(example.bsn ?? '')).toBe(true);
    expect(ISO_COUNTRY_CODES).toContain(example.nationality);
    expect(example.date_of_birth! < example.arrival_date!).toBe(true);
    expect(example.arrival_date! < example.expected_departure_date!).toBe(true);
    expect(example.location).toBe('Logies Molenvaart');
    for (const column of TEMPLATE_COLUMNS.filter((candidate) => candidate.required))
      expect(example[column.key], column.key).toBeTruthy();
  });

  it('list every nationality once, the common ones first', () => {
    for (const lang of ['nl', 'en'] as const) {
      const options = nationalityOptions(lang);
      expect(options).toHaveLength(ISO_COUNTRY_CODES.length);
      expect(new Set(options).size).toBe(options.length);
      expect(options[0]).toBe(lang === 'nl' ? 'Polen' : 'Poland');
    }
  });
});

describe('the template and the intake agree', () => {
  it('every header, Dutch and English, is matched to its own field by the intake’s column matcher', () => {
    for (const column of TEMPLATE_COLUMNS) {
      expect(matchHeader(column.header.nl), column.header.nl).toBe(column.key);
      expect(matchHeader(column.header.en), column.header.en).toBe(column.key);
    }
  });

  it('every column the intake requires is in the template, marked required', () => {
    for (const field of REQUIRED_COLUMNS)
      expect(TEMPLATE_COLUMNS.find((column) => column.key === field)?.required, field).toBe(true);
  });

  it('every value of the drop-down lists is read back as its code', () => {
    for (const lang of ['nl', 'en'] as const) {
      const codes = nationalityOptions(lang).map((option) => normaliseCell('nationality', option));
      expect(codes.every((code) => code.ok && code.value !== null && ISO_COUNTRY_CODES.includes(code.value))).toBe(
        true,
      );
      expect(new Set(codes.map((code) => (code.ok ? code.value : null))).size).toBe(ISO_COUNTRY_CODES.length);
      for (const gender of GENDER_CODES)
        expect(normaliseCell('gender', genderOption(gender, lang))).toEqual({ ok: true, value: gender });
    }
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`the ${lang} workbook, read by the intake: every column matched, the example row valid`, async () => {
      const sent = await intakeTemplate(fakeAccess([{ name: 'Logies Molenvaart' }], []), provider, {}, lang);
      const { rows, sheet } = await readXlsx(new Uint8Array(sent.body as Buffer));
      expect(sheet).toBe(lang === 'nl' ? 'Arbeidsmigranten' : 'Labour migrants');
      const columns = matchColumns(rows[0]!);
      expect(columns.map((column) => column.field)).toEqual(TEMPLATE_COLUMNS.map((column) => column.key));
      expect(missingColumns(columns)).toEqual([]);
      const parsed = parseRows(rows.slice(1), columns, 2);
      expect(parsed).toHaveLength(1);
      const [validated] = validateRows(parsed, [{ id: 'l1', name: 'Logies Molenvaart', bag_id: null }], '2026-03-10');
      expect(validated!.row.problems).toEqual([]);
      expect(validated!.location).toBe('l1');
      expect(validated!.row.values).toMatchObject({
        nationality: 'PL',
        gender: 'V',
        date_of_birth: '1994-05-17',
        bsn: '999993653',
      });
    });
  }
});

describe('the template workbook', () => {
  it('in Dutch: Dutch headers with the English name in the note, the example row, and drop-downs of the caller’s locations', async () => {
    const queries: Record<string, unknown>[] = [];
    const sent = await intakeTemplate(
      fakeAccess([{ name: 'Logies Molenvaart' }, { name: 'Pension Breezand' }], queries),
      provider,
      {},
      'nl',
    );
    expect(sent.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(queries).toEqual([{ filter: { active: { _neq: false } }, fields: ['name'], sort: ['name'], limit: -1 }]);

    const workbook = await workbookOf(sent.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Arbeidsmigranten', 'Lijsten', 'Toelichting']);
    const sheet = workbook.getWorksheet('Arbeidsmigranten')!;
    const headers = TEMPLATE_COLUMNS.map((_, index) => sheet.getCell(1, index + 1).value);
    expect(headers).toEqual(TEMPLATE_COLUMNS.map((column) => column.header.nl));
    const surnameColumn = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'surname') + 1;
    expect(JSON.stringify(sheet.getCell(1, surnameColumn).note)).toContain('Surname');
    expect(sheet.getCell(2, surnameColumn).value).toBe('Kowalska');

    const location = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'location') + 1;
    expect(sheet.getCell(2, location).value).toBe('Logies Molenvaart');
    const validation = sheet.getCell(500, location).dataValidation;
    expect(validation.type).toBe('list');
    const lists = workbook.getWorksheet('Lijsten')!;
    const [range] = validation.formulae as string[];
    const letter = /\$([A-Z]+)\$2:\$[A-Z]+\$3$/.exec(range ?? '')?.[1];
    expect(letter, range).toBeDefined();
    expect([lists.getCell(`${letter}2`).value, lists.getCell(`${letter}3`).value]).toEqual([
      'Logies Molenvaart',
      'Pension Breezand',
    ]);

    const nationality = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'nationality') + 1;
    expect(sheet.getCell(2, nationality).value).toBe('Polen');
    expect(sheet.getCell(3, nationality).dataValidation.type).toBe('list');
    const dateOfBirth = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'date_of_birth') + 1;
    expect(sheet.getCell(2, dateOfBirth).value).toEqual(new Date('1994-05-17T00:00:00Z'));
  });

  it('in English: English headers and list names; a clerk names the provider, which filters the locations', async () => {
    const queries: Record<string, unknown>[] = [];
    const providerId = '30000000-0000-4000-8000-000000000003';
    const sent = await intakeTemplate(fakeAccess([], queries), provider, { provider: providerId }, 'en');
    expect(queries[0]!['filter']).toEqual({ active: { _neq: false }, provider: { _eq: providerId } });
    const workbook = await workbookOf(sent.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Labour migrants', 'Lists', 'Instructions']);
    const sheet = workbook.getWorksheet('Labour migrants')!;
    expect(TEMPLATE_COLUMNS.map((_, index) => sheet.getCell(1, index + 1).value)).toEqual(
      TEMPLATE_COLUMNS.map((column) => column.header.en),
    );
    // without locations the location column has no list, and the instructions say why
    const location = TEMPLATE_COLUMNS.findIndex((column) => column.key === 'location') + 1;
    expect(sheet.getCell(3, location).dataValidation).toBeUndefined();
    expect(workbook.getWorksheet('Instructions')!.getCell('A3').value).toMatch(/no locations/);
  });

  it('refuses a provider that is no id, before reading anything', async () => {
    const queries: Record<string, unknown>[] = [];
    await expect(intakeTemplate(fakeAccess([], queries), provider, { provider: ['x'] }, 'nl')).rejects.toBeInstanceOf(
      Refused,
    );
    await expect(
      intakeTemplate(fakeAccess([], queries), provider, { provider: "1' OR 1=1" }, 'nl'),
    ).rejects.toBeInstanceOf(Refused);
    expect(queries).toEqual([]);
  });
});
