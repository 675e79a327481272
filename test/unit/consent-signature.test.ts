/** Detached CMS signatures over consent records (node-forge), and loading the signer from the environment. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, pseudonym, sha256Hex, type ConsentRecord } from '../../extensions/labour-platform/src/domain/consent/record';
import { generateDevelopmentSigner, loadSigner, signDetached, verifyDetached } from '../../extensions/labour-platform/src/domain/consent/signature';

const signer = generateDevelopmentSigner('Test consent signer');
const other = generateDevelopmentSigner('Another signer');

const record: ConsentRecord = {
  version: 1,
  action: 'sign',
  at: '2025-03-01T09:30:00.000Z',
  language: 'ro',
  textVersion: '2025-01',
  textSha256: sha256Hex('Sunt de acord… ăîșț'),
  subject: pseudonym(Buffer.alloc(32, 1), 'migrant-1'),
  consent: 'request-1',
  previousHash: null,
};
const content = canonicalJson(record);

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function pemOf(der: Buffer, type = 'PKCS7'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

describe('signDetached / verifyDetached', () => {
  const signature = signDetached(content, signer);

  it('makes a detached PKCS#7 PEM that verifies against the content and the trusted certificate', () => {
    expect(signature.startsWith('-----BEGIN PKCS7-----\n')).toBe(true);
    expect(signature).not.toContain('\r');
    expect(derOf(signature).includes(Buffer.from(content, 'utf8'))).toBe(false); // detached: content not inside
    const result = verifyDetached(content, signature, signer.certificatePem);
    expect(result.ok).toBe(true);
    expect(result.reason).toBeUndefined();
    expect(Math.abs(Date.parse(result.signingTime!) - Date.now())).toBeLessThan(60_000);
    expect(verifyDetached(content, signature).ok).toBe(true);
  });

  it('signs the UTF-8 bytes: non-ASCII content verifies, a look-alike does not', () => {
    const text = canonicalJson({ tekst: 'Zgoda – Łódź, Ελλάδα, 😀' });
    const sig = signDetached(text, signer);
    expect(verifyDetached(text, sig, signer.certificatePem).ok).toBe(true);
    expect(verifyDetached(text.normalize('NFD'), sig, signer.certificatePem).ok).toBe(text === text.normalize('NFD'));
  });

  it('rejects tampered content', () => {
    const tampered = canonicalJson({ ...record, action: 'refuse' });
    const result = verifyDetached(tampered, signature, signer.certificatePem);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/messageDigest/) as unknown });
    expect(verifyDetached(`${content} `, signature).ok).toBe(false);
    expect(verifyDetached('', signature).ok).toBe(false);
  });

  it('rejects a tampered RSA signature value', () => {
    const der = derOf(signature);
    der[der.length - 1] = der[der.length - 1]! ^ 0x01; // the signature OCTET STRING ends the structure
    const result = verifyDetached(content, pemOf(der), signer.certificatePem);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/RSA signature/) as unknown });
  });

  it('rejects a tampered signed attribute (signingTime)', () => {
    const der = derOf(signature);
    // UTCTime (tag 0x17, 13 bytes YYMMDDhhmmssZ): the certificate's validity comes first, the signingTime last.
    const signingTime = der.lastIndexOf(Buffer.from([0x17, 0x0d]));
    expect(signingTime).toBeGreaterThan(0);
    der[signingTime + 2 + 11] = der[signingTime + 2 + 11] === 0x30 ? 0x31 : 0x30; // last digit of the seconds
    const result = verifyDetached(content, pemOf(der), signer.certificatePem);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/RSA signature/) as unknown });
  });

  it('rejects a signature by another certificate when a trusted certificate is given', () => {
    const foreign = signDetached(content, other);
    expect(verifyDetached(content, foreign).ok).toBe(true); // self-consistent …
    expect(verifyDetached(content, foreign, signer.certificatePem)).toEqual({ ok: false, reason: 'signed with a certificate other than the trusted one' });
    expect(verifyDetached(content, signature, other.certificatePem).ok).toBe(false);
  });

  it('rejects a signature whose included certificate was swapped for another one', () => {
    const lookAlike = generateDevelopmentSigner('Test consent signex'); // same name length: same DER length
    const der = derOf(signature);
    const ours = derOf(signer.certificatePem);
    const theirs = derOf(lookAlike.certificatePem);
    expect(theirs.length).toBe(ours.length);
    const at = der.indexOf(ours);
    expect(at).toBeGreaterThan(0);
    const swapped = pemOf(Buffer.concat([der.subarray(0, at), theirs, der.subarray(at + ours.length)]));
    expect(verifyDetached(content, swapped)).toMatchObject({ ok: false, reason: 'the signer certificate is not included' });
    const broken = Buffer.from(der);
    broken[at + 200] = broken[at + 200]! ^ 0xff; // inside the certificate's public key
    expect(verifyDetached(content, pemOf(broken)).ok).toBe(false);
    expect(verifyDetached(content, pemOf(broken), signer.certificatePem).ok).toBe(false);
  });

  it('rejects what is not a detached SignedData PEM', () => {
    expect(verifyDetached(content, 'nonsense').ok).toBe(false);
    expect(verifyDetached(content, signer.certificatePem)).toMatchObject({ ok: false, reason: expect.stringMatching(/PKCS7/) as unknown });
    expect(verifyDetached(content, pemOf(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).ok).toBe(false);
    expect(verifyDetached(content, pemOf(derOf(signature).subarray(0, 100))).ok).toBe(false);
  });

  it('makes a fresh signature each time, each of which verifies', () => {
    const again = signDetached(content, signer);
    expect(verifyDetached(content, again, signer.certificatePem).ok).toBe(true);
  });
});

describe('generateDevelopmentSigner', () => {
  it('gives a self-signed certificate and an RSA key in PEM', () => {
    expect(signer.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(signer.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(signer.certificatePem).not.toBe(other.certificatePem);
  });
});

describe('loadSigner', () => {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('reads PEM, base64 of PEM and one-line PEM with \\n escapes', () => {
    expect(loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: signer.privateKeyPem })).toEqual(signer);
    expect(loadSigner({ CONSENT_SIGNING_CERT: base64(signer.certificatePem), CONSENT_SIGNING_KEY: base64(signer.privateKeyPem) })).toEqual(signer);
    const oneLine = (pem: string) => pem.trimEnd().replace(/\n/g, '\\n');
    expect(loadSigner({ CONSENT_SIGNING_CERT: oneLine(signer.certificatePem), CONSENT_SIGNING_KEY: oneLine(signer.privateKeyPem) })).toEqual(signer);
    const loaded = loadSigner({ CONSENT_SIGNING_CERT: base64(signer.certificatePem), CONSENT_SIGNING_KEY: signer.privateKeyPem });
    expect(verifyDetached(content, signDetached(content, loaded), signer.certificatePem).ok).toBe(true);
  });

  it('names the missing variable', () => {
    expect(() => loadSigner({})).toThrow(/^CONSENT_SIGNING_CERT is not set/);
    expect(() => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: '  ' })).toThrow(/^CONSENT_SIGNING_KEY is not set/);
  });

  it('names the broken variable without repeating its value', () => {
    const secretLooking = 'c2VjcmV0LWtleS1tYXRlcmlhbA==';
    const errors = [
      () => loadSigner({ CONSENT_SIGNING_CERT: secretLooking, CONSENT_SIGNING_KEY: signer.privateKeyPem }),
      () => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: 'not a key at all' }),
      () => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: other.privateKeyPem }),
      () => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: signer.privateKeyPem.replace(/[A-Za-z]{20}/, 'AAAAAAAAAAAAAAAAAAAA') }),
      () => loadSigner({ CONSENT_SIGNING_CERT: signer.privateKeyPem, CONSENT_SIGNING_KEY: signer.privateKeyPem }),
    ].map((attempt) => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    });
    expect(errors[0]).toMatch(/^CONSENT_SIGNING_CERT is neither PEM nor base64 of PEM/);
    expect(errors[1]).toMatch(/^CONSENT_SIGNING_KEY is neither PEM nor base64 of PEM/);
    expect(errors[2]).toBe('CONSENT_SIGNING_KEY does not belong to the certificate in CONSENT_SIGNING_CERT.');
    // Damage at a random place: unreadable, or not this certificate's key, or (when it only hits the private
    // exponent, which CRT signing does not use) still a key that signs correctly. Never a message with key material.
    expect(errors[3] === 'no error' || /^CONSENT_SIGNING_KEY /.test(errors[3]!), errors[3]).toBe(true);
    expect(errors[4]).toMatch(/^CONSENT_SIGNING_CERT does not hold a readable X.509 certificate/);
    const keyBody = signer.privateKeyPem.split('\n')[3]!;
    for (const message of errors) {
      expect(message).not.toContain(secretLooking);
      expect(message).not.toContain(keyBody);
      expect(message).not.toContain('-----BEGIN');
    }
  });

  it('refuses an encrypted key with a clear message', () => {
    const encrypted = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';
    expect(() => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: encrypted })).toThrow(/^CONSENT_SIGNING_KEY holds an encrypted private key/);
  });
});
