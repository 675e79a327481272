/**
 * Supervision's hooks (issue 12): a person's status change of a warning is checked against the warning's life
 * (after Directus's own access check) and stamped with who and when after the commit; once an hour the warnings are
 * evaluated (glue/supervision/evaluate.ts: open, notify once, resolve itself).
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability } from '@directus/types';
import { todayInNetherlands } from '../../domain/dates';
import { parseKeyRing } from '../../domain/privacy';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { itemsServiceFrom, type Row } from '../../glue/items';
import { evaluateWarnings } from '../../glue/supervision/evaluate';
import { checkStatusChange, stampStatusChange } from '../../glue/supervision/status';

export default defineHook(({ filter: register, action, schedule }, { database, getSchema, logger, services }) => {
  // every filter goes through accessFirst: Directus's access check first, then the hook reads the rows
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  const ItemsService = itemsServiceFrom(services);

  filter('warnings.items.update', async (payload, meta, context) =>
    checkStatusChange(
      context.database,
      context.schema ?? (await getSchema()),
      (meta['keys'] as Array<string | number> | undefined) ?? [],
      payload as Row,
      context.accountability,
    ),
  );

  action('warnings.items.update', async (meta, context) => {
    const payload = (meta['payload'] ?? {}) as Row;
    if (!('status' in payload)) return;
    await stampStatusChange(
      { knex: database, schema: await getSchema(), ItemsService },
      (meta['keys'] as Array<string | number> | undefined) ?? [],
      payload['status'],
      (context as { accountability?: Accountability | null }).accountability ?? null,
    );
  });

  const ring = parseKeyRing(process.env);
  schedule('23 * * * *', async () => {
    const result = await evaluateWarnings(
      { knex: database, schema: await getSchema(), ItemsService },
      todayInNetherlands(),
      new Date(),
      { env: process.env, ring, log: (line) => logger.warn(line) },
    );
    if (result.opened + result.resolved > 0)
      logger.info(`Supervision: ${result.opened} warning(s) opened, ${result.resolved} resolved`);
  });
});
