/**
 * /privacy: what a user may do with encrypted personal data without ever putting it in a URL.
 *   POST /privacy/migrants/search             { bsn }      the caller's own migrants with this BSN (blind index)
 *   POST /privacy/duplicates                  { bsn }      the warning before saving: the caller's own migrants with this
 *                                                          BSN, by case number; nothing about anyone else's
 *   POST /privacy/migrants/:id/break-glass    { reason }   administrators: the plain data, logged with the reason
 *   GET  /privacy/migrants/:id/export?format=json|html&language=xx   the person's access export (GDPR art. 15, 20):
 *                                                          its municipality administrator and its own provider;
 *                                                          anyone else 404; logged as a reveal
 *   POST /privacy/retention/run               { dry_run }  administrators: erase expired personal data (or list it)
 *   POST /privacy/requests/find               { query }    the municipality administrator: the person of an access or
 *                                                          erasure request, by exact case number or BSN (no personal data)
 *   POST /privacy/migrants/:id/erase          { reason }   administrators, the municipality administrator: erasure on
 *                                                          request, before the date, through the same path
 *   GET  /privacy/retention/reports/:batch[/csv]           the destruction report of a batch, for its municipality
 *   POST   /privacy/migrants/:id/documents                  multipart: file, type, expiry_date; the migrant's provider
 *   GET    /privacy/migrants/:id/documents                  the documents' metadata and the completeness per BRP step
 *   GET    /privacy/migrants/:id/documents/:document        the file, decrypted, when the reveal rule allows; logged
 *   DELETE /privacy/migrants/:id/documents/:document        the migrant's provider (glue/documents/documents.ts)
 * Each route is one glue call through the one seam (glue/http/seam.ts): signed-in callers only.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { parseKeyRing } from '../../domain/privacy';
import { header, httpSeam } from '../../glue/http/seam';
import { deleteDocument, downloadDocument, listDocuments, uploadDocument } from '../../glue/documents/documents';
import { exportHeaders, migrantExport } from '../../glue/privacy/access-export';
import { breakGlass, bsnDuplicates, searchByBsn } from '../../glue/privacy/bsn-lookups';
import {
  destructionReport,
  eraseOnRequest,
  findForRequest,
  retentionSettings,
  runFromRequest,
} from '../../glue/retention/api';

export default defineEndpoint({
  id: 'privacy',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const ring = parseKeyRing(process.env);

    router.post(
      '/migrants/search',
      route((request, access) => searchByBsn(access, ring, request.body, request.accountability ?? null)),
    );
    router.post(
      '/duplicates',
      route((request, access) => bsnDuplicates(access, ring, request.body, request.accountability ?? null)),
    );
    // a movable clock only on a test instance (scripts/lib/ephemeral-platform.ts sets it), never in production; migrants
    // per transaction from RETENTION_CHUNK_SIZE
    const retention = retentionSettings(process.env, (message) => logger.warn(message));
    router.post(
      '/retention/run',
      route((request, access) => runFromRequest(access, request.body, request.accountability ?? null, retention), {
        caller: 'admin',
      }),
    );
    router.post(
      '/requests/find',
      route((request, access) => findForRequest(access, ring, request.body, request.accountability ?? null)),
    );
    router.post(
      '/migrants/:id/erase',
      route((request, access) =>
        eraseOnRequest(access, request.params['id'] ?? '', request.body, request.accountability ?? null, retention),
      ),
    );
    router.get(
      '/retention/reports/:batch',
      route((request, access) =>
        destructionReport(
          access,
          request.params['batch'] ?? '',
          'html',
          request.accountability ?? null,
          header(request, 'accept-language') ?? null,
        ),
      ),
    );
    router.get(
      '/retention/reports/:batch/:format',
      route((request, access) =>
        destructionReport(
          access,
          request.params['batch'] ?? '',
          request.params['format'] ?? '',
          request.accountability ?? null,
          header(request, 'accept-language') ?? null,
        ),
      ),
    );
    router.post(
      '/migrants/:id/break-glass',
      route(
        (request, access) =>
          breakGlass(access, ring, request.params['id'] ?? '', request.body, request.accountability ?? null),
        { caller: 'admin' },
      ),
    );
    router.get(
      '/migrants/:id/export',
      route(
        (request, access) =>
          migrantExport(access, ring, request.params['id'] ?? '', request.query ?? {}, request.accountability ?? null),
        { headers: exportHeaders },
      ),
    );
    router.post(
      '/migrants/:id/documents',
      route((request, access) => uploadDocument(access, ring, request.params['id'] ?? '', request), { status: 201 }),
    );
    router.get(
      '/migrants/:id/documents',
      route((request, access) => listDocuments(access, ring, request.params['id'] ?? '', request)),
    );
    router.get(
      '/migrants/:id/documents/:document',
      route((request, access, reply) =>
        downloadDocument(access, ring, request.params['id'] ?? '', request.params['document'] ?? '', request, reply),
      ),
    );
    router.delete(
      '/migrants/:id/documents/:document',
      route((request, access) =>
        deleteDocument(access, request.params['id'] ?? '', request.params['document'] ?? '', request),
      ),
    );
  },
});
