/**
 * What a free-text search of labour migrants means, as a filter the platform builds for the caller (Directus's own
 * `search` would compare the text with ciphertext, and put nothing but LIKEs over encrypted columns in the database):
 *
 *   - the case number contains the text (not personal: for everyone who sees the row);
 *   - the BSN equals the text (through the blind index), when the text is shaped like a BSN;
 *   - every word of the text is (the start of) a word of the names (through the name index);
 * the last two only among the rows whose personal data the caller may see (`PersonalScope`): a search that matched a
 * name the caller cannot read would tell it that name. Plain module: no Directus import.
 */
import { normaliseBsn } from '../bsn';
import { caseNumberSearchText } from '../case-number';

/** Where a search may match personal data: every row the caller can read, only these rows, or none. */
export type PersonalScope = { kind: 'readable' } | { kind: 'rows'; ids: readonly string[] } | { kind: 'none' };

export interface SearchIndexes {
  /** The blind index of a normalised BSN. */
  bsn(normalised: string): string;
  /** The needles of the text's words in the name index (empty: no words). */
  nameNeedles(text: string): string[];
}

/** The longest search text that is read (a longer one is cut: nothing real is that long). */
export const MAX_SEARCH_LENGTH = 200;

type Filter = Record<string, unknown>;
/** A filter that matches no row (a fresh object each time: callers may mark or change it). */
const nothing = (): Filter => ({ id: { _null: true } });

/** A BSN as typed in a search box: 8 or 9 digits, perhaps with spaces, dots or dashes; nothing else. */
export function bsnInSearch(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[\d\s.-]+$/.test(trimmed)) return null;
  return normaliseBsn(trimmed);
}

/** The filter a search for `text` stands for. Always a filter (one that matches nothing when nothing can match). */
export function migrantSearchFilter(text: string, scope: PersonalScope, indexes: SearchIndexes): Filter {
  const term = text.slice(0, MAX_SEARCH_LENGTH);
  const alternatives: Filter[] = [];
  const caseText = caseNumberSearchText(term);
  if (caseText) alternatives.push({ case_number: { _icontains: caseText } });
  if (scope.kind !== 'none' && !(scope.kind === 'rows' && scope.ids.length === 0)) {
    const personal: Filter[] = [];
    const bsn = bsnInSearch(term);
    if (bsn) personal.push({ bsn_index: { _eq: indexes.bsn(bsn) } });
    const needles = bsn ? [] : indexes.nameNeedles(term);
    const words = needles.map((needle): Filter => ({ name_index: { _contains: needle } }));
    if (words.length > 0) personal.push(words.length === 1 ? words[0]! : { _and: words });
    if (personal.length > 0) {
      const match: Filter = personal.length === 1 ? personal[0]! : { _or: personal };
      alternatives.push(scope.kind === 'rows' ? { _and: [{ id: { _in: [...scope.ids] } }, match] } : match);
    }
  }
  if (alternatives.length === 0) return nothing();
  return alternatives.length === 1 ? alternatives[0]! : { _or: alternatives };
}

/**
 * The client's own filter (if any) and the search's, both to hold. Always an `_and` list, so the search's filter
 * object keeps its identity when Directus copies the top level of a filter (readOne, readMany).
 */
export function withSearchFilter(existing: unknown, search: Filter): Filter {
  const own =
    existing !== null && typeof existing === 'object' && !Array.isArray(existing) && Object.keys(existing).length > 0
      ? (existing as Filter)
      : null;
  return { _and: own ? [own, search] : [search] };
}
