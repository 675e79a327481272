/**
 * /supervision:
 *   POST /supervision/warnings/run { today? }   administrators: evaluate the warnings now (the hourly job does the same)
 * One glue call through the one seam.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam } from '../../glue/http/seam';
import { runWarnings } from '../../glue/supervision/api';

export default defineEndpoint({
  id: 'supervision',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    router.post(
      '/warnings/run',
      route((request, access) => runWarnings(access, request.body, process.env), { caller: 'admin' }),
    );
  },
});
