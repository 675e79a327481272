/**
 * What /privacy does with encrypted personal data without ever putting it in a URL: a BSN search on the caller's
 * behalf (blind index), the duplicate warning before saving (the caller's own rows only: no oracle across tenants),
 * and an administrator's break-glass reveal with its reason (logged). One call per route; refusals are the seam's.
 */
import type { Accountability } from '@directus/types';
import { blindIndex, BlindIndexError, type KeyRing } from '../../domain/privacy';
import { Refused } from '../http/seam';
import { duplicateBsnWarning } from '../../domain/duplicate-bsn';
import { systemItems, userItems, type DataAccess, type Row } from '../items';
import { userLanguage } from '../language';
import { PERSONAL, revealInResult } from './personal-data';
import { onCallersBehalf } from './query-guard';
import { personalScope } from './search';

const SEARCH_FIELDS = [
  'id',
  'case_number',
  'provider',
  'current_location',
  'nationality',
  'brp_status',
  'arrival_date',
  ...PERSONAL,
];

function bsnFilter(ring: KeyRing, body: unknown): Record<string, unknown> {
  const bsn = (body as { bsn?: unknown } | null)?.bsn;
  if (typeof bsn !== 'string' && typeof bsn !== 'number') throw new Refused({ code: 'bsn_required' });
  try {
    return { bsn_index: { _eq: blindIndex(ring, 'bsn', String(bsn)) } };
  } catch (error) {
    if (error instanceof BlindIndexError) throw new Refused({ code: 'bsn_required' });
    throw error;
  }
}

/**
 * The caller's migrants with this BSN, among those whose personal data it may see (a clerk: with consent and an
 * open task; an administrator: none). Never a word about other rows: a BSN known elsewhere and an unknown one get
 * the same answer, so this is no oracle across tenants.
 */
async function sameBsn(
  access: DataAccess,
  ring: KeyRing,
  body: unknown,
  accountability: Accountability | null,
  fields: string[],
  limit: number,
): Promise<Row[]> {
  const byBsn = bsnFilter(ring, body);
  if (!accountability) return [];
  const scope = await personalScope(access.knex, accountability);
  if (scope.kind === 'none' || (scope.kind === 'rows' && scope.ids.length === 0)) return [];
  const filter = scope.kind === 'rows' ? { _and: [{ id: { _in: [...scope.ids] } }, byBsn] } : byBsn;
  return userItems(access, 'migrants', accountability).readByQuery(onCallersBehalf({ filter, fields, limit }));
}

/** The caller's own migrants with this BSN (those whose data it may see). */
export function searchByBsn(
  access: DataAccess,
  ring: KeyRing,
  body: unknown,
  accountability: Accountability | null,
): Promise<Row[]> {
  return sameBsn(access, ring, body, accountability, SEARCH_FIELDS, 50);
}

/** The warning before saving: the caller's own migrants with this BSN, by case number; nothing about anyone else's. */
export async function bsnDuplicates(
  access: DataAccess,
  ring: KeyRing,
  body: unknown,
  accountability: Accountability | null,
): Promise<{ yours: Array<{ id: unknown; case_number: unknown }>; warning: string | null }> {
  const rows = await sameBsn(access, ring, body, accountability, ['id', 'case_number'], 20);
  const yours = rows.map((row) => ({ id: row['id'], case_number: row['case_number'] ?? null }));
  const warning = duplicateBsnWarning(
    yours.map((row) => String(row.case_number ?? row.id)),
    await userLanguage(access.knex, accountability),
  );
  return { yours, warning };
}

/** Administrators: the plain data of one migrant, revealed with the reason, which is logged. */
export async function breakGlass(
  access: DataAccess,
  ring: KeyRing,
  migrantId: string,
  body: unknown,
  accountability: Accountability | null,
): Promise<Row[]> {
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'string' || reason.trim().length < 10) throw new Refused({ code: 'break_glass_reason' });
  // read the stored values without the read hook, then reveal with the break-glass reason
  const rows = await systemItems(access, 'migrants').readByQuery(
    { filter: { id: { _eq: migrantId } }, fields: ['id', ...PERSONAL], limit: 1 },
    { emitEvents: false },
  );
  return revealInResult(
    {
      ring,
      knex: access.knex,
      accountability,
      language: () => userLanguage(access.knex, accountability),
      breakGlass: { reason: reason.trim() },
    },
    rows,
  );
}
