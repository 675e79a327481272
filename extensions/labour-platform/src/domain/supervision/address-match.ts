/**
 * Where the BRP and the platform place a person, compared without keeping the address (issue 12, "work and home
 * inconsistent"). From a BRP lookup's `verblijfplaats` the platform keeps only the municipality code of registration and
 * a keyed hash (a blind index, ../privacy/blind-index, purpose `address`) of one address key: the BAG id of the
 * adresseerbaar object when the BRP gives one, else postcode and house number. A housing location gives the same keys
 * from its own BAG id, postcode and house number; the two match when the hash of the BRP's key is among the location's.
 * The stored form is `<kind>:<hash>`, so a BAG key is only compared with a BAG key. Plain module: no Directus import.
 */
import { normalisePostcode } from '../postcode';
import type { BrpPersoon } from '../brp/lookup';

export type AddressKeyKind = 'bag' | 'pc';

/** An address key before hashing: `bag:<16 digits>` or `pc:<1234AB>:<house number, letter, addition>`. */
export interface AddressKey {
  kind: AddressKeyKind;
  key: string;
}

function houseNumberPart(parts: readonly (string | number | null | undefined)[]): string | null {
  const joined = parts
    .map((part) => (part === null || part === undefined ? '' : String(part)))
    .join('')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
  return /^[0-9]{1,5}[0-9A-Z]{0,7}$/.test(joined) ? joined : null;
}

function bagKey(value: unknown): AddressKey | null {
  if (typeof value !== 'string') return null;
  const digits = value.replace(/\s+/g, '');
  return /^\d{16}$/.test(digits) ? { kind: 'bag', key: `bag:${digits}` } : null;
}

function postcodeKey(postcode: unknown, parts: readonly (string | number | null | undefined)[]): AddressKey | null {
  const code = typeof postcode === 'string' ? normalisePostcode(postcode) : null;
  const number = houseNumberPart(parts);
  return code && number ? { kind: 'pc', key: `pc:${code}:${number}` } : null;
}

/** The one key of a BRP person's Dutch address (BAG id first), or null when the BRP gives none. */
export function brpAddressKey(persoon: BrpPersoon | undefined): AddressKey | null {
  const place = persoon?.verblijfplaats;
  if (!place || (place.type !== 'Adres' && place.type !== 'Locatie')) return null;
  const address = place.verblijfadres;
  return (
    bagKey(place.adresseerbaarObjectIdentificatie) ??
    postcodeKey(address?.postcode, [address?.huisnummer, address?.huisletter, address?.huisnummertoevoeging])
  );
}

export interface LocationAddress {
  bag_id?: unknown;
  postcode?: unknown;
  house_number?: unknown;
  house_number_addition?: unknown;
}

/** Every key of a housing location: its BAG id and its postcode with house number, as far as it has them. */
export function locationAddressKeys(location: LocationAddress): AddressKey[] {
  const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
  return [
    bagKey(location.bag_id),
    postcodeKey(location.postcode, [str(location.house_number), str(location.house_number_addition)]),
  ].filter((key): key is AddressKey => key !== null);
}

/** The stored form of a hashed key. */
export function storedAddressKey(kind: AddressKeyKind, hash: string): string {
  return `${kind}:${hash}`;
}

/**
 * Whether the BRP's stored key is one of the location's: true or false when the location has a key of the same kind,
 * null when they cannot be compared (no stored key, or the location lacks that kind of key).
 */
export function addressMatches(stored: string | null, locationKeys: readonly string[]): boolean | null {
  if (!stored) return null;
  const kind = stored.slice(0, stored.indexOf(':') + 1);
  if (kind === '' || !locationKeys.some((key) => key.startsWith(kind))) return null;
  return locationKeys.includes(stored);
}

/** A four-digit municipality code, or null. */
export function municipalityCodeOf(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const code = String(value).trim().padStart(4, '0');
  return /^\d{4}$/.test(code) ? code : null;
}
