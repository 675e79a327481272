/**
 * Flow operation "BRP status event": sends an event to a migrant's BRP status machine from a flow, through the
 * same checks and transaction as POST /brp/migrants/:id/events. Runs with the flow's accountability (the user
 * who triggered it); a flow without one (a schedule) acts as the system.
 */
import { defineOperationApi } from '@directus/extensions-sdk';
import { applyEventInTransaction, toDirectusError, WorkflowRefused } from '../../glue/brp/workflow';
import { itemsServiceFrom } from '../../glue/items';

interface Options {
  migrant: string;
  event: string;
  outcome?: string;
  reason?: string;
}

export default defineOperationApi<Options>({
  id: 'brp-event',
  handler: async (options, { services, database, getSchema, accountability }) => {
    const access = { knex: database, schema: await getSchema(), ItemsService: itemsServiceFrom(services) };
    try {
      return await database.transaction((trx) =>
        applyEventInTransaction({ ...access, knex: trx }, String(options.migrant), { type: options.event, outcome: options.outcome, reason: options.reason }, accountability ?? null),
      );
    } catch (error) {
      if (error instanceof WorkflowRefused) throw toDirectusError(error.refusal, 'en');
      throw error;
    }
  },
});
