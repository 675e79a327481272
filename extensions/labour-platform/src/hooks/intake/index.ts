/**
 * The intake's hooks (issue 10): a provider system's API credential signs in through Directus's `authenticate`
 * filter (only on the routes a credential may use; glue/intake/credentials.ts), and uncommitted dry runs expire on
 * the hourly schedule (glue/intake/expiry.ts).
 */
import { defineHook } from '@directus/extensions-sdk';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import type { Accountability } from '@directus/types';
import { credentialAccountability } from '../../glue/intake/credentials';
import { dryRunHours, expireDryRuns } from '../../glue/intake/expiry';
import { scheduledJob } from '../../glue/scheduled-job';

interface AuthenticateMeta {
  req?: { method?: string; path?: string; token?: string | null };
}

export default defineHook(({ filter: register, schedule }, { database, getSchema, logger }) => {
  // every filter goes through accessFirst (an items write would get Directus's access check first; this one is not)
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  filter('authenticate', (accountability, meta) => {
    const request = (meta as AuthenticateMeta).req;
    return credentialAccountability(database, {
      method: request?.method,
      path: request?.path,
      token: request?.token ?? null,
      accountability: accountability as Accountability,
    });
  });

  schedule(
    '37 * * * *',
    scheduledJob(logger, 'dry-run-expiry', async () => {
      const removed = await expireDryRuns(database, dryRunHours(process.env));
      if (removed > 0) logger.info(`Intake: ${removed} uncommitted dry run(s) expired`);
    }),
  );
});
