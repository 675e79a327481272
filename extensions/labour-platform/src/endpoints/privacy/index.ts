/**
 * /privacy: what a user may do with encrypted personal data without ever putting it in a URL.
 *   POST /privacy/migrants/search             { bsn }      the caller's own migrants with this BSN (blind index)
 *   POST /privacy/duplicates                  { bsn }      the warning before saving: the caller's own migrants with this
 *                                                          BSN, by case number; nothing about anyone else's
 *   POST /privacy/migrants/:id/break-glass    { reason }   administrators: the plain data, logged with the reason
 *   GET  /privacy/migrants/:id/export?format=json|html&language=xx   the person's access export (GDPR art. 15, 20):
 *                                                          its municipality administrator and its own provider;
 *                                                          anyone else 404; logged as a reveal
 * Each route is one glue call through the one seam (glue/http/seam.ts): signed-in callers only.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { parseKeyRing } from '../../domain/privacy';
import { httpSeam } from '../../glue/http/seam';
import { exportHeaders, migrantExport } from '../../glue/privacy/access-export';
import { breakGlass, bsnDuplicates, searchByBsn } from '../../glue/privacy/bsn-lookups';

export default defineEndpoint({
  id: 'privacy',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const ring = parseKeyRing(process.env);

    router.post('/migrants/search', route((request, access) => searchByBsn(access, ring, request.body, request.accountability ?? null)));
    router.post('/duplicates', route((request, access) => bsnDuplicates(access, ring, request.body, request.accountability ?? null)));
    router.post('/migrants/:id/break-glass', route((request, access) => breakGlass(access, ring, request.params['id'] ?? '', request.body, request.accountability ?? null), { caller: 'admin' }));
    router.get('/migrants/:id/export', route((request, access) => migrantExport(access, ring, request.params['id'] ?? '', request.query ?? {}, request.accountability ?? null), { headers: exportHeaders }));
  },
});
