/**
 * Dashboard, panel, flow and operation names are stored as `$t:` keys; Directus 11.17.4 shows them as stored, so the
 * platform translates them into the reader's language when they are read (REST, GraphQL, the admin app). Config as
 * code reads them untranslated (it sends RAW_NAMES_HEADER), so a pull reproduces the repo's files.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { storedName } from '../domain/stored-names';
import { userLanguage } from './language';
import { rawNamesRequested } from './request-context';

/** The system collections (as Directus's event scopes) whose rows carry names, and those fields. */
export const NAMED_SCOPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  dashboards: ['name', 'note'],
  panels: ['name', 'note'],
  flows: ['name'],
  operations: ['name'],
});

type Row = Record<string, unknown>;

/** Rows nested in a read (a flow's operations, a dashboard's panels) are not read through their own scope. */
const NESTED: Readonly<Record<string, string>> = Object.freeze({ dashboards: 'panels', flows: 'operations' });

/** The `<scope>.read` filter: the rows with their `$t:` names in the caller's language. */
export async function translateStoredNames(
  knex: Knex,
  accountability: Accountability | null,
  scope: string,
  rows: unknown,
): Promise<unknown> {
  if (!NAMED_SCOPES[scope] || !Array.isArray(rows) || rawNamesRequested() || !hasKey(scope, rows)) return rows;
  const language = await userLanguage(knex, accountability);
  const translate = (within: string, row: unknown): unknown => {
    if (row === null || typeof row !== 'object') return row;
    const copy: Row = { ...(row as Row) };
    for (const field of NAMED_SCOPES[within] ?? []) if (field in copy) copy[field] = storedName(copy[field], language);
    const nested = NESTED[within];
    if (nested && Array.isArray(copy[nested]))
      copy[nested] = (copy[nested] as unknown[]).map((child) => translate(nested, child));
    return copy;
  };
  return rows.map((row) => translate(scope, row));
}

/** Whether any name among the rows (or their nested rows) is a `$t:` key: only then is the language looked up. */
function hasKey(scope: string, rows: readonly unknown[]): boolean {
  return rows.some((row) => {
    if (row === null || typeof row !== 'object') return false;
    const values = (NAMED_SCOPES[scope] ?? []).map((field) => (row as Row)[field]);
    const nested = NESTED[scope];
    const children = nested ? (row as Row)[nested] : undefined;
    return (
      values.some((value) => typeof value === 'string' && value.startsWith('$t:')) ||
      (nested !== undefined && Array.isArray(children) && hasKey(nested, children))
    );
  });
}
