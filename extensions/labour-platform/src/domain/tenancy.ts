/**
 * The fields that decide who sees or does what, who may set each, and how that is enforced. The README's
 * "Fields that decide tenancy" table is this list. Plain rules, no Directus import.
 */

import type { LocalisedText } from './ui-language';

export interface TenancyField {
  collection: string;
  field: string;
  decides: string;
  setBy: string;
  enforced: string;
}

export const TENANCY_FIELDS: readonly TenancyField[] = Object.freeze([
  {
    collection: 'directus_users',
    field: 'organisation',
    decides: "every item rule ($CURRENT_USER.organisation): the user's tenant; the BRP endpoint's party",
    setBy: 'administrator',
    enforced: 'no non-admin policy may update directus_users',
  },
  {
    collection: 'organisations',
    field: 'type, municipality_code',
    decides: 'whether an organisation can act as a municipality (BRP steps) and which BAG ids belong to it',
    setBy: 'administrator',
    enforced:
      'no non-admin policy may write organisations; the BRP endpoint takes a municipality step only for an organisation of type gemeente',
  },
  {
    collection: 'locations',
    field: 'municipality',
    decides:
      "which municipality's clerks, inspectors and policy officers see the location, its stays and migrants; the municipality of the BRP steps",
    setBy:
      'derived from the BAG id (its first four digits, the municipality code, against organisations.municipality_code); an administrator otherwise',
    enforced:
      'a non-administrator never sends it (403); on create it is derived, a BAG id of no municipality on the platform is a 400; an update that would move the location to another municipality is a 400; not in any non-admin update field list',
  },
  {
    collection: 'locations',
    field: 'provider',
    decides: 'which provider sees and manages the location and the migrants staying there',
    setBy: "preset: the caller's organisation (an administrator may choose)",
    enforced: 'create: preset and validation `_eq $CURRENT_USER.organisation`; not in the update field list',
  },
  {
    collection: 'migrants',
    field: 'provider',
    decides: 'which provider sees the migrant and takes the provider steps',
    setBy: "preset: the caller's organisation (an administrator may choose)",
    enforced: 'create: preset and validation `_eq $CURRENT_USER.organisation`; not in the update field list',
  },
  {
    collection: 'migrants',
    field: 'current_location',
    decides: 'which municipality (and location provider) sees the migrant',
    setBy: 'derived from the current stay',
    enforced: 'a non-administrator never sends it (403); written by the extension from stays',
  },
  {
    collection: 'stays',
    field: 'location, migrant',
    decides: "the migrant's current location, hence its municipality",
    setBy: 'the provider, only to its own locations and migrants it can read',
    enforced:
      "a reference must be readable with the caller's own permissions (403 otherwise); update rule: the stay's location is the caller's",
  },
  {
    collection: 'appointments',
    field: 'municipality',
    decides: "which municipality's clerks see and work the appointment",
    setBy: "preset: the clerk's organisation",
    enforced: 'create: preset and validation `_eq $CURRENT_USER.organisation`; not in the update field list',
  },
  {
    collection: 'tasks',
    field: 'owner_organisation',
    decides: 'which organisation sees and works the task (and a clerk sees the migrant while it is open)',
    setBy: 'the BRP workflow (system)',
    enforced: 'a non-administrator never sends it (403); non-admin update is limited to priority',
  },
  {
    collection: 'inspections',
    field: 'location, inspector',
    decides: 'which municipality sees the inspection; who did it',
    setBy: "location: the inspector, among its municipality's locations; inspector: preset $CURRENT_USER",
    enforced: 'location must be readable by the caller (403 otherwise); inspector is not in any field list',
  },
  {
    collection: 'inspection_findings',
    field: 'inspection',
    decides: "which municipality's inspectors and clerks and which provider (the inspected location's) see the finding",
    setBy: "the inspector, among its municipality's inspections",
    enforced:
      "the inspection must be readable by the caller (403 otherwise); not in any update field list; a provider may only write `answer`, on its own locations' open findings",
  },
  {
    collection: 'bedrooms',
    field: 'location',
    decides: "which provider manages the bedroom and which municipality's clerks and inspectors see it",
    setBy: 'the provider, only to its own locations',
    enforced:
      "a reference must be readable with the caller's own permissions (403 otherwise); update and delete rule: the bedroom's location is the caller's",
  },
  {
    collection: 'warnings',
    field: 'municipality, provider, location, migrant',
    decides: "which municipality's clerks, inspectors and administrators, and which provider, see the warning",
    setBy: 'the supervision glue (system), from the subject it found',
    enforced: 'a non-administrator never sends them (403); only `status` is in a non-admin update field list',
  },
  {
    collection: 'reveal_log',
    field: 'municipality',
    decides: 'which municipality administrator reads the entry',
    setBy: 'the privacy glue (system)',
    enforced: 'a non-administrator never sends it (403); no non-admin write permission',
  },
]);

/**
 * Tenancy fields a non-administrator may never put in a payload, even where a hook writes them (derived
 * values): the extension refuses them before anything else, whatever the permissions' field lists say.
 */
export const SET_BY_PLATFORM_ONLY: Readonly<Record<string, readonly string[]>> = Object.freeze({
  locations: ['municipality', 'occupied_beds', 'free_beds', 'norm_capacity'],
  migrants: ['current_location'],
  tasks: ['owner_organisation'],
  reveal_log: ['municipality'],
  inspection_findings: ['answered_at', 'answered_by', 'closed_by', 'closed_on'],
  warnings: [
    'type',
    'severity',
    'details',
    'municipality',
    'provider',
    'location',
    'migrant',
    'subject_key',
    'opened_at',
    'notified_at',
    'acknowledged_at',
    'acknowledged_by',
    'resolved_at',
    'resolved_by',
  ],
});

/** The fields of `payload` that a non-administrator may not set in `collection`. */
export function platformOnlyFieldsIn(collection: string, payload: Record<string, unknown>): string[] {
  return (SET_BY_PLATFORM_ONLY[collection] ?? []).filter((field) => field in payload);
}

/**
 * The municipality code (CBS gemeentecode) a BAG id was issued under: its first four digits. A BAG object id has
 * 16 digits: 4 for the municipality, 2 for the object type, 10 for the number.
 */
export function municipalityCodeOfBagId(bagId: unknown): string | null {
  if (typeof bagId !== 'string') return null;
  const digits = bagId.replace(/\s+/g, '');
  return /^\d{16}$/.test(digits) ? digits.slice(0, 4) : null;
}

export type LocationMunicipalityRefusal = 'bag_id_required' | 'unknown_municipality' | 'municipality_change';

/**
 * The municipality of a location written by a non-administrator: on create it is the one the BAG id names; on
 * update a new BAG id may not move the location to another municipality. `municipalityOfCode` resolves a code to
 * the organisation of type gemeente with that code (null when there is none).
 */
export function decideLocationMunicipality(input: {
  creating: boolean;
  bagId: unknown;
  bagIdGiven: boolean;
  currentMunicipalities: Array<string | null>;
  derived: string | null;
}): { municipality?: string } | { refusal: LocationMunicipalityRefusal } {
  if (input.creating) {
    if (!input.bagIdGiven || input.bagId === null || input.bagId === undefined || input.bagId === '')
      return { refusal: 'bag_id_required' };
    if (!input.derived) return { refusal: 'unknown_municipality' };
    return { municipality: input.derived };
  }
  if (!input.bagIdGiven) return {};
  if (input.bagId === null || input.bagId === '') return {}; // clearing the BAG id does not move the location
  if (!input.derived) return { refusal: 'unknown_municipality' };
  if (input.currentMunicipalities.some((current) => current !== null && current !== input.derived))
    return { refusal: 'municipality_change' };
  return {};
}

export const LOCATION_MUNICIPALITY_MESSAGES: Readonly<Record<LocationMunicipalityRefusal, LocalisedText>> =
  Object.freeze({
    bag_id_required: {
      nl: 'BAG-id: vul het BAG-id van het adres in; het bepaalt de gemeente van de locatie.',
      en: "BAG id: enter the address's BAG id; it decides the location's municipality.",
    },
    unknown_municipality: {
      nl: 'BAG-id: de gemeentecode van dit BAG-id hoort bij geen gemeente op het platform.',
      en: 'BAG id: the municipality code of this BAG id belongs to no municipality on the platform.',
    },
    municipality_change: {
      nl: 'BAG-id: dit adres ligt in een andere gemeente; alleen een beheerder verplaatst een locatie naar een andere gemeente.',
      en: 'BAG id: this address is in another municipality; only an administrator moves a location to another municipality.',
    },
  });
