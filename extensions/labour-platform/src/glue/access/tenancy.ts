/**
 * Tenancy fields in the data layer: a non-administrator never sets a field the platform derives (checked on the
 * request alone, before anything else), and a location's municipality is derived from its BAG id. The rules are
 * in ../../domain/tenancy.
 */
import { ForbiddenError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
  decideLocationMunicipality,
  LOCATION_MUNICIPALITY_MESSAGES,
  municipalityCodeOfBagId,
  platformOnlyFieldsIn,
} from '../../domain/tenancy';
import type { UiLanguage } from '../../domain/ui-language';
import { fieldRefusal } from '../errors';
import type { Row } from '../items';

const isAdministrator = (accountability: Accountability | null): boolean =>
  !accountability || accountability.admin === true;

/** 403, worded as Directus words a field the caller may not write, when a non-administrator sends a platform field. */
export function refusePlatformFields(
  collection: string,
  payload: unknown,
  accountability: Accountability | null,
): void {
  if (isAdministrator(accountability) || payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return;
  const fields = platformOnlyFieldsIn(collection, payload as Row);
  if (fields.length === 0) return;
  const list = fields.map((field) => `"${field}"`).join(', ');
  throw new ForbiddenError({
    reason:
      fields.length === 1
        ? `You don't have permission to access field ${list} in collection "${collection}" or it does not exist. Queried in root.`
        : `You don't have permission to access fields ${list} in collection "${collection}" or they do not exist. Queried in root.`,
  });
}

/** The organisation of type gemeente whose municipality code the BAG id carries, or null. */
export async function municipalityOfBagId(knex: Knex, bagId: unknown): Promise<string | null> {
  const code = municipalityCodeOfBagId(bagId);
  if (!code) return null;
  const row = (await knex('organisations')
    .select('id')
    .where({ type: 'gemeente', municipality_code: code })
    .first()) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * A location written by a non-administrator gets the municipality its BAG id names (create), and a new BAG id
 * never moves it to another municipality (update). An administrator's write is left as it is, except that a new
 * location without a municipality gets the one its BAG id names.
 */
export async function withLocationMunicipality(
  knex: Knex,
  accountability: Accountability | null,
  payload: Row,
  existing: Row[] | null,
  language: () => Promise<UiLanguage>,
): Promise<Row> {
  const creating = existing === null;
  const bagIdGiven = 'bag_id' in payload;
  if (isAdministrator(accountability)) {
    if (!creating || payload['municipality'] !== undefined || !bagIdGiven) return payload;
    const derived = await municipalityOfBagId(knex, payload['bag_id']);
    return derived ? { ...payload, municipality: derived } : payload;
  }
  if (!creating && !bagIdGiven) return payload;
  const derived = bagIdGiven ? await municipalityOfBagId(knex, payload['bag_id']) : null;
  const decision = decideLocationMunicipality({
    creating,
    bagId: payload['bag_id'],
    bagIdGiven,
    currentMunicipalities: (existing ?? []).map((row) => (row['municipality'] as string | null | undefined) ?? null),
    derived,
  });
  if ('refusal' in decision) {
    const message = LOCATION_MUNICIPALITY_MESSAGES[decision.refusal][await language()];
    throw fieldRefusal('locations', 'bag_id', decision.refusal, message);
  }
  return decision.municipality ? { ...payload, municipality: decision.municipality } : payload;
}
