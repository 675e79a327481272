/**
 * The migrant's receipt of a sign, refuse or revoke: a UTF-8 text file in their language with what they did,
 * when, the exact text they were shown, the revocation link (after signing), and the evidence: the canonical
 * record (readable, and as a base64 block with its exact bytes), the detached CMS signature and the platform's
 * certificate. OpenSSL reads the receipt file directly, against the platform's published certificate (not the one
 * the receipt carries: a forger would carry their own), whose SHA-256 fingerprint the receipt names:
 *
 *   curl -sS -o platform.pem <PUBLIC_URL>/consent/certificate.pem
 *   openssl x509 -in platform.pem -noout -fingerprint -sha256
 *   sed -n '/^-----BEGIN CONSENT RECORD-----$/,/^-----END CONSENT RECORD-----$/p' receipt.txt | grep -v '^-----' | base64 -d > record.json
 *   openssl cms -verify -binary -inform PEM -in receipt.txt -content record.json -CAfile platform.pem -no-CApath -no-CAstore -partial_chain -purpose any
 *
 * Plain module: no Directus import.
 */
import type { SupportedLanguage } from '../languages';
import { CONSENT_MESSAGES, fill, formatDateTime } from './i18n';
import type { ConsentRecord } from './record';
import { certificateFingerprint } from './signature';
import { shownConsentText } from './texts';

export interface ReceiptInput {
  language: SupportedLanguage;
  record: ConsentRecord;
  canonical: string;
  signature: string;
  certificatePem: string;
  title: string;
  body: string;
  /** Only after signing: the link that revokes. */
  revokeLink: string | null;
  /** Where the platform publishes its signing certificate (PUBLIC_URL/consent/certificate.pem). */
  certificateUrl?: string;
}

/**
 * The sentence that names the certificate to check a receipt against and its SHA-256 fingerprint, in the migrant's
 * language: in the receipt file, and on the page beside the receipt links.
 */
export function certificateNote(language: SupportedLanguage, certificatePem: string, certificateUrl: string): string {
  return fill(CONSENT_MESSAGES[language].receipt.certificate, {
    url: certificateUrl,
    fingerprint: certificateFingerprint(certificatePem),
  });
}

/** The receipt's verification recipe: pinned to the platform's published certificate. */
export function verificationCommands(certificateUrl: string): string[] {
  return [
    `curl -sS -o platform.pem ${certificateUrl}`,
    'openssl x509 -in platform.pem -noout -fingerprint -sha256',
    "sed -n '/^-----BEGIN CONSENT RECORD-----$/,/^-----END CONSENT RECORD-----$/p' receipt.txt | grep -v '^-----' | base64 -d > record.json",
    'openssl cms -verify -binary -inform PEM -in receipt.txt -content record.json -CAfile platform.pem -no-CApath -no-CAstore -partial_chain -purpose any',
  ];
}

export const CERTIFICATE_PATH = '/consent/certificate.pem';

export const RECEIPT_RECORD_BEGIN = '-----BEGIN CONSENT RECORD-----';
export const RECEIPT_RECORD_END = '-----END CONSENT RECORD-----';

function base64Lines(text: string): string[] {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  );
}

export function buildReceipt(input: ReceiptInput): string {
  const m = CONSENT_MESSAGES[input.language].receipt;
  const certificateUrl = input.certificateUrl ?? `<PUBLIC_URL>${CERTIFICATE_PATH}`;
  const outcome = input.record.action === 'sign' ? m.signed : input.record.action === 'refuse' ? m.refused : m.revoked;
  const lines = [
    m.title,
    '='.repeat(Math.min(72, m.title.length)),
    '',
    outcome,
    `${m.when}: ${formatDateTime(input.language, input.record.at)} (${input.record.at})`,
    `${m.version}: ${input.record.textVersion} (SHA-256 ${input.record.textSha256})`,
  ];
  const channel = input.record.channel;
  if (channel) {
    const words = m.channel;
    const how = channel.via === 'email' ? words.email : words.letter;
    lines.push(`${words.heading}: ${how}${channel.at ? ` (${formatDateTime(input.language, channel.at)})` : ''}`);
  }
  lines.push('');
  if (input.revokeLink)
    lines.push(m.revokeHeading, '-'.repeat(m.revokeHeading.length), m.revokeBody, input.revokeLink, '');
  lines.push(m.textHeading, '-'.repeat(m.textHeading.length), shownConsentText(input.title, input.body));
  lines.push(
    m.evidenceHeading,
    '-'.repeat(m.evidenceHeading.length),
    m.evidenceBody,
    certificateNote(input.language, input.certificatePem, certificateUrl),
    '',
    ...verificationCommands(certificateUrl).map((command) => `  ${command}`),
    '',
    input.canonical,
    '',
    RECEIPT_RECORD_BEGIN,
    ...base64Lines(input.canonical),
    RECEIPT_RECORD_END,
    input.signature.trimEnd(),
    input.certificatePem.trimEnd(),
    '',
  );
  return lines.join('\n');
}

/** The exact record bytes from a receipt (what the signature covers), or null. */
export function recordFromReceipt(receipt: string): string | null {
  const block = /^-----BEGIN CONSENT RECORD-----\r?\n([A-Za-z0-9+/=\r\n]*?)^-----END CONSENT RECORD-----$/m.exec(
    receipt,
  );
  if (!block) return null;
  return Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The file name offered for download (beside the readable receipt, ./receipt-page.ts). */
export function receiptFileName(record: ConsentRecord): string {
  return `consent-evidence-${record.action}-${record.at.slice(0, 10)}.txt`;
}
