/**
 * /supervision:
 *   POST /supervision/warnings/run { today? }   administrators: evaluate the warnings now (the hourly job does the same)
 *   GET  /supervision/inspections/due           an inspector: its municipality's locations due for an inspection, with
 *                                               their checklist; for anyone else the route does not exist
 *   POST /supervision/findings/:id/photos        multipart `file`: an inspector adds a photo to an open finding
 *   GET  /supervision/findings/:id/photos        the photos' metadata, for whoever reads the finding (else 404)
 *   GET  /supervision/findings/:id/photos/:photo the image, for whoever reads the finding (else 404)
 * One glue call through the one seam.
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { httpSeam } from '../../glue/http/seam';
import { parseKeyRing } from '../../domain/privacy';
import { runWarnings } from '../../glue/supervision/api';
import { inspectionPlan, seesInspectionPlan } from '../../glue/supervision/inspection-plan';
import { listPhotos, photoOf, uploadPhoto } from '../../glue/supervision/photos';

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
    router.post(
      '/findings/:id/photos',
      route((request, access) => uploadPhoto(access, request.params['id'] ?? '', request), { status: 201 }),
    );
    router.get(
      '/findings/:id/photos',
      route((request, access) => listPhotos(access, request.params['id'] ?? '', request)),
    );
    router.get(
      '/findings/:id/photos/:photo',
      route((request, access) => photoOf(access, request.params['id'] ?? '', request.params['photo'] ?? '', request)),
    );
  },
});
