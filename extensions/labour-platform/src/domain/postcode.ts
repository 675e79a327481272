/**
 * Dutch postcodes: four digits (no leading zero) and two letters, stored without a space in upper case ('1234AB').
 * PostNL never issues the letter combinations SA, SD and SS.
 * Plain module: no Directus import.
 */

const POSTCODE_PATTERN = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/;
const NEVER_ISSUED_LETTERS: ReadonlySet<string> = new Set(['SA', 'SD', 'SS']);

export type PostcodeCheck = { ok: true; postcode: string } | { ok: false; reason: 'format' | 'never_issued' };

/** Checks a postcode (surrounding whitespace is ignored) and says why it is rejected. */
export function checkPostcode(input: string): PostcodeCheck {
  const match = POSTCODE_PATTERN.exec(input.trim());
  if (!match) return { ok: false, reason: 'format' };
  const letters = match[2]!.toUpperCase();
  if (NEVER_ISSUED_LETTERS.has(letters)) return { ok: false, reason: 'never_issued' };
  return { ok: true, postcode: `${match[1]!}${letters}` };
}

/** '1234 ab' → '1234AB'; null when it is not a valid Dutch postcode. */
export function normalisePostcode(input: string): string | null {
  const result = checkPostcode(input);
  return result.ok ? result.postcode : null;
}

/** '1234AB' → '1234 AB', the way it is written on an envelope. Returns the input unchanged when it is not valid. */
export function formatPostcode(input: string): string {
  const normalised = normalisePostcode(input);
  return normalised === null ? input : `${normalised.slice(0, 4)} ${normalised.slice(4)}`;
}
