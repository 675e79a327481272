/**
 * The migrant's consent, Directus side: invitations (a token of which only an argon2id hash is stored, sent by
 * a Flow or printed as a letter), the public page's session, birth-date check, and sign/refuse/revoke with
 * their signed, chained evidence. The rules live in ../domain/consent; this is the glue around them.
 *
 * Personal data is read through Directus's ItemsService as the system (so the data layer decrypts it) and
 * never leaves here except the first name towards the page and the e-mail address towards the mail flow.
 */
import { randomUUID } from 'node:crypto';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { isSupportedLanguage, SUPPORTED_LANGUAGE_CODES, type SupportedLanguage } from '../../domain/languages';
import { createEvidence, type ConsentEvidence } from '../../domain/consent/evidence';
import { CONSENT_MESSAGES, fill, formatDate } from '../../domain/consent/i18n';
import {
  birthDateFrom,
  consentIdOfToken,
  CONSENT_INVITATION_DAYS,
  CONSENT_PSEUDONYM_SECRET,
  firstNameOf,
  generateInvitationToken,
  invitationDays,
  invitationExpiry,
  invitationLink,
  MAX_BIRTH_DATE_ATTEMPTS,
  pseudonymSecretFrom,
  sameBirthDate,
  timeOf,
  tokenUse,
  typedFullName,
  type TokenUse,
} from '../../domain/consent/invitation';
import { buildReceipt, receiptFileName } from '../../domain/consent/receipt';
import { parseConsentRecord, pseudonym, sha256Hex, type ConsentAction, type ConsentChannel, type ConsentRecord } from '../../domain/consent/record';
import { loadSigner, type ConsentSigner } from '../../domain/consent/signature';
import type { ConsentSession, ConsentText } from '../../domain/consent/session';
import { shownConsentText } from '../../domain/consent/texts';
import type { ConsentMigrantFacts } from '../../domain/migrant-facts';
import { Refused } from '../http/seam';
import { systemItems, userItems, type DataAccess, type Row } from '../items';

// ------------------------------------------------------------------------------------------- configuration

export interface ConsentConfig {
  publicUrl: string;
  invitationDays: number;
  signer: ConsentSigner;
  pseudonymSecret: Buffer;
}

let cachedConfig: ConsentConfig | null = null;

/**
 * From process.env (Directus casts comma-containing values of its own env to arrays, so not that one):
 * PUBLIC_URL, CONSENT_INVITATION_DAYS, CONSENT_SIGNING_CERT/KEY, CONSENT_PSEUDONYM_SECRET. Errors name the
 * variable and never its value.
 */
export function consentConfig(env: NodeJS.ProcessEnv = process.env): ConsentConfig {
  if (cachedConfig) return cachedConfig;
  cachedConfig = {
    publicUrl: (env['PUBLIC_URL'] ?? 'http://localhost:8055').replace(/\/+$/, ''),
    invitationDays: invitationDays(env[CONSENT_INVITATION_DAYS]),
    signer: loadSigner(env),
    pseudonymSecret: pseudonymSecretFrom(env[CONSENT_PSEUDONYM_SECRET]),
  };
  return cachedConfig;
}

// ------------------------------------------------------------------------------------------------ argon2id

interface Argon2 {
  hash(plain: string, options: Record<string, unknown>): Promise<string>;
  verify(hash: string, plain: string): Promise<boolean>;
}
let argon2Module: Promise<Argon2> | null = null;
let dummyHash: Promise<string> | null = null;

/** argon2 is a native addon: loaded from node_modules at run time (Directus itself depends on it), not bundled. */
function argon2(): Promise<Argon2> {
  const name = 'argon2';
  argon2Module ??= (import(name) as Promise<Argon2 & { default?: Argon2 }>).then((module) => (typeof module.hash === 'function' ? module : module.default!));
  return argon2Module;
}

/** OWASP's argon2id minimum (19 MiB, 2 passes): the token already holds 256 random bits. */
const ARGON2_OPTIONS = { type: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashToken(token: string): Promise<string> {
  return (await argon2()).hash(token, ARGON2_OPTIONS);
}

/** Verifies against the stored hash, or against a dummy one when there is none, so both take the same time. */
async function verifyToken(hash: string | null, token: string): Promise<boolean> {
  const library = await argon2();
  dummyHash ??= library.hash(`dummy-${randomUUID()}`, ARGON2_OPTIONS);
  const against = hash ?? (await dummyHash);
  try {
    return (await library.verify(against, token)) && hash !== null;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------------------------------------- reading

export interface ConsentRow {
  id: string;
  migrant: string | null;
  status: string;
  language: string | null;
  requested_at: string | number | Date | null;
  expires_at: string | number | Date | null;
  signed_at: string | number | Date | null;
  revoked_at: string | number | Date | null;
  refused_at: string | number | Date | null;
  token_hash: string | null;
  failed_attempts: number | null;
  locked_at: string | number | Date | null;
  withdrawn_at: string | number | Date | null;
  text_version: string | null;
  channel: string | null;
  sent_at: string | number | Date | null;
  printed_by: string | null;
}

/** How the invitation of a consent row reached the migrant, for the evidence (null: not recorded). */
export function channelOf(row: ConsentRow): ConsentChannel | undefined {
  if (row.channel !== 'email' && row.channel !== 'letter') return undefined;
  const at = timeOf(row.sent_at);
  return { via: row.channel, at: at === null ? null : new Date(at).toISOString(), printedBy: row.channel === 'letter' ? (row.printed_by ?? null) : null };
}

async function consentRow(knex: Knex, id: string): Promise<ConsentRow | undefined> {
  return (await knex('consents').where('id', id).first()) as ConsentRow | undefined;
}

/** The migrant's facts the consent needs: personal ones decrypted by the data layer (a system read). */
async function migrantFacts(access: DataAccess, migrantId: string): Promise<ConsentMigrantFacts | null> {
  const [row] = await systemItems(access, 'migrants').readByQuery({
    filter: { id: { _eq: migrantId } },
    fields: ['id', 'first_names', 'email', 'date_of_birth', 'language', 'provider.name', 'current_location.municipality.name'],
    limit: 1,
  });
  if (!row) return null;
  const provider = row['provider'] as Row | null;
  const location = row['current_location'] as { municipality?: Row | null } | null;
  const email = typeof row['email'] === 'string' && row['email'].includes('@') ? row['email'] : null;
  return {
    id: String(row['id']),
    firstName: firstNameOf(row['first_names']),
    email,
    dateOfBirth: typeof row['date_of_birth'] === 'string' ? row['date_of_birth'] : null,
    language: isSupportedLanguage(row['language']) ? row['language'] : 'en',
    providerName: typeof provider?.['name'] === 'string' ? provider['name'] : null,
    municipalityName: typeof location?.municipality?.['name'] === 'string' ? (location.municipality['name'] as string) : null,
  };
}

/** The published consent text in a language (the newest published version). */
export async function publishedText(knex: Knex, language: SupportedLanguage, version?: string): Promise<ConsentText | null> {
  const query = knex('consent_texts').select('version', 'language', 'title', 'body').where({ language });
  if (version) query.andWhere({ version });
  else query.andWhere({ status: 'published' }).orderBy([{ column: 'published_at', order: 'desc' }, { column: 'version', order: 'desc' }]);
  const row = (await query.first()) as { version: string; language: SupportedLanguage; title: string; body: string } | undefined;
  if (!row) return null;
  return { ...row, sha256: sha256Hex(shownConsentText(row.title, row.body)) };
}

// --------------------------------------------------------------------------------------------- invitations

export type Emit = (event: string, payload: Record<string, unknown>) => void;
export const INVITATION_EVENT = 'consent.invitation';

interface ActionEmitter {
  emitAction(event: string, meta: Record<string, unknown>, context: Record<string, unknown> | null): void;
}
let globalEmitter: Promise<ActionEmitter | null> | null = null;

/**
 * Emits an action event where Flows listen. Directus gives extensions an emitter of their own, which Flow
 * triggers do not hear; Flows listen on Directus's global emitter (the public `@directus/api/emitter` module,
 * loaded at run time from the same installation). Without it, the extension's emitter is used and a warning says
 * that mail flows will not run.
 */
export function flowEmitter(local: ActionEmitter, database: Knex, warn: (message: string) => void): Emit {
  const name = '@directus/api/emitter';
  globalEmitter ??= (import(name) as Promise<{ default?: ActionEmitter }>)
    .then((module) => (module.default && typeof module.default.emitAction === 'function' ? module.default : null))
    .catch(() => null);
  return (event, payload) => {
    void globalEmitter!.then((emitter) => {
      if (!emitter) warn(`Consent: Directus's global emitter was not found; the Flow listening to ${event} does not run.`);
      (emitter ?? local).emitAction(event, payload, { database, schema: null, accountability: null });
    });
  };
}

export interface IssuedInvitation {
  consent: string;
  token: string;
  link: string;
  expiresAt: Date;
}

/** Statuses for which a new invitation link may be issued: open, or expired/withdrawn before a decision. */
const REISSUABLE = ['requested', 'expired'];

export interface Channel {
  channel: 'email' | 'letter';
  /** The user who printed the letter (letters only). */
  printedBy?: string | null;
}

/**
 * A new token for an undecided consent request (the old link stops working), valid for CONSENT_INVITATION_DAYS.
 * A signed, refused, revoked or locked request is never changed (null): its revocation link keeps working. The failed
 * attempts and the lock stay as they are: a new letter is no new chance to guess the date of birth.
 */
export async function issueToken(knex: Knex, consentId: string, channel: Channel, now: Date = new Date()): Promise<IssuedInvitation | null> {
  const config = consentConfig();
  const token = generateInvitationToken(consentId);
  const expiresAt = invitationExpiry(now, config.invitationDays);
  const tokenHash = await hashToken(token);
  // one conditional UPDATE: a decision that lands meanwhile is never overwritten
  const updated = await knex('consents')
    .where('id', consentId)
    .whereIn('status', REISSUABLE)
    .whereNull('locked_at')
    .update({
      token_hash: tokenHash,
      status: 'requested',
      expires_at: expiresAt,
      requested_at: now,
      withdrawn_at: null,
      channel: channel.channel,
      sent_at: now,
      printed_by: channel.channel === 'letter' ? (channel.printedBy ?? null) : null,
    });
  if (updated === 0) return null;
  return { consent: consentId, token, link: invitationLink(config.publicUrl, token), expiresAt };
}

/** The migrant's newest consent request, created when there is none. */
export async function consentRequestFor(access: DataAccess, migrantId: string, now: Date = new Date()): Promise<string> {
  const existing = (await access.knex('consents').select('id').where('migrant', migrantId).orderBy([{ column: 'date_created', order: 'desc' }, { column: 'id', order: 'desc' }]).first()) as { id: string } | undefined;
  if (existing) return existing.id;
  const facts = await migrantFacts(access, migrantId);
  const id = randomUUID();
  await access.knex('consents').insert({ id, migrant: migrantId, status: 'requested', language: facts?.language ?? 'en', requested_at: now, failed_attempts: 0, date_created: now });
  return id;
}

function invitationMail(language: SupportedLanguage, facts: ConsentMigrantFacts, link: string, expiresAt: Date): { subject: string; html: string; text: string } {
  const m = CONSENT_MESSAGES[language].mail;
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const provider = facts.providerName ?? CONSENT_MESSAGES[language].page.yourProvider;
  const greeting = fill(m.greeting, { name: facts.firstName });
  const body = fill(m.body, { provider });
  const expires = fill(m.expires, { date: formatDate(language, expiresAt) });
  const dir = 'ltr';
  const html = [
    `<div lang="${language}" dir="${dir}" style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 560px">`,
    `<p>${escape(greeting)}</p>`,
    `<p>${escape(body)}</p>`,
    `<p><a href="${escape(link)}" style="display: inline-block; background: #154273; color: #ffffff; padding: 12px 20px; text-decoration: none; border-radius: 4px">${escape(m.button)}</a></p>`,
    `<p style="word-break: break-all">${escape(link)}</p>`,
    `<p>${escape(expires)}</p>`,
    `<p style="color: #555">${escape(m.ignore)}</p>`,
    '</div>',
  ].join('\n');
  const text = [greeting, '', body, '', `${m.button}: ${link}`, '', expires, '', m.ignore].join('\n');
  return { subject: m.subject, html, text };
}

export interface InvitationOutcome {
  consent: string;
  sent: boolean;
  /** Why nothing was sent: the migrant has no e-mail address, or the consent is closed for invitations. */
  reason?: 'no_email' | 'no_migrant' | 'closed';
}

/**
 * Issues a fresh token and hands the invitation to the mail Flow (event `consent.invitation`): the Flow's
 * Send Email operation sends it, so an administrator decides in the admin app when and how. The event carries
 * the address and link, so that Flow keeps no logs (accountability off).
 */
export async function sendInvitation(access: DataAccess, emit: Emit, consentId: string, now: Date = new Date()): Promise<InvitationOutcome> {
  const row = await consentRow(access.knex, consentId);
  if (!row?.migrant) return { consent: consentId, sent: false, reason: 'no_migrant' };
  const facts = await migrantFacts(access, row.migrant);
  if (!facts) return { consent: consentId, sent: false, reason: 'no_migrant' };
  if (!facts.email) return { consent: consentId, sent: false, reason: 'no_email' };
  const language = isSupportedLanguage(row.language) ? row.language : facts.language;
  const issued = await issueToken(access.knex, consentId, { channel: 'email' }, now);
  if (!issued) return { consent: consentId, sent: false, reason: 'closed' };
  const mail = invitationMail(language, facts, issued.link, issued.expiresAt);
  emit(INVITATION_EVENT, {
    consent: consentId,
    channel: 'email',
    language,
    email: facts.email,
    first_name: facts.firstName,
    link: issued.link,
    expires_at: issued.expiresAt.toISOString(),
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
  });
  return { consent: consentId, sent: true };
}

/** When a migrant with an e-mail address is registered: a consent request, and its invitation. */
export async function inviteNewMigrant(access: DataAccess, emit: Emit, migrantId: string, now: Date = new Date()): Promise<InvitationOutcome | null> {
  const facts = await migrantFacts(access, migrantId);
  if (!facts?.email) return null;
  // idempotent (the outbox may run this twice): a request already sent, or closed, is left alone; one created but
  // not yet sent (a crash between the two) is sent now
  const existing = (await access.knex('consents').select('id', 'status', 'sent_at').where('migrant', migrantId).first()) as { id: string; status: string; sent_at: unknown } | undefined;
  if (existing && (existing.sent_at !== null || existing.status !== 'requested')) return null;
  const consent = existing?.id ?? (await consentRequestFor(access, migrantId, now));
  return sendInvitation(access, emit, consent, now);
}

/** An administrator withdraws an open invitation: its link stops working at once. A decision is never changed. */
export async function withdrawInvitation(knex: Knex, consentId: string, now: Date = new Date()): Promise<boolean> {
  const updated = await knex('consents').where('id', consentId).where('status', 'requested').update({ token_hash: null, withdrawn_at: now, status: 'expired' });
  return updated > 0;
}

/** Open requests past their date: status expired (the token already stopped working at expires_at). */
export async function expireInvitations(knex: Knex, now: Date = new Date()): Promise<number> {
  // Compared here, not in SQL: SQLite holds times as epoch ms or as text, depending on who wrote them.
  const open = (await knex('consents').select('id', 'expires_at').where('status', 'requested').whereNotNull('expires_at')) as Array<{ id: string; expires_at: string | number | Date }>;
  const due = open.filter((row) => (timeOf(row.expires_at) ?? Infinity) <= now.getTime()).map((row) => row.id);
  for (let index = 0; index < due.length; index += 500) await knex('consents').whereIn('id', due.slice(index, index + 500)).update({ status: 'expired' });
  return due.length;
}

// ------------------------------------------------------------------------------------------------- letters

export interface Letter {
  consent: string;
  language: SupportedLanguage;
  firstName: string;
  providerName: string;
  link: string;
  expiresAt: Date;
}

export type LetterOutcome = { ok: true; letter: Letter } | { ok: false; reason: 'forbidden' | 'closed' };

/**
 * Whether a user is the migrant's own provider: the user's organisation is the migrant's provider. A missing
 * migrant, another organisation's migrant and a user without organisation all get the same `false`.
 */
export async function isOwnProvider(knex: Knex, userId: string | null | undefined, migrantId: string): Promise<boolean> {
  if (!userId) return false;
  const user = (await knex('directus_users').select('organisation').where('id', userId).first()) as { organisation: string | null } | undefined;
  if (!user?.organisation) return false;
  const migrant = (await knex('migrants').select('provider').where('id', migrantId).first()) as { provider: string | null } | undefined;
  return migrant?.provider !== undefined && migrant.provider !== null && String(migrant.provider) === String(user.organisation);
}

/**
 * A printable invitation for a migrant without e-mail: only for the migrant's own provider (anyone else, and a
 * missing migrant: forbidden). A new link replaces the previous one of an undecided request; a decided or
 * locked one is never touched (closed).
 */
export async function letterFor(access: DataAccess, accountability: Accountability | null, migrantId: string, now: Date = new Date()): Promise<LetterOutcome> {
  if (!(await isOwnProvider(access.knex, accountability?.user, migrantId))) return { ok: false, reason: 'forbidden' };
  const facts = await migrantFacts(access, migrantId);
  if (!facts) return { ok: false, reason: 'forbidden' };
  const consent = await consentRequestFor(access, migrantId, now);
  const row = await consentRow(access.knex, consent);
  const language = row && isSupportedLanguage(row.language) ? row.language : facts.language;
  const issued = await issueToken(access.knex, consent, { channel: 'letter', printedBy: accountability?.user ?? null }, now);
  if (!issued) return { ok: false, reason: 'closed' };
  return { ok: true, letter: { consent, language, firstName: facts.firstName, providerName: facts.providerName ?? CONSENT_MESSAGES[language].page.yourProvider, link: issued.link, expiresAt: issued.expiresAt } };
}

// -------------------------------------------------------------------------------------------- public page

export interface ResolvedToken {
  row: ConsentRow;
  use: Exclude<TokenUse, 'none'>;
}

/**
 * The consent a token opens, or Refused({ code: 'invalid_link' }): a malformed, unknown, wrong, expired, locked,
 * withdrawn or used token all give the same answer after the same argon2 work.
 */
export async function resolveToken(knex: Knex, token: unknown, now: Date = new Date()): Promise<ResolvedToken> {
  const id = consentIdOfToken(token);
  const row = id ? await consentRow(knex, id) : undefined;
  const matches = await verifyToken(row?.token_hash ?? null, typeof token === 'string' ? token : '');
  if (!row || !matches) throw new Refused({ code: 'invalid_link' });
  const use = tokenUse(row, now);
  if (use === 'none') throw new Refused({ code: 'invalid_link' });
  return { row, use };
}

function iso(value: string | number | Date | null): string | null {
  const time = timeOf(value);
  return time === null ? null : new Date(time).toISOString();
}

export async function sessionView(access: DataAccess, resolved: ResolvedToken, requestedLanguage: unknown): Promise<ConsentSession> {
  const { row, use } = resolved;
  const facts = row.migrant ? await migrantFacts(access, row.migrant) : null;
  const own: SupportedLanguage = isSupportedLanguage(row.language) ? row.language : (facts?.language ?? 'en');
  const language = isSupportedLanguage(requestedLanguage) ? requestedLanguage : own;
  // After signing, the page shows the version that was signed; before, the current published one.
  const text = use === 'revoke' && row.text_version ? await publishedText(access.knex, language, row.text_version) : await publishedText(access.knex, language);
  return {
    state: use === 'revoke' ? 'signed' : 'open',
    firstName: facts?.firstName ?? '',
    providerName: facts?.providerName ?? null,
    municipalityName: facts?.municipalityName ?? null,
    language: own,
    languages: SUPPORTED_LANGUAGE_CODES,
    expiresAt: use === 'decide' ? iso(row.expires_at) : null,
    signedAt: use === 'revoke' ? iso(row.signed_at) : null,
    text,
    attemptsLeft: Math.max(0, MAX_BIRTH_DATE_ATTEMPTS - Number(row.failed_attempts ?? 0)),
  };
}

/**
 * Checks the typed date of birth against the (decrypted) stored one. Every check first takes an attempt in one
 * conditional UPDATE (only while fewer than MAX_BIRTH_DATE_ATTEMPTS and not locked), and a right date gives it
 * back: however many checks run at once, at most five wrong dates are ever weighed, and once five are counted
 * every further check, a right one included, is refused. The fifth wrong date locks the token.
 */
export async function checkBirthDate(access: DataAccess, resolved: ResolvedToken, typed: unknown, now: Date = new Date()): Promise<void> {
  const parts = (typed ?? {}) as { day?: unknown; month?: unknown; year?: unknown };
  const date = birthDateFrom({ day: parts.day, month: parts.month, year: parts.year }, now);
  if (date === null) throw new Refused({ code: 'invalid_input', field: 'date_of_birth' });
  const id = resolved.row.id;
  const taken = await access.knex('consents')
    .where('id', id)
    .whereNull('locked_at')
    .andWhere((query) => query.where('failed_attempts', '<', MAX_BIRTH_DATE_ATTEMPTS).orWhereNull('failed_attempts'))
    .update({ failed_attempts: access.knex.raw('coalesce(failed_attempts, 0) + 1') });
  // no attempt left: the link is locked (or is being locked right now), and a locked link answers as any dead link
  if (taken === 0) throw new Refused({ code: 'invalid_link' });
  const facts = resolved.row.migrant ? await migrantFacts(access, resolved.row.migrant) : null;
  if (facts?.dateOfBirth && sameBirthDate(date, facts.dateOfBirth)) {
    await access.knex('consents').where('id', id).update({ failed_attempts: access.knex.raw('failed_attempts - 1') });
    return;
  }
  const after = await consentRow(access.knex, id);
  const failed = Number(after?.failed_attempts ?? MAX_BIRTH_DATE_ATTEMPTS);
  if (failed >= MAX_BIRTH_DATE_ATTEMPTS) {
    // the one attempt that locks says so; a wrong date counted at the same moment is one more wrong date
    const locked = await access.knex('consents').where('id', id).whereNull('locked_at').update({ locked_at: now });
    throw new Refused(locked === 1 ? { code: 'locked' } : { code: 'wrong_birth_date', attemptsLeft: 0 });
  }
  throw new Refused({ code: 'wrong_birth_date', attemptsLeft: MAX_BIRTH_DATE_ATTEMPTS - failed });
}

export interface ActInput {
  language: unknown;
  textSha256: unknown;
  fullName?: unknown;
  agree?: unknown;
}

export interface ActOutcome {
  action: ConsentAction;
  record: ConsentRecord;
  receipt: string;
  receiptName: string;
  /** After signing: the new link that revokes (the invitation link no longer works). */
  revokeLink: string | null;
  revokeToken: string | null;
}

/**
 * Sign, refuse or revoke, with the typed date of birth already checked: one transaction writes the new status
 * (the municipality's view follows at once) and the signed record that continues the migrant's chain.
 */
export async function act(access: DataAccess, resolved: ResolvedToken, action: ConsentAction, input: ActInput, now: Date = new Date()): Promise<ActOutcome> {
  const config = consentConfig();
  const { row } = resolved;
  if ((action === 'revoke') !== (resolved.use === 'revoke')) throw new Refused({ code: 'conflict' });
  if (!row.migrant) throw new Refused({ code: 'invalid_link' });
  if (action === 'sign') {
    if (typedFullName(input.fullName) === null) throw new Refused({ code: 'invalid_input', field: 'full_name' });
    if (input.agree !== true) throw new Refused({ code: 'invalid_input', field: 'agree' });
  }
  if (!isSupportedLanguage(input.language)) throw new Refused({ code: 'invalid_input', field: 'language' });
  const language = input.language;
  const text = action === 'revoke' && row.text_version ? await publishedText(access.knex, language, row.text_version) : await publishedText(access.knex, language);
  if (!text || text.sha256 !== input.textSha256) throw new Refused({ code: 'text_changed' });

  const revokeToken = action === 'sign' ? generateInvitationToken(row.id) : null;
  const revokeHash = revokeToken ? await hashToken(revokeToken) : null;
  const subject = pseudonym(config.pseudonymSecret, row.migrant);
  const at = new Date(Math.floor(now.getTime()));

  const evidence = await access.knex.transaction(async (trx): Promise<ConsentEvidence> => {
    // One chain per migrant: serialise its writers (PostgreSQL row lock; SQLite serialises transactions).
    if (trx.client.config?.client === 'pg') await trx('migrants').select('id').where('id', row.migrant).forUpdate();
    const current = (await trx('consents').where('id', row.id).first()) as ConsentRow | undefined;
    if (!current || current.token_hash !== row.token_hash || current.status !== row.status || current.locked_at !== null) throw new Refused({ code: 'invalid_link' });
    const last = (await trx('consent_records').select('record', 'sequence').where('chain', subject).orderBy('sequence', 'desc').first()) as { record: string; sequence: number | string } | undefined;
    const previous = last ? parseConsentRecord(last.record) : null;
    const channel = channelOf(current);
    const made = createEvidence(previous, { action, at: at.toISOString(), language, textVersion: text.version, textSha256: text.sha256, subject, consent: row.id, ...(channel ? { channel } : {}) }, config.signer);
    await trx('consent_records').insert({
      id: randomUUID(),
      consent: row.id,
      chain: subject,
      sequence: (last ? Number(last.sequence) : 0) + 1,
      action,
      record: made.canonical,
      signature: made.signature,
      created_at: at,
      channel: channel?.via ?? null,
      printed_by: channel?.printedBy ?? null,
      sent_at: channel?.at ? new Date(channel.at) : null,
    });
    const update: Record<string, unknown> =
      action === 'sign'
        ? { status: 'signed', signed_at: at, revoked_at: null, refused_at: null, token_hash: revokeHash, text_version: text.version, language, expires_at: current.expires_at }
        : action === 'refuse'
          ? { status: 'refused', refused_at: at, token_hash: null, text_version: text.version, language }
          : { status: 'revoked', revoked_at: at, token_hash: null };
    await trx('consents').where('id', row.id).update(update);
    return made;
  });

  const revokeLink = revokeToken ? invitationLink(config.publicUrl, revokeToken) : null;
  const receipt = buildReceipt({ language, record: evidence.record, canonical: evidence.canonical, signature: evidence.signature, certificatePem: config.signer.certificatePem, title: text.title, body: text.body, revokeLink });
  return { action, record: evidence.record, receipt, receiptName: receiptFileName(evidence.record), revokeLink, revokeToken };
}

/** The receipt of the signature again, for the holder of the revocation link. */
export async function signedReceipt(access: DataAccess, resolved: ResolvedToken, token: string): Promise<{ receipt: string; receiptName: string }> {
  if (resolved.use !== 'revoke') throw new Refused({ code: 'conflict' });
  const config = consentConfig();
  const stored = (await access.knex('consent_records').select('record', 'signature').where({ consent: resolved.row.id, action: 'sign' }).orderBy('sequence', 'desc').first()) as { record: string; signature: string } | undefined;
  if (!stored) throw new Refused({ code: 'invalid_link' });
  const record = parseConsentRecord(stored.record);
  const language = isSupportedLanguage(record.language) ? record.language : 'en';
  const text = await publishedText(access.knex, language, record.textVersion);
  const receipt = buildReceipt({
    language,
    record,
    canonical: stored.record,
    signature: stored.signature,
    certificatePem: config.signer.certificatePem,
    title: text?.title ?? '',
    body: text?.body ?? '',
    revokeLink: invitationLink(config.publicUrl, token),
  });
  return { receipt, receiptName: receiptFileName(record) };
}

