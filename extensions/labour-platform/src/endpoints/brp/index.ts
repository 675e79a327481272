/**
 * /brp: the BRP workflow over HTTP.
 *   POST /brp/migrants/:id/events          { type, outcome?, reason?, expected_version?, appointment? }
 *   GET  /brp/migrants/:id/next-steps      what the caller may do next (the buttons)
 *   GET  /brp/migrants/:id/lookup          the BRP's answer for the assess task (Haal Centraal BRP Personen)
 *   POST /brp/appointments/schedule        { migrants: [...], desk, starts_at, slot_minutes?, group_reference? }
 *   POST /brp/tasks/:id/claim | /unclaim
 *   POST /brp/maintenance                  (administrators) escalations and departure tasks now
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import { claimTask, runMaintenance, unclaimTask } from '../../glue/brp/tasks';
import { applyEventInTransaction, nextSteps, toDirectusError, WorkflowRefused, type EventRequest } from '../../glue/brp/workflow';
import { WorkflowForbiddenError, WorkflowInputError } from '../../glue/errors';
import { groupScheduleMessage, parseGroupSchedule } from '../../domain/brp/group-schedule';
import type { BrpEvent, BrpFacts, MachineStatus } from '../../domain/brp/machine';
import { lookupMigrantInBrp } from '../../glue/brp/lookup';
import { inspectAppliedEvent } from '../../glue/brp/machine-inspector';
import { itemsServiceFrom, systemItems, type DataAccess } from '../../glue/items';
import { userLanguage } from '../../glue/language';

interface BrpRequest {
  params: Record<string, string>;
  body: unknown;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
}
interface BrpResponse {
  json(body: unknown): void;
  status(code: number): BrpResponse;
}
type Next = (error?: unknown) => void;

export default defineEndpoint({
  id: 'brp',
  handler: (router, { services, database, getSchema, env, logger }) => {
    const ItemsService = itemsServiceFrom(services);

    /** Runs a handler; a refusal becomes a Directus error in the caller's language. */
    const route = (work: (request: BrpRequest, access: DataAccess) => Promise<unknown>, status = 200) =>
      (request: BrpRequest, response: BrpResponse, next: Next) => {
        void (async () => {
          try {
            const accountability = request.accountability ?? null;
            if (!accountability?.user && !accountability?.admin) {
              throw new WorkflowRefused({ code: 'not_your_step', event: 'ASSESS' });
            }
            const access: DataAccess = { knex: database, schema: request.schema ?? (await getSchema()), ItemsService };
            response.status(status).json({ data: await work(request, access) });
          } catch (error) {
            if (error instanceof WorkflowRefused) next(toDirectusError(error.refusal, await userLanguage(database, request.accountability)));
            else next(error);
          }
        })();
      };

    const log = (line: string) => logger.info(line);
    const inspect = (from: MachineStatus, event: BrpEvent, facts: BrpFacts) => void inspectAppliedEvent(env, log, from, event, facts);

    router.post('/migrants/:id/events', route((request, access) =>
      database.transaction((trx) => applyEventInTransaction({ ...access, knex: trx }, request.params['id']!, (request.body ?? {}) as EventRequest, request.accountability ?? null, new Date(), inspect)),
    ));

    router.get('/migrants/:id/lookup', route((request, access) =>
      lookupMigrantInBrp(access, request.params['id']!, request.accountability ?? null, env, log),
    ));

    router.get('/migrants/:id/next-steps', route((request, access) => nextSteps(access, request.params['id']!, request.accountability ?? null)));

    router.post('/appointments/schedule', route(async (request, access) => {
      const parsed = parseGroupSchedule(request.body);
      if (!parsed.ok) {
        throw new WorkflowInputError({ message: groupScheduleMessage(parsed.problem, await userLanguage(database, request.accountability)), reason: 'invalid_input' });
      }
      const { migrants, desk, startsAt: start, slotMinutes: minutes, groupReference, reason } = parsed.value;
      const providers = await systemItems(access, 'migrants').readByQuery({ filter: { id: { _in: migrants } }, fields: ['provider'], limit: -1 });
      if (new Set(providers.map((row) => row['provider'])).size > 1) throw new WorkflowRefused({ code: 'mixed_providers' });
      // One group, one transaction: every migrant gets a slot, or none does.
      return database.transaction(async (trx) => {
        const results = [];
        for (const [index, migrant] of migrants.entries()) {
          const startsAt = new Date(start.getTime() + index * minutes * 60_000);
          results.push(await applyEventInTransaction({ ...access, knex: trx }, migrant, {
            type: 'SCHEDULE',
            reason,
            appointment: { desk, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + minutes * 60_000).toISOString(), group_reference: groupReference },
          }, request.accountability ?? null, new Date(), inspect));
        }
        return results;
      });
    }));

    router.post('/tasks/:id/claim', route(async (request, access) => {
      await claimTask(access, request.params['id']!, request.accountability ?? null);
      return { task: request.params['id'], claimed: true };
    }));
    router.post('/tasks/:id/unclaim', route(async (request, access) => {
      await unclaimTask(access, request.params['id']!, request.accountability ?? null);
      return { task: request.params['id'], claimed: false };
    }));

    router.post('/maintenance', route(async (request, access) => {
      if (!request.accountability?.admin) throw new WorkflowForbiddenError({ message: 'Administrators only.', reason: 'admin_only' });
      return runMaintenance(access);
    }));
  },
});
