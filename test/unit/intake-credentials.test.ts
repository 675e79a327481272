/** Door 2's API credential: the token's form and the routes a credential may use (domain/intake/credentials.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialMayUse,
  credentialName,
  credentialToken,
  parseCredentialToken,
} from '../../extensions/labour-platform/src/domain/intake/credentials';

const ID = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const SECRET = 'A'.repeat(21) + '-_' + 'z9'.repeat(10);

describe('the credential token', () => {
  it('names its credential and carries its secret', () => {
    const token = credentialToken(ID, SECRET);
    expect(token).toBe(`lpk_0f1e2d3c4b5a49788a6b5c4d3e2f1a0b_${SECRET}`);
    expect(parseCredentialToken(token)).toEqual({ id: ID, secret: SECRET });
  });

  it('reads back every id and 256-bit secret it makes (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uint8Array({ minLength: 32, maxLength: 32 }), (id, bytes) => {
        const secret = Buffer.from(bytes).toString('base64url');
        expect(parseCredentialToken(credentialToken(id, secret))).toEqual({ id: id.toLowerCase(), secret });
      }),
    );
  });

  it('is no credential token for anything else: a JWT, a Directus static token, a cut or padded token', () => {
    const token = credentialToken(ID, SECRET);
    for (const other of [
      null,
      undefined,
      42,
      '',
      'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjEifQ.c2ln',
      'xKz81-static-token',
      token.slice(0, -1),
      `${token}A`,
      ` ${token}`,
      token.toUpperCase(),
      token.replace('lpk_', 'lpx_'),
    ])
      expect(parseCredentialToken(other)).toBeNull();
  });
});

describe('the routes a credential may use', () => {
  it('the intake door, its own imports and reading its own rows', () => {
    for (const [method, path] of [
      ['PUT', '/intake/residents'],
      ['POST', '/intake/residents'],
      ['GET', `/intake/imports/${ID}`],
      ['GET', `/intake/imports/${ID}/refused.xlsx`],
      ['GET', '/intake/columns'],
      ['GET', '/intake/openapi.json'],
      ['GET', '/items/migrants'],
      ['GET', `/items/migrants/${ID}`],
      ['GET', '/items/stays'],
      ['get', '/items/locations'],
    ])
      expect(credentialMayUse(method, path), `${method} ${path}`).toBe(true);
  });

  it('nothing else: no writes through /items, no GraphQL, no other collection, no credentials, no uploads', () => {
    for (const [method, path] of [
      ['POST', '/items/migrants'],
      ['PATCH', `/items/migrants/${ID}`],
      ['DELETE', `/items/stays/${ID}`],
      ['GET', '/items/tasks'],
      ['GET', '/items/imports'],
      ['GET', '/items/intake_credentials'],
      ['GET', '/items/migrants_x'],
      ['GET', '/items/migrants/../tasks'],
      ['POST', '/graphql'],
      ['POST', '/graphql/system'],
      ['GET', '/users/me'],
      ['GET', '/intake/credentials'],
      ['POST', '/intake/credentials'],
      ['POST', '/intake/imports'],
      ['POST', `/intake/imports/${ID}/commit`],
      ['DELETE', '/intake/residents'],
      ['POST', '/utils/import/migrants'],
      ['GET', '/intake/residents/../credentials'],
      [undefined, '/intake/residents'],
      ['PUT', undefined],
    ] as Array<[string | undefined, string | undefined]>)
      expect(credentialMayUse(method, path), `${method} ${path}`).toBe(false);
  });
});

describe('the credential name', () => {
  it('is trimmed NFC text of 1 to 100 characters without control characters', () => {
    expect(credentialName('  Planning  ')).toBe('Planning');
    expect(credentialName('Cafe\u0301')).toBe('Café');
    for (const bad of ['', '   ', 'a'.repeat(101), 'line\nbreak', 12, null]) expect(credentialName(bad)).toBeNull();
  });
});
