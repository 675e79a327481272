/**
 * Burgerservicenummer (BSN): 9 digits (an 8-digit number is padded with a leading zero) passing the
 * 11-proef: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 ≡ 0 (mod 11), and not 000000000.
 * Plain module: no Directus import.
 */

const BSN_WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** Strips spaces, dots and dashes and pads an 8-digit number to 9 digits. Returns null when it is not 8–9 digits. */
export function normaliseBsn(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return null;
  return digits.padStart(9, '0');
}

/** 11-proef on exactly nine digits. */
export function passesElevenCheck(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits) || nineDigits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += BSN_WEIGHTS[i]! * Number(nineDigits[i]);
  return sum % 11 === 0;
}

export function isValidBsn(input: string): boolean {
  const normalised = normaliseBsn(input);
  return normalised !== null && passesElevenCheck(normalised);
}

/**
 * The n-th valid BSN in RvIG's test range (999 9x xxxx), for demo data and tests only:
 * these numbers are reserved for testing and never belong to a real person.
 */
export function testRangeBsn(n: number): string {
  let found = -1;
  for (let candidate = 999_900_000; candidate <= 999_999_999; candidate++) {
    const digits = String(candidate);
    if (passesElevenCheck(digits) && ++found === n) return digits;
  }
  throw new RangeError(`No test-range BSN number ${n}`);
}
