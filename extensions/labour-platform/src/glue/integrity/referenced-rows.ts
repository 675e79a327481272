/**
 * One translation of foreign-key refusals for every collection: deleting rows that other rows still reference
 * (through a relation that neither cascades nor sets null) answers 409 with a sentence that names what blocks it
 * ("this labour migrant still has tasks"), instead of the database's constraint error (a 500).
 *
 * Access first: registered through the one access-first wrapper (../access/access-first.ts), so the caller's right
 * to delete the rows is established before anything about them or their dependants is read; a hidden row and a
 * missing one get the same 403.
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { stillReferencedMessage } from '../../domain/reference-messages';
import { ReferencedRowsError } from '../errors';
import { userLanguage } from '../language';

/** on_delete rules that let the database resolve the reference itself. */
const RESOLVED_BY_DATABASE = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT']);

interface DeleteContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

/**
 * Throws a 409 when rows of `collection` with these keys are still referenced by rows that block their deletion.
 * Called from the `items.delete` filter, for every collection.
 */
export async function refuseDeletingReferencedRows(
  collection: string,
  keys: ReadonlyArray<string | number>,
  context: DeleteContext,
  getSchema: () => Promise<SchemaOverview>,
): Promise<void> {
  if (keys.length === 0) return;
  const schema = context.schema ?? (await getSchema());
  const primaryKey = schema.collections[collection]?.primary;
  if (!primaryKey) return;
  const blocking = schema.relations.filter(
    (relation) =>
      relation.related_collection === collection &&
      !RESOLVED_BY_DATABASE.has(String(relation.schema?.on_delete ?? 'NO ACTION').toUpperCase()),
  );
  const blockedBy: string[] = [];
  for (const relation of blocking) {
    const row = (await context
      .database(relation.collection)
      .select(relation.field)
      .whereIn(relation.field, [...keys])
      .first()) as Record<string, unknown> | undefined;
    if (row !== undefined && !blockedBy.includes(relation.collection)) blockedBy.push(relation.collection);
  }
  if (blockedBy.length === 0) return;
  const language = await userLanguage(context.database, context.accountability);
  throw new ReferencedRowsError({
    message: stillReferencedMessage(collection, blockedBy, keys.length, language),
    collection,
    referenced_by: blockedBy,
  });
}
