/**
 * /intake: registration channels (issue 10). Door 1, a spreadsheet (the contract is domain/intake/contract.ts):
 *   POST /intake/imports                    multipart: file, mode, dry_run, mapping, provider → the import
 *   GET  /intake/imports/:id                the kept report
 *   POST /intake/imports/:id/commit         commits a dry run, all valid rows or none
 *   GET  /intake/imports/:id/refused.xlsx   the refused rows with a reason column
 *   GET  /intake/columns                    the fields a column can be mapped to
 * Each route is one glue call through the one seam (glue/http/seam.ts): signed-in callers only.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { intakeFieldInfo } from '../../domain/intake';
import { parseKeyRing } from '../../domain/privacy';
import { httpSeam } from '../../glue/http/seam';
import { commitImport, createImport, readImport, refusedRows } from '../../glue/intake/imports';

export default defineEndpoint({
  id: 'intake',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const ring = parseKeyRing(process.env);

    router.get('/columns', route(async () => intakeFieldInfo()));
    router.post('/imports', route((request, access) => createImport(access, ring, request)));
    router.get('/imports/:id', route((request, access) => readImport(access, request.params['id'] ?? '', request.accountability)));
    router.post('/imports/:id/commit', route((request, access) => commitImport(access, ring, request.params['id'] ?? '', request.accountability)));
    router.get('/imports/:id/refused.xlsx', route((request, access) => refusedRows(access, ring, request.params['id'] ?? '', request.accountability)));
  },
});
