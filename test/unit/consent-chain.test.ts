/** A migrant's chain of signed consent records: complete, in order, unmodified — and which record is not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headHash, verifyChain, type ChainEntry } from '../../extensions/labour-platform/src/domain/consent/chain';
import { createEvidence } from '../../extensions/labour-platform/src/domain/consent/evidence';
import {
  canonicalJson,
  parseConsentRecord,
  pseudonym,
  sha256Hex,
  type ConsentAction,
  type ConsentRecord,
} from '../../extensions/labour-platform/src/domain/consent/record';
import { generateDevelopmentSigner, signDetached } from '../../extensions/labour-platform/src/domain/consent/signature';

const signer = generateDevelopmentSigner('Chain test signer');
const trusted = { trustedCertificatePem: signer.certificatePem };
const subject = pseudonym(Buffer.alloc(32, 3), 'migrant-42');
const actions: ConsentAction[] = ['refuse', 'sign', 'revoke', 'sign', 'revoke'];

/** Records r1…r5 of one chain, as a caller would read them from storage. */
function chain(length = 5): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let previous: ConsentRecord | null = null;
  for (let i = 0; i < length; i++) {
    const evidence = createEvidence(
      previous,
      {
        action: actions[i]!,
        at: `2025-0${i + 1}-01T10:00:00.000Z`,
        language: 'bg',
        textVersion: 'v1',
        textSha256: sha256Hex('Съгласие'),
        subject,
        consent: `request-${i + 1}`,
      },
      signer,
    );
    entries.push({
      id: `r${i + 1}`,
      record: evidence.record,
      canonical: evidence.canonical,
      signature: evidence.signature,
    });
    previous = evidence.record;
  }
  return entries;
}
const intact = chain();
const at = (index: number): ChainEntry => intact[index]!;

describe('verifyChain', () => {
  it('accepts an intact chain, with and without a trusted certificate', () => {
    expect(verifyChain(intact, trusted)).toEqual({ ok: true, problems: [] });
    expect(verifyChain(intact)).toEqual({ ok: true, problems: [] });
  });

  it('accepts a chain of one and an empty chain', () => {
    expect(verifyChain([at(0)], trusted)).toEqual({ ok: true, problems: [] });
    expect(verifyChain([], trusted)).toEqual({ ok: true, problems: [] });
  });

  it('names the record after a deleted middle record (broken_link), and only that one', () => {
    const result = verifyChain([at(0), at(1), at(3), at(4)], trusted);
    expect(result.ok).toBe(false);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([{ id: 'r4', problem: 'broken_link' }]);
  });

  it('names the first remaining record when the first records were deleted (missing_previous)', () => {
    const result = verifyChain([at(2), at(3), at(4)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([
      { id: 'r3', problem: 'missing_previous' },
    ]);
  });

  it('names exactly the two records of a swapped pair (reordered)', () => {
    const result = verifyChain([at(0), at(2), at(1), at(3), at(4)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([
      { id: 'r3', problem: 'reordered' },
      { id: 'r2', problem: 'reordered' },
    ]);
  });

  it('names the first record when it was swapped with the second', () => {
    const result = verifyChain([at(1), at(0), at(2)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([
      { id: 'r2', problem: 'reordered' },
      { id: 'r1', problem: 'reordered' },
    ]);
  });

  it('names only the moved record when one record was moved far', () => {
    const result = verifyChain([at(0), at(2), at(3), at(4), at(1)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([{ id: 'r2', problem: 'reordered' }]);
  });

  it('names a modified record by its signature, and not its successor', () => {
    const changed = canonicalJson({ ...at(2).record!, action: 'sign' });
    const modified = { ...at(2), record: parseConsentRecord(changed), canonical: changed };
    const result = verifyChain([at(0), at(1), modified, at(3), at(4)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([
      { id: 'r3', problem: 'bad_signature' },
    ]);
    expect(result.problems[0]!.detail).toMatch(/messageDigest/);
  });

  it('names a modified last record and a modified first record', () => {
    const last = { ...at(4), canonical: at(4).canonical.replace('"revoke"', '"sign"') };
    expect(
      verifyChain(
        [at(0), at(1), at(2), at(3), { ...last, record: parseConsentRecord(last.canonical) }],
        trusted,
      ).problems.map((p) => [p.id, p.problem]),
    ).toEqual([['r5', 'bad_signature']]);
    const first = { ...at(0), canonical: at(0).canonical.replace('"refuse"', '"sign"') };
    expect(
      verifyChain([{ ...first, record: parseConsentRecord(first.canonical) }, at(1), at(2)], trusted).problems.map(
        (p) => [p.id, p.problem],
      ),
    ).toEqual([['r1', 'bad_signature']]);
  });

  it('names a record whose parsed form differs from its signed canonical bytes (canonical_mismatch)', () => {
    const result = verifyChain([at(0), { ...at(1), record: { ...at(1).record!, language: 'nl' } }, at(2)], trusted);
    expect(result.problems.map(({ id, problem }) => ({ id, problem }))).toEqual([
      { id: 'r2', problem: 'canonical_mismatch' },
    ]);
    // Stored with whitespace (not canonical), though validly signed that way:
    const pretty = JSON.stringify(at(1).record, null, 2);
    const reformatted = { ...at(1), canonical: pretty, signature: signDetached(pretty, signer) };
    expect(verifyChain([at(0), reformatted], trusted).problems.map((p) => [p.id, p.problem])).toEqual([
      ['r2', 'canonical_mismatch'],
    ]);
  });

  it('names a record re-signed with another key when a trusted certificate is given', () => {
    const forger = generateDevelopmentSigner('Forger');
    const changed = canonicalJson({ ...at(1).record!, action: 'refuse' });
    const forged: ChainEntry = {
      id: 'r2',
      record: parseConsentRecord(changed),
      canonical: changed,
      signature: signDetached(changed, forger),
    };
    const result = verifyChain([at(0), forged, at(2)], trusted);
    expect(result.problems.map((p) => [p.id, p.problem])).toEqual([['r2', 'bad_signature']]);
    expect(result.problems[0]!.detail).toBe('signed with a certificate other than the trusted one');
  });

  it('names an unreadable stored record', () => {
    const result = verifyChain([at(0), { ...at(1), record: null, canonical: '{"broken":' }, at(2)], trusted);
    expect(result.problems.map((p) => [p.id, p.problem])).toEqual([
      ['r2', 'bad_signature'],
      ['r2', 'canonical_mismatch'],
    ]);
  });

  it('names a duplicated record and a second first record', () => {
    expect(
      verifyChain([at(0), at(1), { ...at(1), id: 'copy' }, at(2)], trusted).problems.map((p) => [p.id, p.problem]),
    ).toEqual([['copy', 'broken_link']]);
    const otherStart = chain(1)[0]!;
    expect(
      verifyChain([at(0), at(1), { ...otherStart, id: 'restart' }], trusted).problems.map((p) => [p.id, p.problem]),
    ).toEqual([['restart', 'broken_link']]);
  });

  it('reports deletion and reordering together', () => {
    const result = verifyChain([at(0), at(3), at(2), at(4)], trusted); // r2 deleted, r3/r4 swapped
    expect(result.problems.map((p) => [p.id, p.problem])).toEqual([
      ['r4', 'reordered'],
      ['r3', 'broken_link'],
      ['r3', 'reordered'],
    ]);
  });

  it('notices every reordering: only the stored order of the links is accepted', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (order) => {
        const result = verifyChain(order.map(at));
        const identity = order.every((value, index) => value === index);
        expect(result.ok).toBe(identity);
        expect(result.problems.every((problem) => problem.problem === 'reordered')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('notices every deletion except of the newest records (anchor headHash for those)', () => {
    fc.assert(
      fc.property(fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }), (kept) => {
        const result = verifyChain(kept.map(at));
        const onlyTailDeleted = kept.every((value, index) => value === index);
        expect(result.ok).toBe(onlyTailDeleted);
        // Each gap is named at the record right after it, and nothing else is named.
        const expected = kept.flatMap((value, index) =>
          index === 0
            ? value === 0
              ? []
              : [[`r${value + 1}`, 'missing_previous']]
            : value === kept[index - 1]! + 1
              ? []
              : [[`r${value + 1}`, 'broken_link']],
        );
        expect(result.problems.map((p) => [p.id, p.problem])).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('names the record that begins the chain when the first record was deleted and the rest reordered', () => {
    expect(verifyChain([at(2), at(1), at(3)], trusted).problems.map((p) => [p.id, p.problem])).toEqual([
      ['r3', 'reordered'],
      ['r2', 'missing_previous'],
      ['r2', 'reordered'],
    ]);
  });

  it('names an unreadable first record without blaming the rest', () => {
    expect(
      verifyChain([{ ...at(0), record: null, canonical: 'garbage' }, at(1), at(2)], trusted).problems.map((p) => [
        p.id,
        p.problem,
      ]),
    ).toEqual([
      ['r1', 'bad_signature'],
      ['r1', 'canonical_mismatch'],
    ]);
  });

  it('headHash is the hash the next record will link to', () => {
    expect(headHash(intact)).toBe(sha256Hex(at(4).canonical));
    expect(headHash([])).toBeNull();
  });
});
