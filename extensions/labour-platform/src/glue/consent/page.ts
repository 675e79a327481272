/**
 * The public consent page's work, after the endpoint's checks: the token a link carries, the session the page
 * shows, the date-of-birth check, and sign/refuse/revoke with their signed, chained evidence and receipts.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isSupportedLanguage, SUPPORTED_LANGUAGE_CODES, type SupportedLanguage } from '../../domain/languages';
import { createEvidence, type ConsentEvidence } from '../../domain/consent/evidence';
import {
  birthDateFrom,
  consentIdOfToken,
  generateInvitationToken,
  invitationLink,
  MAX_BIRTH_DATE_ATTEMPTS,
  sameBirthDate,
  timeOf,
  tokenUse,
  typedFullName,
  type TokenUse,
} from '../../domain/consent/invitation';
import { buildReceipt, CERTIFICATE_PATH, certificateNote, receiptFileName } from '../../domain/consent/receipt';
import { buildReadableReceipt, readableReceiptFileName } from '../../domain/consent/receipt-page';
import { storedNoticeSettings } from '../../domain/consent/privacy-notice';
import { parseConsentRecord, pseudonym, type ConsentAction, type ConsentRecord } from '../../domain/consent/record';
import type { ConsentActResult, ConsentReceipts, ConsentSession } from '../../domain/consent/session';
import type { ConsentMigrantFacts } from '../../domain/migrant-facts';
import { isPostgres } from '../db-locks';
import { Refused } from '../http/seam';
import type { DataAccess } from '../items';
import { consentConfig } from './config';
import { channelOf, consentRow, migrantFacts, municipalityContact, publishedText, type ConsentRow } from './rows';
import { hashToken, verifyToken } from './token-hash';

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

export async function sessionView(
  access: DataAccess,
  resolved: ResolvedToken,
  requestedLanguage: unknown,
): Promise<ConsentSession> {
  const { row, use } = resolved;
  const facts = row.migrant ? await migrantFacts(access, row.migrant) : null;
  const own: SupportedLanguage = isSupportedLanguage(row.language) ? row.language : (facts?.language ?? 'en');
  const language = isSupportedLanguage(requestedLanguage) ? requestedLanguage : own;
  // After signing, the page shows the version that was signed; before, the current published one.
  const notice = facts?.privacyNotice ?? null;
  const text = await publishedText(
    access.knex,
    language,
    use === 'revoke' && row.text_version ? row.text_version : undefined,
    notice,
  );
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
    help: municipalityContact(facts),
  };
}

/**
 * Checks the typed date of birth against the (decrypted) stored one. Every check first takes an attempt in one
 * conditional UPDATE (only while fewer than MAX_BIRTH_DATE_ATTEMPTS and not locked), and a right date gives it
 * back: however many checks run at once, at most five wrong dates are ever weighed, and once five are counted
 * every further check, a right one included, is refused. The fifth wrong date locks the token.
 */
export async function checkBirthDate(
  access: DataAccess,
  resolved: ResolvedToken,
  typed: unknown,
  now: Date = new Date(),
): Promise<void> {
  const parts = (typed ?? {}) as { day?: unknown; month?: unknown; year?: unknown };
  const date = birthDateFrom({ day: parts.day, month: parts.month, year: parts.year }, now);
  if (date === null) throw new Refused({ code: 'invalid_input', field: 'date_of_birth' });
  const id = resolved.row.id;
  const taken = await access
    .knex('consents')
    .where('id', id)
    .whereNull('locked_at')
    .andWhere((query) => query.where('failed_attempts', '<', MAX_BIRTH_DATE_ATTEMPTS).orWhereNull('failed_attempts'))
    .update({ failed_attempts: access.knex.raw('coalesce(failed_attempts, 0) + 1') });
  // no attempt left: the link is locked (or is being locked right now), and a locked link answers as any dead link
  if (taken === 0) throw new Refused({ code: 'invalid_link' });
  const facts = resolved.row.migrant ? await migrantFacts(access, resolved.row.migrant) : null;
  if (facts?.dateOfBirth && sameBirthDate(date, facts.dateOfBirth)) {
    await access
      .knex('consents')
      .where('id', id)
      .update({ failed_attempts: access.knex.raw('failed_attempts - 1') });
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
  record: ConsentRecord;
  /** What the page gets back. */
  result: ConsentActResult;
}

/** Both receipt files of a record: the readable page and the verifiable evidence, in the given language. */
function receipts(
  input: {
    language: SupportedLanguage;
    record: ConsentRecord;
    canonical: string;
    signature: string;
    title: string;
    body: string;
    revokeLink: string | null;
  },
  facts: ConsentMigrantFacts | null,
): ConsentReceipts {
  const config = consentConfig();
  const certificateUrl = `${config.publicUrl}${CERTIFICATE_PATH}`;
  const receipt = buildReceipt({ ...input, certificatePem: config.signer.certificatePem, certificateUrl });
  const readableReceipt = buildReadableReceipt({
    language: input.language,
    record: input.record,
    providerName: facts?.providerName ?? null,
    municipalityName: facts?.municipalityName ?? null,
    help: municipalityContact(facts),
    title: input.title,
    body: input.body,
    revokeLink: input.revokeLink,
    evidence: receipt,
  });
  return {
    readableReceipt,
    readableReceiptName: readableReceiptFileName(input.record),
    receipt,
    receiptName: receiptFileName(input.record),
    certificateNote: certificateNote(input.language, config.signer.certificatePem, certificateUrl),
  };
}

/**
 * Sign, refuse or revoke, with the typed date of birth already checked: one transaction writes the new status
 * (the municipality's view follows at once) and the signed record that continues the migrant's chain.
 */
export async function act(
  access: DataAccess,
  resolved: ResolvedToken,
  action: ConsentAction,
  input: ActInput,
  now: Date = new Date(),
): Promise<ActOutcome> {
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
  const notice = (await migrantFacts(access, row.migrant))?.privacyNotice ?? null;
  const text = await publishedText(
    access.knex,
    language,
    action === 'revoke' && row.text_version ? row.text_version : undefined,
    notice,
  );
  if (!text || text.sha256 !== input.textSha256) throw new Refused({ code: 'text_changed' });

  const revokeToken = action === 'sign' ? generateInvitationToken(row.id) : null;
  const revokeHash = revokeToken ? await hashToken(revokeToken) : null;
  const subject = pseudonym(config.pseudonymSecret, row.migrant);
  const at = new Date(Math.floor(now.getTime()));

  const evidence = await access.knex.transaction(async (trx): Promise<ConsentEvidence> => {
    // One chain per migrant: serialise its writers (PostgreSQL row lock; SQLite serialises transactions).
    if (isPostgres(trx)) await trx('migrants').select('id').where('id', row.migrant).forUpdate();
    const current = (await trx('consents').where('id', row.id).first()) as ConsentRow | undefined;
    if (
      !current ||
      current.token_hash !== row.token_hash ||
      current.status !== row.status ||
      current.locked_at !== null
    )
      throw new Refused({ code: 'invalid_link' });
    const last = (await trx('consent_records')
      .select('record', 'sequence')
      .where('chain', subject)
      .orderBy('sequence', 'desc')
      .first()) as { record: string; sequence: number | string } | undefined;
    const previous = last ? parseConsentRecord(last.record) : null;
    const channel = channelOf(current);
    const made = createEvidence(
      previous,
      {
        action,
        at: at.toISOString(),
        language,
        textVersion: text.version,
        textSha256: text.sha256,
        subject,
        consent: row.id,
        ...(channel ? { channel } : {}),
      },
      config.signer,
    );
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
      // what the notice in the signed text was filled with: a later receipt shows that text, not today's settings
      privacy_notice: notice ? JSON.stringify(notice) : null,
    });
    const update: Record<string, unknown> =
      action === 'sign'
        ? {
            status: 'signed',
            signed_at: at,
            revoked_at: null,
            refused_at: null,
            token_hash: revokeHash,
            text_version: text.version,
            language,
            expires_at: current.expires_at,
          }
        : action === 'refuse'
          ? { status: 'refused', refused_at: at, token_hash: null, text_version: text.version, language }
          : { status: 'revoked', revoked_at: at, token_hash: null };
    await trx('consents').where('id', row.id).update(update);
    return made;
  });

  const revokeLink = revokeToken ? invitationLink(config.publicUrl, revokeToken) : null;
  const facts = await migrantFacts(access, row.migrant);
  const files = receipts(
    {
      language,
      record: evidence.record,
      canonical: evidence.canonical,
      signature: evidence.signature,
      title: text.title,
      body: text.body,
      revokeLink,
    },
    facts,
  );
  return { record: evidence.record, result: { action, at: evidence.record.at, ...files, revokeLink, revokeToken } };
}

/**
 * The receipt of the signature again, for the holder of the revocation link: the readable part in the language the
 * page shows now (a supported one), else in the language of the signature; the signed text as it was signed.
 */
export async function signedReceipt(
  access: DataAccess,
  resolved: ResolvedToken,
  token: string,
  requestedLanguage?: unknown,
): Promise<ConsentReceipts> {
  if (resolved.use !== 'revoke') throw new Refused({ code: 'conflict' });
  const config = consentConfig();
  const stored = (await access
    .knex('consent_records')
    .select('record', 'signature', 'privacy_notice')
    .where({ consent: resolved.row.id, action: 'sign' })
    .orderBy('sequence', 'desc')
    .first()) as { record: string; signature: string; privacy_notice: string | null } | undefined;
  if (!stored) throw new Refused({ code: 'invalid_link' });
  const record = parseConsentRecord(stored.record);
  const signedIn = isSupportedLanguage(record.language) ? record.language : 'en';
  const language = isSupportedLanguage(requestedLanguage) ? requestedLanguage : signedIn;
  const facts = resolved.row.migrant ? await migrantFacts(access, resolved.row.migrant) : null;
  // the notice as it was filled when the migrant signed (records from before it was kept: today's settings)
  const notice = storedNoticeSettings(stored.privacy_notice) ?? facts?.privacyNotice ?? null;
  const text =
    (await publishedText(access.knex, language, record.textVersion, notice)) ??
    (await publishedText(access.knex, signedIn, record.textVersion, notice));
  return receipts(
    {
      language,
      record,
      canonical: stored.record,
      signature: stored.signature,
      title: text?.title ?? '',
      body: text?.body ?? '',
      revokeLink: invitationLink(config.publicUrl, token),
    },
    facts,
  );
}
