/**
 * /intake/template.xlsx: the spreadsheet a provider fills in to import its migrants (Dutch or English headers by
 * the caller's language, an example row, drop-down lists of nationalities and the caller's own locations; a clerk
 * may name the provider with `?provider=<id>`). One glue call through the one seam: signed-in callers only.
 * (The other /intake routes, the import itself, are the intake endpoint's; Directus mounts both under /intake.)
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam } from '../../glue/http/seam';
import { templateDownload } from '../../glue/intake/template';

export default defineEndpoint({
  id: 'intake',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    router.get(
      '/template.xlsx',
      route((request, access, reply) => templateDownload(access, request, reply)),
    );
  },
});
