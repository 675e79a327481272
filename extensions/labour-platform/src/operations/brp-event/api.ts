/**
 * Flow operation "BRP status event": sends an event to a migrant's BRP status machine from a flow, through the
 * same checks and transaction as POST /brp/migrants/:id/events. Runs with the flow's accountability (the user
 * who triggered it); a flow without one (a schedule) acts as the system.
 */
import { defineOperationApi } from '@directus/extensions-sdk';
import { applyEvent } from '../../glue/brp/events';
import { refusalError, Refused } from '../../glue/http/seam';
import { itemsServiceFrom } from '../../glue/items';
import { userLanguage } from '../../glue/language';

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
      return await applyEvent(
        access,
        String(options.migrant),
        { type: options.event, outcome: options.outcome, reason: options.reason },
        accountability ?? null,
      );
    } catch (error) {
      if (error instanceof Refused) throw refusalError(error.refusal, await userLanguage(database, accountability));
      throw error;
    }
  },
});
