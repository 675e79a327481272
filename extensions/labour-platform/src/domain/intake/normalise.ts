/**
 * Normalising one spreadsheet cell to the platform's form of its field: a BSN of 9 digits (also when Excel made it
 * a number and dropped the leading zero), a postcode as 1234AB, a date as YYYY-MM-DD (from a real date, an Excel
 * serial number, dd-mm-yyyy text or ISO text), a nationality as its ISO code (from a Dutch or English name, an
 * adjective or a code), names trimmed with their inner spaces collapsed, in Unicode NFC. A value that cannot be read
 * is a problem of the row, never a guess. Normalising a normalised value gives it back (tested as a property).
 * Plain module: no Directus import.
 */
import { normaliseBsn } from '../bsn';
import { COUNTRY_NAMES, isIsoCountryCode } from '../countries';
import { isCalendarDate } from '../dates';
import { checkPostcode } from '../postcode';
import type { IntakeField } from './contract';
import { cellText, normaliseHeader, type Cell } from './columns';

export type Normalised =
  | { ok: true; value: string | null }
  | { ok: false; code: 'unreadable_value' | 'invalid_bsn' | 'invalid_postcode' | 'invalid_date' | 'invalid_country' };

const ok = (value: string | null): Normalised => ({ ok: true, value });

/** Excel's day 0 is 1899-12-30 (it counts 1900-02-29, which did not exist; serials after it line up). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOfUtc(ms: number): string | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return date.toISOString().slice(0, 10);
}

/** An Excel serial date (days since 1899-12-30; a time of day is dropped) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return isoOfUtc(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
}

function pad(n: string, width: number): string {
  return n.padStart(width, '0');
}

/** A date cell: a Date (its calendar day in UTC, as spreadsheet readers give it), a serial, or text. */
export function normaliseDate(cell: Cell): string | null {
  if (cell instanceof Date) return isoOfUtc(cell.getTime());
  if (typeof cell === 'number') return excelSerialToDate(cell);
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) {
    const iso = `${match[1]!}-${pad(match[2]!, 2)}-${pad(match[3]!, 2)}`;
    return isCalendarDate(iso) ? iso : null;
  }
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (match) {
    const iso = `${match[3]!}-${pad(match[2]!, 2)}-${pad(match[1]!, 2)}`;
    return isCalendarDate(iso) ? iso : null;
  }
  // A serial number written out as text (a CSV of a sheet whose date column was "General").
  if (/^\d{5}$/.test(text)) return excelSerialToDate(Number(text));
  return null;
}

/** Names and other text: trimmed, inner whitespace collapsed, Unicode NFC. */
export function normaliseText(cell: Cell): string {
  return cellText(cell).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A BSN: digits of a number are padded to 9 (Excel drops the leading zero); text loses spaces, dots and dashes. */
export function normaliseBsnCell(cell: Cell): string | null {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0 || cell > 999_999_999) return null;
    return pad(String(cell), 9);
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  // '12345678.0' from a CSV of a number column.
  const withoutDecimals = /^\d{7,9}\.0+$/.test(text) ? text.replace(/\.0+$/, '') : text;
  const digits = withoutDecimals.replace(/[\s.-]/g, '');
  return /^\d{8,9}$/.test(digits) ? normaliseBsn(digits) : null;
}

/** Nationality adjectives and three-letter codes of the nationalities labour migrants mostly have. */
const NATIONALITY_WORDS: Readonly<Record<string, string>> = {
  pools: 'PL',
  poolse: 'PL',
  polish: 'PL',
  pol: 'PL',
  polen: 'PL',
  polska: 'PL',
  roemeens: 'RO',
  roemeense: 'RO',
  romanian: 'RO',
  rou: 'RO',
  rom: 'RO',
  romania: 'RO',
  romana: 'RO',
  bulgaars: 'BG',
  bulgaarse: 'BG',
  bulgarian: 'BG',
  bgr: 'BG',
  litouws: 'LT',
  litouwse: 'LT',
  lithuanian: 'LT',
  ltu: 'LT',
  lets: 'LV',
  letse: 'LV',
  latvian: 'LV',
  lva: 'LV',
  hongaars: 'HU',
  hongaarse: 'HU',
  hungarian: 'HU',
  hun: 'HU',
  slowaaks: 'SK',
  slowaakse: 'SK',
  slovak: 'SK',
  svk: 'SK',
  tsjechisch: 'CZ',
  tsjechische: 'CZ',
  czech: 'CZ',
  cze: 'CZ',
  oekraiens: 'UA',
  oekraiense: 'UA',
  ukrainian: 'UA',
  ukr: 'UA',
  portugees: 'PT',
  portugese: 'PT',
  portuguese: 'PT',
  prt: 'PT',
  spaans: 'ES',
  spaanse: 'ES',
  spanish: 'ES',
  esp: 'ES',
  grieks: 'GR',
  griekse: 'GR',
  greek: 'GR',
  grc: 'GR',
  duits: 'DE',
  duitse: 'DE',
  german: 'DE',
  deu: 'DE',
  nederlands: 'NL',
  nederlandse: 'NL',
  dutch: 'NL',
  nld: 'NL',
  kroatisch: 'HR',
  kroatische: 'HR',
  croatian: 'HR',
  hrv: 'HR',
  sloveens: 'SI',
  sloveense: 'SI',
  slovenian: 'SI',
  svn: 'SI',
  estisch: 'EE',
  estische: 'EE',
  estonian: 'EE',
  est: 'EE',
  moldavisch: 'MD',
  moldavische: 'MD',
  moldovan: 'MD',
  mda: 'MD',
  italiaans: 'IT',
  italiaanse: 'IT',
  italian: 'IT',
  ita: 'IT',
  frans: 'FR',
  franse: 'FR',
  french: 'FR',
  fra: 'FR',
  belgisch: 'BE',
  belgische: 'BE',
  belgian: 'BE',
  bel: 'BE',
  turks: 'TR',
  turkse: 'TR',
  turkish: 'TR',
  tur: 'TR',
  brits: 'GB',
  britse: 'GB',
  british: 'GB',
  gbr: 'GB',
};

const COUNTRY_INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
    index.set(normaliseHeader(names.nl), code);
    index.set(normaliseHeader(names.en), code);
  }
  for (const [word, code] of Object.entries(NATIONALITY_WORDS)) index.set(word, code);
  return index;
})();

/** A nationality as its ISO 3166-1 alpha-2 code: from the code (any case), a Dutch or English name or adjective. */
export function normaliseNationality(cell: Cell): string | null {
  const text = cellText(cell);
  if (/^[A-Za-z]{2}$/.test(text)) return isIsoCountryCode(text.toUpperCase()) ? text.toUpperCase() : null;
  return COUNTRY_INDEX.get(normaliseHeader(text)) ?? null;
}

const GENDER_WORDS: Readonly<Record<string, string>> = {
  m: 'M',
  man: 'M',
  male: 'M',
  mannelijk: 'M',
  v: 'V',
  f: 'V',
  vrouw: 'V',
  female: 'V',
  vrouwelijk: 'V',
  woman: 'V',
  o: 'O',
  x: 'O',
  onbekend: 'O',
  unknown: 'O',
  anders: 'O',
  other: 'O',
};

/**
 * One cell to its field's form. An empty cell is null (no value). A problem is the field's own issue code where the
 * platform has one, else `unreadable_value`.
 */
export function normaliseCell(field: IntakeField, cell: Cell): Normalised {
  if (cellText(cell) === '') return ok(null);
  switch (field) {
    case 'bsn': {
      const bsn = normaliseBsnCell(cell);
      return bsn === null ? { ok: false, code: 'invalid_bsn' } : ok(bsn);
    }
    case 'date_of_birth':
    case 'arrival_date':
    case 'expected_departure_date':
    case 'departure_date': {
      const date = normaliseDate(cell);
      return date === null ? { ok: false, code: 'invalid_date' } : ok(date);
    }
    case 'work_postcode': {
      const result = checkPostcode(cellText(cell));
      return result.ok ? ok(result.postcode) : { ok: false, code: 'invalid_postcode' };
    }
    case 'nationality': {
      const code = normaliseNationality(cell);
      return code === null ? { ok: false, code: 'invalid_country' } : ok(code);
    }
    case 'gender': {
      const code = GENDER_WORDS[normaliseHeader(cellText(cell))];
      return code === undefined ? { ok: false, code: 'unreadable_value' } : ok(code);
    }
    case 'language':
      return ok(cellText(cell).toLowerCase());
    case 'location':
      // A BAG id Excel made a number lost its leading zero.
      if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1e14 && cell < 1e16)
        return ok(pad(String(cell), 16));
      return ok(normaliseText(cell));
    case 'email':
      return ok(cellText(cell).normalize('NFC'));
    default:
      if (typeof cell === 'boolean') return { ok: false, code: 'unreadable_value' };
      return ok(normaliseText(cell));
  }
}
