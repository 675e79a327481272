/**
 * A search index over a migrant's names that keeps no plain text: the set of keyed hashes of the name's tokens and
 * their prefixes, stored in `migrants.name_index` next to the encrypted names.
 *
 *   tokens("Łukasz  Nowak-Żak")  = ["lukasz", "nowak", "zak"]          NFKD, marks dropped, lower case, split on non-letters
 *   terms(token)                 = token's prefixes of 3..12 letters, and the whole token
 *   nameIndex(ring, names)       = " h1 h2 … hn "                     sorted, distinct; h = first 20 hex of HMAC-SHA256(K_name, term)
 *   K_name = HKDF-SHA256(FIELD_BLIND_INDEX_KEY, info = "labour-platform/blind-index/v1/name")
 *
 * A search term matches a row when every token of the term is one of the row's terms (so "kowal" finds Kowalski,
 * "jan kow" finds Jan Kowalski, and the order of the words does not matter). Why this shape, and what it leaks, is in
 * the README (Personal data → Searching). Plain module: no Directus import.
 */
import { blindIndex } from './blind-index';
import type { KeyRing } from './keyring';

/** Shortest prefix that is indexed (and searched): two letters would narrow a name down too little to be worth it. */
export const MIN_PREFIX = 3;
/** Longest prefix that is indexed; a longer search word is matched on its first MAX_PREFIX letters (or as a whole word). */
export const MAX_PREFIX = 12;
/** Hex characters kept of each HMAC (80 bits): collisions stay negligible, the stored index stays small. */
export const TERM_HEX = 20;
/** At most this many words of a search are used (more only narrows, and costs a LIKE each). */
export const MAX_SEARCH_TOKENS = 6;
/** Letters a name token keeps at most (no real name part is longer). */
const MAX_TOKEN = 64;

/** Letters that NFKD does not take apart. */
const FOLD: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/** The name's words: NFKD, combining marks dropped, lower case, folded, split on everything that is no letter or digit. */
export function nameTokens(text: string): string[] {
  if (typeof text !== 'string') return [];
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøđðħıŀßæœþ]/g, (letter) => FOLD[letter] ?? letter);
  return folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
    .map((token) => [...token].slice(0, MAX_TOKEN).join(''));
}

/** What one stored token is findable by: its prefixes of MIN_PREFIX..MAX_PREFIX letters, and the whole token. */
export function indexTerms(token: string): string[] {
  const letters = [...token];
  const terms = new Set<string>([token]);
  for (let length = MIN_PREFIX; length <= Math.min(MAX_PREFIX, letters.length); length++)
    terms.add(letters.slice(0, length).join(''));
  return [...terms];
}

/** The term a search word is looked up by: the word itself, or its first MAX_PREFIX letters when it is longer. */
export function searchTerm(token: string): string {
  const letters = [...token];
  return letters.length > MAX_PREFIX ? letters.slice(0, MAX_PREFIX).join('') : token;
}

function hashTerm(ring: KeyRing, term: string): string {
  return blindIndex(ring, 'name', term).slice(0, TERM_HEX);
}

/** The stored index of a migrant's names (first names and surname together); '' when there are none. */
export function nameIndex(ring: KeyRing, names: ReadonlyArray<string | null | undefined>): string {
  const hashes = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    for (const token of nameTokens(name)) for (const term of indexTerms(token)) hashes.add(hashTerm(ring, term));
  }
  if (hashes.size === 0) return '';
  return ` ${[...hashes].sort().join(' ')} `;
}

/**
 * What a search for `text` looks for in `name_index`: one needle per word (` <hash> `, spaces included so a needle
 * never matches inside another hash). Words shorter than MIN_PREFIX match whole words only. Empty: nothing to look for.
 */
export function nameSearchNeedles(ring: KeyRing, text: string): string[] {
  const needles = new Set<string>();
  for (const token of nameTokens(text).slice(0, MAX_SEARCH_TOKENS))
    needles.add(` ${hashTerm(ring, searchTerm(token))} `);
  return [...needles];
}
