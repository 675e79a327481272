/**
 * Consent glue that reacts to data: a migrant registered with an e-mail address gets a consent request and an
 * invitation (handed to the mail Flow), a consent request created in the admin app gets its invitation too,
 * consent texts are published as whole versions (refused while a required language is missing; a published
 * text never changes, its SHA-256 is what the evidence names), and open requests past their date expire.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { isSupportedLanguage } from '../../domain/languages';
import { sha256Hex } from '../../domain/consent/record';
import { missingConsentLanguages, shownConsentText } from '../../domain/consent/texts';
import { consentConfig, expireInvitations, flowEmitter, inviteNewMigrant, sendInvitation, type Emit } from '../../glue/consent/requests';
import { fieldRefusal } from '../../glue/errors';
import { eachSubject, enqueue, handleOutbox, kickOutbox } from '../../glue/outbox';
import { itemsServiceFrom, type DataAccess, type Row } from '../../glue/items';
import { userLanguage } from '../../glue/language';
import { accessFirst, assertDirectusWouldWrite, directusValidateAccess } from '../../glue/access/access-first';
import { rateLimitStore } from '../../glue/http/limits';
import { loginLimit } from '../../glue/http/login-limit';

interface EventContext {
  database: Knex;
  schema: SchemaOverview | null;
  accountability: Accountability | null;
}

const TEXTS = 'consent_texts';

const MESSAGES = {
  missing: { nl: 'Publiceren geweigerd: versie {version} mist nog de talen {languages}.', en: 'Publishing refused: version {version} still lacks the languages {languages}.' },
  frozen: { nl: 'Een gepubliceerde of gearchiveerde tekst verandert niet meer: maak een nieuwe versie.', en: 'A published or archived text no longer changes: create a new version.' },
  language: { nl: 'Taal: kies een van de talen van de machtigingspagina.', en: 'Language: choose one of the languages of the consent page.' },
  version: { nl: 'Versie: vul een versie in.', en: 'Version: enter a version.' },
} as const;

export default defineHook(({ filter: register, action, schedule }, { services, database, getSchema, logger, emitter }) => {
  // Every items filter goes through accessFirst: a write's handler runs only after Directus's own access check.
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });
  const ItemsService = itemsServiceFrom(services);
  const emit: Emit = flowEmitter(emitter, database, (message) => logger.warn(message));
  const access = async (knex: Knex, schema: SchemaOverview | null): Promise<DataAccess> => ({ knex, schema: schema ?? (await getSchema()), ItemsService });

  const report = (what: string) => (error: unknown) => logger.error(`Consent ${what}: ${error instanceof Error ? error.message : String(error)}`);

  // Logins per client address (see glue/http/login-limit.ts): the same shared limiter as the consent page.
  const logins = loginLimit(rateLimitStore(), process.env);
  filter('auth.login', async (payload, _meta, context) => {
    await logins.attempt((context as EventContext).accountability?.ip);
    return payload;
  });
  action('auth.login', (meta, context) => {
    if ((meta as { status?: string }).status === 'fail') void logins.failed((context as EventContext).accountability?.ip).catch(report('login limit'));
  });

  // A new migrant's invitation is an outbox entry written with the migrant (see the registry hook): worked off after
  // the commit, again after a crash, never twice (inviteNewMigrant is idempotent). A failure is retried, never
  // undoes the registration.
  handleOutbox(
    'consent_invitation',
    eachSubject(async (subject) => {
      if (!subject) return;
      consentConfig();
      await inviteNewMigrant(await access(database, null), emit, subject);
    }),
  );

  action('consents.items.create', (meta, context: EventContext) => {
    const key = meta['key'];
    const payload = (meta['payload'] ?? {}) as Row;
    if (typeof key !== 'string' || (payload['status'] !== undefined && payload['status'] !== 'requested') || payload['token_hash']) return;
    void (async () => {
      consentConfig();
      await sendInvitation(await access(database, context.schema), emit, key);
    })().catch(report('invitation'));
  });

  async function refuse(context: EventContext, message: { nl: string; en: string }, values: Record<string, string>, field: string): Promise<never> {
    const language = await userLanguage(context.database, context.accountability);
    const text = message[language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    throw fieldRefusal(TEXTS, field, 'consent_text', text);
  }

  async function requireAllLanguages(knex: Knex, versions: string[], context: EventContext, extra: Row[] = []): Promise<void> {
    for (const version of new Set(versions)) {
      const rows = (await knex(TEXTS).select('language').where({ version }).whereNot('status', 'archived')) as Array<{ language: string }>;
      const missing = missingConsentLanguages([...rows.map((row) => row.language), ...extra.filter((row) => row['version'] === version).map((row) => String(row['language']))]);
      if (missing.length > 0) await refuse(context, MESSAGES.missing, { version, languages: missing.join(', ') }, 'status');
    }
  }

  /**
   * A version is published once one of its languages is written as published (an update, committed): the outbox
   * entry the update filter wrote is worked off after the commit, and after a crash. It looks at what was
   * committed, so an update that failed after its entry was written publishes nothing; done twice, it changes
   * nothing the second time.
   */
  handleOutbox(
    'consent_publication',
    eachSubject(async (version) => {
      if (!version) return;
      await database.transaction(async (trx) => {
        const committed = await trx(TEXTS).where({ version, status: 'published' }).first('id');
        if (committed) await publishVersion(trx, version, new Date());
      });
    }),
  );

  /** Publishing one language publishes its whole version and archives the version published before. */
  async function publishVersion(knex: Knex, version: string, now: Date): Promise<void> {
    await knex(TEXTS).where({ version }).whereNot('status', 'archived').update({ status: 'published' });
    await knex(TEXTS).where({ version }).whereNull('published_at').update({ published_at: now });
    await knex(TEXTS).where('status', 'published').whereNot('version', version).update({ status: 'archived' });
  }

  filter(`${TEXTS}.items.create`, async (payload, _meta, context: EventContext) => {
    const row = payload as Row;
    if (!isSupportedLanguage(row['language'])) await refuse(context, MESSAGES.language, {}, 'language');
    if (typeof row['version'] !== 'string' || row['version'].trim() === '') await refuse(context, MESSAGES.version, {}, 'version');
    const created: Row = { ...row, sha256: sha256Hex(shownConsentText(String(row['title'] ?? ''), String(row['body'] ?? ''))) };
    if (row['status'] === 'published') {
      await requireAllLanguages(context.database, [String(row['version'])], context, [row]);
      const now = new Date();
      created['published_at'] ??= now;
      // The side effect comes last, after everything Directus checks before it writes; inside the create's transaction.
      await assertDirectusWouldWrite({ accountability: context.accountability, action: 'create', collection: TEXTS, keys: [], payload: created }, { knex: context.database, schema: context.schema ?? (await getSchema()) });
      await publishVersion(context.database, String(row['version']), now);
    }
    return created;
  });

  // Runs after Directus's access check (accessFirst): the checks, the SHA-256 of a changed draft, and the publication.
  filter(`${TEXTS}.items.update`, async (payload, meta, context: EventContext) => {
    const row = { ...(payload as Row) };
    const keys = ((meta['keys'] as Array<string | number> | undefined) ?? []).map(String);
    const existing = keys.length > 0 ? ((await context.database(TEXTS).select('id', 'version', 'language', 'status', 'title', 'body').whereIn('id', keys)) as Array<{ id: string; version: string; language: string; status: string; title: string; body: string }>) : [];
    const changesText = ['title', 'body', 'language', 'version'].some((field) => field in row);
    if (changesText && existing.some((text) => text.status !== 'draft')) await refuse(context, MESSAGES.frozen, {}, 'body');
    if ('language' in row && !isSupportedLanguage(row['language'])) await refuse(context, MESSAGES.language, {}, 'language');
    if ('sha256' in row) delete row['sha256'];
    if (('title' in row || 'body' in row) && existing.length === 1) {
      const [text] = existing;
      row['sha256'] = sha256Hex(shownConsentText(String(row['title'] ?? text!.title ?? ''), String(row['body'] ?? text!.body ?? '')));
    }
    if (row['status'] === 'published') {
      const versions = existing.map((text) => (typeof row['version'] === 'string' ? row['version'] : text.version));
      await requireAllLanguages(context.database, versions, context);
      // Directus runs update filters outside the update's transaction, so the publication itself is not done here:
      // after everything Directus checks before it writes, an outbox entry asks for it; the entry is worked off
      // after the commit (see consent_publication above), and a refused or failed update publishes nothing.
      await assertDirectusWouldWrite({ accountability: context.accountability, action: 'update', collection: TEXTS, keys, payload: row }, { knex: context.database, schema: context.schema ?? (await getSchema()) });
      await enqueue(context.database, [...new Set(versions)].map((version) => ({ kind: 'consent_publication' as const, subject: version })));
    }
    return row;
  });

  action(`${TEXTS}.items.update`, (meta) => {
    if (((meta['payload'] ?? {}) as Row)['status'] === 'published') void kickOutbox();
  });

  /** Several drafts' texts changed in one request: each gets its own SHA-256 afterwards. */
  action(`${TEXTS}.items.update`, (meta, context: EventContext) => {
    const keys = ((meta['keys'] as unknown[] | undefined) ?? []).map(String);
    const payload = (meta['payload'] ?? {}) as Row;
    if (keys.length < 2 || !('title' in payload || 'body' in payload)) return;
    void (async () => {
      const knex = context.database ?? database;
      const rows = (await knex(TEXTS).select('id', 'title', 'body').whereIn('id', keys)) as Array<{ id: string; title: string; body: string }>;
      for (const text of rows) await knex(TEXTS).where('id', text.id).update({ sha256: sha256Hex(shownConsentText(text.title ?? '', text.body ?? '')) });
    })().catch(report('text'));
  });

  // Hourly: open requests past their date become `expired` (their token stopped working at expires_at already).
  schedule('17 * * * *', async () => {
    const expired = await expireInvitations(database);
    if (expired > 0) logger.info(`Consent: ${expired} invitation(s) expired`);
  });
});
