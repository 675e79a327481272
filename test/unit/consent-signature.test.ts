/** Detached CMS signatures over consent records (node-forge), and loading the signer from the environment. */
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  pseudonym,
  sha256Hex,
  type ConsentRecord,
} from '../../extensions/labour-platform/src/domain/consent/record';
import {
  generateDevelopmentSigner,
  loadSigner,
  signDetached,
  verifyDetached,
} from '../../extensions/labour-platform/src/domain/consent/signature';

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
    expect(verifyDetached(content, foreign, signer.certificatePem)).toEqual({
      ok: false,
      reason: 'signed with a certificate other than the trusted one',
    });
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
    expect(verifyDetached(content, swapped)).toMatchObject({
      ok: false,
      reason: 'the signer certificate is not included',
    });
    const broken = Buffer.from(der);
    broken[at + 200] = broken[at + 200]! ^ 0xff; // inside the certificate's public key
    expect(verifyDetached(content, pemOf(broken)).ok).toBe(false);
    expect(verifyDetached(content, pemOf(broken), signer.certificatePem).ok).toBe(false);
  });

  it('rejects what is not a detached SignedData PEM', () => {
    expect(verifyDetached(content, 'nonsense').ok).toBe(false);
    expect(verifyDetached(content, signer.certificatePem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/PKCS7/) as unknown,
    });
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
    expect(
      loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: signer.privateKeyPem }),
    ).toEqual(signer);
    expect(
      loadSigner({
        CONSENT_SIGNING_CERT: base64(signer.certificatePem),
        CONSENT_SIGNING_KEY: base64(signer.privateKeyPem),
      }),
    ).toEqual(signer);
    const oneLine = (pem: string) => pem.trimEnd().replace(/\n/g, '\\n');
    expect(
      loadSigner({
        CONSENT_SIGNING_CERT: oneLine(signer.certificatePem),
        CONSENT_SIGNING_KEY: oneLine(signer.privateKeyPem),
      }),
    ).toEqual(signer);
    const loaded = loadSigner({
      CONSENT_SIGNING_CERT: base64(signer.certificatePem),
      CONSENT_SIGNING_KEY: signer.privateKeyPem,
    });
    expect(verifyDetached(content, signDetached(content, loaded), signer.certificatePem).ok).toBe(true);
  });

  it('names the missing variable', () => {
    expect(() => loadSigner({})).toThrow(/^CONSENT_SIGNING_CERT is not set/);
    expect(() => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: '  ' })).toThrow(
      /^CONSENT_SIGNING_KEY is not set/,
    );
  });

  /**
   * The signer's key with one chosen RSA component damaged (+2, so it stays odd where it was odd), re-encoded as
   * PEM: the damage is in a known place, so each case has one outcome.
   */
  function keyWithDamaged(component: 'n' | 'd' | 'dP'): string {
    const key = forge.pki.privateKeyFromPem(signer.privateKeyPem);
    const two = new forge.jsbn.BigInteger('2');
    const part = (name: typeof component, value: forge.jsbn.BigInteger): forge.jsbn.BigInteger =>
      name === component ? value.add(two) : value;
    const damaged = forge.pki.setRsaPrivateKey(
      part('n', key.n),
      key.e,
      part('d', key.d),
      key.p,
      key.q,
      part('dP', key.dP),
      key.dQ,
      key.qInv,
    );
    return forge.pki.privateKeyToPem(damaged);
  }

  const secretLooking = 'c2VjcmV0LWtleS1tYXRlcmlhbA==';
  const keyBody = signer.privateKeyPem.split('\n')[3]!;

  /** The message loadSigner throws, or 'no error'. */
  function messageOf(env: Record<string, string>): string {
    try {
      loadSigner(env);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  }

  const broken: ReadonlyArray<readonly [string, () => Record<string, string>, RegExp]> = [
    [
      'a certificate that is not PEM',
      () => ({ CONSENT_SIGNING_CERT: secretLooking, CONSENT_SIGNING_KEY: signer.privateKeyPem }),
      /^CONSENT_SIGNING_CERT is neither PEM nor base64 of PEM/,
    ],
    [
      'a key that is not PEM',
      () => ({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: 'not a key at all' }),
      /^CONSENT_SIGNING_KEY is neither PEM nor base64 of PEM/,
    ],
    [
      'a private key where the certificate belongs',
      () => ({ CONSENT_SIGNING_CERT: signer.privateKeyPem, CONSENT_SIGNING_KEY: signer.privateKeyPem }),
      /^CONSENT_SIGNING_CERT does not hold a readable X.509 certificate/,
    ],
    [
      'the key of another certificate',
      () => ({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: other.privateKeyPem }),
      /^CONSENT_SIGNING_KEY does not belong to the certificate in CONSENT_SIGNING_CERT\.$/,
    ],
    [
      'a key with a damaged modulus',
      () => ({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: keyWithDamaged('n') }),
      /^CONSENT_SIGNING_KEY does not belong to the certificate in CONSENT_SIGNING_CERT\.$/,
    ],
    [
      'a key with a damaged CRT exponent (dP)',
      () => ({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: keyWithDamaged('dP') }),
      /^CONSENT_SIGNING_KEY does not produce signatures the certificate in CONSENT_SIGNING_CERT verifies/,
    ],
    [
      'a key whose PEM body is cut short',
      () => ({
        CONSENT_SIGNING_CERT: signer.certificatePem,
        CONSENT_SIGNING_KEY: signer.privateKeyPem
          .split('\n')
          .filter((_, index) => index !== 3)
          .join('\n'),
      }),
      /^CONSENT_SIGNING_KEY does not hold a readable RSA private key/,
    ],
  ];

  it.each(broken)('refuses %s, naming the variable', (_, env, expected) => {
    expect(messageOf(env())).toMatch(expected);
  });

  it.each(broken)('does not repeat key material when refusing %s', (_, env) => {
    const message = messageOf(env());
    expect([secretLooking, keyBody, '-----BEGIN'].filter((material) => message.includes(material))).toEqual([]);
  });

  it('accepts a key whose private exponent d alone is damaged: CRT signing never uses d, and its signatures verify', () => {
    expect(messageOf({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: keyWithDamaged('d') })).toBe(
      'no error',
    );
  });

  it('refuses an encrypted key with a clear message', () => {
    const encrypted =
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';
    expect(() => loadSigner({ CONSENT_SIGNING_CERT: signer.certificatePem, CONSENT_SIGNING_KEY: encrypted })).toThrow(
      /^CONSENT_SIGNING_KEY holds an encrypted private key/,
    );
  });
});
