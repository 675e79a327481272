/**
 * The privacy hook's handlers (../../hooks/privacy), one per registration: a migrant's personal fields are sealed
 * after every other write filter has validated and normalised them, revealed or shielded on every read, and every
 * read's query meets the one query guard. The work itself is in ./personal-data and ./query-guard.
 */
import type { SchemaOverview } from '@directus/types';
import { ASSIGNED_FIELDS } from '../../domain/personal-fields';
import type { KeyRing } from '../../domain/privacy';
import type { FilterContext, FilterHandler, FilterMeta, RequestCheck } from '../access/access-first';
import type { ItemsServiceConstructor, Row } from '../items';
import { userLanguage } from '../language';
import {
  PersonalBatchUpdateError,
  revealInResult,
  SEALED_COLUMNS,
  sealMigrantUpdate,
  sealNewMigrant,
} from './personal-data';
import { DATA_KEYS, storeDataKey } from './data-keys';
import { DOCUMENTS_COLLECTION as DOCUMENTS } from '../../domain/documents';
import { INTAKE_CREDENTIALS } from '../../domain/intake/credentials';
import { privacyRefusalError, queryRefusal } from './query-guard';
import { checkMigrantUpdate, clientPartOf, completeNewMigrant, rewriteSearch } from './search';

/**
 * A migrant's sealed columns (its wrapped data key, the blind and name indexes) are the platform's: nobody writes
 * them; nor its case number, which only the platform assigns (an administrator included; the system may).
 */
export const refuseSealedColumns: RequestCheck = async (payload, _meta, context) => {
  const fields = payload !== null && typeof payload === 'object' ? payload : {};
  const sealed =
    SEALED_COLUMNS.find((field) => field in fields) ??
    (context.accountability ? ASSIGNED_FIELDS.migrants.find((field) => field in fields) : undefined);
  if (sealed)
    throw await privacyRefusalError({ code: 'sealed_field', field: sealed }, context.database, context.accountability);
};

/**
 * `migrants.items.create`: the new migrant's personal fields encrypted with a fresh data key of its own; a BSN its
 * provider already has refused; its case number assigned, in the create's transaction.
 */
export function sealOnCreate(ring: KeyRing, getSchema: () => Promise<SchemaOverview>): FilterHandler {
  return async (payload, _meta, context) => {
    const sealed = sealNewMigrant(ring, payload as Row);
    const completed = await completeNewMigrant(
      { knex: context.database, schema: context.schema ?? (await getSchema()) },
      context.accountability,
      sealed.payload,
    );
    // the key goes into the vault in the create's transaction (after the checks above: a refused create stores none)
    await storeDataKey(context.database, sealed.id, sealed.wrappedKey);
    return completed;
  };
}

/**
 * `migrants.items.update`: the personal fields encrypted with the migrant's own data key, one migrant at a time;
 * refused when it gives the migrant a BSN its provider already has.
 */
export function sealOnUpdate(ring: KeyRing): FilterHandler {
  return async (payload, meta, context) => {
    const keys = (meta['keys'] as Array<string | number> | undefined) ?? [];
    let sealed: Row;
    try {
      sealed = await sealMigrantUpdate(ring, context.database, keys, payload as Row);
    } catch (error) {
      if (error instanceof PersonalBatchUpdateError)
        throw await privacyRefusalError({ code: 'personal_batch_update' }, context.database, context.accountability);
      throw error;
    }
    if (typeof sealed['bsn_index'] !== 'string' || keys.length !== 1) return sealed;
    const existing = (await context.database('migrants').select('provider').where('id', keys[0]).first()) as
      Row | undefined;
    return checkMigrantUpdate(context.database, context.accountability, existing, String(keys[0]), sealed);
  };
}

/** `items.read`: personal data leaves the database only through here, decrypted where the reveal rule allows. */
export function revealOnRead(ring: KeyRing): FilterHandler {
  return (result, _meta, context) =>
    revealInResult(
      {
        ring,
        knex: context.database,
        accountability: context.accountability,
        language: () => userLanguage(context.database, context.accountability),
      },
      result,
    );
}

/**
 * `*.query`: emitted for every ItemsService read of every collection, system ones too (items.query, users.query,
 * ...), whether it comes from REST, GraphQL, an export or a nested read. A search of migrants is not Directus's LIKE
 * over ciphertext: after the guard has judged the client's own query, it becomes the platform's filter on the case
 * number, the BSN blind index and the name index (./search.ts).
 */
export function guardQuery(
  ring: KeyRing,
  getSchema: () => Promise<SchemaOverview>,
  ItemsService: ItemsServiceConstructor,
): FilterHandler {
  return async (query: unknown, meta: FilterMeta, context: FilterContext) => {
    const schema = context.schema ?? (await getSchema());
    const collection = String(meta['collection']);
    // the key vault, the API credentials' hashes and the migrants' documents are read by the platform alone: every
    // API read (administrators included) is refused (documents: /privacy/migrants/:id/documents, glue/documents)
    if (
      (collection === DATA_KEYS || collection === INTAKE_CREDENTIALS || collection === DOCUMENTS) &&
      context.accountability
    )
      throw await privacyRefusalError(
        {
          code: 'sealed_field',
          field: collection === DATA_KEYS ? 'wrapped' : collection === DOCUMENTS ? 'content' : 'token_hash',
        },
        context.database,
        context.accountability,
      );
    const refusal = queryRefusal(schema, collection, clientPartOf(collection, query), context.accountability);
    if (refusal) throw await privacyRefusalError(refusal, context.database, context.accountability);
    return rewriteSearch(
      ring,
      { knex: context.database, schema, ItemsService },
      context.accountability,
      collection,
      query as Row,
    );
  };
}
