/** `npm run consent:verify` without a database: rows of consent_records in, a report per chain out. */
import { describe, expect, it } from 'vitest';
import { createEvidence } from '../../extensions/labour-platform/src/domain/consent/evidence';
import {
  pseudonym,
  sha256Hex,
  type ConsentAction,
  type ConsentRecord,
} from '../../extensions/labour-platform/src/domain/consent/record';
import { generateDevelopmentSigner } from '../../extensions/labour-platform/src/domain/consent/signature';
import { formatConsentReport, verifyConsentRecords, type ConsentRecordRow } from '../../scripts/lib/consent-verify';

const signer = generateDevelopmentSigner('Verify test signer');
const secret = Buffer.alloc(32, 9);

function rowsFor(migrant: string, actions: ConsentAction[]): ConsentRecordRow[] {
  const subject = pseudonym(secret, migrant);
  let previous: ConsentRecord | null = null;
  return actions.map((action, index) => {
    const evidence = createEvidence(
      previous,
      {
        action,
        at: `2025-05-${String(index + 1).padStart(2, '0')}T08:00:00.000Z`,
        language: 'lt',
        textVersion: 'v2',
        textSha256: sha256Hex('Sutikimas'),
        subject,
        consent: `${migrant}-request`,
      },
      signer,
    );
    previous = evidence.record;
    return {
      id: `${migrant}-${index + 1}`,
      chain: subject,
      sequence: index + 1,
      record: evidence.canonical,
      signature: evidence.signature,
      created_at: evidence.record.at,
    };
  });
}

const anna = rowsFor('anna', ['sign', 'revoke', 'sign']);
const bogdan = rowsFor('bogdan', ['refuse']);
const cezar = rowsFor('cezar', ['sign', 'revoke', 'sign', 'revoke']);

describe('verifyConsentRecords', () => {
  it('groups rows by chain, orders them by sequence and accepts intact chains', () => {
    const shuffled = [cezar[3]!, anna[2]!, bogdan[0]!, cezar[0]!, anna[0]!, cezar[2]!, anna[1]!, cezar[1]!];
    const report = verifyConsentRecords(shuffled, signer.certificatePem);
    expect(report.ok).toBe(true);
    expect(report.records).toBe(8);
    expect(report.trustedCertificate).toBe(true);
    expect(report.chains.map((chain) => chain.records).sort()).toEqual([1, 3, 4]);
    expect(
      report.chains.every((chain) => chain.ok && chain.problems.length === 0 && /^[0-9a-f]{64}$/.test(chain.headHash!)),
    ).toBe(true);
  });

  it('orders by numeric sequence, also when the driver returns it as a string', () => {
    const asStrings = cezar.map((row) => ({ ...row, sequence: String(row.sequence) }));
    expect(verifyConsentRecords([...asStrings].reverse(), signer.certificatePem).ok).toBe(true);
    const tenRows = rowsFor('dana', [
      'sign',
      'revoke',
      'sign',
      'revoke',
      'sign',
      'revoke',
      'sign',
      'revoke',
      'sign',
      'revoke',
      'sign',
    ]);
    expect(verifyConsentRecords(tenRows.map((row) => ({ ...row, sequence: String(row.sequence) })).reverse()).ok).toBe(
      true,
    );
  });

  it('names the chain and the record of each problem; other chains stay ok', () => {
    const swapped = cezar.map((row) =>
      row.sequence === 2 ? { ...row, sequence: 3 } : row.sequence === 3 ? { ...row, sequence: 2 } : row,
    );
    const tampered = anna.map((row) =>
      row.sequence === 2 ? { ...row, record: row.record.replace('"revoke"', '"sign"') } : row,
    );
    const report = verifyConsentRecords(
      [...tampered, ...bogdan, ...swapped.filter((row) => row.sequence !== 4)],
      signer.certificatePem,
    );
    expect(report.ok).toBe(false);
    const byChain = new Map(report.chains.map((chain) => [chain.chain, chain]));
    expect(byChain.get(bogdan[0]!.chain)!.ok).toBe(true);
    expect(byChain.get(anna[0]!.chain)!.problems.map((p) => [p.sequence, p.id, p.problem])).toEqual([
      [2, 'anna-2', 'bad_signature'],
    ]);
    expect(byChain.get(cezar[0]!.chain)!.problems.map((p) => [p.sequence, p.id, p.problem])).toEqual([
      [2, 'cezar-3', 'reordered'],
      [3, 'cezar-2', 'reordered'],
    ]);
  });

  it('reports a deleted row, an unreadable row and a record filed under another migrant', () => {
    const deleted = verifyConsentRecords([anna[0]!, anna[2]!], signer.certificatePem);
    expect(deleted.chains[0]!.problems.map((p) => [p.sequence, p.problem])).toEqual([[3, 'broken_link']]);
    const unreadable = verifyConsentRecords(
      [anna[0]!, { ...anna[1]!, record: 'not json' }, anna[2]!],
      signer.certificatePem,
    );
    expect(unreadable.chains[0]!.problems.map((p) => [p.sequence, p.problem])).toEqual([
      [2, 'bad_signature'],
      [2, 'canonical_mismatch'],
    ]);
    const misfiled = verifyConsentRecords([{ ...bogdan[0]!, chain: anna[0]!.chain }], signer.certificatePem);
    expect(misfiled.chains[0]!.problems.map((p) => [p.id, p.problem])).toEqual([['bogdan-1', 'wrong_chain']]);
  });

  it('rejects every record against another trusted certificate', () => {
    const report = verifyConsentRecords(anna, generateDevelopmentSigner('Someone else').certificatePem);
    expect(report.chains[0]!.problems.map((p) => p.problem)).toEqual([
      'bad_signature',
      'bad_signature',
      'bad_signature',
    ]);
  });

  it('accepts no rows at all', () => {
    expect(verifyConsentRecords([])).toEqual({ ok: true, records: 0, chains: [], trustedCertificate: false });
  });
});

describe('formatConsentReport', () => {
  it('prints one line per chain, one per problem and a summary', () => {
    const report = verifyConsentRecords([...bogdan, anna[0]!, anna[2]!], signer.certificatePem);
    const lines = formatConsentReport(report);
    const annaChain = anna[0]!.chain;
    expect(lines).toContain(
      `ok   ${bogdan[0]!.chain}: 1 record, head ${report.chains.find((c) => c.chain === bogdan[0]!.chain)!.headHash}`,
    );
    const failLine = lines.findIndex((line) => line.startsWith(`FAIL ${annaChain}: 2 records`));
    expect(failLine).toBeGreaterThanOrEqual(0);
    expect(lines[failLine + 1]).toMatch(/^ {5}#3 anna-3: broken_link \(previousHash names no record/);
    expect(lines.at(-1)).toBe('1 of 2 chain(s) have problems (1 problem(s) in 3 record(s)).');
  });

  it('warns when no trusted certificate was given', () => {
    const lines = formatConsentReport(verifyConsentRecords(bogdan));
    expect(lines[0]).toMatch(/^WARNING: no trusted certificate/);
    expect(lines.at(-1)).toBe('All 1 chain(s), 1 record(s) verified.');
  });
});
