/**
 * The row rules of the intake: a sheet's rows → normalised rows → validated with the platform's own rules
 * (validateRecord: 11-proef, dates in order, ISO 3166, required fields, ...) → matched to the provider's migrants
 * (its own reference, else the BSN blind index) → new, changed, unchanged or refused; in full-list mode the people
 * at the listed locations who are not on the list become proposed departures. Plain module: no Directus import.
 */
import { todayInNetherlands } from '../dates';
import { validateRecord } from '../validation';
import type {
  IntakeColumn,
  IntakeField,
  IntakeMode,
  IntakeProposedDeparture,
  IntakeRefusalCode,
  IntakeRowOutcome,
} from './contract';
import { cellText, isEmptyRow, type Cell } from './columns';
import { normaliseCell } from './normalise';

/** The migrant's fields among the intake's fields (all but the reference and the location). */
export const MIGRANT_FIELDS = [
  'bsn',
  'first_names',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'email',
  'phone',
  'home_address',
  'id_document_number',
  'language',
  'work_address',
  'work_postcode',
  'work_city',
  'arrival_date',
  'expected_departure_date',
  'departure_date',
] as const satisfies readonly IntakeField[];
export type MigrantField = (typeof MIGRANT_FIELDS)[number];

export type RowValues = Partial<Record<IntakeField, string>>;

export interface RowProblem {
  field: IntakeField | null;
  code: IntakeRefusalCode;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  /** 1-based row number as in the file. */
  row: number;
  values: RowValues;
  problems: RowProblem[];
}

/** A location the provider may put a stay at. */
export interface KnownLocation {
  id: string;
  name: string;
  bag_id: string | null;
}

/** What the platform holds of one of the provider's migrants, decrypted for the comparison (in memory only). */
export interface ExistingMigrant {
  id: string;
  case_number: string | null;
  external_reference: string | null;
  bsn_index: string | null;
  values: Partial<Record<MigrantField, string | null>>;
  /** The current (open) stay, if any. */
  stay: { id: string; location: string } | null;
  /** Gone: departed or deregistered; never proposed to depart again. */
  gone: boolean;
}

export interface ClassifiedRow extends ParsedRow {
  outcome: IntakeRowOutcome;
  location: string | null;
  migrant: ExistingMigrant | null;
  changed: IntakeField[];
}

/** Turns the data rows of a sheet (below the header) into normalised rows; empty rows are skipped. */
export function parseRows(
  rows: readonly (readonly Cell[])[],
  columns: readonly IntakeColumn[],
  firstRowNumber: number,
): ParsedRow[] {
  const mapped = columns.filter((column): column is IntakeColumn & { field: IntakeField } => column.field !== null);
  const parsed: ParsedRow[] = [];
  rows.forEach((cells, offset) => {
    if (isEmptyRow(cells)) return;
    const values: RowValues = {};
    const problems: RowProblem[] = [];
    for (const column of mapped) {
      const outcome = normaliseCell(column.field, cells[column.index] ?? null);
      if (!outcome.ok) problems.push({ field: column.field, code: outcome.code });
      else if (outcome.value !== null) values[column.field] = outcome.value;
    }
    parsed.push({ row: firstRowNumber + offset, values, problems });
  });
  return parsed;
}

/** Rows of door 2 (JSON objects keyed by field) through the same normalisation. */
export function parseJsonRows(rows: readonly Record<string, unknown>[]): ParsedRow[] {
  return rows.map((input, index) => {
    const values: RowValues = {};
    const problems: RowProblem[] = [];
    for (const [key, raw] of Object.entries(input)) {
      const field = key as IntakeField;
      if (raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
        problems.push({ field, code: 'unreadable_value' });
        continue;
      }
      const outcome = normaliseCell(field, raw);
      if (!outcome.ok) problems.push({ field, code: outcome.code });
      else if (outcome.value !== null) values[field] = outcome.value;
    }
    return { row: index + 1, values, problems };
  });
}

/** The migrant payload of a row (the platform's field names), as the form would send it. */
export function migrantPayload(values: RowValues): Record<string, string> {
  const payload: Record<string, string> = {};
  for (const field of MIGRANT_FIELDS) if (values[field] !== undefined) payload[field] = values[field]!;
  return payload;
}

function resolveLocation(value: string | undefined, locations: readonly KnownLocation[]): string | null {
  if (value === undefined) return null;
  const lower = value.toLocaleLowerCase('nl');
  const found =
    locations.find((location) => location.id === value) ??
    locations.find((location) => location.bag_id !== null && location.bag_id === value) ??
    locations.filter((location) => location.name.normalize('NFC').toLocaleLowerCase('nl') === lower);
  if (Array.isArray(found)) return found.length === 1 ? found[0]!.id : null;
  return found.id;
}

/**
 * Validates each row with the platform's rules as a create of a migrant (the row carries the whole person) and
 * resolves its location among the provider's. Adds the problems to the row.
 */
export function validateRows(
  rows: readonly ParsedRow[],
  locations: readonly KnownLocation[],
  today: string = todayInNetherlands(),
): { row: ParsedRow; location: string | null }[] {
  return rows.map((row) => {
    const problems = [...row.problems];
    const refusedFields = new Set(problems.map((problem) => problem.field));
    const { issues } = validateRecord('migrants', migrantPayload(row.values), null, today);
    for (const issue of issues) {
      const field = issue.field as IntakeField;
      if (refusedFields.has(field)) continue;
      problems.push(
        issue.params === undefined ? { field, code: issue.code } : { field, code: issue.code, params: issue.params },
      );
    }
    if (row.values.external_reference !== undefined && row.values.external_reference.length > 255)
      problems.push({ field: 'external_reference', code: 'too_long', params: { max: 255 } });
    const location = resolveLocation(row.values.location, locations);
    if (location === null && !refusedFields.has('location'))
      problems.push({ field: 'location', code: row.values.location === undefined ? 'required' : 'unknown_location' });
    if (row.values.external_reference === undefined && row.values.bsn === undefined && !refusedFields.has('bsn'))
      problems.push({ field: null, code: 'no_identifier' });
    return { row: { ...row, problems }, location };
  });
}

/** Marks rows that name the same person twice in one file (by reference, else by BSN): all of them are refused. */
function markDuplicates(rows: { row: ParsedRow; location: string | null }[]): void {
  const byKey = new Map<string, number[]>();
  rows.forEach(({ row }, index) => {
    const keys = [
      row.values.external_reference ? `ref:${row.values.external_reference}` : null,
      row.values.bsn ? `bsn:${row.values.bsn}` : null,
    ];
    for (const key of keys) if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  const duplicated = new Set<number>();
  for (const indexes of byKey.values()) if (indexes.length > 1) indexes.forEach((index) => duplicated.add(index));
  for (const index of duplicated) rows[index]!.row.problems.push({ field: null, code: 'duplicate_in_file' });
}

/** Compares a row with the stored migrant: the fields the row sets to another value, and the location. */
export function changedFields(values: RowValues, location: string | null, existing: ExistingMigrant): IntakeField[] {
  const changed: IntakeField[] = [];
  for (const field of MIGRANT_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    const stored = existing.values[field];
    if ((stored ?? null) !== value) changed.push(field);
  }
  if (values.external_reference !== undefined && existing.external_reference !== values.external_reference)
    changed.push('external_reference');
  if (location !== null && existing.stay?.location !== location) changed.push('location');
  return changed;
}

export interface Classification {
  rows: ClassifiedRow[];
  proposedDepartures: IntakeProposedDeparture[];
}

/**
 * Matches and classifies validated rows. `bsnKey` gives a BSN's blind index (the glue holds the key). A row matches
 * the migrant with its reference; else the one with its BSN's index; a reference of one and a BSN of another is
 * refused. Full-list mode: the provider's migrants whose current stay is at a listed location (`scope`, plus the
 * rows' own locations) and whom no row names become proposed departures.
 */
export function classifyRows(
  validated: { row: ParsedRow; location: string | null }[],
  existing: readonly ExistingMigrant[],
  bsnKey: (bsn: string) => string,
  mode: IntakeMode,
  scope: readonly string[] = [],
): Classification {
  markDuplicates(validated);
  const byReference = new Map<string, ExistingMigrant>();
  const byBsnIndex = new Map<string, ExistingMigrant>();
  for (const migrant of existing) {
    if (migrant.external_reference) byReference.set(migrant.external_reference, migrant);
    if (migrant.bsn_index) byBsnIndex.set(migrant.bsn_index, migrant);
  }
  const named = new Set<string>();
  const rows: ClassifiedRow[] = validated.map(({ row, location }) => {
    const reference = row.values.external_reference;
    const byRef = reference !== undefined ? byReference.get(reference) : undefined;
    const byBsn = row.values.bsn !== undefined ? byBsnIndex.get(bsnKey(row.values.bsn)) : undefined;
    const problems = [...row.problems];
    if (byRef !== undefined && byBsn !== undefined && byRef.id !== byBsn.id)
      problems.push({ field: 'bsn', code: 'ambiguous_match' });
    // A stored reference that differs from the row's: the BSN found someone the provider knows under another reference.
    else if (
      byRef === undefined &&
      byBsn !== undefined &&
      reference !== undefined &&
      byBsn.external_reference !== null &&
      byBsn.external_reference !== reference
    ) {
      problems.push({ field: 'external_reference', code: 'ambiguous_match' });
    }
    const migrant = byRef ?? byBsn ?? null;
    if (migrant !== null) named.add(migrant.id);
    if (problems.length > 0) return { ...row, problems, outcome: 'refused', location, migrant, changed: [] };
    if (migrant === null) return { ...row, problems, outcome: 'new', location, migrant, changed: [] };
    const changed = changedFields(row.values, location, migrant);
    return { ...row, problems, outcome: changed.length === 0 ? 'unchanged' : 'changed', location, migrant, changed };
  });
  const proposedDepartures: IntakeProposedDeparture[] = [];
  if (mode === 'full_list') {
    const listed = new Set<string>([
      ...scope,
      ...rows.map((row) => row.location).filter((id): id is string => id !== null),
    ]);
    for (const migrant of existing) {
      if (migrant.gone || migrant.stay === null || named.has(migrant.id) || !listed.has(migrant.stay.location))
        continue;
      proposedDepartures.push({
        migrant: migrant.id,
        case_number: migrant.case_number,
        location: migrant.stay.location,
        stay: migrant.stay.id,
      });
    }
  }
  return { rows, proposedDepartures };
}

/** The counts of an import. */
export function countOutcomes(rows: readonly { outcome: IntakeRowOutcome }[]): {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  refused: number;
} {
  const counts = { rows: rows.length, new: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/** The row's values as the cells of a sheet with the given columns (the template and the round-trip test). */
export function serialiseRow(values: RowValues, fields: readonly IntakeField[]): string[] {
  return fields.map((field) => values[field] ?? '');
}

/** The raw text of a row's cells, for the refused-rows spreadsheet. */
export function rowTexts(cells: readonly Cell[]): string[] {
  return cells.map(cellText);
}
