/**
 * What /privacy does with encrypted personal data without ever putting it in a URL: a BSN search on the caller's
 * behalf (blind index), whether a BSN is known elsewhere (never where or who), and an administrator's break-glass
 * reveal with its reason (logged). One call per route; refusals are the seam's.
 */
import type { Accountability } from '@directus/types';
import { blindIndex, BlindIndexError, type KeyRing } from '../../domain/privacy';
import { Refused } from '../http/seam';
import { systemItems, userItems, type DataAccess, type Row } from '../items';
import { userLanguage } from '../language';
import { PERSONAL, revealInResult } from './personal-data';
import { onCallersBehalf } from './query-guard';

const SEARCH_FIELDS = ['id', 'provider', 'current_location', 'nationality', 'brp_status', 'arrival_date', ...PERSONAL];

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

/** The caller's own migrants with this BSN. */
export function searchByBsn(access: DataAccess, ring: KeyRing, body: unknown, accountability: Accountability | null): Promise<Row[]> {
  return userItems(access, 'migrants', accountability).readByQuery(onCallersBehalf({ filter: bsnFilter(ring, body), fields: SEARCH_FIELDS, limit: 50 }));
}

/** Whether the BSN is known at all: the caller's own migrants with it, and only whether there are others. */
export async function bsnDuplicates(access: DataAccess, ring: KeyRing, body: unknown, accountability: Accountability | null): Promise<{ known: boolean; yours: unknown[]; elsewhere: boolean }> {
  const filter = bsnFilter(ring, body);
  const all = await systemItems(access, 'migrants').readByQuery({ filter, fields: ['id'], limit: -1 });
  const yours = await userItems(access, 'migrants', accountability).readByQuery(onCallersBehalf({ filter, fields: ['id'], limit: -1 }));
  // Says only that the person is known elsewhere: never where, never who.
  return { known: all.length > 0, yours: yours.map((row) => row['id']), elsewhere: all.length > yours.length };
}

/** Administrators: the plain data of one migrant, revealed with the reason, which is logged. */
export async function breakGlass(access: DataAccess, ring: KeyRing, migrantId: string, body: unknown, accountability: Accountability | null): Promise<Row[]> {
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'string' || reason.trim().length < 10) throw new Refused({ code: 'break_glass_reason' });
  // read the stored values without the read hook, then reveal with the break-glass reason
  const rows = await systemItems(access, 'migrants').readByQuery({ filter: { id: { _eq: migrantId } }, fields: ['id', ...PERSONAL], limit: 1 }, { emitEvents: false });
  return revealInResult({ ring, knex: access.knex, accountability, language: () => userLanguage(access.knex, accountability), breakGlass: { reason: reason.trim() } }, rows);
}
