/**
 * One BSN per provider, held by the database itself: a unique index on migrants (provider, bsn_index), applied by the
 * platform (Directus's schema snapshot cannot hold a composite index). The duplicate check in the create and update
 * filters (search.ts) gives the sentence with the existing case number; the index closes what a check cannot: on
 * PostgreSQL Directus 11.17.4 runs an update's filters outside the update's transaction, so two PATCHes giving two
 * migrants the same BSN could both pass the check. The second now fails at the index, and its RECORD_NOT_UNIQUE is
 * turned into the same refusal at the BSN field (`duplicate_bsn`) in the caller's language.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { DUPLICATE_BSN_CODE, duplicateBsnMessage } from '../../domain/duplicate-bsn';
import { fieldRefusal } from '../errors';
import { userLanguage } from '../language';

export const PROVIDER_BSN_INDEX = 'migrants_provider_bsn_index_unique';

export type IndexOutcome = 'present' | 'not_yet' | 'duplicates';

/**
 * Builds the index when it is missing. 'not_yet' while the table or its columns do not exist (a first start before
 * the schema is applied: tried again once the schema is applied), 'duplicates' when existing rows would break it (the
 * filters' check and lock still guard new writes; an administrator merges the duplicates). Idempotent.
 */
export async function ensureProviderBsnIndex(knex: Knex): Promise<IndexOutcome> {
  const columns = await Promise.all(
    ['provider', 'bsn_index'].map((column) => knex.schema.hasColumn('migrants', column).catch(() => false)),
  );
  if (!columns.every(Boolean)) return 'not_yet';
  try {
    await knex.raw(
      `create unique index if not exists ${PROVIDER_BSN_INDEX} on migrants (provider, bsn_index) where bsn_index is not null`,
    );
    return 'present';
  } catch {
    return 'duplicates';
  }
}

/**
 * The hook's keeper of the index: one attempt at a time however many events ask, and the duplicates warning once.
 * Fixed messages: a database error could quote a row.
 */
export function providerBsnIndexKeeper(knex: Knex, logger: { warn: (message: string) => void }): () => Promise<void> {
  let running: Promise<void> | null = null;
  let duplicatesLogged = false;
  return () => {
    running ??= ensureProviderBsnIndex(knex)
      .then((outcome) => {
        if (outcome !== 'duplicates' || duplicatesLogged) return;
        duplicatesLogged = true;
        logger.warn(
          'BSN unique index not built: a provider has two migrants with one BSN; the duplicate check still guards new writes',
        );
      })
      .catch(() => logger.warn('BSN unique index could not be checked; it is tried again in five minutes'))
      .finally(() => {
        running = null;
      });
    return running;
  };
}

export interface ResponseError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** Whether Directus answered a violation of the index (PostgreSQL names both columns, SQLite the last one). */
function violatesProviderBsn(error: ResponseError): boolean {
  const extensions = error.extensions ?? {};
  return (
    extensions['code'] === 'RECORD_NOT_UNIQUE' &&
    extensions['collection'] === 'migrants' &&
    String(extensions['field'] ?? '').includes('bsn_index')
  );
}

/**
 * The `request.error` filter's part (and GraphQL's, through ../http/graphql-errors.ts, as GraphQL answers its errors
 * without that filter): a violation of the index becomes the refusal at the BSN field.
 */
export async function translateProviderBsnViolation(
  errors: ResponseError[],
  knex: Knex,
  accountability: Accountability | null,
): Promise<ResponseError[]> {
  if (!errors.some(violatesProviderBsn)) return errors;
  const language = await userLanguage(knex, accountability);
  const refusal = fieldRefusal('migrants', 'bsn', DUPLICATE_BSN_CODE, duplicateBsnMessage('', language));
  return errors.map((error) =>
    // a GraphQL error keeps its path and locations
    violatesProviderBsn(error)
      ? { ...error, message: refusal.message, extensions: { ...refusal.extensions, code: refusal.code } }
      : error,
  );
}
