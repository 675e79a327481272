import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseSheet,
  readCsv,
  validateRows,
  type KnownLocation,
} from '../../extensions/labour-platform/src/domain/intake';
import { readXlsx, readXlsxSheets } from '../../extensions/labour-platform/src/domain/intake/xlsx';
import {
  looksLikeOds,
  readOds,
  readOdsContent,
  readOdsSheets,
} from '../../extensions/labour-platform/src/domain/intake/ods';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/intake', name));
const LOCATIONS: KnownLocation[] = [
  { id: 'molenvaart', name: 'Logies Molenvaart', bag_id: '1911010000412367' },
  { id: 'breezand', name: 'Pension Breezand', bag_id: null },
];

describe('intake files (made without exceljs: test/fixtures/intake/make-fixtures.py)', () => {
  it('reads the .ods as the .xlsx with the same rows: sheet, title row, merged title, comment, formulas, dates, numbers', async () => {
    const ods = fixture('residents.ods');
    expect(looksLikeOds(ods)).toBe(true);
    expect(looksLikeOds(fixture('residents.xlsx'))).toBe(false);
    expect(readOdsSheets(ods).map((s) => s.name)).toEqual(['Instructies', 'Bewoners']);
    const { rows, sheet } = readOds(ods);
    expect(sheet).toBe('Bewoners');
    // the repeated empty rows and columns LibreOffice writes to the sheet's end are not expanded
    expect(rows.length).toBe(9);
    const fromXlsx = analyseSheet((await readXlsx(fixture('residents.xlsx'))).rows);
    const fromOds = analyseSheet(rows);
    if (!fromOds.ok || !fromXlsx.ok) throw new Error('no header');
    expect(fromOds.headerRow).toBe(fromXlsx.headerRow);
    expect(fromOds.ignored).toEqual(['Opmerkingen']);
    expect(fromOds.rows).toEqual(fromXlsx.rows);
  });

  it('reads the cells of an .ods as LibreOffice writes them: spaces, line breaks, entities, booleans, repeats', () => {
    const xml =
      '<office:document-content><office:body><office:spreadsheet><table:table table:name="S">' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b &amp; <text:span>c</text:span></text:p><text:p>d<text:tab/>e<text:line-break/>f</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>WAAR</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="float" office:value="12345672" table:number-columns-repeated="2"><text:p>12345672</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="date" office:date-value="2025-03-03T00:00:00"><text:p>03-03-25</text:p></table:table-cell>' +
      '<table:table-cell/><table:table-cell office:value-type="string"><text:p>&#322;&#x105;</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' +
      '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const [sheet] = readOdsContent(xml);
    expect(sheet!.rows).toEqual([
      ['a  b & c\nd\te\nf', true, 12345672, 12345672, new Date(Date.UTC(2025, 2, 3)), null, 'łą'],
      [],
      [],
      ['x'],
      ['x'],
    ]);
  });

  it('refuses an .ods that is no zip it can read', () => {
    const ods = fixture('residents.ods');
    expect(() => readOds(ods.subarray(0, 200))).toThrow();
  });

  it('reads the xlsx: the second sheet (the first has no header), title row, formulas, dates, numbers, empty rows', async () => {
    const sheets = await readXlsxSheets(fixture('residents.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Instructies', 'Bewoners']);
    const { rows, sheet } = await readXlsx(fixture('residents.xlsx'));
    expect(sheet).toBe('Bewoners');
    const analysis = analyseSheet(rows);
    if (!analysis.ok) throw new Error(analysis.problem);
    expect(analysis.headerRow).toBe(3);
    expect(analysis.ignored).toEqual(['Opmerkingen']);
    expect(analysis.rows.map((r) => r.row)).toEqual([4, 5, 7, 8, 9]);
    expect(analysis.rows[0]!.values).toEqual({
      external_reference: 'X-1',
      bsn: '012345672',
      first_names: 'Łukasz',
      surname: 'Wójcik',
      date_of_birth: '1990-02-01',
      nationality: 'PL',
      location: 'Logies Molenvaart',
      arrival_date: '2025-03-03',
    });
    expect(analysis.rows[1]!.values).toMatchObject({
      first_names: 'Ștefan',
      date_of_birth: '1988-04-03',
      location: 'Logies Molenvaart',
      arrival_date: '2025-03-03',
    });
    expect(analysis.rows[2]!.values).toMatchObject({
      first_names: 'Иван',
      surname: 'Петров',
      nationality: 'BG',
      arrival_date: '2025-03-03',
    });
    const validated = validateRows(analysis.rows, LOCATIONS, '2026-01-01');
    expect(validated.map((v) => v.row.problems.map((p) => p.code))).toEqual([
      [],
      [],
      [],
      ['invalid_bsn'],
      ['invalid_country'],
    ]);
  });

  it.each([
    ['residents-cp1252-semicolon.csv', 'windows-1252', ';', 'Dvo?ák'],
    ['residents-utf8-comma.csv', 'utf-8', ',', 'Dvořák'],
    ['residents-utf8-semicolon.csv', 'utf-8', ';', 'Dvořák'],
  ])('reads %s', (name, encoding, separator, surname) => {
    const csv = readCsv(fixture(name));
    expect(csv).toMatchObject({ encoding, separator });
    const analysis = analyseSheet(csv.rows);
    if (!analysis.ok) throw new Error(analysis.problem);
    expect(analysis.rows.map((r) => r.values.first_names)).toEqual(['José', 'Renée']);
    expect(analysis.rows[1]!.values).toMatchObject({
      surname,
      nationality: 'CZ',
      location: 'Logies Molenvaart',
      arrival_date: '2025-03-03',
    });
    expect(validateRows(analysis.rows, LOCATIONS, '2026-01-01').every((v) => v.row.problems.length === 0)).toBe(true);
  });
});
