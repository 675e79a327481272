/**
 * A migrant's documents (issue 10, door 3), behind /privacy/migrants/:id/documents. The rules are in
 * domain/documents; this is the glue: who may do what, the encryption and the reveal log.
 *
 * Where the bytes live, and why not in Directus's files: `directus_files` and its storage adapter keep a file as
 * it is uploaded, in plain text on disk (or in a bucket), with its name in the database, and its own endpoints
 * (/files, /assets, thumbnails) would serve and transform it under Directus's rules, not the reveal rule. So a
 * document never reaches Directus's files: the endpoint reads the upload into memory, checks it, and stores it in
 * the platform's own collection `migrant_documents`, the bytes (base64) and the file name each an enc1 value of the
 * envelope (domain/privacy/envelope.ts) under the migrant's own data key, bound to the document's row and field.
 * The one crypto path of the platform, so crypto-shredding (erasure deletes the data key) makes every copy of a
 * document unreadable at once, and rotation of the master keys needs nothing new. The collection has no permission
 * for any role: only these routes read it. What stays in plain text: the document type, the detected content type,
 * the size and when it was uploaded.
 *
 * The expiry date is personal data (GDPR art. 4(1): a fact about an identified person's identity document; with the
 * type and the nationality it narrows down which passport it is), so it is sealed like the file name: `expiry_sealed`
 * holds it as an enc1 value under the migrant's data key (bound to the row and the field `expiry_date`), and the
 * plain column `expiry_date` is no longer written (a row from before is sealed by the privacy hook's backfill,
 * sealLegacyExpiryDates). Nothing needs it in plain text: whether a document has expired is decided on read (the list,
 * a step's completeness) against today, after decrypting, and no scheduled job or query filters on it. The date
 * itself is shown by the reveal rule (the provider; a clerk with consent and an open task); everyone else who sees the
 * list sees only whether the document has one and whether it has expired (what a step's completeness needs).
 *
 * Who: every route first establishes that the caller sees the migrant with their own permissions (else 404, the
 * same as for a missing one). The migrant's provider adds and removes documents; listing shows the metadata to
 * anyone who sees the migrant; opening one is a reveal, decided by the same rule as the personal fields
 * (domain/privacy/reveal.ts: the provider always, a clerk with a signed consent and an open task of its
 * municipality that needs the data) and logged in the reveal log before the bytes leave.
 */
import type { Accountability } from '@directus/types';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isUuid } from '../../domain/consent/invitation';
import { todayInNetherlands } from '../../domain/dates';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_MAX_MEGABYTES,
  DOCUMENT_TYPE_LABELS,
  DOCUMENTS_COLLECTION,
  REQUIRED_DOCUMENTS,
  checkUpload,
  completeness,
  isDocumentType,
  isExpired,
  safeFileName,
  sniffDocumentType,
  type DocumentList,
  type DocumentSummary,
} from '../../domain/documents';
import { multipartBoundary, parseMultipart } from '../../domain/intake/multipart';
import {
  decideReveal,
  decryptValue,
  DecryptionError,
  encryptValue,
  generateDataKey,
  shieldedNotice,
  wrapDataKey,
  type KeyRing,
  type RevealDecision,
} from '../../domain/privacy';
import type { UiLanguage } from '../../domain/ui-language';
import { TASK_TYPES, type TaskType } from '../../domain/vocabulary';
import { idSlices } from '../db-statements';
import { Refused, Sent, header, type ApiRequest, type Reply } from '../http/seam';
import { readBody } from '../intake/imports';
import { rowsVisibleTo, type DataAccess } from '../items';
import { userLanguage } from '../language';
import { storeDataKeyOnce, unwrapCached, wrappedDataKey } from '../privacy/data-keys';
import { organisationOf, TASKS_NEEDING_DATA, viewerOf } from '../privacy/personal-data';
import { logReveal } from '../privacy/reveal-log';
import { dateOnly } from '../retention/facts';

export const DOCUMENTS = DOCUMENTS_COLLECTION;
const MIGRANTS = 'migrants';

interface MigrantFacts {
  id: string;
  provider: string | null;
  locationProvider: string | null;
}

/** The migrant, when the caller sees it with their own permissions; otherwise not_found (as for a missing one). */
async function visibleMigrant(
  access: DataAccess,
  accountability: Accountability | null | undefined,
  migrantId: string,
): Promise<MigrantFacts> {
  if (!accountability?.user && !accountability?.admin) throw new Refused({ code: 'not_signed_in' });
  if (!isUuid(migrantId)) throw new Refused({ code: 'not_found' });
  const seen = await rowsVisibleTo(access, MIGRANTS, accountability, {
    filter: { id: { _eq: migrantId } },
    fields: ['id'],
    limit: 1,
  });
  if (seen.length === 0) throw new Refused({ code: 'not_found' });
  const row = (await access
    .knex(MIGRANTS)
    .leftJoin('locations', 'locations.id', `${MIGRANTS}.current_location`)
    .select(`${MIGRANTS}.provider as provider`, 'locations.provider as location_provider')
    .where(`${MIGRANTS}.id`, migrantId)
    .first()) as { provider: string | null; location_provider: string | null } | undefined;
  if (!row) throw new Refused({ code: 'not_found' });
  return {
    id: migrantId,
    provider: row.provider === null ? null : String(row.provider),
    locationProvider: row.location_provider === null ? null : String(row.location_provider),
  };
}

interface Viewpoint {
  decision: RevealDecision;
  viewer: ReturnType<typeof viewerOf>;
  organisation: string | null;
  isProvider: boolean;
  task: string | null;
}

/** The reveal rule for this caller and this migrant (the facts gathered as for the personal fields). */
async function viewpoint(knex: Knex, accountability: Accountability, migrant: MigrantFacts): Promise<Viewpoint> {
  const viewer = viewerOf(accountability);
  const organisation = accountability.user ? await organisationOf(knex, accountability.user) : null;
  const isProvider =
    organisation !== null && (migrant.provider === organisation || migrant.locationProvider === organisation);
  let consented = false;
  let task: string | null = null;
  if (viewer === 'clerk' && organisation) {
    consented =
      (await knex('consents').select('id').where({ migrant: migrant.id, status: 'signed' }).first()) !== undefined;
    const open = (await knex('tasks')
      .select('id')
      .where({ migrant: migrant.id, status: 'open', owner_organisation: organisation })
      .whereIn('type', TASKS_NEEDING_DATA)
      .first()) as { id: string } | undefined;
    task = open ? String(open.id) : null;
  }
  const decision = decideReveal({
    viewer,
    viewerIsMigrantsProvider: isProvider,
    consent: consented ? { status: 'signed' } : null,
    municipalityHasOpenTaskNeedingData: task !== null,
  });
  return { decision, viewer, organisation, isProvider, task };
}

function providerOnly(point: Viewpoint): void {
  if (point.viewer !== 'provider' || !point.isProvider) throw new Refused({ code: 'documents_provider_only' });
}

/** The migrant's data key (a migrant from before the vault gets its first one). Use it at once. */
async function dataKeyOf(knex: Knex, ring: KeyRing, migrantId: string): Promise<Uint8Array> {
  let wrapped = await wrappedDataKey(knex, migrantId);
  wrapped ??= await storeDataKeyOnce(
    knex,
    migrantId,
    wrapDataKey(ring, generateDataKey(), { collection: MIGRANTS, id: migrantId }),
  );
  return unwrapCached(ring, wrapped, migrantId);
}

interface StoredDocument {
  id: string;
  migrant: string;
  type: string;
  content_type: string;
  size_bytes: number | string;
  expiry_date: unknown;
  expiry_sealed: string | null;
  uploaded_at: unknown;
}

const SUMMARY_COLUMNS = [
  'id',
  'migrant',
  'type',
  'content_type',
  'size_bytes',
  'expiry_date',
  'expiry_sealed',
  'uploaded_at',
];

/** The sealed expiry date of a document (the field it is bound to keeps its old name). */
function sealExpiry(dataKey: Uint8Array, documentId: string, expiryDate: string | null): string | null {
  return expiryDate === null
    ? null
    : encryptValue(dataKey, expiryDate, { collection: DOCUMENTS, field: 'expiry_date', id: documentId });
}

/** A document's expiry date: decrypted, or (a row from before sealing) as stored in plain text. */
function expiryOf(row: StoredDocument, dataKey: Uint8Array | null): string | null {
  if (row.expiry_sealed) {
    if (dataKey === null) return null;
    return decryptValue(dataKey, row.expiry_sealed, {
      collection: DOCUMENTS,
      field: 'expiry_date',
      id: String(row.id),
    });
  }
  return dateOnly(row.expiry_date);
}

/** The migrant's data key when any of these rows has a sealed expiry date (null when none has, or no key is left). */
async function expiryKey(knex: Knex, ring: KeyRing, migrantId: string, rows: StoredDocument[]) {
  if (!rows.some((row) => row.expiry_sealed)) return null;
  const wrapped = await wrappedDataKey(knex, migrantId);
  return wrapped ? unwrapCached(ring, wrapped, migrantId) : null;
}

/**
 * Seals the expiry dates stored in plain text before they were sealed (the privacy hook's backfill, every five
 * minutes until none is left): each row's date into expiry_sealed, the plain column emptied, one row per statement.
 */
export async function sealLegacyExpiryDates(ring: KeyRing, knex: Knex): Promise<number> {
  const rows = (await knex(DOCUMENTS)
    .select('id', 'migrant', 'expiry_date')
    .whereNotNull('expiry_date')
    .limit(1_000)) as Array<{ id: string; migrant: string; expiry_date: unknown }>;
  let sealed = 0;
  for (const row of rows) {
    const date = dateOnly(row.expiry_date);
    await knex.transaction(async (trx) => {
      const dataKey = await dataKeyOf(trx, ring, String(row.migrant));
      sealed += await trx(DOCUMENTS)
        .where({ id: row.id })
        .whereNotNull('expiry_date')
        .update({ expiry_date: null, expiry_sealed: sealExpiry(dataKey, String(row.id), date) });
    });
  }
  return sealed;
}

function timestamp(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = String(value);
  return new Date(text.includes('T') || text.includes('Z') ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}

function summary(
  row: StoredDocument,
  expiry: string | null,
  showDate: boolean,
  today: string,
  language: UiLanguage,
): DocumentSummary {
  const type = isDocumentType(row.type) ? row.type : 'identity_document';
  return {
    id: String(row.id),
    type,
    type_label: DOCUMENT_TYPE_LABELS[type][language],
    content_type: row.content_type,
    size_bytes: Number(row.size_bytes),
    expiry_date: showDate ? expiry : null,
    has_expiry: expiry !== null,
    expired: isExpired(expiry, today),
    uploaded_at: timestamp(row.uploaded_at),
  };
}

// ------------------------------------------------------------------------------------------------ routes

/** POST /privacy/migrants/:id/documents (multipart: file, type, expiry_date): the migrant's provider only. */
export async function uploadDocument(
  access: DataAccess,
  ring: KeyRing,
  migrantId: string,
  request: ApiRequest,
  now: Date = new Date(),
): Promise<DocumentSummary> {
  const accountability = request.accountability ?? null;
  const migrant = await visibleMigrant(access, accountability, migrantId);
  providerOnly(await viewpoint(access.knex, accountability!, migrant));
  const boundary = multipartBoundary(header(request, 'content-type'));
  if (boundary === null) throw new Refused({ code: 'invalid_input', field: 'file' });
  const body = await readBody(request, DOCUMENT_MAX_BYTES + 64 * 1024, {
    code: 'document_too_large',
    maxMegabytes: DOCUMENT_MAX_MEGABYTES,
  });
  const form = parseMultipart(body, boundary);
  const file = form?.files['file'];
  if (!form || !file) throw new Refused({ code: 'invalid_input', field: 'file' });
  const today = todayInNetherlands(now);
  const checked = checkUpload(
    { type: form.fields['type']?.trim(), bytes: file.data, expiryDate: form.fields['expiry_date'] ?? null },
    today,
  );
  if (!checked.ok) throw new Refused(checked.problem);
  const id = randomUUID();
  const name = safeFileName(file.filename, checked.document.contentType);
  const row = await access.knex.transaction(async (trx) => {
    const dataKey = await dataKeyOf(trx, ring, migrantId);
    const stored = {
      id,
      migrant: migrantId,
      type: checked.document.type,
      content_type: checked.document.contentType,
      size_bytes: file.data.length,
      expiry_date: null,
      expiry_sealed: sealExpiry(dataKey, id, checked.document.expiryDate),
      file_name: encryptValue(dataKey, name, { collection: DOCUMENTS, field: 'file_name', id }),
      content: encryptValue(dataKey, file.data.toString('base64'), { collection: DOCUMENTS, field: 'content', id }),
      uploaded_by: accountability!.user ?? null,
      uploaded_at: now,
    };
    await trx(DOCUMENTS).insert(stored);
    return stored;
  });
  const language = await userLanguage(access.knex, accountability, header(request, 'accept-language') ?? null);
  // the provider who uploaded it sees its date
  return summary(row as unknown as StoredDocument, checked.document.expiryDate, true, today, language);
}

/** GET /privacy/migrants/:id/documents: the metadata (never the bytes or the file name), and the completeness. */
export async function listDocuments(
  access: DataAccess,
  ring: KeyRing,
  migrantId: string,
  request: ApiRequest,
  now: Date = new Date(),
): Promise<DocumentList> {
  const accountability = request.accountability ?? null;
  const migrant = await visibleMigrant(access, accountability, migrantId);
  const point = await viewpoint(access.knex, accountability!, migrant);
  const language = await userLanguage(access.knex, accountability, header(request, 'accept-language') ?? null);
  const today = todayInNetherlands(now);
  const rows = (await access
    .knex(DOCUMENTS)
    .select(...SUMMARY_COLUMNS)
    .where('migrant', migrantId)
    .orderBy('uploaded_at', 'desc')) as StoredDocument[];
  const dataKey = await expiryKey(access.knex, ring, migrantId, rows);
  const expiries = rows.map((row) => expiryOf(row, dataKey));
  const documents = rows.map((row, index) => summary(row, expiries[index]!, point.decision.reveal, today, language));
  const facts = documents.map((document, index) => ({ type: document.type, expiryDate: expiries[index]! }));
  const perStep: DocumentList['completeness'] = {};
  for (const task of TASK_TYPES) {
    if (REQUIRED_DOCUMENTS[task].length === 0) continue;
    const result = completeness(task, facts, today);
    perStep[task] = {
      complete: result.complete,
      requirements: result.requirements.map((requirement) => ({
        id: requirement.id,
        label: requirement.label[language],
        met: requirement.met,
        expired: requirement.expired,
      })),
    };
  }
  return {
    documents,
    may_open: point.decision.reveal,
    shielded: point.decision.reveal
      ? null
      : { reason: point.decision.reason, notice: shieldedNotice(point.decision.reason, language) },
    may_upload: point.viewer === 'provider' && point.isProvider,
    completeness: perStep,
  };
}

async function storedDocument(knex: Knex, migrantId: string, documentId: string): Promise<StoredDocument> {
  if (!isUuid(documentId)) throw new Refused({ code: 'not_found' });
  const row = (await knex(DOCUMENTS)
    .select(...SUMMARY_COLUMNS)
    .where({ id: documentId, migrant: migrantId })
    .first()) as StoredDocument | undefined;
  if (!row) throw new Refused({ code: 'not_found' });
  return row;
}

/**
 * GET /privacy/migrants/:id/documents/:document: the file itself, decrypted, as an attachment of the type its
 * content was found to be. A reveal: refused when the rule shields it, logged before the bytes leave.
 */
export async function downloadDocument(
  access: DataAccess,
  ring: KeyRing,
  migrantId: string,
  documentId: string,
  request: ApiRequest,
  reply: Reply,
): Promise<Sent> {
  const accountability = request.accountability ?? null;
  const migrant = await visibleMigrant(access, accountability, migrantId);
  const row = await storedDocument(access.knex, migrantId, documentId);
  const point = await viewpoint(access.knex, accountability!, migrant);
  if (!point.decision.reveal) throw new Refused({ code: 'document_shielded', shield: point.decision.reason });
  const sealed = (await access.knex(DOCUMENTS).select('content', 'file_name').where('id', row.id).first()) as
    { content: string; file_name: string | null } | undefined;
  if (!sealed) throw new Refused({ code: 'not_found' });
  await logReveal(access.knex, {
    viewer: accountability!.user ?? null,
    viewerRole: point.viewer,
    municipality: point.viewer === 'clerk' ? point.organisation : null,
    migrant: migrantId,
    fields: [`document:${row.type}`],
    task: point.task,
    basis: point.decision.basis,
    reason: null,
    occurredAt: new Date(),
  });
  let bytes: Buffer;
  let name: string;
  try {
    const dataKey = await dataKeyOf(access.knex, ring, migrantId);
    bytes = Buffer.from(
      decryptValue(dataKey, sealed.content, { collection: DOCUMENTS, field: 'content', id: row.id }),
      'base64',
    );
    name = sealed.file_name
      ? decryptValue(dataKey, sealed.file_name, { collection: DOCUMENTS, field: 'file_name', id: row.id })
      : 'document';
  } catch (error) {
    if (error instanceof DecryptionError) throw new Refused({ code: 'not_found' });
    throw error;
  }
  // what was stored was checked on the way in; checked again, so nothing else is ever served under a document's type
  const contentType = sniffDocumentType(bytes);
  if (contentType === null) throw new Refused({ code: 'not_found' });
  const fileName = safeFileName(name, contentType);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  reply.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  reply.setHeader('X-Content-Type-Options', 'nosniff');
  reply.setHeader('Cache-Control', 'no-store');
  reply.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  return new Sent(contentType, bytes);
}

/** DELETE /privacy/migrants/:id/documents/:document: the migrant's provider only. */
export async function deleteDocument(
  access: DataAccess,
  migrantId: string,
  documentId: string,
  request: ApiRequest,
): Promise<{ id: string }> {
  const accountability = request.accountability ?? null;
  const migrant = await visibleMigrant(access, accountability, migrantId);
  const row = await storedDocument(access.knex, migrantId, documentId);
  providerOnly(await viewpoint(access.knex, accountability!, migrant));
  await access.knex(DOCUMENTS).where({ id: row.id, migrant: migrantId }).delete();
  return { id: row.id };
}

// ------------------------------------------------------------------------------------------------ erasure, export

/** Erasure: the documents of these migrants go with them (their data key is already destroyed). Returns how many. */
export async function eraseDocuments(trx: Knex, migrantIds: readonly string[]): Promise<number> {
  let erased = 0;
  for (const chunk of idSlices(migrantIds)) erased += await trx(DOCUMENTS).whereIn('migrant', chunk).delete();
  return erased;
}

/** The access export's list of documents: what they are and when, not the bytes (the person may ask for a copy). */
export async function exportedDocuments(
  knex: Knex,
  ring: KeyRing,
  migrantId: string,
): Promise<Array<Record<string, string | number | null>>> {
  const rows = (await knex(DOCUMENTS)
    .select(...SUMMARY_COLUMNS)
    .where('migrant', migrantId)) as StoredDocument[];
  const dataKey = await expiryKey(knex, ring, migrantId, rows);
  return rows.map((row) => ({
    type: row.type,
    content_type: row.content_type,
    size_bytes: Number(row.size_bytes),
    expiry_date: expiryOf(row, dataKey),
    uploaded_at: timestamp(row.uploaded_at),
  }));
}
