/**
 * The reveal log: who saw which personal data of which migrant, when and on which basis. One row shape for every
 * writer (a read of personal fields, an access export, a document download); the migrant's case number is copied in,
 * so its readers (a municipality's administrator, who may not read the migrant) can tell the rows apart.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Row } from '../items';

export const REVEAL_LOG = 'reveal_log';

export interface RevealLogEntry {
  viewer: string | null;
  viewerRole: string;
  /** The municipality the viewer worked for (a clerk or a municipality's administrator), else null. */
  municipality: string | null;
  migrant: string;
  caseNumber: string | null;
  /** The personal fields shown, or `document:<type>` for a document. */
  fields: Iterable<string>;
  task: string | null;
  basis: string;
  reason: string | null;
  occurredAt: Date;
}

/** The stored row of an entry. */
export function revealLogRow(entry: RevealLogEntry): Row {
  return {
    id: randomUUID(),
    viewer: entry.viewer,
    viewer_role: entry.viewerRole,
    municipality: entry.municipality,
    migrant: entry.migrant,
    case_number: entry.caseNumber,
    fields: JSON.stringify([...entry.fields].sort()),
    task: entry.task,
    basis: entry.basis,
    reason: entry.reason,
    occurred_at: entry.occurredAt,
  };
}

/** Writes one entry (its case number read with it) before anything of the person leaves. */
export async function logReveal(knex: Knex, entry: Omit<RevealLogEntry, 'caseNumber'>): Promise<void> {
  const migrant = (await knex('migrants').select('case_number').where('id', entry.migrant).first()) as
    { case_number: string | null } | undefined;
  await knex(REVEAL_LOG).insert(revealLogRow({ ...entry, caseNumber: migrant?.case_number ?? null }));
}
