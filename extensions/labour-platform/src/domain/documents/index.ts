/**
 * A migrant's documents (issue 10, door 3): what a municipality desk asks to see to register someone. The rules are
 * here: which kinds there are, what a file really is (its first bytes, never its name or the MIME type the sender
 * declared), the size limit, the expiry date of an identity document, and which documents each BRP step needs.
 * The glue (glue/documents) stores them encrypted with the migrant's data key. Plain module: no Directus import.
 */
import { isCalendarDate } from '../dates';
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';
import type { TaskType } from '../vocabulary';

/** The platform's own collection of documents (the bytes and the file name encrypted; no role reads it directly). */
export const DOCUMENTS_COLLECTION = 'migrant_documents';

export const DOCUMENT_TYPES = [
  'identity_document',
  'employment_contract',
  'rental_contract',
  'host_statement',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** The largest file accepted (a scan or a photo of a document; its ciphertext is about 1.8 times as large). */
export const DOCUMENT_MAX_MEGABYTES = 5;
export const DOCUMENT_MAX_BYTES = DOCUMENT_MAX_MEGABYTES * 1024 * 1024;

/** Document types that carry an expiry date, which is then required. */
export const EXPIRING_TYPES: ReadonlySet<DocumentType> = new Set<DocumentType>(['identity_document']);

export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, LocalisedText>> = {
  identity_document: localised('Identiteitsbewijs', 'Identity document'),
  employment_contract: localised('Arbeidsovereenkomst', 'Employment contract'),
  rental_contract: localised('Huurovereenkomst', 'Rental contract'),
  host_statement: localised('Verklaring van inwoning', 'Host statement'),
};

// ------------------------------------------------------------------------------------------------ content type

export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: ReadonlyArray<{ type: DocumentContentType; extension: string; bytes: readonly number[] }> = [
  { type: 'application/pdf', extension: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', extension: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', extension: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * What the file is, read from its first bytes (its "magic number"): a PDF, a JPEG or a PNG; null for anything else
 * (a program renamed `.pdf`, an office file, a text). The name and the declared MIME type play no part.
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentContentType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length < signature.bytes.length) continue;
    if (signature.bytes.every((byte, index) => bytes[index] === byte)) return signature.type;
  }
  return null;
}

/** The file name extension that belongs to a content type (for a download's name). */
export function extensionOf(type: DocumentContentType): string {
  return SIGNATURES.find((signature) => signature.type === type)!.extension;
}

/** A file name safe for a Content-Disposition header: no path, no control characters, at most 120 characters. */
export function safeFileName(name: string, type: DocumentContentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 120);
  const extension = extensionOf(type);
  if (base === '') return `document.${extension}`;
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

// ------------------------------------------------------------------------------------------------ an upload

export type DocumentProblem =
  | { code: 'document_wrong_type' }
  | { code: 'document_empty' }
  | { code: 'document_too_large'; maxMegabytes: number }
  | { code: 'document_expiry_required' }
  | { code: 'document_expired' }
  | { code: 'document_invalid_type' };

export interface DocumentUpload {
  type: unknown;
  bytes: Uint8Array;
  /** yyyy-mm-dd, or empty. */
  expiryDate: string | null;
}

export interface AcceptedDocument {
  type: DocumentType;
  contentType: DocumentContentType;
  expiryDate: string | null;
}

/**
 * Whether an upload is accepted (the first problem found), `today` the date in the Netherlands. The document type is
 * checked first, then the size, then the content, then the expiry date: an identity document needs one, and one that
 * has passed (before today) is refused; a type without an expiry date ignores one that is sent.
 */
export function checkUpload(
  upload: DocumentUpload,
  today: string,
): { ok: true; document: AcceptedDocument } | { ok: false; problem: DocumentProblem } {
  if (!isDocumentType(upload.type)) return { ok: false, problem: { code: 'document_invalid_type' } };
  if (upload.bytes.length === 0) return { ok: false, problem: { code: 'document_empty' } };
  if (upload.bytes.length > DOCUMENT_MAX_BYTES)
    return { ok: false, problem: { code: 'document_too_large', maxMegabytes: DOCUMENT_MAX_MEGABYTES } };
  const contentType = sniffDocumentType(upload.bytes);
  if (contentType === null) return { ok: false, problem: { code: 'document_wrong_type' } };
  let expiryDate: string | null = null;
  if (EXPIRING_TYPES.has(upload.type)) {
    const given = upload.expiryDate?.trim() ?? '';
    if (!isCalendarDate(given)) return { ok: false, problem: { code: 'document_expiry_required' } };
    if (isExpired(given, today)) return { ok: false, problem: { code: 'document_expired' } };
    expiryDate = given;
  }
  return { ok: true, document: { type: upload.type, contentType, expiryDate } };
}

/** Whether a document with this expiry date has expired on `today` (it is valid through its expiry date). */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

/** The refusals of the document endpoints (their HTTP status is in glue/http/seam.ts). */
export type DocumentRefusal =
  DocumentProblem | { code: 'document_shielded'; shield: string } | { code: 'documents_provider_only' };

export const DOCUMENT_REFUSAL_CODES: ReadonlySet<string> = new Set<DocumentRefusal['code']>([
  'document_wrong_type',
  'document_empty',
  'document_too_large',
  'document_expiry_required',
  'document_expired',
  'document_invalid_type',
  'document_shielded',
  'documents_provider_only',
]);

export function documentRefusalMessage(refusal: DocumentRefusal, lang: UiLanguage): string {
  switch (refusal.code) {
    case 'document_wrong_type':
      return localised(
        'Dit bestand is geen PDF, JPEG of PNG (de inhoud is gecontroleerd, niet de naam).',
        'This file is not a PDF, JPEG or PNG (its content was checked, not its name).',
      )[lang];
    case 'document_empty':
      return localised('Dit bestand is leeg.', 'This file is empty.')[lang];
    case 'document_too_large':
      return localised(
        `Dit bestand is te groot (meer dan ${refusal.maxMegabytes} MB).`,
        `This file is too large (more than ${refusal.maxMegabytes} MB).`,
      )[lang];
    case 'document_expiry_required':
      return localised(
        'Vul de vervaldatum van het identiteitsbewijs in.',
        'Fill in the expiry date of the identity document.',
      )[lang];
    case 'document_expired':
      return localised(
        'Dit identiteitsbewijs is verlopen; een verlopen document wordt niet aangenomen.',
        'This identity document has expired; an expired document is not accepted.',
      )[lang];
    case 'document_invalid_type':
      return localised(
        'Kies het soort document: identiteitsbewijs, arbeidsovereenkomst, huurovereenkomst of verklaring van inwoning.',
        'Choose the kind of document: identity document, employment contract, rental contract or host statement.',
      )[lang];
    case 'document_shielded':
      return localised(
        'Dit document is afgeschermd: u mag het niet openen (machtiging en een openstaande taak zijn nodig).',
        'This document is shielded: you may not open it (a consent and an open task are needed).',
      )[lang];
    case 'documents_provider_only':
      return localised(
        'Alleen de huisvester van deze arbeidsmigrant voegt documenten toe of verwijdert ze.',
        'Only the housing provider of this labour migrant adds or removes documents.',
      )[lang];
  }
}

// ------------------------------------------------------------------------------------------------ completeness

export type RequirementId = 'identity' | 'address';

export interface DocumentRequirement {
  id: RequirementId;
  /** Any one of these, unexpired, meets the requirement. */
  anyOf: readonly DocumentType[];
  label: LocalisedText;
}

const IDENTITY: DocumentRequirement = {
  id: 'identity',
  anyOf: ['identity_document'],
  label: localised('Geldig identiteitsbewijs', 'Valid identity document'),
};
const ADDRESS: DocumentRequirement = {
  id: 'address',
  anyOf: ['rental_contract', 'host_statement'],
  label: localised('Huurovereenkomst of verklaring van inwoning', 'Rental contract or host statement'),
};

/**
 * What each BRP step needs (domain/brp/machine.ts names the steps): assessing the status needs to know who the
 * person is; scheduling, confirming and holding the desk appointment (registration) need the identity document and
 * proof of the address. A departure needs no document. The employment contract is kept but required by no step.
 */
export const REQUIRED_DOCUMENTS: Readonly<Record<TaskType, readonly DocumentRequirement[]>> = {
  assess_status: [IDENTITY],
  schedule: [IDENTITY, ADDRESS],
  confirm_appointment: [IDENTITY, ADDRESS],
  register: [IDENTITY, ADDRESS],
  report_departure: [],
  deregister: [],
  handle_warning: [],
};

export interface StoredDocumentFacts {
  type: DocumentType;
  expiryDate: string | null;
}

export interface RequirementStatus {
  id: RequirementId;
  label: LocalisedText;
  met: boolean;
  /** Not met, but a document of the right type is there and has expired. */
  expired: boolean;
}

export interface Completeness {
  complete: boolean;
  requirements: RequirementStatus[];
}

/** Which of a step's requirements the migrant's documents meet on `today` (an expired document meets none). */
export function completeness(task: TaskType, documents: readonly StoredDocumentFacts[], today: string): Completeness {
  const requirements = (REQUIRED_DOCUMENTS[task] ?? []).map((requirement): RequirementStatus => {
    const matching = documents.filter((document) => requirement.anyOf.includes(document.type));
    const met = matching.some((document) => !isExpired(document.expiryDate, today));
    return { id: requirement.id, label: requirement.label, met, expired: !met && matching.length > 0 };
  });
  return { complete: requirements.every((requirement) => requirement.met), requirements };
}

// ------------------------------------------------------------------------------------------------ the answers

/** A document as the list and the upload answer it: never the bytes or the file name. */
export interface DocumentSummary {
  id: string;
  type: DocumentType;
  type_label: string;
  content_type: string;
  size_bytes: number;
  /** The expiry date, for a caller the reveal rule lets see the person's data; else null (see has_expiry). */
  expiry_date: string | null;
  /** Whether the document has an expiry date at all (an identity document has one). */
  has_expiry: boolean;
  /** Decided by the platform on the sealed date, for every caller who sees the list. */
  expired: boolean;
  uploaded_at: string | null;
}

/** GET /privacy/migrants/:id/documents. */
export interface DocumentList {
  documents: DocumentSummary[];
  /** Whether the caller may open the documents (the reveal rule), and if not, why. */
  may_open: boolean;
  shielded: { reason: string; notice: string } | null;
  may_upload: boolean;
  /** Per BRP step that needs documents: which requirements the documents meet today. */
  completeness: Partial<
    Record<
      TaskType,
      { complete: boolean; requirements: Array<{ id: string; label: string; met: boolean; expired: boolean }> }
    >
  >;
}

// ------------------------------------------------------------------------------------------------ the panel's texts

export const DOCUMENT_PANEL_TEXTS = {
  heading: localised('Documenten', 'Documents'),
  none: localised('Nog geen documenten.', 'No documents yet.'),
  loading: localised('Documenten laden…', 'Loading documents…'),
  open: localised('Openen', 'Open'),
  remove: localised('Verwijderen', 'Remove'),
  add: localised('Document toevoegen', 'Add document'),
  kind: localised('Soort document', 'Kind of document'),
  file: localised('Bestand (PDF, JPEG of PNG, hoogstens 5 MB)', 'File (PDF, JPEG or PNG, at most 5 MB)'),
  chooseFile: localised('Kies eerst een bestand.', 'Choose a file first.'),
  expiry: localised('Vervaldatum', 'Expiry date'),
  expired: localised('Verlopen', 'Expired'),
  validUntil: localised('Geldig tot', 'Valid until'),
  valid: localised('Geldig', 'Valid'),
  added: localised('Toegevoegd op', 'Added on'),
  uploaded: localised('Het document is toegevoegd.', 'The document has been added.'),
  removed: localised('Het document is verwijderd.', 'The document has been removed.'),
  complete: localised('Compleet voor deze stap', 'Complete for this step'),
  incomplete: localised('Nog niet compleet voor deze stap', 'Not yet complete for this step'),
  met: localised('aanwezig', 'present'),
  missing: localised('ontbreekt', 'missing'),
  expiredRequirement: localised('verlopen', 'expired'),
  loadFailed: localised('De documenten konden niet worden geladen.', 'The documents could not be loaded.'),
} as const satisfies Record<string, LocalisedText>;

export type DocumentPanelText = keyof typeof DOCUMENT_PANEL_TEXTS;
