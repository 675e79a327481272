/**
 * Evidence and the outbox: evidence collections are append-only for every caller (items.update / items.delete /
 * users.delete filters, before Directus's permission check and its administrator bypass); a row evidence hangs off
 * is not deleted (409), nor one that other rows still refer to (409, glue/integrity); the outbox is nobody's to write
 * through the API; and the outbox worker runs at start-up,
 * every minute, and whenever a hook kicks it after a commit. Glue in ../../glue/evidence and ../../glue/outbox.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { outboxLeaseMs } from '../../domain/outbox';
import { accessFirst, directusValidateAccess, type RequestCheck } from '../../glue/access/access-first';
import { guardDelete, guardEvidenceWrite } from '../../glue/evidence/guard';
import { refuseDeletingReferencedRows } from '../../glue/integrity/referenced-rows';
import { kickOutbox, startOutbox } from '../../glue/outbox';
import { scheduledJob } from '../../glue/scheduled-job';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

export default defineHook(({ filter: register, action, schedule }, { database, getSchema, logger }) => {
  // Every items filter goes through accessFirst. Refusing to change evidence looks at the request alone (the
  // collection), so it answers first, for everyone, administrators included; the 409 for a row that evidence hangs
  // off comes only after Directus's own access check.
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  const context = async (event: EventContext) => ({
    database: event.database,
    schema: event.schema ?? (await getSchema()),
    accountability: event.accountability,
  });
  const keysOf = (value: unknown): Array<string | number> =>
    Array.isArray(value) ? (value as Array<string | number>) : [];

  const appendOnly =
    (write: 'create' | 'update' | 'delete'): RequestCheck =>
    async (_payload, meta, event) =>
      guardEvidenceWrite(String(meta['collection']), write, await context(event as EventContext));
  filter('items.create', (payload) => payload, [appendOnly('create')]);
  filter('items.update', (payload) => payload, [appendOnly('update')]);
  // The one delete filter, after Directus's access check: a row that evidence hangs off (through any cascade) is a
  // 409 EVIDENCE_PRESENT; one that other rows still refer to is a 409 STILL_REFERENCED; both say why.
  filter(
    'items.delete',
    async (keys, meta, event: EventContext) => {
      const collection = String(meta['collection']);
      await guardDelete(collection, keysOf(keys), await context(event));
      await refuseDeletingReferencedRows(collection, keysOf(keys), event, getSchema);
      return keys;
    },
    [appendOnly('delete')],
  );

  // Not an items event, so the wrapper passes it through: the same access question is asked here, first.
  filter('users.delete', async (keys, _meta, event: EventContext) => {
    const checked = await context(event);
    if (event.accountability && !event.accountability.admin) {
      await (
        await directusValidateAccess()
      )(
        {
          accountability: event.accountability,
          action: 'delete',
          collection: 'directus_users',
          primaryKeys: keysOf(keys),
        },
        { knex: checked.database, schema: checked.schema },
      );
    }
    await guardDelete('directus_users', keysOf(keys), checked);
    return keys;
  });

  startOutbox(database, {
    leaseMs: outboxLeaseMs(process.env['OUTBOX_LEASE_SECONDS']),
    log: (message) => logger.error(message),
  });
  action('server.start', () => void kickOutbox());
  schedule(
    '* * * * *',
    scheduledJob(logger, 'outbox', () => kickOutbox()),
  );
});
