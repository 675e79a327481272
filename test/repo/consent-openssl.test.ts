/**
 * The consent signatures are standard CMS: the real `openssl cms -verify` accepts every one of them against the
 * content stored next to it, and rejects changed content. What a court expert or auditor would run:
 *
 *   openssl cms -verify -binary -inform PEM -in sig.pem -content data.json -CAfile cert.pem -purpose any
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvidence, type ConsentEvidence } from '../../extensions/labour-platform/src/domain/consent/evidence';
import {
  pseudonym,
  sha256Hex,
  type ConsentAction,
  type ConsentRecord,
} from '../../extensions/labour-platform/src/domain/consent/record';
import {
  generateDevelopmentSigner,
  verifyDetached,
} from '../../extensions/labour-platform/src/domain/consent/signature';

function openssl(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error)
    throw new Error(
      `openssl could not be run (${result.error.message}): these tests need the openssl command line tool`,
    );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const signer = generateDevelopmentSigner('OpenSSL interop signer');
const texts: Record<string, string> = {
  nl: 'Ik geef toestemming om mijn gegevens te delen met de gemeente.',
  pl: 'Wyrażam zgodę na przekazanie moich danych gminie. Łódź – żółć',
  el: 'Συναινώ στην κοινοποίηση των στοιχείων μου στον δήμο.',
  uk: 'Я даю згоду на передачу моїх даних муніципалітету.',
  ro: 'Îmi dau acordul pentru transmiterea datelor mele către primărie. ăîșț',
};
const actions: ConsentAction[] = ['sign', 'revoke', 'sign', 'refuse', 'sign'];

let dir: string;
const evidence: ConsentEvidence[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'consent-openssl-'));
  writeFileSync(join(dir, 'cert.pem'), signer.certificatePem);
  let previous: ConsentRecord | null = null;
  Object.entries(texts).forEach(([language, text], index) => {
    const next = createEvidence(
      previous,
      {
        action: actions[index]!,
        at: new Date(Date.UTC(2025, 5, index + 1, 9, 15)).toISOString(),
        language,
        textVersion: '2025-06',
        textSha256: sha256Hex(text),
        subject: pseudonym(Buffer.alloc(32, 5), 'migrant-7'),
        consent: `request-${language}`,
      },
      signer,
    );
    evidence.push(next);
    previous = next.record;
    writeFileSync(join(dir, `data-${index}.json`), next.canonical, 'utf8');
    writeFileSync(join(dir, `sig-${index}.pem`), next.signature);
  });
});

describe('openssl cms accepts the consent signatures', () => {
  it('runs on this machine', () => {
    const { status, stdout } = openssl(['version'], tmpdir());
    expect(status).toBe(0);
    expect(stdout).toMatch(/^OpenSSL \d/);
  });

  it('verifies every signature against its content and the certificate as trust anchor', () => {
    expect(evidence).toHaveLength(5);
    evidence.forEach((_, index) => {
      const result = openssl(
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'PEM',
          '-in',
          `sig-${index}.pem`,
          '-content',
          `data-${index}.json`,
          '-CAfile',
          'cert.pem',
          '-purpose',
          'any',
          '-out',
          `out-${index}.json`,
        ],
        dir,
      );
      expect(result.stderr).toContain('Verification successful');
      expect(result.status).toBe(0);
    });
  });

  it('verifies every signature with -noverify (signature only, no certificate chain)', () => {
    evidence.forEach((_, index) => {
      const result = openssl(
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'PEM',
          '-in',
          `sig-${index}.pem`,
          '-content',
          `data-${index}.json`,
          '-noverify',
          '-out',
          join(dir, 'out.json'),
        ],
        dir,
      );
      expect(result.status).toBe(0);
    });
  });

  it('rejects tampered content, and content signed for another record', () => {
    const changed = evidence[0]!.canonical.replace('"sign"', '"refuse"');
    writeFileSync(join(dir, 'tampered.json'), changed, 'utf8');
    const tampered = openssl(
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'PEM',
        '-in',
        'sig-0.pem',
        '-content',
        'tampered.json',
        '-CAfile',
        'cert.pem',
        '-purpose',
        'any',
        '-out',
        join(dir, 'out.json'),
      ],
      dir,
    );
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toMatch(/verification failure|digest failure/i);
    const swapped = openssl(
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'PEM',
        '-in',
        'sig-0.pem',
        '-content',
        'data-1.json',
        '-noverify',
        '-out',
        join(dir, 'out.json'),
      ],
      dir,
    );
    expect(swapped.status).not.toBe(0);
  });

  it('rejects a signature against another trust anchor', () => {
    writeFileSync(join(dir, 'other.pem'), generateDevelopmentSigner('Another anchor').certificatePem);
    const result = openssl(
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'PEM',
        '-in',
        'sig-0.pem',
        '-content',
        'data-0.json',
        '-CAfile',
        'other.pem',
        '-purpose',
        'any',
        '-out',
        join(dir, 'out.json'),
      ],
      dir,
    );
    expect(result.status).not.toBe(0);
  });

  it('has the promised structure: detached SignedData, SHA-256, RSA, certificate, signed contentType/signingTime/messageDigest', () => {
    const { status, stdout } = openssl(['cms', '-cmsout', '-print', '-inform', 'PEM', '-in', 'sig-0.pem'], dir);
    expect(status).toBe(0);
    expect(stdout).toMatch(/contentType: pkcs7-signedData/);
    expect(stdout).toMatch(/eContentType: pkcs7-data[\s\S]*eContent: <ABSENT>/);
    expect(stdout).toMatch(/digestAlgorithm:\s+algorithm: sha256/);
    expect(stdout).toMatch(/certificates:[\s\S]*subject: CN=OpenSSL interop signer/);
    expect(stdout).toMatch(
      /signedAttrs:[\s\S]*object: contentType[\s\S]*object: signingTime[\s\S]*UTCTIME:[\s\S]*object: messageDigest/,
    );
    expect(stdout).toMatch(/signatureAlgorithm:\s+algorithm: rsaEncryption/);
    expect(stdout).toMatch(/unsignedAttrs:\s+<ABSENT>/);
  });

  it('works the other way round: verifyDetached accepts what openssl cms -sign makes', () => {
    writeFileSync(join(dir, 'key.pem'), signer.privateKeyPem, { mode: 0o600 });
    const signed = openssl(
      [
        'cms',
        '-sign',
        '-binary',
        '-md',
        'sha256',
        '-in',
        'data-2.json',
        '-signer',
        'cert.pem',
        '-inkey',
        'key.pem',
        '-outform',
        'PEM',
        '-out',
        'openssl-sig.pem',
      ],
      dir,
    );
    expect(signed.status).toBe(0);
    const pem = openssl(['cms', '-cmsout', '-inform', 'PEM', '-in', 'openssl-sig.pem', '-outform', 'PEM'], dir).stdout;
    expect(verifyDetached(evidence[2]!.canonical, pem, signer.certificatePem)).toMatchObject({ ok: true });
    expect(verifyDetached(evidence[1]!.canonical, pem, signer.certificatePem).ok).toBe(false);
  });
});
