/**
 * Evidence and the outbox: evidence collections are append-only for every caller (items.update / items.delete /
 * users.delete filters, before Directus's permission check and its administrator bypass); a row evidence hangs off
 * is not deleted (409); the outbox is nobody's to write through the API; and the outbox worker runs at start-up,
 * every minute, and whenever a hook kicks it after a commit. Glue in ../../glue/evidence and ../../glue/outbox.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { outboxLeaseMs } from '../../domain/outbox';
import { guardDelete, guardEvidenceWrite } from '../../glue/evidence/guard';
import { kickOutbox, startOutbox } from '../../glue/outbox';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

export default defineHook(({ filter, action, schedule }, { database, getSchema, logger }) => {
  const context = async (event: EventContext) => ({ database: event.database, schema: event.schema ?? (await getSchema()), accountability: event.accountability });
  const keysOf = (value: unknown): Array<string | number> => (Array.isArray(value) ? (value as Array<string | number>) : []);

  filter('items.create', async (payload, meta, event: EventContext) => {
    await guardEvidenceWrite(String(meta['collection']), 'create', await context(event));
    return payload;
  });

  filter('items.update', async (payload, meta, event: EventContext) => {
    await guardEvidenceWrite(String(meta['collection']), 'update', await context(event));
    return payload;
  });

  filter('items.delete', async (keys, meta, event: EventContext) => {
    await guardDelete(String(meta['collection']), keysOf(keys), await context(event));
    return keys;
  });

  filter('users.delete', async (keys, _meta, event: EventContext) => {
    await guardDelete('directus_users', keysOf(keys), await context(event));
    return keys;
  });

  startOutbox(database, { leaseMs: outboxLeaseMs(process.env['OUTBOX_LEASE_SECONDS']), log: (message) => logger.error(message) });
  action('server.start', () => void kickOutbox());
  schedule('* * * * *', () => kickOutbox());
});
