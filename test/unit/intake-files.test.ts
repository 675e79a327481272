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

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/intake', name));
const LOCATIONS: KnownLocation[] = [
  { id: 'molenvaart', name: 'Logies Molenvaart', bag_id: '1911010000412367' },
  { id: 'breezand', name: 'Pension Breezand', bag_id: null },
];

describe('intake files (made without exceljs: test/fixtures/intake/make-fixtures.py)', () => {
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
