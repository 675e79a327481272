/**
 * The intake pipeline on a sheet's cells, up to the point where the platform's stored migrants are needed: find the
 * header row, match the columns (correction, remembered, header), parse and normalise the rows below it.
 * Plain module: no Directus import.
 */
import type { IntakeColumn, IntakeField, IntakeMappingCorrection } from './contract';
import { findHeaderRow, matchColumns, missingColumns, type Cell, type RememberedMapping } from './columns';
import { parseRows, type ParsedRow } from './rows';

export type SheetAnalysis =
  | { ok: true; headerRow: number; columns: IntakeColumn[]; ignored: string[]; rows: ParsedRow[] }
  | { ok: false; problem: 'no_header' }
  | { ok: false; problem: 'missing_columns'; fields: IntakeField[]; columns: IntakeColumn[] };

export function analyseSheet(
  rows: readonly (readonly Cell[])[],
  remembered: RememberedMapping = {},
  correction: IntakeMappingCorrection = {},
): SheetAnalysis {
  const headerIndex = findHeaderRow(rows);
  if (headerIndex === null) return { ok: false, problem: 'no_header' };
  const columns = matchColumns(rows[headerIndex]!, remembered, correction);
  const missing = missingColumns(columns);
  if (missing.length > 0) return { ok: false, problem: 'missing_columns', fields: missing, columns };
  const ignored = columns
    .filter((column) => column.field === null && column.header !== '')
    .map((column) => column.header);
  return {
    ok: true,
    headerRow: headerIndex + 1,
    columns,
    ignored,
    rows: parseRows(rows.slice(headerIndex + 1), columns, headerIndex + 2),
  };
}
