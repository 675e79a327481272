/**
 * Encrypting and decrypting the personal fields (../personal-fields) of one row at once, with that row's data key.
 * Fields that are absent, null or undefined are left as they are; other fields are copied untouched.
 * Plain module: no Directus import.
 */

import { PERSONAL_FIELDS, type PersonalCollection } from '../personal-fields';
import { decryptValue, encryptValue } from './envelope';

export function personalFieldsOf(collection: PersonalCollection): readonly string[] {
  return PERSONAL_FIELDS[collection];
}

function transform(
  collection: PersonalCollection,
  values: Readonly<Record<string, unknown>>,
  apply: (field: string, value: string) => string,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...values };
  for (const field of PERSONAL_FIELDS[collection]) {
    if (!Object.prototype.hasOwnProperty.call(values, field)) continue;
    const value = values[field];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string')
      throw new TypeError(`${collection}.${field} must be a string to be encrypted or decrypted`);
    result[field] = apply(field, value);
  }
  return result;
}

/** A copy of `values` with every personal field present encrypted with the row's data key. */
export function encryptPersonalFields(
  dataKey: Uint8Array,
  collection: PersonalCollection,
  id: string | number,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return transform(collection, values, (field, value) => encryptValue(dataKey, value, { collection, field, id }));
}

/** A copy of `values` with every personal field present decrypted; throws DecryptionError on the first that fails. */
export function decryptPersonalFields(
  dataKey: Uint8Array,
  collection: PersonalCollection,
  id: string | number,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return transform(collection, values, (field, value) => decryptValue(dataKey, value, { collection, field, id }));
}
