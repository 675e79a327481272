/**
 * The checking half of `npm run consent:verify`, without a database: takes rows of `consent_records`, groups
 * them into chains (one per migrant), orders each by `sequence` and checks it with the domain's verifyChain.
 * The CLI (scripts/consent-verify.ts) reads the rows with knex and prints the report.
 */
import {
  headHash,
  verifyChain,
  type ChainEntry,
  type ChainProblemKind,
} from '../../extensions/labour-platform/src/domain/consent/chain.js';
import { parseConsentRecord, type ConsentRecord } from '../../extensions/labour-platform/src/domain/consent/record.js';

/** One row of the `consent_records` table, as knex returns it from SQLite or PostgreSQL. */
export interface ConsentRecordRow {
  id: string;
  chain: string;
  sequence: number | string;
  /** The canonical JSON of the record. */
  record: string;
  /** Detached PKCS#7 PEM over `record`. */
  signature: string;
  created_at?: string | Date | number | null;
}

/** A chain problem, or `wrong_chain`: a record about another migrant filed under this chain's pseudonym. */
export type ConsentReportProblemKind = ChainProblemKind | 'wrong_chain';

export interface ConsentReportProblem {
  id: string;
  sequence: number;
  problem: ConsentReportProblemKind;
  detail?: string;
}

export interface ConsentChainReport {
  chain: string;
  records: number;
  ok: boolean;
  /** SHA-256 of the newest record: anchor it elsewhere to notice when the newest records disappear. */
  headHash: string | null;
  problems: ConsentReportProblem[];
}

export interface ConsentVerificationReport {
  ok: boolean;
  records: number;
  chains: ConsentChainReport[];
  /** False when no trusted certificate was given: then a re-signed forgery would pass. */
  trustedCertificate: boolean;
}

const PSEUDONYM_CHAIN = /^p1:[0-9a-f]{64}$/;

function readRecord(text: string): ConsentRecord | null {
  try {
    return parseConsentRecord(text);
  } catch {
    return null;
  }
}

function sequenceOf(row: ConsentRecordRow): number {
  const value = typeof row.sequence === 'number' ? row.sequence : Number(row.sequence);
  return Number.isFinite(value) ? value : Number.NaN;
}

function compareRows(a: ConsentRecordRow, b: ConsentRecordRow): number {
  const bySequence = sequenceOf(a) - sequenceOf(b);
  if (bySequence !== 0 && !Number.isNaN(bySequence)) return bySequence;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Checks every chain in the rows; pure, so tests can hand it rows directly. */
export function verifyConsentRecords(
  rows: Iterable<ConsentRecordRow>,
  trustedCertificatePem?: string,
): ConsentVerificationReport {
  const byChain = new Map<string, ConsentRecordRow[]>();
  let count = 0;
  for (const row of rows) {
    count++;
    const chain = String(row.chain);
    const list = byChain.get(chain);
    if (list) list.push(row);
    else byChain.set(chain, [row]);
  }

  const chains = [...byChain.keys()].sort().map((chain): ConsentChainReport => {
    const ordered = [...byChain.get(chain)!].sort(compareRows);
    const entries: ChainEntry[] = ordered.map((row) => ({
      id: String(row.id),
      record: readRecord(row.record),
      canonical: row.record,
      signature: row.signature,
    }));
    const sequenceById = new Map(ordered.map((row) => [String(row.id), sequenceOf(row)]));
    const verification = verifyChain(entries, trustedCertificatePem === undefined ? {} : { trustedCertificatePem });
    const problems: ConsentReportProblem[] = verification.problems.map((problem) => ({
      ...problem,
      sequence: sequenceById.get(problem.id) ?? Number.NaN,
    }));
    if (PSEUDONYM_CHAIN.test(chain)) {
      entries.forEach((entry) => {
        if (entry.record !== null && entry.record.subject !== chain) {
          problems.push({
            id: entry.id,
            sequence: sequenceById.get(entry.id) ?? Number.NaN,
            problem: 'wrong_chain',
            detail: 'the record is about another subject than its chain',
          });
        }
      });
      problems.sort(
        (a, b) => entries.findIndex((entry) => entry.id === a.id) - entries.findIndex((entry) => entry.id === b.id),
      );
    }
    return { chain, records: entries.length, ok: problems.length === 0, headHash: headHash(entries), problems };
  });

  return {
    ok: chains.every((chain) => chain.ok),
    records: count,
    chains,
    trustedCertificate: trustedCertificatePem !== undefined,
  };
}

/** The report as the CLI prints it: one line per chain, then one indented line per problem. */
export function formatConsentReport(report: ConsentVerificationReport): string[] {
  const lines: string[] = [];
  if (!report.trustedCertificate) {
    lines.push(
      'WARNING: no trusted certificate (CONSENT_SIGNING_CERT or --cert): each signature was only checked against the certificate it carries.',
    );
  }
  for (const chain of report.chains) {
    const head = chain.headHash === null ? '' : `, head ${chain.headHash}`;
    lines.push(
      `${chain.ok ? 'ok  ' : 'FAIL'} ${chain.chain}: ${chain.records} record${chain.records === 1 ? '' : 's'}${head}`,
    );
    for (const problem of chain.problems) {
      lines.push(
        `     #${problem.sequence} ${problem.id}: ${problem.problem}${problem.detail ? ` (${problem.detail})` : ''}`,
      );
    }
  }
  const failed = report.chains.filter((chain) => !chain.ok).length;
  lines.push(
    report.ok
      ? `All ${report.chains.length} chain(s), ${report.records} record(s) verified.`
      : `${failed} of ${report.chains.length} chain(s) have problems (${report.chains.reduce((sum, chain) => sum + chain.problems.length, 0)} problem(s) in ${report.records} record(s)).`,
  );
  return lines;
}
