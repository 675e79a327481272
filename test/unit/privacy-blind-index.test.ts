import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn';
import {
  BlindIndexError,
  blindIndex,
  isBlindIndex,
  normaliseForIndex,
} from '../../extensions/labour-platform/src/domain/privacy/blind-index';
import { parseKeyRing } from '../../extensions/labour-platform/src/domain/privacy/keyring';

const material = (fill: number): Buffer => Buffer.alloc(32, fill);
const ringWith = (masterFill: number, blindFill: number) =>
  parseKeyRing({
    FIELD_ENCRYPTION_KEYS: `k1:${material(masterFill).toString('base64')}`,
    FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
    FIELD_BLIND_INDEX_KEY: material(blindFill).toString('base64'),
  });
const ring = ringWith(1, 9);
const BSN = '999993653';

describe('blindIndex', () => {
  it('is hex HMAC-SHA256 under the HKDF-derived key for the purpose', () => {
    const derived = Buffer.from(
      hkdfSync('sha256', material(9), Buffer.alloc(0), 'labour-platform/blind-index/v1/bsn', 32),
    );
    const expected = createHmac('sha256', derived).update(BSN).digest('hex');
    expect(blindIndex(ring, 'bsn', BSN)).toBe(expected);
    expect(isBlindIndex(expected)).toBe(true);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not use the blind-index key directly', () => {
    expect(blindIndex(ring, 'bsn', BSN)).not.toBe(createHmac('sha256', material(9)).update(BSN).digest('hex'));
  });

  it('gives equal indexes for equal BSNs, however they are written', () => {
    const index = blindIndex(ring, 'bsn', BSN);
    for (const written of ['9999.93.653', ' 999 99 3653 ', '999-993-653', '999993653']) {
      expect(blindIndex(ring, 'bsn', written), written).toBe(index);
    }
    expect(blindIndex(ring, 'bsn', '12345672')).toBe(blindIndex(ring, 'bsn', '012345672'));
  });

  it('is the same for every migrant and provider: it depends only on the blind-index key, not on the encryption keys', () => {
    expect(blindIndex(ringWith(2, 9), 'bsn', BSN)).toBe(blindIndex(ring, 'bsn', BSN));
    expect(blindIndex(ringWith(1, 8), 'bsn', BSN)).not.toBe(blindIndex(ring, 'bsn', BSN));
  });

  it('gives distinct indexes for distinct BSNs', () => {
    const indexes = new Set(Array.from({ length: 300 }, (_, n) => blindIndex(ring, 'bsn', testRangeBsn(n))));
    expect(indexes.size).toBe(300);
  });

  it('reveals nothing readable about the value', () => {
    const index = blindIndex(ring, 'bsn', BSN);
    expect(index).not.toContain(BSN);
    expect(index).not.toContain(BSN.slice(0, 4));
    expect(index).not.toBe(createHash('sha256').update(BSN).digest('hex')); // not an unkeyed hash, which anyone could brute-force
    // neighbouring numbers give unrelated indexes (about half the bits differ)
    const neighbour = blindIndex(ring, 'bsn', testRangeBsn(1));
    const differingBits = [...Buffer.from(index, 'hex')].reduce((sum, byte, i) => {
      let x = byte ^ Buffer.from(neighbour, 'hex')[i]!;
      let bits = 0;
      while (x) {
        bits += x & 1;
        x >>= 1;
      }
      return sum + bits;
    }, 0);
    expect(differingBits).toBeGreaterThan(80);
    expect(differingBits).toBeLessThan(176);
  });

  it.each(['', '12345', '1234567890', 'abcdefghi', '99999365a'])('refuses %j without echoing it', (value) => {
    let caught: unknown;
    try {
      blindIndex(ring, 'bsn', value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlindIndexError);
    const error = caught as BlindIndexError;
    expect(error.purpose).toBe('bsn');
    expect(error.message).toMatch(/expected a BSN of 8 or 9 digits/);
    if (value !== '') expect(error.message).not.toContain(value);
  });

  it('normalises before indexing', () => {
    expect(normaliseForIndex('bsn', '9999 93 653')).toBe(BSN);
  });
});
