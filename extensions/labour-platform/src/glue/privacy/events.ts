/**
 * The privacy hook's handlers (../../hooks/privacy), one per registration: a migrant's personal fields are sealed
 * after every other write filter has validated and normalised them, revealed or shielded on every read, and every
 * read's query meets the one query guard. The work itself is in ./personal-data and ./query-guard.
 */
import type { SchemaOverview } from '@directus/types';
import type { KeyRing } from '../../domain/privacy';
import type { FilterContext, FilterHandler, FilterMeta, RequestCheck } from '../access/access-first';
import type { Row } from '../items';
import { userLanguage } from '../language';
import { PersonalBatchUpdateError, revealInResult, SEALED_COLUMNS, sealMigrantUpdate, sealNewMigrant } from './personal-data';
import { privacyRefusalError, queryRefusal } from './query-guard';

/** A migrant's sealed columns (its wrapped data key, the blind index) are the platform's: nobody writes them. */
export const refuseSealedColumns: RequestCheck = async (payload, _meta, context) => {
  const sealed = payload !== null && typeof payload === 'object' ? SEALED_COLUMNS.find((field) => field in payload) : undefined;
  if (sealed) throw await privacyRefusalError({ code: 'sealed_field', field: sealed }, context.database, context.accountability);
};

/** `migrants.items.create`: the new migrant's personal fields encrypted with a fresh data key of its own. */
export function sealOnCreate(ring: KeyRing): FilterHandler {
  return (payload) => sealNewMigrant(ring, payload as Row);
}

/** `migrants.items.update`: the personal fields encrypted with the migrant's own data key; one migrant at a time. */
export function sealOnUpdate(ring: KeyRing): FilterHandler {
  return async (payload, meta, context) => {
    const keys = (meta['keys'] as Array<string | number> | undefined) ?? [];
    try {
      return await sealMigrantUpdate(ring, context.database, keys, payload as Row);
    } catch (error) {
      if (error instanceof PersonalBatchUpdateError) throw await privacyRefusalError({ code: 'personal_batch_update' }, context.database, context.accountability);
      throw error;
    }
  };
}

/** `items.read`: personal data leaves the database only through here, decrypted where the reveal rule allows. */
export function revealOnRead(ring: KeyRing): FilterHandler {
  return (result, _meta, context) =>
    revealInResult({ ring, knex: context.database, accountability: context.accountability, language: () => userLanguage(context.database, context.accountability) }, result);
}

/**
 * `*.query`: emitted for every ItemsService read of every collection, system ones too (items.query, users.query,
 * ...), whether it comes from REST, GraphQL, an export or a nested read.
 */
export function guardQuery(getSchema: () => Promise<SchemaOverview>): FilterHandler {
  return async (query: unknown, meta: FilterMeta, context: FilterContext) => {
    const schema = context.schema ?? (await getSchema());
    const refusal = queryRefusal(schema, String(meta['collection']), query, context.accountability);
    if (refusal) throw await privacyRefusalError(refusal, context.database, context.accountability);
    return query;
  };
}
