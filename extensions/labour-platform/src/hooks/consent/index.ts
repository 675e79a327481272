/**
 * Consent glue that reacts to data: a migrant registered with an e-mail address gets a consent request and an
 * invitation (handed to the mail Flow), a consent request created in the admin app gets its invitation too,
 * consent texts are published as whole versions (refused while a required language is missing; a published
 * text never changes, its SHA-256 is what the evidence names), and open requests past their date expire.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { expireInvitations, flowEmitter, type Emit } from '../../glue/consent/invitations';
import { inviteCreatedConsent, inviteRegisteredMigrant } from '../../glue/consent/invitations';
import {
  publishCommittedVersion,
  publishesText,
  rehashTexts,
  textCreated,
  textUpdated,
} from '../../glue/consent/texts';
import { eachSubject, handleOutbox, kickOutbox } from '../../glue/outbox';
import { itemsServiceFrom, type DataAccess, type Row } from '../../glue/items';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { rateLimitStore } from '../../glue/http/limits';
import { loginLimit } from '../../glue/http/login-limit';
import { scheduledJob } from '../../glue/scheduled-job';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

const TEXTS = 'consent_texts';

export default defineHook(
  ({ filter: register, action, schedule }, { services, database, getSchema, logger, emitter }) => {
    // Every items filter goes through accessFirst: a write's handler runs only after Directus's own access check.
    const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
    const ItemsService = itemsServiceFrom(services);
    const emit: Emit = flowEmitter(emitter, database, (message) => logger.warn(message));
    const access = async (knex: Knex, schema: SchemaOverview | null): Promise<DataAccess> => ({
      knex,
      schema: schema ?? (await getSchema()),
      ItemsService,
    });

    const report = (what: string) => (error: unknown) =>
      logger.error(`Consent ${what}: ${error instanceof Error ? error.message : String(error)}`);

    // Logins per client address (see glue/http/login-limit.ts): the same shared limiter as the consent page.
    const logins = loginLimit(rateLimitStore(), process.env);
    filter('auth.login', async (payload, _meta, context) => {
      await logins.attempt((context as EventContext).accountability?.ip);
      return payload;
    });
    action('auth.login', (meta, context) => {
      if ((meta as { status?: string }).status === 'fail')
        void logins.failed((context as EventContext).accountability?.ip).catch(report('login limit'));
    });

    // A new migrant's invitation is an outbox entry written with the migrant (see the records hook): worked off after
    // the commit, again after a crash, never twice. A failure is retried, never undoes the registration.
    handleOutbox(
      'consent_invitation',
      eachSubject(async (migrant) => inviteRegisteredMigrant(await access(database, null), emit, migrant)),
    );

    action('consents.items.create', (meta, context: EventContext) => {
      void (async () =>
        inviteCreatedConsent(
          await access(database, context.schema),
          emit,
          meta['key'],
          (meta['payload'] ?? {}) as Row,
        ))().catch(report('invitation'));
    });

    // A version is published once one of its languages is written as published (an update, committed).
    handleOutbox(
      'consent_publication',
      eachSubject((version) => publishCommittedVersion(database, version)),
    );

    filter(`${TEXTS}.items.create`, async (payload, _meta, context) =>
      textCreated(payload, context, context.schema ?? (await getSchema())),
    );
    // Runs after Directus's access check (accessFirst): the checks, the SHA-256 of a changed draft, and the publication.
    filter(`${TEXTS}.items.update`, async (payload, meta, context) =>
      textUpdated(payload, meta, context, context.schema ?? (await getSchema())),
    );

    action(`${TEXTS}.items.update`, (meta) => {
      if (publishesText(meta)) void kickOutbox();
    });
    action(`${TEXTS}.items.update`, (meta, context: EventContext) => {
      void rehashTexts(context.database ?? database, meta).catch(report('text'));
    });

    // Hourly: open requests past their date become `expired` (their token stopped working at expires_at already).
    schedule(
      '17 * * * *',
      scheduledJob(logger, 'invitation-expiry', async () => {
        const expired = await expireInvitations(database);
        if (expired > 0) logger.info(`Consent: ${expired} invitation(s) expired`);
      }),
    );
  },
);
