/**
 * Registry glue: validation in the user's language, references limited to the caller's own rows,
 * the derived current location of migrants, and role landing pages. Domain rules live in ../../domain.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { formatIssues, referenceForbiddenMessage } from '../../domain/messages';
import { isValidatedCollection, validateRecord } from '../../domain/validation';
import { refreshCurrentLocations } from '../../glue/current-location';
import { ReferenceForbiddenError, ValidationFailedError } from '../../glue/errors';
import { itemsServiceFrom, type Row } from '../../glue/items';
import { userLanguage } from '../../glue/language';
import { requestContextMiddleware } from '../../glue/request-context';
import { LANDING_PAGES } from '../../glue/roles';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

export default defineHook(({ filter, action, init, schedule }, { services, getSchema, database, logger }) => {
  const ItemsService = itemsServiceFrom(services);

  init('middlewares.after', (meta) => {
    const app = meta['app'] as { use: (handler: typeof requestContextMiddleware) => void };
    app.use(requestContextMiddleware);
  });

  async function validate(collection: string, payload: Row, existingRows: Array<Row | null>, context: EventContext): Promise<Row> {
    if (!isValidatedCollection(collection)) return payload;
    let normalised = payload;
    for (const existing of existingRows) {
      const result = validateRecord(collection, payload, existing);
      if (result.issues.length > 0) {
        const language = await userLanguage(context.database, context.accountability);
        throw new ValidationFailedError({
          message: formatIssues(collection, result.issues, language),
          collection,
          issues: result.issues.map(({ field, code }) => ({ field, code })),
        });
      }
      normalised = result.payload;
    }
    return normalised;
  }

  /**
   * A user may only point at rows it can read: a provider cannot put a stay at another provider's location
   * or attach a task to a migrant of another municipality. Checked with the caller's own permissions.
   */
  async function checkReferences(collection: string, payload: Row, context: EventContext): Promise<void> {
    const accountability = context.accountability;
    if (!accountability || accountability.admin || !context.schema) return;
    const relations = context.schema.relations.filter((relation) => relation.collection === collection && relation.related_collection);
    for (const relation of relations) {
      const related = relation.related_collection!;
      if (related.startsWith('directus_')) continue;
      const primaryKey = context.schema.collections[related]?.primary ?? 'id';
      const raw = payload[relation.field];
      // a nested object names an existing row by its key (a new nested row is checked by its own create)
      const value = raw !== null && typeof raw === 'object' ? (raw as Row)[primaryKey] : raw;
      if (value === null || value === undefined || typeof value === 'object') continue;
      const visible = await new ItemsService(related, { schema: context.schema, accountability, knex: context.database }).readByQuery({
        filter: { [primaryKey]: { _eq: value } },
        fields: [primaryKey],
        limit: 1,
      });
      if (visible.length === 0) {
        const language = await userLanguage(context.database, accountability);
        throw new ReferenceForbiddenError({ message: referenceForbiddenMessage(collection, relation.field, language), collection, field: relation.field });
      }
    }
  }

  filter('items.create', async (payload, meta, context) => {
    const collection = String(meta['collection']);
    const valid = await validate(collection, payload as Row, [null], context);
    await checkReferences(collection, valid, context);
    return valid;
  });

  filter('items.update', async (payload, meta, context) => {
    const collection = String(meta['collection']);
    if (!isValidatedCollection(collection)) return payload;
    const row = payload as Row;
    const keys = (meta['keys'] as Array<string | number> | undefined) ?? [];
    // Read through Directus (not raw SQL): it returns dates as 'YYYY-MM-DD' on every vendor (SQLite keeps epoch ms).
    const schema = context.schema ?? (await getSchema());
    const existing = keys.length > 0
      ? await new ItemsService(collection, { schema, accountability: null, knex: context.database }).readByQuery({ filter: { id: { _in: keys } }, limit: -1 })
      : [];
    const valid = await validate(collection, row, existing.length > 0 ? existing : [null], context);
    await checkReferences(collection, valid, context);
    return valid;
  });

  async function refreshAfterStayChange(meta: Record<string, unknown>, context: EventContext): Promise<void> {
    const schema = context.schema ?? (await getSchema());
    const keys = [meta['key'], ...((meta['keys'] as unknown[] | undefined) ?? [])].filter((key) => key !== undefined);
    const payload = (meta['payload'] ?? {}) as Row;
    const migrantIds = new Set<string>();
    if (typeof payload['migrant'] === 'string') migrantIds.add(payload['migrant']);
    if (keys.length > 0) {
      const rows = (await context.database('stays').select('migrant').whereIn('id', keys as string[])) as Array<{ migrant: string }>;
      rows.forEach((row) => migrantIds.add(row.migrant));
    }
    await refreshCurrentLocations(context.database, schema, ItemsService, [...migrantIds]);
  }

  action('stays.items.create', (meta, context) => refreshAfterStayChange(meta, context));
  action('stays.items.update', (meta, context) => refreshAfterStayChange(meta, context));
  action('stays.items.delete', async (_meta, context) => {
    await refreshCurrentLocations(context.database, context.schema ?? (await getSchema()), ItemsService, 'all');
  });

  schedule('7 * * * *', async () => {
    const changed = await refreshCurrentLocations(database, await getSchema(), ItemsService, 'all');
    if (changed > 0) logger.info(`current locations refreshed for ${changed} migrants`);
  });

  filter('users.create', (payload) => {
    const user = payload as Row;
    const landing = typeof user['role'] === 'string' ? LANDING_PAGES[user['role']] : undefined;
    return landing && !user['last_page'] ? { ...user, last_page: landing } : user;
  });
});
