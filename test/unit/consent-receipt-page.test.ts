/** The migrant's readable receipt: what, with whom, when, how to revoke, in their language, safe as HTML. */
import { describe, expect, it } from 'vitest';
import { CONSENT_MESSAGES, fill, formatDateTime } from '../../extensions/labour-platform/src/domain/consent/i18n';
import type { ConsentAction, ConsentRecord } from '../../extensions/labour-platform/src/domain/consent/record';
import { recordFromReceipt } from '../../extensions/labour-platform/src/domain/consent/receipt';
import {
  buildReadableReceipt,
  readableReceiptFileName,
  type ReadableReceiptInput,
} from '../../extensions/labour-platform/src/domain/consent/receipt-page';
import { DEFAULT_CONSENT_TEXTS } from '../../extensions/labour-platform/src/domain/consent/texts';
import {
  SUPPORTED_LANGUAGE_CODES,
  type SupportedLanguage,
} from '../../extensions/labour-platform/src/domain/languages';

const CANONICAL = '{"action":"sign"}';
const EVIDENCE = [
  'Receipt',
  '-----BEGIN CONSENT RECORD-----',
  Buffer.from(CANONICAL).toString('base64'),
  '-----END CONSENT RECORD-----',
  '',
].join('\n');

function record(action: ConsentAction, language: SupportedLanguage): ConsentRecord {
  return {
    version: 1,
    action,
    at: '2026-11-07T13:45:00.000Z',
    language,
    textVersion: '2026-01',
    textSha256: 'a'.repeat(64),
    subject: 's'.repeat(64),
    consent: 'c',
    previousHash: null,
    channel: { via: 'letter', at: '2026-11-01T09:00:00.000Z', printedBy: 'u' },
  } as unknown as ConsentRecord;
}

function input(
  action: ConsentAction,
  language: SupportedLanguage,
  extra: Partial<ReadableReceiptInput> = {},
): ReadableReceiptInput {
  return {
    language,
    record: record(action, language),
    providerName: 'Polderlogies Noord B.V.',
    municipalityName: 'Gemeente Hollands Kroon',
    help: { name: 'Gemeente Hollands Kroon', email: 'burgerzaken@example.org' },
    ...DEFAULT_CONSENT_TEXTS[language],
    revokeLink: action === 'sign' ? 'https://platform.example.nl/consent/#t=abc' : null,
    evidence: EVIDENCE,
    ...extra,
  };
}

/** The page's visible text, roughly: tags dropped, entities read. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/[ \t\r\n]+/g, ' ');
}

describe('the readable receipt', () => {
  it.each(SUPPORTED_LANGUAGE_CODES)(
    '%s: a signed consent reads as a receipt: what, who asked, who receives, when, how to revoke, whom to ask',
    (language) => {
      const m = CONSENT_MESSAGES[language].receipt;
      const page = text(buildReadableReceipt(input('sign', language)));
      for (const words of [
        m.title,
        m.signed,
        m.what,
        DEFAULT_CONSENT_TEXTS[language].title,
        m.askedBy,
        'Polderlogies Noord B.V.',
        m.recipient,
        'Gemeente Hollands Kroon',
        m.when,
        formatDateTime(language, '2026-11-07T13:45:00.000Z'),
        m.revokeHeading,
        m.revokeBody,
        'https://platform.example.nl/consent/#t=abc',
      ]) {
        expect(page).toContain(words);
      }
      expect(page).toContain(
        fill(m.help, { organisation: 'Gemeente Hollands Kroon', email: 'burgerzaken@example.org' }),
      );
    },
  );

  it.each(['refuse', 'revoke'] as const)('after %s says there is nothing to revoke, and offers no link', (action) => {
    const html = buildReadableReceipt(input(action, 'bg'));
    expect(text(html)).toContain(CONSENT_MESSAGES.bg.receipt.nothingToRevoke);
    expect(text(html)).toContain(
      action === 'refuse' ? CONSENT_MESSAGES.bg.receipt.refused : CONSENT_MESSAGES.bg.receipt.revoked,
    );
    expect(html).not.toContain('#t=');
  });

  it('is written in the language it is for', () => {
    expect(buildReadableReceipt(input('sign', 'pl'))).toMatch(/^<!doctype html>\n<html lang="pl" dir="ltr">/);
  });

  it('names the provider and municipality generically when they are not known', () => {
    const page = text(
      buildReadableReceipt(input('sign', 'en', { providerName: null, municipalityName: null, help: null })),
    );
    expect(page).toContain(CONSENT_MESSAGES.en.page.yourProvider);
    expect(page).toContain(CONSENT_MESSAGES.en.page.theMunicipality);
    expect(page).not.toContain('mailto:');
  });

  it('escapes every value: a name with markup stays text', () => {
    const html = buildReadableReceipt(
      input('sign', 'en', { providerName: '<script>alert(1)</script>', title: 'A & B' }),
    );
    expect(html).not.toContain('<script');
    expect(text(html)).toContain('<script>alert(1)</script>');
    expect(text(html)).toContain('A & B');
  });

  it('carries the verifiable evidence as its appendix, its record block intact', () => {
    expect(recordFromReceipt(buildReadableReceipt(input('sign', 'ro')))).toBe(CANONICAL);
  });

  it('is offered as an .html file named by action and date', () => {
    expect(readableReceiptFileName(record('revoke', 'en'))).toBe('consent-receipt-revoke-2026-11-07.html');
  });
});
