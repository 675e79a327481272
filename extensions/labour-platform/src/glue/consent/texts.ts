/**
 * Consent texts in Directus: a text is published as a whole version (refused while a required language is
 * missing; publishing archives the version published before), a published or archived text never changes, and
 * each text carries the SHA-256 of what the page shows (what the evidence names). The hook calls one function
 * per event.
 */
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { sha256Hex } from '../../domain/consent/record';
import { missingNoticeElements, noticeMarker, NOTICE_ELEMENT_NAMES } from '../../domain/consent/privacy-notice';
import { missingConsentLanguages, shownConsentText } from '../../domain/consent/texts';
import { isSupportedLanguage } from '../../domain/languages';
import { assertDirectusWouldWrite, type FilterContext, type FilterMeta } from '../access/access-first';
import { fieldRefusal } from '../errors';
import type { Row } from '../items';
import { userLanguage } from '../language';
import { enqueue } from '../outbox';

const TEXTS = 'consent_texts';

const MESSAGES = {
  missing: {
    nl: 'Publiceren geweigerd: versie {version} mist nog de talen {languages}.',
    en: 'Publishing refused: version {version} still lacks the languages {languages}.',
  },
  frozen: {
    nl: 'Een gepubliceerde of gearchiveerde tekst verandert niet meer: maak een nieuwe versie.',
    en: 'A published or archived text no longer changes: create a new version.',
  },
  language: {
    nl: 'Taal: kies een van de talen van de machtigingspagina.',
    en: 'Language: choose one of the languages of the consent page.',
  },
  version: { nl: 'Versie: vul een versie in.', en: 'Version: enter a version.' },
  notice: {
    nl: 'Publiceren geweigerd: de tekst in {languages} mist nog de privacyverklaring over {elements}. Zet de markering ervan in de tekst: {markers}.',
    en: 'Publishing refused: the text in {languages} still lacks the privacy notice on {elements}. Put its marker in the text: {markers}.',
  },
} as const;

async function refuse(
  context: FilterContext,
  message: { nl: string; en: string },
  values: Record<string, string>,
  field: string,
): Promise<never> {
  const language = await userLanguage(context.database, context.accountability);
  const text = message[language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  throw fieldRefusal(TEXTS, field, 'consent_text', text);
}

type TextRow = { id?: string; language: string; title: string | null; body: string | null };

/**
 * A version is published whole: every language there, and every language's text holding the privacy notice's
 * markers (domain/consent/privacy-notice.ts). `extra` are rows not yet written (a create); `changed` the title or
 * body an update writes together with the publication.
 */
async function requireAllLanguages(
  context: FilterContext,
  versions: string[],
  extra: Row[] = [],
  changed: { keys: string[]; title?: unknown; body?: unknown } = { keys: [] },
): Promise<void> {
  for (const version of new Set(versions)) {
    const stored = (await context
      .database(TEXTS)
      .select('id', 'language', 'title', 'body')
      .where({ version })
      .whereNot('status', 'archived')) as TextRow[];
    const rows: TextRow[] = [
      ...stored.map((row) =>
        changed.keys.includes(String(row.id))
          ? {
              ...row,
              title: typeof changed.title === 'string' ? changed.title : row.title,
              body: typeof changed.body === 'string' ? changed.body : row.body,
            }
          : row,
      ),
      ...extra
        .filter((row) => row['version'] === version)
        .map((row) => ({
          language: String(row['language']),
          title: String(row['title'] ?? ''),
          body: String(row['body'] ?? ''),
        })),
    ];
    const missing = missingConsentLanguages(rows.map((row) => row.language));
    if (missing.length > 0)
      await refuse(context, MESSAGES.missing, { version, languages: missing.join(', ') }, 'status');
    const lacking = rows
      .map((row) => ({ language: row.language, elements: missingNoticeElements(row.title ?? '', row.body ?? '') }))
      .filter((row) => row.elements.length > 0);
    if (lacking.length > 0) {
      const elements = [...new Set(lacking.flatMap((row) => row.elements))];
      const language = await userLanguage(context.database, context.accountability);
      await refuse(
        context,
        MESSAGES.notice,
        {
          languages: lacking
            .map((row) => row.language)
            .sort()
            .join(', '),
          elements: elements.map((element) => NOTICE_ELEMENT_NAMES[element][language]).join('; '),
          markers: elements.map(noticeMarker).join(' '),
        },
        'body',
      );
    }
  }
}

/** Publishing one language publishes its whole version and archives the version published before. */
async function publishVersion(knex: Knex, version: string, now: Date): Promise<void> {
  await knex(TEXTS).where({ version }).whereNot('status', 'archived').update({ status: 'published' });
  await knex(TEXTS).where({ version }).whereNull('published_at').update({ published_at: now });
  await knex(TEXTS).where('status', 'published').whereNot('version', version).update({ status: 'archived' });
}

/**
 * The outbox entry of an update that published a version: worked off after the commit (and after a crash), it
 * looks at what was committed, so an update that failed after its entry was written publishes nothing; done
 * twice, it changes nothing the second time.
 */
export async function publishCommittedVersion(database: Knex, version: string | null): Promise<void> {
  if (!version) return;
  await database.transaction(async (trx) => {
    const committed = await trx(TEXTS).where({ version, status: 'published' }).first('id');
    if (committed) await publishVersion(trx, version, new Date());
  });
}

/** consent_texts.items.create: the checks, the SHA-256, and a publication inside the create's transaction. */
export async function textCreated(payload: unknown, context: FilterContext, schema: SchemaOverview): Promise<Row> {
  const row = payload as Row;
  if (!isSupportedLanguage(row['language'])) await refuse(context, MESSAGES.language, {}, 'language');
  if (typeof row['version'] !== 'string' || row['version'].trim() === '')
    await refuse(context, MESSAGES.version, {}, 'version');
  const created: Row = {
    ...row,
    sha256: sha256Hex(shownConsentText(String(row['title'] ?? ''), String(row['body'] ?? ''))),
  };
  if (row['status'] === 'published') {
    await requireAllLanguages(context, [String(row['version'])], [row]);
    const now = new Date();
    created['published_at'] ??= now;
    // The side effect comes last, after everything Directus checks before it writes; inside the create's transaction.
    await assertDirectusWouldWrite(
      { accountability: context.accountability, action: 'create', collection: TEXTS, keys: [], payload: created },
      { knex: context.database, schema },
    );
    await publishVersion(context.database, String(row['version']), now);
  }
  return created;
}

/**
 * consent_texts.items.update (after Directus's access check): the checks, the SHA-256 of a changed draft, and the
 * publication. Directus runs update filters outside the update's transaction, so the publication itself is not
 * done here: after everything Directus checks before it writes, an outbox entry asks for it (publishCommittedVersion).
 */
export async function textUpdated(
  payload: unknown,
  meta: FilterMeta,
  context: FilterContext,
  schema: SchemaOverview,
): Promise<Row> {
  const row = { ...(payload as Row) };
  const keys = ((meta['keys'] as Array<string | number> | undefined) ?? []).map(String);
  const existing =
    keys.length > 0
      ? ((await context
          .database(TEXTS)
          .select('id', 'version', 'language', 'status', 'title', 'body')
          .whereIn('id', keys)) as Array<{
          id: string;
          version: string;
          language: string;
          status: string;
          title: string;
          body: string;
        }>)
      : [];
  const changesText = ['title', 'body', 'language', 'version'].some((field) => field in row);
  if (changesText && existing.some((text) => text.status !== 'draft'))
    await refuse(context, MESSAGES.frozen, {}, 'body');
  if ('language' in row && !isSupportedLanguage(row['language']))
    await refuse(context, MESSAGES.language, {}, 'language');
  if ('sha256' in row) delete row['sha256'];
  if (('title' in row || 'body' in row) && existing.length === 1) {
    const [text] = existing;
    row['sha256'] = sha256Hex(
      shownConsentText(String(row['title'] ?? text!.title ?? ''), String(row['body'] ?? text!.body ?? '')),
    );
  }
  if (row['status'] === 'published') {
    const versions = existing.map((text) => (typeof row['version'] === 'string' ? row['version'] : text.version));
    await requireAllLanguages(context, versions, [], { keys, title: row['title'], body: row['body'] });
    await assertDirectusWouldWrite(
      { accountability: context.accountability, action: 'update', collection: TEXTS, keys, payload: row },
      { knex: context.database, schema },
    );
    await enqueue(
      context.database,
      [...new Set(versions)].map((version) => ({ kind: 'consent_publication' as const, subject: version })),
    );
  }
  return row;
}

/** Several drafts' texts changed in one request: each gets its own SHA-256 afterwards. */
export async function rehashTexts(knex: Knex, meta: FilterMeta): Promise<void> {
  const keys = ((meta['keys'] as unknown[] | undefined) ?? []).map(String);
  const payload = (meta['payload'] ?? {}) as Row;
  if (keys.length < 2 || !('title' in payload || 'body' in payload)) return;
  const rows = (await knex(TEXTS).select('id', 'title', 'body').whereIn('id', keys)) as Array<{
    id: string;
    title: string;
    body: string;
  }>;
  for (const text of rows)
    await knex(TEXTS)
      .where('id', text.id)
      .update({ sha256: sha256Hex(shownConsentText(text.title ?? '', text.body ?? '')) });
}

/** Whether an update published a text (then the outbox is worked off at once). */
export function publishesText(meta: FilterMeta): boolean {
  return ((meta['payload'] ?? {}) as Row)['status'] === 'published';
}
