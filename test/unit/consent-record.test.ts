/** Consent records: canonical JSON (RFC 8785 style), hashing, pseudonyms, record validation. */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainedRecord,
  consentRecordProblem,
  parseConsentRecord,
  pseudonym,
  recordHash,
  sha256Hex,
  type ConsentRecord,
  type JsonValue,
} from '../../extensions/labour-platform/src/domain/consent/record';

const secret = Buffer.alloc(32, 7);
const subject = pseudonym(secret, 'migrant-1');

function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    version: 1,
    action: 'sign',
    at: '2025-03-01T09:30:00.000Z',
    language: 'pl',
    textVersion: '2025-01',
    textSha256: sha256Hex('Zgoda…'),
    subject,
    consent: 'c0ffee00-0000-4000-8000-000000000001',
    previousHash: null,
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input: JsonValue = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compared in the text: a parsed object would put the integer-like key '1' first whatever the order.
    const text = canonicalJson(input);
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((key) =>
      text.indexOf(JSON.stringify(key)),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order.every((position) => position >= 0)).toBe(true);
  });

  it('serialises numbers and strings as RFC 8785 §3.2.2 shows', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as JsonValue;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes -0 as 0, integers without a fraction and keeps non-ASCII text literal', () => {
    expect(canonicalJson([-0, 1, 1.5, 1e21, 1e-7, -12])).toBe('[0,1,1.5,1e+21,1e-7,-12]');
    expect(canonicalJson({ naam: 'Łódź ăîșț Ελλάδα 😀', tab: '\t' })).toBe(
      '{"naam":"Łódź ăîșț Ελλάδα 😀","tab":"\\t"}',
    );
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const shuffled = Object.fromEntries(Object.entries(record()).reverse()) as ConsentRecord;
    expect(canonicalJson(shuffled)).toBe(canonicalJson(record()));
  });

  it('rejects what JSON cannot hold exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => canonicalJson('\ud800')).toThrow(/surrogate/);
    expect(() => canonicalJson({ a: undefined } as unknown as JsonValue)).toThrow(/undefined/);
    expect(() => canonicalJson({ at: new Date(0) } as unknown as JsonValue)).toThrow(/plain object/);
  });
});

describe('hashing', () => {
  it('sha256Hex hashes the UTF-8 bytes', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(sha256Hex(Buffer.from([0xc3, 0xa9])));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('recordHash is the hash of the canonical JSON and changes with any field', () => {
    expect(recordHash(record())).toBe(sha256Hex(canonicalJson(record())));
    expect(recordHash(record())).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash(record({ action: 'refuse' }))).not.toBe(recordHash(record()));
    expect(recordHash(record({ at: '2025-03-01T09:30:00.001Z' }))).not.toBe(recordHash(record()));
  });
});

describe('pseudonym', () => {
  it('is a prefixed HMAC-SHA256, stable for one secret', () => {
    expect(subject).toMatch(/^p1:[0-9a-f]{64}$/);
    expect(pseudonym(secret, 'migrant-1')).toBe(subject);
    expect(pseudonym(secret, 'migrant-2')).not.toBe(subject);
    expect(pseudonym(Buffer.alloc(32, 8), 'migrant-1')).not.toBe(subject);
  });

  it('never contains the id it stands for', () => {
    expect(pseudonym(secret, '999993653')).not.toContain('999993653');
  });

  it('refuses a short secret and an empty id', () => {
    expect(() => pseudonym(Buffer.alloc(16), 'migrant-1')).toThrow(/at least 32 bytes/);
    expect(() => pseudonym(secret, '')).toThrow(/empty/);
  });
});

describe('records', () => {
  it('accepts a well-formed record and reads canonical JSON back', () => {
    expect(consentRecordProblem(record())).toBeNull();
    expect(parseConsentRecord(canonicalJson(record()))).toEqual(record());
  });

  it('refuses a name or BSN as subject, unknown fields and bad values', () => {
    expect(consentRecordProblem(record({ subject: '999993653' }))).toMatch(/pseudonym/);
    expect(consentRecordProblem(record({ subject: 'Jan Kowalski' }))).toMatch(/pseudonym/);
    expect(consentRecordProblem({ ...record(), bsn: '999993653' })).toMatch(/unexpected field/);
    expect(consentRecordProblem(record({ at: '2025-03-01 09:30' }))).toMatch(/at/);
    expect(consentRecordProblem(record({ at: '2025-03-01T10:30:00+01:00' }))).toMatch(/UTC/);
    expect(consentRecordProblem(record({ textSha256: 'abc' }))).toMatch(/textSha256/);
    expect(consentRecordProblem(record({ previousHash: 'nope' }))).toMatch(/previousHash/);
    expect(consentRecordProblem({ ...record(), action: 'maybe' })).toMatch(/action/);
    expect(() => parseConsentRecord('{')).toThrow();
  });

  it('chainedRecord links to the previous record by hash', () => {
    const first = chainedRecord(null, {
      action: 'sign',
      at: '2025-03-01T09:30:00.000Z',
      language: 'pl',
      textVersion: '1',
      textSha256: sha256Hex('t'),
      subject,
      consent: 'c1',
    });
    const second = chainedRecord(first, {
      action: 'revoke',
      at: '2025-04-01T09:30:00.000Z',
      language: 'pl',
      textVersion: '1',
      textSha256: sha256Hex('t'),
      subject,
      consent: 'c1',
    });
    expect(first.previousHash).toBeNull();
    expect(second.previousHash).toBe(recordHash(first));
    expect(() => chainedRecord(null, { ...first, subject: 'Jan' })).toThrow(/pseudonym/);
  });
});

describe('the channel in a record', () => {
  const letter = {
    via: 'letter' as const,
    at: '2025-02-20T08:00:00.000Z',
    printedBy: '642e388e-36b7-45e2-834b-7d0989456858',
  };

  it('records how the invitation came, and keeps records without it valid', () => {
    expect(consentRecordProblem(record({ channel: letter }))).toBeNull();
    expect(consentRecordProblem(record({ channel: { via: 'email', at: null, printedBy: null } }))).toBeNull();
    expect(consentRecordProblem(record())).toBeNull();
    const chained = chainedRecord(null, {
      action: 'sign',
      at: '2025-03-01T09:30:00.000Z',
      language: 'pl',
      textVersion: '2025-01',
      textSha256: sha256Hex('x'),
      subject,
      consent: 'c',
      channel: letter,
    });
    expect(canonicalJson(chained)).toContain(
      '"channel":{"at":"2025-02-20T08:00:00.000Z","printedBy":"642e388e-36b7-45e2-834b-7d0989456858","via":"letter"}',
    );
    expect(parseConsentRecord(canonicalJson(chained)).channel).toEqual(letter);
    // no channel: no key at all (canonical JSON cannot hold undefined)
    expect(
      canonicalJson(
        chainedRecord(null, {
          action: 'sign',
          at: '2025-03-01T09:30:00.000Z',
          language: 'pl',
          textVersion: '2025-01',
          textSha256: sha256Hex('x'),
          subject,
          consent: 'c',
        }),
      ),
    ).not.toContain('channel');
  });

  it('refuses a malformed channel', () => {
    expect(consentRecordProblem(record({ channel: { via: 'fax', at: null, printedBy: null } as never }))).toMatch(
      /channel.via/,
    );
    expect(consentRecordProblem(record({ channel: { via: 'email', at: null, printedBy: 'someone' } }))).toMatch(
      /only for letters/,
    );
    expect(consentRecordProblem(record({ channel: { via: 'letter', at: 'yesterday', printedBy: null } }))).toMatch(
      /channel.at/,
    );
    expect(
      consentRecordProblem({ ...record(), channel: { via: 'email', at: null, printedBy: null, name: 'Jan' } }),
    ).toMatch(/exactly/);
  });
});
