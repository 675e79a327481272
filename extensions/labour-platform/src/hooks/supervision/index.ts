/**
 * Supervision's hooks (issue 12): a person's status change of a warning is checked against the warning's life
 * (after Directus's own access check) and stamped with who and when after the commit; once an hour the warnings are
 * evaluated (glue/supervision/evaluate.ts: open, notify once, resolve itself). Inspections (glue/supervision/findings.ts):
 * a new inspection's checklist is complete and its remedy deadline set; a finding met closes the earlier open findings
 * of its item at the location (in the write's transaction); a provider's answer is checked and stamped.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability } from '@directus/types';
import { todayInNetherlands } from '../../domain/dates';
import { parseKeyRing } from '../../domain/privacy';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { itemsServiceFrom, type Row } from '../../glue/items';
import { evaluateWarnings } from '../../glue/supervision/evaluate';
import { checkStatusChange, stampStatusChange } from '../../glue/supervision/status';
import { checkAnswer, prepareInspection, recordFinding, stampAnswer } from '../../glue/supervision/findings';
import type { WriteContext } from '../../glue/records/write-checks';
import { scheduledJob } from '../../glue/scheduled-job';

export default defineHook(({ filter: register, action, schedule }, { database, getSchema, logger, services }) => {
  // every filter goes through accessFirst: Directus's access check first, then the hook reads the rows
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  const ItemsService = itemsServiceFrom(services);
  const ring = parseKeyRing(process.env);

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

  const writeContext = async (context: {
    database: WriteContext['database'];
    schema: WriteContext['schema'] | null;
    accountability: Accountability | null;
  }): Promise<WriteContext> => ({
    database: context.database,
    schema: context.schema ?? (await getSchema()),
    accountability: context.accountability,
  });

  filter('inspections.items.create', async (payload, _meta, context) =>
    prepareInspection(payload as Row, await writeContext(context)),
  );

  filter('inspection_findings.items.create', async (payload, _meta, context) => {
    const write = await writeContext(context);
    return recordFinding(payload as Row, write, { knex: context.database, schema: write.schema, ItemsService });
  });

  filter('inspection_findings.items.update', async (payload, meta, context) =>
    checkAnswer(
      (meta['keys'] as Array<string | number> | undefined) ?? [],
      payload as Row,
      await writeContext(context),
    ),
  );

  action('inspection_findings.items.update', async (meta, context) => {
    const payload = (meta['payload'] ?? {}) as Row;
    if (!('answer' in payload)) return;
    await stampAnswer(
      { knex: database, schema: await getSchema(), ItemsService },
      (meta['keys'] as Array<string | number> | undefined) ?? [],
      (context as { accountability?: Accountability | null }).accountability ?? null,
    );
  });

  schedule(
    '23 * * * *',
    scheduledJob(logger, 'warnings', async () => {
      const result = await evaluateWarnings(
        { knex: database, schema: await getSchema(), ItemsService },
        todayInNetherlands(),
        new Date(),
        { env: process.env, ring, log: (line) => logger.warn(line) },
      );
      if (result.opened + result.resolved > 0)
        logger.info(`Supervision: ${result.opened} warning(s) opened, ${result.resolved} resolved`);
    }),
  );
});
