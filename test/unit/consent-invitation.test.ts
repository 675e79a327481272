/** The invitation token, what a token may do, the typed date of birth and name, CSRF tokens, the rate limiter. */
import { describe, expect, it } from 'vitest';
import {
  birthDateFrom,
  consentIdOfToken,
  createCsrfToken,
  csrfMatches,
  firstNameOf,
  generateInvitationToken,
  invitationDays,
  invitationExpiry,
  invitationLink,
  isValidCsrfToken,
  pseudonymSecretFrom,
  sameBirthDate,
  tokenUse,
  typedFullName,
  type TokenState,
} from '../../extensions/labour-platform/src/domain/consent/invitation';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const now = new Date('2026-03-01T12:00:00Z');
const open: TokenState = {
  status: 'requested',
  expires_at: '2026-03-31T12:00:00Z',
  locked_at: null,
  withdrawn_at: null,
  token_hash: '$argon2id$…',
};

describe('invitation token', () => {
  it('names its consent request and carries 256 random bits, in 64 URL-safe characters', () => {
    const token = generateInvitationToken(ID);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(consentIdOfToken(token)).toBe(ID);
    const tokens = new Set(Array.from({ length: 200 }, () => generateInvitationToken(ID)));
    expect(tokens.size).toBe(200);
    expect(generateInvitationToken(ID, (size) => Buffer.alloc(size, 0xff)).slice(22)).toMatch(/^[_w-]+$/);
  });

  it('rejects anything that is not exactly such a token', () => {
    const token = generateInvitationToken(ID);
    for (const wrong of [
      undefined,
      null,
      42,
      '',
      token.slice(1),
      `${token}A`,
      token.replace(/.$/, '='),
      `${token.slice(0, 63)}+`,
      ' '.repeat(64),
    ])
      expect(consentIdOfToken(wrong)).toBeNull();
    expect(() => generateInvitationToken('not-a-uuid')).toThrow(RangeError);
  });

  it('puts the token in the fragment, which browsers never send to a server', () => {
    expect(invitationLink('https://platform.example.nl/', 'abc')).toBe('https://platform.example.nl/consent/#t=abc');
  });

  it('expires after CONSENT_INVITATION_DAYS (30 by default, 1 to 365)', () => {
    expect(invitationDays(undefined)).toBe(30);
    expect(invitationDays('14')).toBe(14);
    for (const wrong of ['0', '366', '1.5', 'soon'])
      expect(() => invitationDays(wrong)).toThrow(/CONSENT_INVITATION_DAYS/);
    expect(invitationExpiry(now, 30).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });
});

describe('what a correct token may do', () => {
  it('decides an open request until it expires; revokes a signed consent; nothing otherwise', () => {
    expect(tokenUse(open, now)).toBe('decide');
    expect(tokenUse({ ...open, expires_at: '2026-03-01T12:00:00Z' }, now)).toBe('none');
    expect(tokenUse({ ...open, expires_at: Date.parse('2026-02-01T00:00:00Z') }, now)).toBe('none');
    expect(tokenUse({ ...open, expires_at: String(Date.parse('2026-04-01T00:00:00Z')) }, now)).toBe('decide');
    expect(tokenUse({ ...open, locked_at: now }, now)).toBe('none');
    expect(tokenUse({ ...open, withdrawn_at: now }, now)).toBe('none');
    expect(tokenUse({ ...open, token_hash: null }, now)).toBe('none');
    expect(tokenUse({ ...open, status: 'signed', expires_at: '2020-01-01T00:00:00Z' }, now)).toBe('revoke');
    for (const status of ['refused', 'revoked', 'expired']) expect(tokenUse({ ...open, status }, now)).toBe('none');
  });
});

describe('the migrant typing', () => {
  it('reads a date of birth from day, month and year, and only real dates', () => {
    expect(birthDateFrom({ day: '7', month: '11', year: '1993' }, now)).toBe('1993-11-07');
    expect(birthDateFrom({ day: 29, month: 2, year: 2000 }, now)).toBe('2000-02-29');
    for (const wrong of [
      { day: 29, month: 2, year: 2001 },
      { day: 31, month: 4, year: 1990 },
      { day: 1, month: 13, year: 1990 },
      { day: 1, month: 1, year: 1899 },
      { day: 1, month: 1, year: 2027 },
      { day: '1a', month: 1, year: 1990 },
      { day: '', month: 1, year: 1990 },
    ]) {
      expect(birthDateFrom(wrong, now), JSON.stringify(wrong)).toBeNull();
    }
    expect(sameBirthDate('1993-11-07', '1993-11-07')).toBe(true);
    expect(sameBirthDate('1993-11-07', '1993-11-08')).toBe(false);
    expect(sameBirthDate('1993-11-07', null)).toBe(false);
  });

  it('takes a typed full name, and shows only the first given name', () => {
    expect(typedFullName('  Ana   Maria\tPopescu ')).toBe('Ana Maria Popescu');
    expect(typedFullName('Иван Петров')).toBe('Иван Петров');
    for (const wrong of ['', ' ', 'A', '12 34', 'x'.repeat(201), null]) expect(typedFullName(wrong)).toBeNull();
    expect(firstNameOf('Ana Maria')).toBe('Ana');
    expect(firstNameOf(null)).toBe('');
  });

  it('needs a pseudonym secret of at least 32 bytes', () => {
    expect(pseudonymSecretFrom(Buffer.alloc(32, 1).toString('base64'))).toHaveLength(32);
    expect(() => pseudonymSecretFrom(undefined)).toThrow(/CONSENT_PSEUDONYM_SECRET is not set/);
    expect(() => pseudonymSecretFrom(Buffer.alloc(16).toString('base64'))).toThrow(/at least 32 bytes/);
  });
});

describe('CSRF tokens', () => {
  const key = Buffer.alloc(32, 7);
  it('accepts its own token echoed in the header, nothing planted or changed', () => {
    const token = createCsrfToken(key);
    expect(isValidCsrfToken(key, token)).toBe(true);
    expect(csrfMatches(key, token, token)).toBe(true);
    expect(csrfMatches(key, token, createCsrfToken(key))).toBe(false);
    expect(csrfMatches(key, token, undefined)).toBe(false);
    const planted = createCsrfToken(Buffer.alloc(32, 8));
    expect(csrfMatches(key, planted, planted)).toBe(false);
    expect(isValidCsrfToken(key, `${token}x`)).toBe(false);
    expect(isValidCsrfToken(key, 'a.b.c')).toBe(false);
  });
});
