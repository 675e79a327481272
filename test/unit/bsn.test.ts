import { describe, expect, it } from 'vitest';
import {
  isValidBsn,
  normaliseBsn,
  passesElevenCheck,
  testRangeBsn,
} from '../../extensions/labour-platform/src/domain/bsn';

describe('BSN', () => {
  it.each(['999993653', '999990408', '999996940', '123456782'])('accepts the test number %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
    expect(passesElevenCheck(bsn)).toBe(true);
    expect(normaliseBsn(bsn)).toBe(bsn);
  });

  it('rejects 000000000 although its sum is divisible by 11', () => {
    expect(passesElevenCheck('000000000')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('00000000')).toBe(false);
  });

  it('pads an 8-digit number with a leading zero', () => {
    expect(normaliseBsn('12345672')).toBe('012345672');
    expect(isValidBsn('12345672')).toBe(true);
    expect(passesElevenCheck('12345672')).toBe(false); // the check itself wants nine digits
  });

  it('strips spaces, dots and dashes', () => {
    expect(normaliseBsn('999 99 3653')).toBe('999993653');
    expect(normaliseBsn('9999.93.653')).toBe('999993653');
    expect(normaliseBsn('999-993-653')).toBe('999993653');
    expect(isValidBsn(' 999993653 ')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidBsn('999993654')).toBe(false);
    expect(isValidBsn('123456781')).toBe(false);
    expect(isValidBsn('999996941')).toBe(false);
  });

  it('rejects numbers that are not 8 or 9 digits', () => {
    for (const input of ['', '1234567', '1234567890', '99999365a', 'abcdefghi', '+99993653']) {
      expect(normaliseBsn(input)).toBeNull();
      expect(isValidBsn(input)).toBe(false);
    }
  });

  it('gives distinct valid numbers in the RvIG test range 9999xxxxx', () => {
    const numbers = Array.from({ length: 50 }, (_, n) => testRangeBsn(n));
    expect(new Set(numbers).size).toBe(50);
    for (const bsn of numbers) {
      expect(bsn).toMatch(/^9999\d{5}$/);
      expect(isValidBsn(bsn)).toBe(true);
    }
    expect(testRangeBsn(0)).toBe(testRangeBsn(0));
    expect(Number(testRangeBsn(1))).toBeGreaterThan(Number(testRangeBsn(0)));
  });

  it('throws when the test range is exhausted', () => {
    expect(() => testRangeBsn(100_000)).toThrow(RangeError);
  });
});
