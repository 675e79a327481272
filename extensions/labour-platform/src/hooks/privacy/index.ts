/**
 * Personal data: a migrant's personal fields are encrypted before Directus writes them, decrypted on the way out only
 * where the reveal rule allows it (every reveal logged), and every query that would filter, sort, group or search on
 * them is refused, from every entry point. Glue in ../../glue/privacy; the rules and the cryptography in
 * ../../domain/privacy.
 *
 * Runs after the records hook (the bundle lists it next): its middlewares come after the input guards and the request
 * context, and its seal runs on `migrants.items.*`, which Directus emits after every `items.*` filter has validated
 * and normalised the payload.
 */
import { defineHook } from '@directus/extensions-sdk';
import { parseKeyRing } from '../../domain/privacy';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { guardQuery, refuseSealedColumns, revealOnRead, sealOnCreate, sealOnUpdate } from '../../glue/privacy/events';
import { itemsServiceFrom } from '../../glue/items';
import { personalQueryGuard } from '../../glue/privacy/middleware';
import { rawQueryGuard } from '../../glue/privacy/query-guard';
import { backfillSearchFields, searchMiddleware } from '../../glue/privacy/search';
import { useSqliteJournal } from '../../glue/db-journal';
import { backfillReadBundles } from '../../glue/privacy/personal-data';
import { sealLegacyExpiryDates } from '../../glue/documents/documents';
import {
  providerBsnIndexKeeper,
  translateProviderBsnViolation,
  type ResponseError,
} from '../../glue/privacy/bsn-unique';
import { moveLegacyDataKeys } from '../../glue/privacy/data-keys';
import { graphqlErrorTranslation } from '../../glue/http/graphql-errors';
import { ensureErasureIndexes } from '../../glue/retention/indexes';
import { scheduledJob } from '../../glue/scheduled-job';

type App = { use: (handler: unknown) => void };

export default defineHook(({ filter: register, init, action, schedule }, { services, getSchema, database, logger }) => {
  // Every items filter goes through accessFirst: a write's handler runs only after Directus's own access check.
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  // Refuses to start without a valid key ring (the message says what to set); never logs key material.
  const ring = parseKeyRing(process.env);
  const ItemsService = itemsServiceFrom(services);
  // every read of personal data commits its reveal log first: on SQLite, in WAL mode (../../glue/db-journal.ts)
  void useSqliteJournal(database, process.env['SQLITE_JOURNAL_MODE']).catch(() =>
    logger.warn('SQLite: the write-ahead log could not be switched on'),
  );

  // before Directus's request logger: a URL that filters on personal data is refused without being logged
  init('middlewares.before', (meta) => (meta['app'] as App).use(personalQueryGuard(getSchema, database)));
  // after authentication: the raw URL query and body `query` meet the same guard as the `*.query` filter below
  // then a list of migrants with a search gets the platform's filter, so the list and its count agree
  init('middlewares.after', (meta) => {
    (meta['app'] as App).use(rawQueryGuard(database, getSchema));
    (meta['app'] as App).use(searchMiddleware(ring, database, ItemsService, getSchema));
    // GraphQL answers its errors without the `request.error` filter below: the same translation for its answers
    (meta['app'] as App).use(
      graphqlErrorTranslation((errors, accountability) =>
        translateProviderBsnViolation(errors, database, accountability),
      ),
    );
  });

  filter('migrants.items.create', sealOnCreate(ring, getSchema), [refuseSealedColumns]);
  filter('migrants.items.update', sealOnUpdate(ring), [refuseSealedColumns]);
  filter('items.read', revealOnRead(ring));
  filter('*.query', guardQuery(ring, getSchema, ItemsService));

  // Case numbers and name indexes for rows that have none (rows from before these columns, or a start before the
  // schema was applied): at start and every few minutes; a no-op query when there are none. A fixed message: a
  // database error could quote a row.
  const backfill = () =>
    backfillSearchFields(ring, database)
      .then((count) => {
        if (count > 0) logger.info(`Search: case numbers and name indexes given to ${count} migrants`);
      })
      .catch(() => logger.warn('Search backfill failed; it is tried again in five minutes'))
      .then(() => backfillReadBundles(ring, database))
      .then((count) => {
        if (count > 0) logger.info(`Privacy: read bundles given to ${count} migrants`);
      })
      .catch(() => logger.warn('Read bundle backfill failed; it is tried again in five minutes'))
      .then(() => sealLegacyExpiryDates(ring, database))
      .then((count) => {
        if (count > 0) logger.info(`Privacy: ${count} document expiry date(s) sealed`);
      })
      .catch(() => logger.warn('Sealing document expiry dates failed; it is tried again in five minutes'));
  action('server.start', () => void backfill());
  // wrapped data keys of migrants from before the key vault move into it (idempotent; a no-op query when none)
  action(
    'server.start',
    () =>
      void moveLegacyDataKeys(database)
        .then((count) => {
          if (count > 0) logger.info(`Key vault: ${count} data keys moved out of the migrant rows`);
        })
        .catch(() => logger.warn('Key vault: moving data keys failed; it is tried again at the next start')),
  );
  schedule('*/5 * * * *', scheduledJob(logger, 'search-backfill', backfill));
  // erasure finds Directus's copies about a person (revisions, comments, notifications) by index, not by reading them all
  action(
    'server.start',
    () =>
      void ensureErasureIndexes(database).catch(() =>
        logger.warn('Erasure indexes on Directus revisions, comments and notifications could not be built'),
      ),
  );

  // One BSN per provider, held by a unique index the platform builds: at start, once the schema is applied (a first
  // start has no migrants table yet), and every few minutes (after an administrator merged duplicates that stopped it)
  const keepBsnIndex = providerBsnIndexKeeper(database, logger);
  action('server.start', () => void keepBsnIndex());
  action('fields.create', () => void keepBsnIndex());
  action('collections.create', () => void keepBsnIndex());
  schedule('*/5 * * * *', scheduledJob(logger, 'bsn-index', keepBsnIndex));
  // its violation (two PATCHes at once on PostgreSQL) reaches the caller as the refusal at the BSN field (GraphQL's
  // callers through the middleware above)
  filter('request.error', (errors, _meta, context) =>
    translateProviderBsnViolation(errors as ResponseError[], database, context.accountability ?? null),
  );
});
