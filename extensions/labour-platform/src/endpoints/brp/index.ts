/**
 * /brp: the BRP workflow over HTTP.
 *   POST /brp/migrants/:id/events          { type, outcome?, reason?, expected_version?, appointment? }
 *   GET  /brp/migrants/:id/next-steps      what the caller may do next (the buttons)
 *   GET  /brp/migrants/:id/lookup          the BRP's answer for the assess task (Haal Centraal BRP Personen)
 *   POST /brp/appointments/schedule        { migrants: [...], desk, starts_at, slot_minutes?, group_reference? }
 *   POST /brp/tasks/:id/claim | /unclaim
 *   POST /brp/maintenance                  (administrators) escalations and departure tasks now
 * Each route is one glue call through the one seam (glue/http/seam.ts): signed-in callers only.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { BrpEvent, BrpFacts, MachineStatus } from '../../domain/brp/machine';
import { applyEvent, claim, scheduleGroup, unclaim } from '../../glue/brp/events';
import { lookupMigrantInBrp } from '../../glue/brp/lookup';
import { inspectAppliedEvent } from '../../glue/brp/machine-inspector';
import { runMaintenance } from '../../glue/brp/tasks';
import { nextSteps } from '../../glue/brp/workflow';
import { httpSeam } from '../../glue/http/seam';
import { parseKeyRing } from '../../domain/privacy';

export default defineEndpoint({
  id: 'brp',
  handler: (router, { services, database, getSchema, env, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const log = (line: string) => logger.info(line);
    const inspect = (from: MachineStatus, event: BrpEvent, facts: BrpFacts) =>
      void inspectAppliedEvent(env, log, from, event, facts);
    const id = (request: { params: Record<string, string> }) => request.params['id'] ?? '';
    // the lookup leaves supervision a keyed hash of the BRP's address (glue/supervision/brp-address.ts)
    const ring = parseKeyRing(process.env);

    router.post(
      '/migrants/:id/events',
      route((request, access) =>
        applyEvent(access, id(request), request.body, request.accountability ?? null, inspect),
      ),
    );
    router.get(
      '/migrants/:id/lookup',
      route((request, access) =>
        lookupMigrantInBrp(access, id(request), request.accountability ?? null, env, log, ring),
      ),
    );
    router.get(
      '/migrants/:id/next-steps',
      route((request, access) => nextSteps(access, id(request), request.accountability ?? null)),
    );
    router.post(
      '/appointments/schedule',
      route((request, access) => scheduleGroup(access, request.body, request.accountability ?? null, inspect)),
    );
    router.post(
      '/tasks/:id/claim',
      route((request, access) => claim(access, id(request), request.accountability ?? null)),
    );
    router.post(
      '/tasks/:id/unclaim',
      route((request, access) => unclaim(access, id(request), request.accountability ?? null)),
    );
    router.post(
      '/maintenance',
      route((_request, access) => runMaintenance(access), { caller: 'admin' }),
    );
  },
});
