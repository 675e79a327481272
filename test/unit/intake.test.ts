import { describe, expect, it } from 'vitest';
import {
  analyseSheet,
  classifyRows,
  countOutcomes,
  decodeText,
  detectSeparator,
  excelSerialToDate,
  findHeaderRow,
  matchColumns,
  matchHeader,
  normaliseCell,
  normaliseDate,
  normaliseNationality,
  parseCsvText,
  readCsv,
  refusedEntries,
  validateRows,
  type Cell,
  type ExistingMigrant,
  type KnownLocation,
} from '../../extensions/labour-platform/src/domain/intake';

const TODAY = '2026-06-01';
const LOCATIONS: KnownLocation[] = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'De Tulp', bag_id: '1783010000000001' },
  { id: '22222222-2222-4222-8222-222222222222', name: 'Kassenweg 4', bag_id: null },
];
const key = (bsn: string) => `idx:${bsn}`;

describe('column matcher', () => {
  it.each([
    ['Voornaam', 'first_names'],
    ['first name', 'first_names'],
    ['FIRST_NAME', 'first_names'],
    ['BSN-nummer', 'bsn'],
    ['Geb. datum', 'date_of_birth'],
    ['Geboortedatum ', 'date_of_birth'],
    ['date of birth', 'date_of_birth'],
    ['Achternaam', 'surname'],
    ['Last name', 'surname'],
    ['Nationaliteit', 'nationality'],
    ['Aankomstdatum', 'arrival_date'],
    ['Locatie', 'location'],
    ['Personeelsnr.', 'external_reference'],
    ['Geboortedatun', 'date_of_birth'], // one typo
  ])('%s → %s', (header, field) => expect(matchHeader(header)).toBe(field));

  it('matches nothing for an unrelated header', () => {
    expect(matchHeader('Opmerkingen')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });

  it('finds the header below a title row', () => {
    const rows: Cell[][] = [
      ['Bewonerslijst week 12'],
      [],
      ['Voornaam', 'Achternaam', 'Geb. datum'],
      ['Jan', 'Kowalski', '01-02-1990'],
    ];
    expect(findHeaderRow(rows)).toBe(2);
  });

  it('uses a field once, applies corrections by header and by index, and remembered mappings', () => {
    const columns = matchColumns(
      ['Voornaam', 'Roepnaam', 'Kamer', 'Achternaam'],
      { kamer: 'location' },
      { Roepnaam: null, '3': 'surname' },
    );
    expect(columns.map((c) => [c.field, c.source])).toEqual([
      ['first_names', 'header'],
      [null, 'mapping'],
      ['location', 'remembered'],
      ['surname', 'mapping'],
    ]);
  });

  it('reports extra columns as ignored and refuses a file without a required column', () => {
    const ok = analyseSheet([['Voornaam', 'Achternaam', 'Geboortedatum', 'Aankomstdatum', 'Locatie', 'Opmerking']]);
    expect(ok.ok && ok.ignored).toEqual(['Opmerking']);
    const missing = analyseSheet([['Voornaam', 'Achternaam']]);
    expect(missing).toMatchObject({
      ok: false,
      problem: 'missing_columns',
      fields: ['date_of_birth', 'arrival_date', 'location'],
    });
    expect(
      analyseSheet([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toEqual({ ok: false, problem: 'no_header' });
  });
});

describe('normalise', () => {
  it('pads a BSN that Excel made a number', () => {
    expect(normaliseCell('bsn', 12345672)).toEqual({ ok: true, value: '012345672' });
    expect(normaliseCell('bsn', ' 999 99 3653 ')).toEqual({ ok: true, value: '999993653' });
    expect(normaliseCell('bsn', '12345672.0')).toEqual({ ok: true, value: '012345672' });
    expect(normaliseCell('bsn', 'abc')).toEqual({ ok: false, code: 'invalid_bsn' });
  });

  it('reads dates as serials, dd-mm-yyyy, ISO and real dates', () => {
    expect(excelSerialToDate(45000)).toBe('2023-03-15');
    expect(normaliseDate(45000)).toBe('2023-03-15');
    expect(normaliseDate('15-03-2023')).toBe('2023-03-15');
    expect(normaliseDate('5/3/2023')).toBe('2023-03-05');
    expect(normaliseDate('2023-03-15')).toBe('2023-03-15');
    expect(normaliseDate('2023-03-15T00:00:00.000Z')).toBe('2023-03-15');
    expect(normaliseDate(new Date(Date.UTC(2023, 2, 15)))).toBe('2023-03-15');
    expect(normaliseDate('31-02-2023')).toBeNull();
    expect(normaliseDate('morgen')).toBeNull();
  });

  it('knows nationalities by code, Dutch and English names and adjectives', () => {
    expect(normaliseNationality('pl')).toBe('PL');
    expect(normaliseNationality('Polen')).toBe('PL');
    expect(normaliseNationality('Poolse')).toBe('PL');
    expect(normaliseNationality('Romania')).toBe('RO');
    expect(normaliseNationality('Roemenië')).toBe('RO');
    expect(normaliseNationality('Bulgarian')).toBe('BG');
    expect(normaliseNationality('Atlantis')).toBeNull();
    expect(normaliseNationality('XK')).toBeNull();
  });

  it('trims, collapses spaces and composes names in NFC (Polish, Romanian, Cyrillic)', () => {
    expect(normaliseCell('first_names', '  Łukasz   Jan ')).toEqual({ ok: true, value: 'Łukasz Jan' });
    expect(normaliseCell('surname', 'S\u0326tefa\u0306nescu')).toEqual({ ok: true, value: 'Ștefănescu' });
    expect(normaliseCell('surname', ' Иванов ')).toEqual({ ok: true, value: 'Иванов' });
  });

  it('postcodes become 1234AB; gender words become BRP codes', () => {
    expect(normaliseCell('work_postcode', '2671 ab')).toEqual({ ok: true, value: '2671AB' });
    expect(normaliseCell('work_postcode', '0123AB')).toEqual({ ok: false, code: 'invalid_postcode' });
    expect(normaliseCell('gender', 'Vrouw')).toEqual({ ok: true, value: 'V' });
    expect(normaliseCell('gender', 'F')).toEqual({ ok: true, value: 'V' });
    expect(normaliseCell('gender', 'banaan')).toEqual({ ok: false, code: 'unreadable_value' });
  });

  it('pads a BAG id that Excel made a number', () => {
    expect(normaliseCell('location', 783010000000001)).toEqual({ ok: true, value: '0783010000000001' });
  });
});

describe('csv', () => {
  it('detects the separator', () => {
    expect(detectSeparator('a;b;c\n1;2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n1,2,3')).toBe(',');
    expect(detectSeparator('"a;x",b,c\n1,2,3')).toBe(',');
  });

  it('reads quoted fields with separators, quotes and line breaks', () => {
    expect(parseCsvText('a;"b;c";"d ""e"""\r\n"f\ng";h\r\n', ';')).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['f\ng', 'h'],
    ]);
  });

  it('reads UTF-8 with and without BOM, and Windows-1252', () => {
    const utf8 = new TextEncoder().encode('Voornaam;Achternaam\nŁukasz;Wójcik\n');
    expect(decodeText(utf8)).toEqual({ text: 'Voornaam;Achternaam\nŁukasz;Wójcik\n', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text.startsWith('Voornaam')).toBe(true);
    const cp1252 = new Uint8Array([
      ...Buffer.from('Voornaam;Achternaam\nJos', 'latin1'),
      0xe9,
      0x3b,
      0x4d,
      0xfc,
      0x6c,
      0x6c,
      0x65,
      0x72,
      0x0a,
    ]);
    const read = readCsv(cp1252);
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows[1]).toEqual(['José', 'Müller']);
  });
});

const HEADER = [
  'Eigen referentie',
  'BSN',
  'Voornaam',
  'Achternaam',
  'Geboortedatum',
  'Nationaliteit',
  'Locatie',
  'Aankomstdatum',
];
function sheet(...rows: Cell[][]): Cell[][] {
  return [['Lijst van de week'], HEADER, ...rows];
}
function run(rows: Cell[][], existing: ExistingMigrant[] = [], mode: 'additions' | 'full_list' = 'additions') {
  const analysis = analyseSheet(rows);
  if (!analysis.ok) throw new Error(analysis.problem);
  const classified = classifyRows(validateRows(analysis.rows, LOCATIONS, TODAY), existing, key, mode);
  return { analysis, ...classified, counts: countOutcomes(classified.rows) };
}

describe('rows', () => {
  const good: Cell[] = ['P-1', 999993653, 'Łukasz', 'Wójcik', '01-02-1990', 'Polen', 'De Tulp', 45000];

  it('a new row, empty rows skipped, row numbers as in the file', () => {
    const result = run(sheet([], good, [null, '', '  ']));
    expect(result.counts).toEqual({ rows: 1, new: 1, changed: 0, unchanged: 0, refused: 0 });
    expect(result.rows[0]).toMatchObject({ row: 4, outcome: 'new', location: LOCATIONS[0]!.id });
    expect(result.rows[0]!.values).toMatchObject({
      bsn: '999993653',
      date_of_birth: '1990-02-01',
      nationality: 'PL',
      arrival_date: '2023-03-15',
    });
  });

  const stored: ExistingMigrant = {
    id: 'm1',
    case_number: 'AM-2026-000001',
    external_reference: 'P-1',
    bsn_index: key('999993653'),
    values: {
      bsn: '999993653',
      first_names: 'Łukasz',
      surname: 'Wójcik',
      date_of_birth: '1990-02-01',
      nationality: 'PL',
      arrival_date: '2023-03-15',
    },
    stay: { id: 's1', location: LOCATIONS[0]!.id },
    gone: false,
  };

  it('unchanged, changed (by reference or by BSN), and the changed field names', () => {
    expect(run(sheet(good), [stored]).counts.unchanged).toBe(1);
    const moved = run(sheet(['P-1', 999993653, 'Łukasz', 'Wójcik', '01-02-1990', 'PL', 'Kassenweg 4', 45000]), [
      stored,
    ]);
    expect(moved.rows[0]).toMatchObject({ outcome: 'changed', changed: ['location'] });
    const byBsn = run(
      sheet([null, '999993653', 'Łukasz', 'Wójcik-Nowak', '1990-02-01', 'PL', 'De Tulp', '15-03-2023']),
      [stored],
    );
    expect(byBsn.rows[0]).toMatchObject({ outcome: 'changed', changed: ['surname'], migrant: { id: 'm1' } });
  });

  it('refuses each bad value with a code, the column and a message in Dutch and English', () => {
    const result = run(
      sheet(
        ['R-1', 999993654, 'A', 'B', '01-02-1990', 'PL', 'De Tulp', 45000],
        ['R-2', 999990408, 'A', 'B', '31-02-1990', 'PL', 'De Tulp', 45000],
        ['R-3', 999996940, 'A', 'B', '01-02-1990', 'Atlantis', 'De Tulp', 45000],
        ['R-4', 123456782, 'A', 'B', '01-02-1990', 'PL', 'Elders', 45000],
        ['R-5', null, '', 'B', '01-02-2030', 'PL', 'De Tulp', 45000],
        [null, null, 'A', 'B', '01-02-1990', 'PL', 'De Tulp', 45000],
        ['R-7', null, 'A', 'B', '01-02-1990', 'PL', 'De Tulp', '01-01-1980'],
      ),
    );
    const entries = refusedEntries(result.rows, result.analysis.ok ? result.analysis.columns : [], 'nl');
    expect(entries.map((e) => [e.row, e.reference, e.column, e.code])).toEqual([
      [3, 'R-1', 'BSN', 'invalid_bsn'],
      [4, 'R-2', 'Geboortedatum', 'invalid_date'],
      [5, 'R-3', 'Nationaliteit', 'invalid_country'],
      [6, 'R-4', 'Locatie', 'unknown_location'],
      [7, 'R-5', 'Voornaam', 'required'],
      [7, 'R-5', 'Geboortedatum', 'in_future'],
      [8, null, null, 'no_identifier'],
      [9, 'R-7', 'Geboortedatum', 'must_be_before'],
    ]);
    for (const entry of entries) {
      expect(entry.messages.nl.length).toBeGreaterThan(5);
      expect(entry.messages.en.length).toBeGreaterThan(5);
      expect(entry.message).toBe(entry.messages.nl);
      expect(entry.message).not.toContain('999993654');
    }
    expect(result.counts.refused).toBe(7);
  });

  it('refuses a person twice in one file, and a reference and BSN of two different people', () => {
    expect(run(sheet(good, good)).counts).toMatchObject({ refused: 2, new: 0 });
    const other: ExistingMigrant = { ...stored, id: 'm2', external_reference: 'P-2', bsn_index: key('999990408') };
    const result = run(sheet(['P-2', 999993653, 'Łukasz', 'Wójcik', '01-02-1990', 'PL', 'De Tulp', 45000]), [
      stored,
      other,
    ]);
    expect(result.rows[0]).toMatchObject({ outcome: 'refused', problems: [{ code: 'ambiguous_match' }] });
  });

  it('full list: people at a listed location missing from the list are proposed departures', () => {
    const missing: ExistingMigrant = {
      ...stored,
      id: 'm3',
      external_reference: 'P-3',
      bsn_index: null,
      stay: { id: 's3', location: LOCATIONS[0]!.id },
    };
    const elsewhere: ExistingMigrant = {
      ...stored,
      id: 'm4',
      external_reference: 'P-4',
      bsn_index: null,
      stay: { id: 's4', location: LOCATIONS[1]!.id },
    };
    const gone: ExistingMigrant = { ...missing, id: 'm5', external_reference: 'P-5', gone: true };
    const full = run(sheet(good), [stored, missing, elsewhere, gone], 'full_list');
    expect(full.proposedDepartures).toEqual([
      { migrant: 'm3', case_number: 'AM-2026-000001', location: LOCATIONS[0]!.id, stay: 's3' },
    ]);
    expect(run(sheet(good), [stored, missing], 'additions').proposedDepartures).toEqual([]);
  });
});

describe('multipart', () => {
  const body = (parts: string) => Buffer.from(parts.replace(/\n/g, '\r\n'), 'utf8');
  it('reads fields and files, the first part of each name', async () => {
    const { multipartBoundary, parseMultipart } = await import('../../extensions/labour-platform/src/domain/intake');
    expect(multipartBoundary('multipart/form-data; boundary="abc"')).toBe('abc');
    expect(multipartBoundary('application/json')).toBeNull();
    const form = parseMultipart(
      body(
        '--abc\nContent-Disposition: form-data; name="mode"\n\nfull_list\n--abc\nContent-Disposition: form-data; name="file"; filename="a b.csv"\nContent-Type: text/csv\n\nVoornaam;Achternaam\nJan;Kowalski\n--abc\nContent-Disposition: form-data; name="mode"\n\nadditions\n--abc--\n',
      ),
      'abc',
    );
    expect(form?.fields).toEqual({ mode: 'full_list' });
    expect(form?.files['file']?.filename).toBe('a b.csv');
    expect(form?.files['file']?.data.toString()).toBe('Voornaam;Achternaam\r\nJan;Kowalski');
  });
  it('refuses a body that is not well-formed', async () => {
    const { parseMultipart } = await import('../../extensions/labour-platform/src/domain/intake');
    expect(parseMultipart(body('--abc\nContent-Disposition: form-data; name="file"\n\nno end'), 'abc')).toBeNull();
    expect(parseMultipart(body('nothing'), 'abc')).toBeNull();
  });
});
