/**
 * /supervision:
 *   POST /supervision/warnings/run { today? }   administrators: evaluate the warnings now (the hourly job does the same)
 *   GET  /supervision/inspections/due           an inspector: its municipality's locations due for an inspection, with
 *                                               their checklist; for anyone else the route does not exist
 * One glue call through the one seam.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam } from '../../glue/http/seam';
import { parseKeyRing } from '../../domain/privacy';
import { runWarnings } from '../../glue/supervision/api';
import { inspectionPlan, seesInspectionPlan } from '../../glue/supervision/inspection-plan';

export default defineEndpoint({
  id: 'supervision',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const ring = parseKeyRing(process.env);
    const log = (line: string) => logger.warn(line);
    router.post(
      '/warnings/run',
      route((request, access) => runWarnings(access, request.body, process.env, ring, log), { caller: 'admin' }),
    );
    router.get(
      '/inspections/due',
      route((request, access) => inspectionPlan(access, request), { visibleTo: seesInspectionPlan }),
    );
  },
});
