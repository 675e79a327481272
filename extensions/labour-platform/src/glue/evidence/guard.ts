/**
 * Evidence is append-only, at the one place every API write passes: Directus's items.update and items.delete
 * filters (REST, GraphQL, batch, /utils/import, nested writes all go through ItemsService). The filter runs before
 * Directus checks permissions and before administrators are let through, so it refuses for everyone, the system's
 * own ItemsService included. The rules are in ../../domain/evidence.
 *
 * A delete of a row that evidence hangs off (a migrant with status history, a consent with signed records, a user
 * or organisation named in the reveal log) answers 409, but only after the caller's right to delete that row is
 * established by the access-first wrapper: a hidden row and a missing one get the same 403. The database backs this up: relations from
 * evidence never cascade (snapshots/snapshot.json: ON DELETE NO ACTION).
 */
import type { Accountability, SchemaOverview } from '@directus/types';
import { createError } from '@directus/errors';
import type { Knex } from 'knex';
import {
  evidencePaths,
  evidenceRefusalMessage,
  refusedApiWrite,
  type EvidenceRefusal,
  type RelationLink,
  type WriteAction,
} from '../../domain/evidence';
import { deleteReturning, idSlices } from '../db-statements';
import { userLanguage } from '../language';

interface EvidenceExtensions {
  message: string;
  collection: string;
}

/** 403: evidence (or the platform's bookkeeping) is not changed through the API, by anyone. */
export const EvidenceAppendOnlyError = createError<EvidenceExtensions>('EVIDENCE_APPEND_ONLY', (e) => e.message, 403);
/** 409: the row carries evidence that must be kept. */
export const EvidencePresentError = createError<EvidenceExtensions & { evidence: string }>(
  'EVIDENCE_PRESENT',
  (e) => e.message,
  409,
);

export interface GuardContext {
  database: Knex;
  schema: SchemaOverview;
  accountability: Accountability | null;
}

async function refuse(refusal: EvidenceRefusal, context: GuardContext): Promise<never> {
  const message = evidenceRefusalMessage(refusal, await userLanguage(context.database, context.accountability));
  if (refusal.code === 'has_evidence')
    throw new EvidencePresentError({ message, collection: refusal.collection, evidence: refusal.evidence });
  throw new EvidenceAppendOnlyError({ message, collection: refusal.collection });
}

/** Refuses an update or delete of evidence, and any API write of bookkeeping: for every caller. */
export async function guardEvidenceWrite(
  collection: string,
  action: WriteAction,
  context: GuardContext,
): Promise<void> {
  const refused = refusedApiWrite(collection, action);
  if (refused) await refuse({ code: refused, collection }, context);
}

function relationLinks(schema: SchemaOverview): RelationLink[] {
  return schema.relations
    .filter((relation) => relation.related_collection)
    .map((relation) => ({
      collection: relation.collection,
      field: relation.field,
      related: relation.related_collection!,
      onDelete: relation.schema?.on_delete ?? null,
    }));
}

/** The first evidence collection that a delete of these rows would reach, or null. */
async function evidenceReached(
  knex: Knex,
  schema: SchemaOverview,
  collection: string,
  keys: ReadonlyArray<string | number>,
): Promise<string | null> {
  for (const path of evidencePaths(relationLinks(schema), collection)) {
    let ids: Array<string | number> = [...keys];
    for (const [index, link] of path.entries()) {
      if (ids.length === 0) break;
      const last = index === path.length - 1;
      const primary = schema.collections[link.collection]?.primary ?? 'id';
      const rows = (await knex(link.collection)
        .select(primary)
        .whereIn(link.field, ids)
        .limit(last ? 1 : 100_000)) as Row[];
      ids = rows.map((row) => row[primary] as string | number);
      if (last && ids.length > 0) return link.collection;
    }
  }
  return null;
}

type Row = Record<string, unknown>;

/**
 * Before a delete: evidence itself is refused; a row that evidence hangs off is refused with a 409. Registered through
 * the access-first wrapper, so this runs only once the caller may delete the rows at all (hidden = missing: 403).
 */
export async function guardDelete(
  collection: string,
  keys: ReadonlyArray<string | number>,
  context: GuardContext,
): Promise<void> {
  await guardEvidenceWrite(collection, 'delete', context);
  if (keys.length === 0) return;
  const evidence = await evidenceReached(context.database, context.schema, collection, keys);
  if (evidence) await refuse({ code: 'has_evidence', collection, evidence }, context);
}

/**
 * The one privileged way to remove evidence: for the retention job, the evidence about the migrants it erases (their
 * status history, who saw their data), never reachable through the API. Deletes with the platform's own connection,
 * bypassing Directus's items filters, in the caller's transaction; answers the id and migrant of each row it deleted.
 */
export async function eraseEvidenceForRetention(
  knex: Knex,
  collection: 'status_history' | 'reveal_log',
  migrants: readonly string[],
): Promise<Array<{ id: unknown; migrant: unknown }>> {
  const deleted: Array<{ id: unknown; migrant: unknown }> = [];
  for (const chunk of idSlices(migrants))
    deleted.push(...(await deleteReturning(knex, knex(collection).whereIn('migrant', chunk), ['id', 'migrant'])));
  return deleted;
}
