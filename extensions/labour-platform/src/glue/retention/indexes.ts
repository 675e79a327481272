/**
 * Directus's own tables that keep copies about a row (its revisions, the comments on it, notifications about it), and
 * the index the erasure finds them by. Directus 11.17.4 indexes none of them on (collection, item): every erasure
 * chunk would read each table whole. The platform builds these indexes at start (idempotent, like the BSN index in
 * ../privacy/bsn-unique.ts); a later Directus that brings its own only makes them redundant.
 */
import type { Knex } from 'knex';

export const DIRECTUS_COPIES = ['directus_revisions', 'directus_comments', 'directus_notifications'] as const;

export const erasureIndexName = (table: (typeof DIRECTUS_COPIES)[number]): string => `platform_${table}_item`;

/** Builds the missing indexes; answers how many tables have theirs now (a table Directus has not created is left). */
export async function ensureErasureIndexes(knex: Knex): Promise<number> {
  let present = 0;
  for (const table of DIRECTUS_COPIES) {
    if (!(await knex.schema.hasTable(table))) continue;
    await knex.raw(`create index if not exists ${erasureIndexName(table)} on ${table} (collection, item)`);
    present++;
  }
  return present;
}
