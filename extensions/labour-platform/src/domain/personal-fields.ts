/**
 * Fields that hold personal data (persoonsgegevens). Their values are stored encrypted, masked without consent,
 * and must never appear in error messages or logs. Plain module: no Directus import.
 */

export const PERSONAL_FIELDS = Object.freeze({
  migrants: Object.freeze([
    'bsn',
    'first_names',
    'surname',
    'date_of_birth',
    'email',
    'phone',
    'home_address',
    'id_document_number',
  ] as const),
});

/**
 * Columns only the platform writes and queries: the BSN blind index, the name index, the wrapped data key and the read
 * bundle (../privacy/read-bundle). Nobody
 * reads them through the API, and no client query may filter, sort, group or search on them.
 */
export const SEALED_FIELDS = Object.freeze({
  migrants: Object.freeze([
    'data_key',
    'bsn_index',
    'name_index',
    'read_bundle',
    // what a BRP lookup leaves for supervision: the municipality code and a keyed hash of the address
    'brp_municipality_code',
    'brp_address_key',
    'brp_checked_at',
  ] as const),
});

/** Columns the platform assigns and nobody sets or changes, but everyone who sees the row may read and search. */
export const ASSIGNED_FIELDS = Object.freeze({
  migrants: Object.freeze(['case_number'] as const),
});

export type PersonalCollection = keyof typeof PERSONAL_FIELDS;
export type PersonalField = (typeof PERSONAL_FIELDS)[PersonalCollection][number];

export function isPersonalField(collection: string, field: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(PERSONAL_FIELDS, collection)) return false;
  return (PERSONAL_FIELDS[collection as PersonalCollection] as readonly string[]).includes(field);
}
