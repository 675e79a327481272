/**
 * The migrant's item page: a read that asks for a migrant's personal fields without its id (the item header, a
 * relation's display template) gets the id added, so the reveal rule can decide per row (see
 * ../../domain/privacy/row-ids.ts) instead of masking what the caller may see; and the navigation shows each role
 * what it works with.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { SchemaOverview } from '@directus/types';
import { withRowIds } from '../../domain/privacy/row-ids';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { navigationMiddleware } from '../../glue/migrant-page/navigation';
import { carryOnBehalf, guardSchema } from '../../glue/privacy/query-guard';

/** Where relational fields lead, once per schema (a read asks for it on every query). */
const relationsBySchema = new WeakMap<SchemaOverview, ReturnType<typeof guardSchema>>();

export default defineHook(({ filter: register, init }, { getSchema }) => {
  // every filter of the extension goes through accessFirst (a read filter passes straight through)
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  // after authentication: a non-administrator's navigation leaves out the reference collections it only reads
  init('routes.before', (meta) => {
    (meta['app'] as { use: (handler: unknown) => void }).use(navigationMiddleware);
  });

  filter('items.query', async (query, meta, context) => {
    const fields = (query as { fields?: unknown } | null)?.fields;
    if (!Array.isArray(fields)) return query;
    const schema = (context as { schema?: SchemaOverview | null }).schema ?? (await getSchema());
    let relations = relationsBySchema.get(schema);
    if (!relations) relationsBySchema.set(schema, (relations = guardSchema(schema)));
    const withIds = withRowIds(String(meta['collection']), fields as string[], relations);
    if (withIds.length === fields.length) return query;
    // Directus freezes the query: a copy, which keeps the query guard's mark of the platform's own queries
    return carryOnBehalf(query as object, { ...(query as object), fields: withIds });
  });
});
