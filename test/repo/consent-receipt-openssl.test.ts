/** A receipt in every language: openssl verifies its signature straight from the file, as the receipt says. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvidence } from '../../extensions/labour-platform/src/domain/consent/evidence';
import { pseudonym, sha256Hex, type ConsentRecord } from '../../extensions/labour-platform/src/domain/consent/record';
import { buildReceipt, recordFromReceipt } from '../../extensions/labour-platform/src/domain/consent/receipt';
import { buildReadableReceipt } from '../../extensions/labour-platform/src/domain/consent/receipt-page';
import {
  certificateFingerprint,
  generateDevelopmentSigner,
} from '../../extensions/labour-platform/src/domain/consent/signature';
import { DEFAULT_CONSENT_TEXTS, shownConsentText } from '../../extensions/labour-platform/src/domain/consent/texts';
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages';
import { verifyReceiptWithOpenssl } from '../support/consent';

const signer = generateDevelopmentSigner('Receipt test signer');

/** The receipt's printed commands but the download (the test puts the published certificate in place itself). */
function runRecipe(receipt: string, directory: string) {
  return spawnSync(
    'sh',
    [
      '-c',
      receipt
        .split('\n')
        .filter((line) => /^ {2}(sed|openssl) /.test(line))
        .join(' && '),
    ],
    { cwd: directory, encoding: 'utf8' },
  );
}

describe('consent receipts', () => {
  it('verify with openssl cms in all 14 languages, following the receipt’s own instructions', () => {
    let previous: ConsentRecord | null = null;
    for (const [index, language] of SUPPORTED_LANGUAGE_CODES.entries()) {
      const text = DEFAULT_CONSENT_TEXTS[language];
      const action = index % 3 === 0 ? 'sign' : index % 3 === 1 ? 'revoke' : 'refuse';
      const evidence = createEvidence(
        previous,
        {
          action,
          at: new Date(Date.UTC(2026, 0, index + 1)).toISOString(),
          language,
          textVersion: '2026-01',
          textSha256: sha256Hex(shownConsentText(text.title, text.body)),
          subject: pseudonym(Buffer.alloc(32, 3), 'm'),
          consent: 'c',
        },
        signer,
      );
      previous = evidence.record;
      const receipt = buildReceipt({
        language,
        record: evidence.record,
        canonical: evidence.canonical,
        signature: evidence.signature,
        certificatePem: signer.certificatePem,
        ...text,
        revokeLink: action === 'sign' ? 'https://platform.example.nl/consent/#t=x' : null,
      });
      expect(recordFromReceipt(receipt)).toBe(evidence.canonical);
      expect(receipt).toContain(shownConsentText(text.title, text.body));
      const directory = mkdtempSync(join(tmpdir(), `receipt-${language}-`));
      writeFileSync(join(directory, 'receipt.txt'), receipt, 'utf8');
      // the platform's published certificate (what the recipe's curl fetches), then the receipt's own commands
      writeFileSync(join(directory, 'platform.pem'), signer.certificatePem);
      expect(receipt).toContain(certificateFingerprint(signer.certificatePem));
      const shell = runRecipe(receipt, directory);
      expect(shell.stderr, language).toContain('Verification successful');
      expect(shell.stdout, language).toContain(`sha256 Fingerprint=${certificateFingerprint(signer.certificatePem)}`);
      expect(shell.status, language).toBe(0);
    }
  });

  it('verify with openssl cms straight from the readable receipt, whose appendix holds the same evidence', () => {
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      const text = DEFAULT_CONSENT_TEXTS[language];
      const evidence = createEvidence(
        null,
        {
          action: 'sign',
          at: new Date(Date.UTC(2026, 1, 3)).toISOString(),
          language,
          textVersion: '2026-01',
          textSha256: sha256Hex(shownConsentText(text.title, text.body)),
          subject: pseudonym(Buffer.alloc(32, 4), 'm'),
          consent: 'c',
        },
        signer,
      );
      const receipt = buildReceipt({
        language,
        record: evidence.record,
        canonical: evidence.canonical,
        signature: evidence.signature,
        certificatePem: signer.certificatePem,
        ...text,
        revokeLink: 'https://platform.example.nl/consent/#t=x',
      });
      const readable = buildReadableReceipt({
        language,
        record: evidence.record,
        providerName: 'Polderlogies',
        municipalityName: 'Gemeente Schagen',
        help: null,
        ...text,
        revokeLink: 'https://platform.example.nl/consent/#t=x',
        evidence: receipt,
      });
      const directory = mkdtempSync(join(tmpdir(), `readable-receipt-${language}-`));
      writeFileSync(join(directory, 'receipt.html'), readable, 'utf8');
      writeFileSync(join(directory, 'record.json'), recordFromReceipt(readable) ?? '', 'utf8');
      writeFileSync(join(directory, 'certificate.pem'), signer.certificatePem);
      const result = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'PEM',
          '-in',
          'receipt.html',
          '-content',
          'record.json',
          '-CAfile',
          'certificate.pem',
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { cwd: directory, encoding: 'utf8' },
      );
      expect(result.stderr, language).toContain('Verification successful');
      expect(result.status, language).toBe(0);
    }
  });

  it('fail for a forged receipt: another key, a self-made certificate with the same name, the same record', () => {
    const text = DEFAULT_CONSENT_TEXTS.pl;
    const forger = generateDevelopmentSigner('Receipt test signer');
    const forged = createEvidence(
      null,
      {
        action: 'sign',
        at: new Date(Date.UTC(2026, 2, 1)).toISOString(),
        language: 'pl',
        textVersion: '2026-01',
        textSha256: sha256Hex(shownConsentText(text.title, text.body)),
        subject: pseudonym(Buffer.alloc(32, 5), 'm'),
        consent: 'c',
      },
      forger,
    );
    const receipt = buildReceipt({
      language: 'pl',
      record: forged.record,
      canonical: forged.canonical,
      signature: forged.signature,
      certificatePem: forger.certificatePem,
      ...text,
      revokeLink: null,
      certificateUrl: 'https://platform.example.nl/consent/certificate.pem',
    });
    expect(receipt).toContain('curl -sS -o platform.pem https://platform.example.nl/consent/certificate.pem');
    const directory = mkdtempSync(join(tmpdir(), 'receipt-forged-'));
    writeFileSync(join(directory, 'receipt.txt'), receipt, 'utf8');
    writeFileSync(join(directory, 'platform.pem'), signer.certificatePem);
    const shell = runRecipe(receipt, directory);
    expect(shell.status).not.toBe(0);
    expect(shell.stderr).not.toContain('Verification successful');
    // the fingerprint the forged receipt names is the forger's, not the platform's
    expect(certificateFingerprint(forger.certificatePem)).not.toBe(certificateFingerprint(signer.certificatePem));
    // the old recipe (the certificate the receipt carries) would have let it through
    const naive = verifyReceiptWithOpenssl(receipt);
    expect(naive.status).toBe(0);
  });
});
