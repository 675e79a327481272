/**
 * The platform's records, their write rules and their upkeep: validation in the user's language, references limited
 * to the caller's own rows, fields that decide tenancy, the BRP status that only changes through events, the derived
 * current location of migrants, the task that belongs to each status, the scheduled task maintenance, role landing
 * pages, and the input guards in front of every request. Personal data (encryption on write, reveal on read, the query
 * guard) is the privacy hook's (../privacy), which runs after this one. Domain rules live in ../../domain.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { isValidatedCollection } from '../../domain/validation-rules';
import { isWellFormedKey } from '../../domain/validation-shape';
import type { ValidationIssue } from '../../domain/validation-issues';
import { refreshUrgency, runMaintenance } from '../../glue/brp/tasks';
import { syncStateTask, toDirectusError } from '../../glue/brp/workflow';
import { refreshCurrentLocations } from '../../glue/brp/current-location';
import { refreshOccupancy } from '../../glue/brp/occupancy';
import {
  checkReferences as checkReferencesOf,
  refuseIssues as refuseIssuesOf,
  validateWrite,
  type WriteContext,
} from '../../glue/records/write-checks';
import { withMigrantId } from '../../glue/privacy/personal-data';
import { eachSubject, enqueue, enqueueCreateEffects, handleOutbox, kickOutbox } from '../../glue/outbox';
import { itemsServiceFrom, type DataAccess, type Row } from '../../glue/items';
import { userLanguage } from '../../glue/language';
import { requestContextMiddleware } from '../../glue/request-context';
import { NAMED_SCOPES, translateStoredNames } from '../../glue/stored-names';
import { LANDING_PAGES } from '../../glue/roles';
import { accessFirst, directusValidateAccess, type RequestCheck } from '../../glue/access/access-first';
import { refusePlatformFields, withLocationMunicipality } from '../../glue/access/tenancy';
import { bodyGuard, graphqlInputErrors, queryDepthGuard } from '../../glue/http/input-guard';
import { searchTextBack } from '../../glue/privacy/middleware';
import { scheduledJob } from '../../glue/scheduled-job';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

/** Fields only the BRP workflow writes (POST /brp/migrants/:id/events). */
const WORKFLOW_FIELDS = ['brp_status', 'status_version', 'brp_machine_version'];

export default defineHook(({ filter: register, action, init, schedule }, { services, getSchema, database, logger }) => {
  // Every items filter goes through accessFirst: a write's handler runs only after Directus's own access check.
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  const ItemsService = itemsServiceFrom(services);
  const access = async (knex: Knex, schema: SchemaOverview | null): Promise<DataAccess> => ({
    knex,
    schema: schema ?? (await getSchema()),
    ItemsService,
  });

  init('middlewares.before', (meta) => {
    const app = meta['app'] as { use: (handler: unknown) => void };
    // JSON nested too deep in a query parameter is refused before Directus parses it (and before the privacy hook's
    // guard in front of the request logger reads it)
    app.use(queryDepthGuard);
  });

  init('middlewares.after', (meta) => {
    const app = meta['app'] as { use: (handler: unknown) => void };
    // right after Directus's JSON parser: bodies nested too deep; GraphQL variables of the wrong type are a 400
    // the search text kept out of the request log comes back into the sanitised query
    app.use(searchTextBack);
    app.use(bodyGuard);
    app.use(graphqlInputErrors);
    // the request's language for every message after this (the privacy hook's query guard comes next)
    app.use(requestContextMiddleware);
  });

  // dashboard, panel, flow and operation names (stored as `$t:` keys) in the reader's language
  for (const scope of Object.keys(NAMED_SCOPES))
    filter(`${scope}.read`, (rows, _meta, context) =>
      translateStoredNames(context.database, context.accountability ?? null, scope, rows),
    );

  /** The write checks (../../glue/records/write-checks), with the event's context. */
  const writeContext = async (context: EventContext): Promise<WriteContext> => ({
    database: context.database,
    schema: context.schema ?? (await getSchema()),
    accountability: context.accountability,
  });
  const validate = async (collection: string, payload: Row, existingRows: Array<Row | null>, context: EventContext) =>
    validateWrite(collection, payload, existingRows, await writeContext(context));
  /**
   * A user may only point at rows it can read: a provider cannot put a stay at another provider's location
   * or attach a task to a migrant of another municipality. Checked with the caller's own permissions.
   */
  const checkReferences = async (collection: string, payload: Row, context: EventContext) =>
    checkReferencesOf(ItemsService, collection, [payload], await writeContext(context));
  const refuseIssues = async (collection: string, issues: ValidationIssue[], context: EventContext) =>
    refuseIssuesOf(collection, issues, await writeContext(context));

  /** The BRP status is the workflow's: a new migrant starts at `geen` (only an administrator may import another). */
  async function guardWorkflowFields(
    collection: string,
    payload: Row,
    context: EventContext,
    creating: boolean,
  ): Promise<void> {
    if (collection !== 'migrants') return;
    const touched = WORKFLOW_FIELDS.filter((field) => field in payload);
    if (touched.length === 0) return;
    const importing = creating && (!context.accountability || context.accountability.admin);
    const startsAtNone =
      creating && touched.every((field) => field === 'brp_status') && payload['brp_status'] === 'geen';
    if (importing || startsAtNone) return;
    throw toDirectusError({ code: 'status_via_events' }, await userLanguage(context.database, context.accountability));
  }

  // Checks on the request alone (no stored row): they may answer before the access check.
  const platformFields: RequestCheck = (payload, meta, context) =>
    refusePlatformFields(String(meta['collection']), payload, context.accountability);
  const workflowFields =
    (creating: boolean): RequestCheck =>
    (payload, meta, context) =>
      guardWorkflowFields(String(meta['collection']), payload as Row, context, creating);
  // Keys come from the request (a batch PATCH names them in the body): only well-formed ones reach a query,
  // Directus's own access check included.
  const wellFormedKeys: RequestCheck = async (_payload, meta, context) => {
    const collection = String(meta['collection']);
    const schema = context.schema ?? (await getSchema());
    const primary = schema.collections[collection]?.primary ?? 'id';
    const keyType = schema.collections[collection]?.fields[primary]?.type ?? 'uuid';
    const rawKeys = (meta['keys'] as unknown[] | undefined) ?? [];
    if (!rawKeys.every((key) => isWellFormedKey(keyType, key)))
      await refuseIssues(collection, [{ field: primary, code: 'invalid_reference' }], context);
  };

  filter(
    'items.create',
    async (payload, meta, context) => {
      const collection = String(meta['collection']);
      const valid = await validate(collection, payload as Row, [null], context);
      await checkReferences(collection, valid, context);
      const placed =
        collection === 'locations'
          ? await withLocationMunicipality(context.database, context.accountability, valid, null, () =>
              userLanguage(context.database, context.accountability),
            )
          : valid;
      // a new migrant's id now: the outbox entries name it, and the privacy hook binds its encrypted values to it
      const created = collection === 'migrants' ? withMigrantId(placed) : placed;
      // side effects after the commit (the migrant's first task, its consent invitation) go into the outbox, in this transaction
      await enqueueCreateEffects(context.database, collection, created);
      return created;
    },
    [workflowFields(true), platformFields],
  );

  filter(
    'items.update',
    async (payload, meta, context) => {
      const collection = String(meta['collection']);
      if (!isValidatedCollection(collection)) return validate(collection, payload as Row, [null], context);
      const row = payload as Row;
      const schema = context.schema ?? (await getSchema());
      // The keys were checked for form before the access check (wellFormedKeys). Only now, after that check, read
      // the rows as the system, through Directus (not raw SQL: it returns dates as 'YYYY-MM-DD' on every vendor;
      // SQLite keeps epoch ms).
      const keys = (meta['keys'] as Array<string | number> | undefined) ?? [];
      const existing =
        keys.length > 0
          ? await new ItemsService(collection, { schema, accountability: null, knex: context.database }).readByQuery({
              filter: { id: { _in: keys } },
              limit: -1,
            })
          : [];
      let valid = await validate(collection, row, existing.length > 0 ? existing : [null], context);
      await checkReferences(collection, valid, context);
      if (collection === 'locations')
        valid = await withLocationMunicipality(context.database, context.accountability, valid, existing, () =>
          userLanguage(context.database, context.accountability),
        );
      return valid;
    },
    [wellFormedKeys, workflowFields(false), platformFields],
  );

  // Deletes of rows that evidence or other rows still hang off: one filter, in the evidence hook (409 that says why).

  // Personal data (sealed on write, revealed on read, the query guard): the privacy hook (../privacy).

  /** After the current stay changes, the municipality's open task follows the migrant. */
  async function afterLocationChange(
    knex: Knex,
    schema: SchemaOverview | null,
    migrantIds: string[] | 'all',
  ): Promise<void> {
    const data = await access(knex, schema);
    const changed = await refreshCurrentLocations(data.knex, data.schema, ItemsService, migrantIds);
    // the beds follow the migrants (counts of every location: a moved migrant frees one and fills another)
    if (changed.length > 0 || migrantIds === 'all') await refreshOccupancy(data, 'all');
    for (const id of changed) await syncStateTask(data, id);
  }

  /**
   * Upkeep of derived fields after a write through Directus (the written keys) and once at start (all rows), outside
   * the request: a failure is logged and the hourly run repairs it.
   */
  function keepInStep(
    collection: string,
    work: (data: DataAccess, ids: string[] | 'all') => Promise<unknown>,
    warning: string,
  ): void {
    const run = (keys: unknown): void =>
      void access(database, null)
        .then((data) => work(data, keys === 'all' ? 'all' : (Array.isArray(keys) ? keys : []).map(String)))
        .catch(() => logger.warn(warning));
    action(`${collection}.items.create`, (meta) => run([meta['key']]));
    action(`${collection}.items.update`, (meta) => run(meta['keys']));
    action('server.start', () => run('all'));
  }
  // a location's capacity sets its free beds (a new location starts empty)
  keepInStep('locations', refreshOccupancy, 'Free beds could not be counted; they are counted again within the hour');
  // a task's urgency rank (the inbox's sort) follows its priority and due date
  keepInStep('tasks', refreshUrgency, 'Task urgency could not be ranked; it is ranked again within the hour');

  /**
   * A stay that changes moves its migrant's current location: an outbox entry per migrant, written with the write
   * (the create's transaction), worked off after the commit. The migrants of changed or deleted stays are read
   * only to name the entries; nothing is answered from them.
   */
  async function enqueueLocationRefresh(keys: unknown, payload: Row, context: EventContext): Promise<void> {
    const migrantIds = new Set<string>();
    if (typeof payload['migrant'] === 'string') migrantIds.add(payload['migrant']);
    const ids = (Array.isArray(keys) ? keys : []).filter((key): key is string => typeof key === 'string');
    if (ids.length > 0) {
      const rows = (await context.database('stays').select('migrant').whereIn('id', ids)) as Array<{
        migrant: string | null;
      }>;
      rows.forEach((row) => row.migrant && migrantIds.add(row.migrant));
    }
    await enqueue(
      context.database,
      [...migrantIds].map((subject) => ({ kind: 'current_location' as const, subject })),
    );
  }

  filter('stays.items.create', async (payload, _meta, context) => {
    await enqueueLocationRefresh([], payload as Row, context);
    return payload;
  });
  filter('stays.items.update', async (payload, meta, context) => {
    await enqueueLocationRefresh(meta['keys'], payload as Row, context);
    return payload;
  });
  filter('stays.items.delete', async (keys, _meta, context) => {
    await enqueueLocationRefresh(keys, {}, context);
    return keys;
  });

  // one refresh for all migrants whose stays changed (null: all migrants)
  handleOutbox('current_location', async (subjects) => {
    await afterLocationChange(
      database,
      null,
      subjects.includes(null) ? 'all' : subjects.filter((subject): subject is string => subject !== null),
    );
    return [];
  });
  handleOutbox(
    'state_task',
    eachSubject(async (subject) => {
      if (subject) await syncStateTask(await access(database, null), subject);
    }, 1),
  );
  for (const event of ['stays.items.create', 'stays.items.update', 'stays.items.delete', 'migrants.items.create'])
    action(event, () => void kickOutbox());

  // Hourly: stays that start or end today move migrants without any write; then overdue tasks and departures.
  schedule(
    '7 * * * *',
    scheduledJob(logger, 'brp-maintenance', async () => {
      await afterLocationChange(database, null, 'all');
      const report = await runMaintenance(await access(database, null));
      if (report.escalated + report.departureTasks > 0)
        logger.info(`BRP tasks: ${report.escalated} escalated, ${report.departureTasks} departure tasks opened`);
    }),
  );

  filter('users.create', (payload) => {
    const user = payload as Row;
    const landing = typeof user['role'] === 'string' ? LANDING_PAGES[user['role']] : undefined;
    return landing && !user['last_page'] ? { ...user, last_page: landing } : user;
  });
});
