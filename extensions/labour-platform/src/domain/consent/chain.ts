/**
 * Checks one migrant's chain of consent records. Each record names the SHA-256 of the previous record's
 * canonical bytes, and each is signed, so:
 * - a modified record fails its signature (`bad_signature`) or no longer equals its canonical bytes
 *   (`canonical_mismatch`);
 * - a deleted record leaves the next one pointing at nothing (`broken_link`), or, when the first records were
 *   deleted, the first remaining one (`missing_previous`);
 * - a copied record, a second record following the same predecessor, or a second first record (previousHash
 *   null in the middle) does not continue the chain either (`broken_link`, with a detail saying which);
 * - records stored out of order are named (`reordered`): the chain's own links say what the order is, and the
 *   records that must move to restore it are reported, so swapping two records reports exactly those two.
 * Problems are reported at the record that causes them, never at an innocent neighbour: the successor of a
 * modified record cannot link to it any more, but that is the modified record's problem, not the successor's.
 *
 * What a chain cannot show by itself: that its newest records were deleted. Anchor the newest hash elsewhere
 * (see headHash) to catch that.
 * Plain module: no Directus import.
 */
import { canonicalJson, sha256Hex, type ConsentRecord } from './record.js';
import { verifyDetached } from './signature.js';

export interface ChainEntry {
  /** The stored row's id, used to name the record in problems. */
  id: string;
  /** The record as read from `canonical`; null when the stored text is not a readable consent record. */
  record: ConsentRecord | null;
  /** The stored canonical JSON: what was signed and what the next record's previousHash covers. */
  canonical: string;
  /** Detached PKCS#7 PEM over `canonical`. */
  signature: string;
}

export type ChainProblemKind =
  'bad_signature' | 'canonical_mismatch' | 'broken_link' | 'reordered' | 'missing_previous';

export interface ChainProblem {
  id: string;
  problem: ChainProblemKind;
  /** Human-readable detail, e.g. why the signature was rejected. */
  detail?: string;
}

export interface ChainVerification {
  ok: boolean;
  problems: ChainProblem[];
}

export interface ChainOptions {
  /** When given, every record must be signed with exactly this certificate. */
  trustedCertificatePem?: string;
}

/** Predecessor of an entry according to its previousHash: an entry index, the chain start, or nothing known. */
type Link = number | 'start' | 'missing';

/**
 * Indices of `values` that lie on every longest strictly increasing subsequence: the records that are in
 * place whichever way the order is repaired with the fewest moves. The others are the reordered ones.
 */
function onEveryLongestIncreasingRun(values: number[]): Set<number> {
  const n = values.length;
  const ending = new Array<number>(n).fill(1);
  const starting = new Array<number>(n).fill(1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) if (values[j]! < values[i]! && ending[j]! + 1 > ending[i]!) ending[i] = ending[j]! + 1;
  for (let i = n - 1; i >= 0; i--)
    for (let j = i + 1; j < n; j++)
      if (values[j]! > values[i]! && starting[j]! + 1 > starting[i]!) starting[i] = starting[j]! + 1;
  const longest = Math.max(0, ...ending);
  const onSome = [...Array(n).keys()].filter((i) => ending[i]! + starting[i]! - 1 === longest);
  const perLength = new Map<number, number>();
  for (const i of onSome) perLength.set(ending[i]!, (perLength.get(ending[i]!) ?? 0) + 1);
  return new Set(onSome.filter((i) => perLength.get(ending[i]!) === 1));
}

/**
 * The chain as its links give it: pieces of linked records (more than one when records are missing), each in
 * link order, the pieces in stored order (by their earliest stored record). Copies and forks are left out:
 * they are reported on their own and have no place in the chain.
 */
function linkedSegments(links: Link[], leftOut: Set<number>): number[][] {
  const n = links.length;
  const successor = new Map<number, number>();
  const heads: number[] = [];
  for (let i = 0; i < n; i++) {
    const link = links[i]!;
    if (leftOut.has(i)) continue;
    if (typeof link === 'number' && link !== i && !successor.has(link)) successor.set(link, i);
    else heads.push(i);
  }
  const segments: number[][] = [];
  const visited = new Set<number>();
  const walk = (from: number): void => {
    const segment: number[] = [];
    for (let at: number | undefined = from; at !== undefined && !visited.has(at); at = successor.get(at)) {
      visited.add(at);
      segment.push(at);
    }
    if (segment.length > 0) segments.push(segment);
  };
  for (const head of heads) walk(head);
  for (let i = 0; i < n; i++) if (!leftOut.has(i)) walk(i); // only a cycle through modified records is left
  return segments.sort((a, b) => Math.min(...a) - Math.min(...b));
}

/** The records of one chain, in stored order (by sequence / time). */
export function verifyChain(entries: ChainEntry[], options: ChainOptions = {}): ChainVerification {
  const found: Array<Array<{ problem: ChainProblemKind; detail?: string }>> = entries.map(() => []);
  const hashes = entries.map((entry) => sha256Hex(entry.canonical));
  const indexByHash = new Map<string, number>();
  hashes.forEach((hash, index) => {
    if (!indexByHash.has(hash)) indexByHash.set(hash, index);
  });

  // 1. Each record by itself: signed by the (trusted) certificate, and stored as its canonical JSON.
  const untrustworthy = entries.map((entry, index) => {
    const verification = verifyDetached(entry.canonical, entry.signature, options.trustedCertificatePem);
    if (!verification.ok)
      found[index]!.push({ problem: 'bad_signature', detail: verification.reason ?? 'the signature was not accepted' });
    if (entry.record === null) {
      found[index]!.push({ problem: 'canonical_mismatch', detail: 'the stored text is not a readable consent record' });
    } else {
      let canonical: string | null;
      try {
        canonical = canonicalJson(entry.record);
      } catch {
        canonical = null;
      }
      if (canonical !== entry.canonical)
        found[index]!.push({
          problem: 'canonical_mismatch',
          detail: 'the record is not the canonical JSON that was stored and signed',
        });
    }
    return !verification.ok || entry.record === null;
  });

  // 2. Where each record's previousHash points.
  const links: Link[] = entries.map((entry, index) => {
    // An unreadable record names no predecessor we could trust: take it where it is stored.
    if (entry.record === null) return index === 0 ? 'start' : index - 1;
    const previous = entry.record.previousHash;
    if (previous === null) return 'start';
    const target = indexByHash.get(previous);
    if (target !== undefined && target !== index) return target;
    // A changed predecessor no longer hashes to what this record names: that is the predecessor's problem.
    if (index > 0 && untrustworthy[index - 1]) return index - 1;
    return 'missing';
  });

  // 3. Two records naming the same predecessor: only the first stored one can be its successor.
  const claimed = new Map<number, number>();
  const forks = new Set<number>();
  links.forEach((link, index) => {
    if (typeof link !== 'number') return;
    const earlier = claimed.get(link);
    if (earlier === undefined) {
      claimed.set(link, index);
      return;
    }
    forks.add(index);
    if (hashes[earlier] === hashes[index])
      found[index]!.push({ problem: 'broken_link', detail: `a copy of record ${entries[earlier]!.id}` });
    else
      found[index]!.push({
        problem: 'broken_link',
        detail: `the chain forks: record ${entries[earlier]!.id} follows the same record`,
      });
  });

  // 4. Gaps: a record pointing at nothing. Before the chain's start (no first record left, and this one starts
  //    the earliest piece) the first records were deleted; anywhere else, a record in the middle.
  const segments = linkedSegments(links, forks);
  const firstStart = entries.findIndex((entry) => entry.record !== null && entry.record.previousHash === null);
  const hasStart = firstStart !== -1;
  links.forEach((link, index) => {
    if (link === 'missing') {
      if (!hasStart && segments[0]?.[0] === index)
        found[index]!.push({
          problem: 'missing_previous',
          detail: 'the chain starts after a record that is not there: its first record(s) were deleted',
        });
      else
        found[index]!.push({
          problem: 'broken_link',
          detail: 'previousHash names no record of this chain: a record before it was deleted',
        });
    } else if (link === 'start' && entries[index]!.record !== null && firstStart !== index) {
      found[index]!.push({
        problem: 'broken_link',
        detail: 'a second first record: previousHash is null in the middle of the chain',
      });
    }
  });

  // 5. Order: the records that must move to put the stored order back into link order.
  const ranks = new Map(segments.flat().map((index, rank) => [index, rank]));
  const placed = [...ranks.keys()].sort((a, b) => a - b);
  const inPlace = onEveryLongestIncreasingRun(placed.map((index) => ranks.get(index)!));
  placed.forEach((index, position) => {
    if (!inPlace.has(position))
      found[index]!.push({ problem: 'reordered', detail: 'stored out of the order its chain links give' });
  });

  const problems = entries.flatMap((entry, index) => found[index]!.map((problem) => ({ id: entry.id, ...problem })));
  return { ok: problems.length === 0, problems };
}

/** The hash of a chain's newest record: store or publish it elsewhere to make deleting the newest records show. */
export function headHash(entries: Array<Pick<ChainEntry, 'canonical'>>): string | null {
  const last = entries[entries.length - 1];
  return last === undefined ? null : sha256Hex(last.canonical);
}
