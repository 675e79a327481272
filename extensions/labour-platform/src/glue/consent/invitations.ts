/**
 * Consent invitations: a token of which only an argon2id hash is stored, handed to the mail Flow (or printed as a
 * letter, ./letters.ts), withdrawn by an administrator, expired when its date has passed.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isSupportedLanguage, type SupportedLanguage } from '../../domain/languages';
import { escapeHtml } from '../../domain/html';
import { CONSENT_MESSAGES, fill, formatDate } from '../../domain/consent/i18n';
import {
  generateInvitationToken,
  invitationExpiry,
  invitationLink,
  isUuid,
  timeOf,
} from '../../domain/consent/invitation';
import type { ConsentMigrantFacts } from '../../domain/migrant-facts';
import { Refused } from '../http/seam';
import type { DataAccess, Row } from '../items';
import { CONSENT_REQUEST_MARKER } from '../retention/dev-mail';
import { consentConfig } from './config';
import { consentRow, migrantFacts } from './rows';
import { hashToken } from './token-hash';

export type Emit = (event: string, payload: Record<string, unknown>) => void;
export const INVITATION_EVENT = 'consent.invitation';

/** What emits an action event: Directus's global emitter, or an extension's own. */
export interface ActionEmitter {
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
      if (!emitter)
        warn(`Consent: Directus's global emitter was not found; the Flow listening to ${event} does not run.`);
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
export async function issueToken(
  knex: Knex,
  consentId: string,
  channel: Channel,
  now: Date = new Date(),
): Promise<IssuedInvitation | null> {
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
export async function consentRequestFor(
  access: DataAccess,
  migrantId: string,
  now: Date = new Date(),
): Promise<string> {
  const existing = (await access
    .knex('consents')
    .select('id')
    .where('migrant', migrantId)
    .orderBy([
      { column: 'date_created', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as { id: string } | undefined;
  if (existing) return existing.id;
  const facts = await migrantFacts(access, migrantId);
  const id = randomUUID();
  await access.knex('consents').insert({
    id,
    migrant: migrantId,
    status: 'requested',
    language: facts?.language ?? 'en',
    requested_at: now,
    failed_attempts: 0,
    date_created: now,
  });
  return id;
}

function invitationMail(
  consentId: string,
  language: SupportedLanguage,
  facts: ConsentMigrantFacts,
  link: string,
  expiresAt: Date,
): { subject: string; html: string; text: string } {
  const m = CONSENT_MESSAGES[language].mail;
  const provider = facts.providerName ?? CONSENT_MESSAGES[language].page.yourProvider;
  const greeting = fill(m.greeting, { name: facts.firstName });
  const body = fill(m.body, { provider });
  const expires = fill(m.expires, { date: formatDate(language, expiresAt) });
  const dir = 'ltr';
  const html = [
    // the consent request's id (no personal data): the development mail stand-in files the message under it, so
    // erasing the person removes the copies of its invitations (glue/retention/dev-mail.ts)
    `<div lang="${language}" dir="${dir}" ${CONSENT_REQUEST_MARKER}="${escapeHtml(consentId)}" style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 560px">`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(body)}</p>`,
    `<p><a href="${escapeHtml(link)}" style="display: inline-block; background: #154273; color: #ffffff; padding: 12px 20px; text-decoration: none; border-radius: 4px">${escapeHtml(m.button)}</a></p>`,
    `<p style="word-break: break-all">${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(expires)}</p>`,
    `<p style="color: #555">${escapeHtml(m.ignore)}</p>`,
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
export async function sendInvitation(
  access: DataAccess,
  emit: Emit,
  consentId: string,
  now: Date = new Date(),
): Promise<InvitationOutcome> {
  const row = await consentRow(access.knex, consentId);
  if (!row?.migrant) return { consent: consentId, sent: false, reason: 'no_migrant' };
  const facts = await migrantFacts(access, row.migrant);
  if (!facts) return { consent: consentId, sent: false, reason: 'no_migrant' };
  if (!facts.email) return { consent: consentId, sent: false, reason: 'no_email' };
  const language = isSupportedLanguage(row.language) ? row.language : facts.language;
  const issued = await issueToken(access.knex, consentId, { channel: 'email' }, now);
  if (!issued) return { consent: consentId, sent: false, reason: 'closed' };
  const mail = invitationMail(consentId, language, facts, issued.link, issued.expiresAt);
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
export async function inviteNewMigrant(
  access: DataAccess,
  emit: Emit,
  migrantId: string,
  now: Date = new Date(),
): Promise<InvitationOutcome | null> {
  const facts = await migrantFacts(access, migrantId);
  if (!facts?.email) return null;
  // idempotent (the outbox may run this twice): a request already sent, or closed, is left alone; one created but
  // not yet sent (a crash between the two) is sent now
  const existing = (await access
    .knex('consents')
    .select('id', 'status', 'sent_at')
    .where('migrant', migrantId)
    .first()) as { id: string; status: string; sent_at: unknown } | undefined;
  if (existing && (existing.sent_at !== null || existing.status !== 'requested')) return null;
  const consent = existing?.id ?? (await consentRequestFor(access, migrantId, now));
  return sendInvitation(access, emit, consent, now);
}

/** An administrator withdraws an open invitation: its link stops working at once. A decision is never changed. */
export async function withdrawInvitation(knex: Knex, consentId: string, now: Date = new Date()): Promise<boolean> {
  const updated = await knex('consents')
    .where('id', consentId)
    .where('status', 'requested')
    .update({ token_hash: null, withdrawn_at: now, status: 'expired' });
  return updated > 0;
}

/** Open requests past their date: status expired (the token already stopped working at expires_at). */
export async function expireInvitations(knex: Knex, now: Date = new Date()): Promise<number> {
  // Compared here, not in SQL: SQLite holds times as epoch ms or as text, depending on who wrote them.
  const open = (await knex('consents')
    .select('id', 'expires_at')
    .where('status', 'requested')
    .whereNotNull('expires_at')) as Array<{ id: string; expires_at: string | number | Date }>;
  const due = open.filter((row) => (timeOf(row.expires_at) ?? Infinity) <= now.getTime()).map((row) => row.id);
  for (let index = 0; index < due.length; index += 500)
    await knex('consents')
      .whereIn('id', due.slice(index, index + 500))
      .update({ status: 'expired' });
  return due.length;
}

// ------------------------------------------------------------------ one call per entry point (refusals are the seam's)

/** Administrators: a new link for a consent request, handed to the e-mail flow. */
export async function resendInvitation(access: DataAccess, emit: Emit, id: string | undefined) {
  if (!isUuid(id)) throw new Refused({ code: 'not_found' });
  const outcome = await sendInvitation(access, emit, id);
  if (!outcome.sent)
    throw new Refused({
      code: outcome.reason === 'no_email' || outcome.reason === 'closed' ? outcome.reason : 'not_found',
    });
  return { consent: outcome.consent, sent: true, event: INVITATION_EVENT };
}

/** Administrators: the link stops working at once. */
export async function withdrawnInvitation(knex: Knex, id: string | undefined) {
  if (!isUuid(id)) throw new Refused({ code: 'not_found' });
  if (!(await withdrawInvitation(knex, id))) throw new Refused({ code: 'not_withdrawn' });
  return { consent: id, withdrawn: true };
}

/** The flow buttons on consent requests (administrators): resend or withdraw each invitation, and what became of it. */
export async function invitationAction(
  access: DataAccess,
  emit: Emit,
  action: 'resend' | 'withdraw',
  consents: string[],
): Promise<Array<{ consent: string; done: boolean; reason?: string }>> {
  const results: Array<{ consent: string; done: boolean; reason?: string }> = [];
  for (const consent of consents) {
    if (action === 'withdraw') results.push({ consent, done: await withdrawInvitation(access.knex, consent) });
    else {
      const outcome = await sendInvitation(access, emit, consent);
      results.push({ consent, done: outcome.sent, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    }
  }
  return results;
}

/** A consent request created in the admin app (status requested, no link yet) gets its invitation. */
export async function inviteCreatedConsent(access: DataAccess, emit: Emit, key: unknown, payload: Row): Promise<void> {
  if (
    typeof key !== 'string' ||
    (payload['status'] !== undefined && payload['status'] !== 'requested') ||
    payload['token_hash']
  )
    return;
  consentConfig();
  await sendInvitation(access, emit, key);
}

/** A new migrant's invitation, from the outbox (idempotent: done twice, it invites once). */
export async function inviteRegisteredMigrant(access: DataAccess, emit: Emit, migrant: string | null): Promise<void> {
  if (!migrant) return;
  consentConfig();
  await inviteNewMigrant(access, emit, migrant);
}
