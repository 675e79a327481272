/**
 * /intake: registration channels (issue 10). Door 1, a spreadsheet (the contract is domain/intake/contract.ts):
 *   POST /intake/imports                    multipart: file, mode, dry_run, mapping, provider → the import
 *   GET  /intake/imports/:id                the kept report
 *   POST /intake/imports/:id/commit         commits a dry run, all valid rows or none ({ confirm_departures } too)
 *   GET  /intake/imports/:id/refused.xlsx   the refused rows with a reason column
 *   GET  /intake/columns                    the fields a column can be mapped to
 * Door 2, a provider's own system: PUT /intake/residents (full list), POST /intake/residents (changes), JSON rows,
 * Idempotency-Key; GET /intake/openapi.json describes it all (OpenAPI 3.1). Its credentials, managed by the
 * provider's administrator (glue/intake/credentials.ts):
 *   GET  /intake/credentials, POST /intake/credentials, POST /intake/credentials/:id/rotate, .../:id/revoke
 * Each route is one glue call through the one seam (glue/http/seam.ts): signed-in callers only.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { intakeFieldInfo } from '../../domain/intake';
import { intakeOpenApi } from '../../domain/intake/openapi';
import { parseKeyRing } from '../../domain/privacy';
import { httpSeam, Sent } from '../../glue/http/seam';
import { commitImport, createImport, readImport, refusedRows } from '../../glue/intake/imports';
import { createCredential, listCredentials, revokeCredential, rotateCredential } from '../../glue/intake/credentials';
import { receiveResidents } from '../../glue/intake/residents';

export default defineEndpoint({
  id: 'intake',
  handler: (router, { services, database, getSchema, logger }) => {
    const route = httpSeam({ services, database, getSchema, logger });
    const ring = parseKeyRing(process.env);

    router.get(
      '/columns',
      route(async () => intakeFieldInfo()),
    );
    router.get(
      '/openapi.json',
      route(async () => new Sent('application/json', JSON.stringify(intakeOpenApi(process.env['PUBLIC_URL'] ?? '/'))), {
        caller: 'anyone',
      }),
    );
    router.put(
      '/residents',
      route((request, access) => receiveResidents(access, ring, request, 'full_list'), { json: true }),
    );
    router.post(
      '/residents',
      route((request, access) => receiveResidents(access, ring, request, 'additions'), { json: true }),
    );
    router.get(
      '/credentials',
      route((request, access) => listCredentials(access, request)),
    );
    router.post(
      '/credentials',
      route((request, access) => createCredential(access, request), { json: true, status: 201 }),
    );
    router.post(
      '/credentials/:id/rotate',
      route((request, access) => rotateCredential(access, request)),
    );
    router.post(
      '/credentials/:id/revoke',
      route((request, access) => revokeCredential(access, request)),
    );
    router.post(
      '/imports',
      route((request, access) => createImport(access, ring, request)),
    );
    router.get(
      '/imports/:id',
      route((request, access) => readImport(access, request.params['id'] ?? '', request.accountability)),
    );
    router.post(
      '/imports/:id/commit',
      route((request, access) =>
        commitImport(access, ring, request.params['id'] ?? '', request.accountability, request.body),
      ),
    );
    router.get(
      '/imports/:id/refused.xlsx',
      route((request, access) => refusedRows(access, ring, request.params['id'] ?? '', request.accountability)),
    );
  },
});
