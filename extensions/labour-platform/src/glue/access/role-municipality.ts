/**
 * The municipality a signed-in user of a municipal role works for: its organisation, when that is of type gemeente
 * and the user has the role; null for anyone else (administrators included: routes for one role do not exist for
 * them either).
 */
import type { Accountability } from '@directus/types';
import type { DataAccess } from '../items';
import { organisationOf } from '../privacy/personal-data';

export async function municipalityOfRole(
  access: DataAccess,
  accountability: Accountability | null | undefined,
  role: string,
): Promise<string | null> {
  if (!accountability?.user || accountability.admin || accountability.role !== role) return null;
  const organisation = await organisationOf(access.knex, accountability.user);
  if (!organisation) return null;
  const row = (await access.knex('organisations').select('type').where('id', organisation).first()) as
    { type?: unknown } | undefined;
  return row?.type === 'gemeente' ? organisation : null;
}
