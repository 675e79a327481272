/**
 * What a BRP lookup leaves for supervision (issue 12, "the BRP answer places the person at another address or in
 * another municipality"): the municipality code of registration and a keyed hash of the address key
 * (../../domain/supervision/address-match), on the migrant's sealed columns `brp_municipality_code`, `brp_address_key`
 * and `brp_checked_at` (only the platform writes or reads them; ../privacy strips them from every answer). Nothing of
 * the answer is kept when the person is not registered in a Dutch municipality. The evaluation compares them with the
 * current location (./evaluate.ts).
 */
import { blindIndex, type KeyRing } from '../../domain/privacy';
import type { BrpLookupResult, BrpPersoon } from '../../domain/brp/lookup';
import {
  brpAddressKey,
  locationAddressKeys,
  storedAddressKey,
  type LocationAddress,
} from '../../domain/supervision/address-match';
import type { DataAccess } from '../items';

export interface BrpAddressFacts {
  brp_municipality_code: string | null;
  brp_address_key: string | null;
  brp_checked_at: string;
}

/** The facts a lookup leaves: code and hashed key for a person registered in a municipality, else nothing. */
export function brpAddressFacts(
  ring: KeyRing,
  persoon: BrpPersoon | undefined,
  result: BrpLookupResult,
  now: Date = new Date(),
): BrpAddressFacts {
  if (result.kind !== 'registered')
    return { brp_municipality_code: null, brp_address_key: null, brp_checked_at: now.toISOString() };
  const key = brpAddressKey(persoon);
  return {
    brp_municipality_code: result.municipalityCode,
    brp_address_key: key ? storedAddressKey(key.kind, blindIndex(ring, 'address', key.key)) : null,
    brp_checked_at: now.toISOString(),
  };
}

/** Stores a lookup's facts on the migrant (a plain column write: no revision, no event carries them). */
export async function rememberBrpAddress(access: DataAccess, migrantId: string, facts: BrpAddressFacts): Promise<void> {
  await access.knex('migrants').where('id', migrantId).update(facts);
}

/** A location's hashed address keys, to compare with a stored BRP key. */
export function hashedLocationKeys(ring: KeyRing, location: LocationAddress): string[] {
  return locationAddressKeys(location).map((key) => storedAddressKey(key.kind, blindIndex(ring, 'address', key.key)));
}
