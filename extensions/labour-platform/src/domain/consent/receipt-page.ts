/**
 * The migrant's readable receipt: one HTML page in their language that says what they did (signed, refused or
 * revoked), about what, who asked, who receives the data, when, and how to revoke (or that there is nothing to
 * revoke), with whom to contact, the text they were shown, and as an appendix the verifiable evidence file exactly
 * as ./receipt.ts writes it (OpenSSL reads it from there too; it is also offered as a file of its own).
 *
 * A stand-alone document: no script, no external file, printable. Plain module: no Directus import.
 */
import type { SupportedLanguage } from '../languages';
import { escapeHtml, htmlDocument } from '../html';
import { CONSENT_MESSAGES, fill, formatDateTime } from './i18n';
import type { ConsentRecord } from './record';
import type { ConsentHelpContact } from './session';
import { consentTextBlocks } from './texts';

export interface ReadableReceiptInput {
  language: SupportedLanguage;
  record: ConsentRecord;
  providerName: string | null;
  municipalityName: string | null;
  /** Whom the migrant can ask (the municipality's contact), when known. */
  help: ConsentHelpContact | null;
  title: string;
  body: string;
  /** Only for a signed consent: the link that revokes. */
  revokeLink: string | null;
  /** The verifiable receipt (./receipt.ts), shown in full as the appendix. */
  evidence: string;
}

const RECEIPT_CSS = `body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; line-height: 1.5; margin: 0; }
main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; border-left: 6px solid #154273; padding-left: 0.75rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
.outcome { font-size: 1.2rem; font-weight: 700; }
dl { margin: 1rem 0; }
dt { font-weight: 700; }
dd { margin: 0 0 0.6rem; }
@media (min-width: 36rem) { dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; } dd { margin: 0; } }
a { color: #154273; word-break: break-all; }
.text { border: 1px solid #b1b4b6; padding: 0 1rem; }
pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.7rem; white-space: pre-wrap; word-break: break-all; background: #f3f2f1; padding: 0.75rem; }
@media print { .evidence { break-before: page; } a { color: inherit; } }
`;

function textHtml(body: string): string {
  return consentTextBlocks(body)
    .map((block) =>
      block.type === 'heading'
        ? `<h3>${escapeHtml(block.text)}</h3>`
        : block.type === 'paragraph'
          ? `<p>${escapeHtml(block.text)}</p>`
          : `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
    )
    .join('\n');
}

export function buildReadableReceipt(input: ReadableReceiptInput): string {
  const messages = CONSENT_MESSAGES[input.language];
  const m = messages.receipt;
  const { record } = input;
  const outcome = record.action === 'sign' ? m.signed : record.action === 'refuse' ? m.refused : m.revoked;
  const row = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`;
  const rows = [
    row(m.what, `${escapeHtml(input.title)} (${escapeHtml(m.version)} ${escapeHtml(record.textVersion)})`),
    row(m.askedBy, escapeHtml(input.providerName ?? messages.page.yourProvider)),
    row(m.recipient, escapeHtml(input.municipalityName ?? messages.page.theMunicipality)),
    row(
      m.when,
      `<time datetime="${escapeHtml(record.at)}">${escapeHtml(formatDateTime(input.language, record.at))}</time>`,
    ),
  ];
  if (record.channel) {
    const how = record.channel.via === 'email' ? m.channel.email : m.channel.letter;
    rows.push(
      row(
        m.channel.heading,
        escapeHtml(record.channel.at ? `${how} (${formatDateTime(input.language, record.channel.at)})` : how),
      ),
    );
  }
  const revoke = input.revokeLink
    ? `<p>${escapeHtml(m.revokeBody)}</p>\n<p><a href="${escapeHtml(input.revokeLink)}">${escapeHtml(input.revokeLink)}</a></p>`
    : `<p>${escapeHtml(m.nothingToRevoke)}</p>`;
  const help = input.help
    ? `<p class="help">${escapeHtml(fill(m.help, { organisation: input.help.name, email: '\u0000' })).replace('\u0000', `<a href="mailto:${escapeHtml(input.help.email)}">${escapeHtml(input.help.email)}</a>`)}</p>`
    : '';
  return htmlDocument({
    language: input.language,
    title: m.title,
    head: `<style>\n${RECEIPT_CSS}</style>`,
    body: `<main>
<h1>${escapeHtml(m.title)}</h1>
<p class="outcome">${escapeHtml(outcome)}</p>
<dl>
${rows.join('\n')}
</dl>
<h2>${escapeHtml(m.revokeHeading)}</h2>
${revoke}
${help}
<h2>${escapeHtml(m.textHeading)}</h2>
<section class="text" lang="${input.language}">
<h3>${escapeHtml(input.title)}</h3>
${textHtml(input.body)}
</section>
<section class="evidence">
<h2>${escapeHtml(m.evidenceHeading)}</h2>
<p>${escapeHtml(m.evidenceBody)}</p>
<pre>
${escapeHtml(input.evidence)}</pre>
</section>
</main>`,
  });
}

/** The file name offered for download. */
export function readableReceiptFileName(record: ConsentRecord): string {
  return `consent-receipt-${record.action}-${record.at.slice(0, 10)}.html`;
}
