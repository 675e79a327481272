/**
 * The read bundle: all personal fields of one row sealed together, so a page of 100 migrants sets up 100 decryptions
 * instead of 800 (setting up an AES-GCM decryption costs far more than decrypting a short value).
 *
 * The per-field values (./envelope, enc1) stay the truth; the bundle is a copy for reading only, and it can never be
 * stale: it is an enc1 value under the row's own data key whose binding (its associated data) names the row, the list
 * of fields AND the exact stored value of each of them:
 *
 *   AAD  <collection>/read_bundle.<digest>/<id>
 *   digest  SHA-256("labour-platform/read-bundle/v1" 0x00 JSON [[field, stored value or null], …]), base64url
 *
 * Any change of a field (a new value always has a fresh random nonce), of the field list, of the row, or another
 * row's bundle, makes the binding differ: the bundle does not open (wrong_binding, found before any decryption) and
 * the reader decrypts the fields one by one as before. A writer that changes a field without renewing the bundle
 * therefore only costs speed, never correctness. The bundle is built from the stored values themselves (decrypted
 * here), so it holds exactly what they hold. Erasing the data key shreds it with the fields.
 *
 * Plain module: no Directus import.
 */
import { hash } from 'node:crypto';
import { decryptValue, DecryptionError, encryptValue, type FieldBinding, type RowRef } from './envelope';

/** The column that holds a row's read bundle. */
export const READ_BUNDLE_FIELD = 'read_bundle';

/** A stored personal value as the reader sees it: a non-empty string, or absent (null). */
function storedOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function bundleBinding(
  row: RowRef,
  fields: readonly string[],
  stored: Readonly<Record<string, unknown>>,
): FieldBinding {
  const covered = JSON.stringify(fields.map((field) => [field, storedOrNull(stored[field])]));
  const digest = hash('sha256', `labour-platform/read-bundle/v1\0${covered}`, 'base64url');
  return { collection: row.collection, id: row.id, field: `${READ_BUNDLE_FIELD}.${digest}` };
}

/**
 * The read bundle of a row's stored personal values (`stored` holds the enc1 value of each field in `fields`, or
 * nothing), or null when one of them does not decrypt with this data key (then there is no bundle and every reader
 * reports that field's failure as before).
 */
export function sealReadBundle(
  dataKey: Uint8Array,
  row: RowRef,
  fields: readonly string[],
  stored: Readonly<Record<string, unknown>>,
): string | null {
  const values: Array<string | null> = [];
  for (const field of fields) {
    const value = storedOrNull(stored[field]);
    if (value === null) {
      values.push(null);
      continue;
    }
    try {
      values.push(decryptValue(dataKey, value, { collection: row.collection, field, id: row.id }));
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }
  return encryptValue(dataKey, JSON.stringify(values), bundleBinding(row, fields, stored));
}

/**
 * The plain values of `fields` from a row's read bundle, in the same order (null for an absent field): exactly what
 * decrypting each stored value would give. Throws DecryptionError when the bundle is damaged, belongs to another
 * row, or no longer matches the stored values (`stored`, read with it) — the caller then decrypts field by field.
 */
export function openReadBundle(
  dataKey: Uint8Array,
  bundle: string,
  row: RowRef,
  fields: readonly string[],
  stored: Readonly<Record<string, unknown>>,
): Array<string | null> {
  const binding = bundleBinding(row, fields, stored);
  const where = { collection: row.collection, field: READ_BUNDLE_FIELD };
  let values: unknown;
  try {
    values = JSON.parse(decryptValue(dataKey, bundle, binding));
  } catch (error) {
    if (error instanceof DecryptionError) throw new DecryptionError(error.reason, where);
    throw new DecryptionError('malformed', where, 'the read bundle is not a list of values');
  }
  // authenticated, so only a bug could make it so: still never show a value for an absent field, or a non-string
  const valid =
    Array.isArray(values) &&
    values.length === fields.length &&
    values.every((value, index) =>
      storedOrNull(stored[fields[index]!]) === null ? value === null : typeof value === 'string',
    );
  if (!valid) throw new DecryptionError('malformed', where, 'the read bundle does not match the row’s fields');
  return values as Array<string | null>;
}
