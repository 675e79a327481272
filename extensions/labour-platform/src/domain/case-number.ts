/**
 * The case number (zaaknummer) of a labour migrant: a reference that is not personal data, shown wherever a person is
 * listed and searchable by everyone who sees the row. `AM-<year>-<6 digits>`: the year the platform registered the
 * migrant (in the Netherlands' time zone) and a sequence number within that year, from 000001. The platform assigns
 * it; nobody sets or changes it. Plain module: no Directus import.
 */

export const CASE_NUMBER_PREFIX = 'AM';
const DIGITS = 6;
const PATTERN = /^AM-(\d{4})-(\d{6,})$/;

/** The year a registration at `at` belongs to, in Europe/Amsterdam (a migrant registered on 1 January at 00:30 is of that year). */
export function caseYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(at));
}

export function formatCaseNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('A case number year has four digits');
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('A case number sequence starts at 1');
  return `${CASE_NUMBER_PREFIX}-${year}-${String(sequence).padStart(DIGITS, '0')}`;
}

export function parseCaseNumber(value: unknown): { year: number; sequence: number } | null {
  if (typeof value !== 'string') return null;
  const match = PATTERN.exec(value);
  if (!match) return null;
  const sequence = Number(match[2]);
  return Number.isSafeInteger(sequence) && sequence >= 1 ? { year: Number(match[1]), sequence } : null;
}

/** The prefix every case number of `year` starts with (for a LIKE on the column). */
export function caseNumberYearPrefix(year: number): string {
  return `${CASE_NUMBER_PREFIX}-${year}-`;
}

/** The next case number of `year`, after the ones already given out that year (in any order, any other values ignored). */
export function nextCaseNumber(year: number, existing: Iterable<string | null | undefined>): string {
  let highest = 0;
  for (const value of existing) {
    const parsed = parseCaseNumber(value);
    if (parsed && parsed.year === year && parsed.sequence > highest) highest = parsed.sequence;
  }
  return formatCaseNumber(year, highest + 1);
}

/**
 * How a search text reads as (part of) a case number, for a contains-match on the column: upper case, inner whitespace
 * gone. Null when it cannot be part of one (nothing but AM, digits and dashes).
 */
export function caseNumberSearchText(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/\s+/g, '');
  if (compact === '' || compact.length > 20 || !/^[AM0-9-]+$/.test(compact)) return null;
  return compact;
}
