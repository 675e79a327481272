/**
 * Labels and validation messages for the admin app and the API, in Dutch and English.
 * Messages about personal fields (./personal-fields) never contain the submitted value.
 * Plain module: no Directus import.
 */

import { SUPPORTED_LANGUAGES } from './languages';
import { isPersonalField } from './personal-fields';
import type { IssueCode, ValidatedCollection, ValidationIssue } from './validation';
import { FIELD_CHOICES } from './vocabulary';

export type UiLanguage = 'nl' | 'en';
export const UI_LANGUAGES: readonly UiLanguage[] = Object.freeze(['nl', 'en']);
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'nl';

export interface LocalisedText {
  nl: string;
  en: string;
}

export type LabelledCollection = ValidatedCollection | 'consents' | 'status_history' | 'directus_users' | 'task_types' | 'reveal_log' | 'consent_texts' | 'consent_records' | 'outbox';

function toUiLanguage(tag: string): UiLanguage | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' || primary === 'en' ? primary : null;
}

/**
 * The language for messages: the user's own setting ('nl-NL', 'en-US') wins; otherwise the first supported
 * language in the Accept-Language header, by q-value; otherwise Dutch.
 */
export function pickUiLanguage(userLanguage?: string | null, acceptLanguage?: string | null): UiLanguage {
  const fromUser = userLanguage ? toUiLanguage(userLanguage) : null;
  if (fromUser) return fromUser;
  if (!acceptLanguage) return DEFAULT_UI_LANGUAGE;

  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      let quality = 1;
      for (const param of params) {
        const [key = '', value = ''] = param.split('=').map((s) => s.trim());
        if (key.toLowerCase() === 'q') quality = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
      }
      return { tag: tag.trim(), quality, index };
    })
    .filter((range) => range.tag !== '' && range.tag !== '*' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const range of ranges) {
    const language = toUiLanguage(range.tag);
    if (language) return language;
  }
  return DEFAULT_UI_LANGUAGE;
}

const t = (nl: string, en: string): LocalisedText => ({ nl, en });

const CREATED = t('Aangemaakt op', 'Created on');
const UPDATED = t('Gewijzigd op', 'Updated on');
const MIGRANT = t('Arbeidsmigrant', 'Labour migrant');
const MUNICIPALITY = t('Gemeente', 'Municipality');
const PROVIDER = t('Huisvester', 'Housing provider');
const NOTES = t('Opmerkingen', 'Notes');
const STATUS = t('Status', 'Status');

export const COLLECTION_LABELS: Readonly<Record<LabelledCollection, { singular: LocalisedText; plural: LocalisedText }>> =
  Object.freeze({
    organisations: { singular: t('Organisatie', 'Organisation'), plural: t('Organisaties', 'Organisations') },
    locations: {
      singular: t('Huisvestingslocatie', 'Housing location'),
      plural: t('Huisvestingslocaties', 'Housing locations'),
    },
    migrants: { singular: MIGRANT, plural: t('Arbeidsmigranten', 'Labour migrants') },
    stays: { singular: t('Verblijf', 'Stay'), plural: t('Verblijven', 'Stays') },
    tasks: { singular: t('Taak', 'Task'), plural: t('Taken', 'Tasks') },
    appointments: {
      singular: t('Inschrijfafspraak', 'Registration appointment'),
      plural: t('Inschrijfafspraken', 'Registration appointments'),
    },
    consents: { singular: t('Machtiging', 'Authorisation'), plural: t('Machtigingen', 'Authorisations') },
    status_history: {
      singular: t('Statuswijziging', 'Status change'),
      plural: t('Statusgeschiedenis', 'Status history'),
    },
    inspections: { singular: t('Inspectie', 'Inspection'), plural: t('Inspecties', 'Inspections') },
    directus_users: { singular: t('Gebruiker', 'User'), plural: t('Gebruikers', 'Users') },
    task_types: { singular: t('Taaksoort', 'Task type'), plural: t('Taaksoorten en termijnen', 'Task types and deadlines') },
    reveal_log: { singular: t('Inzage', 'Reveal'), plural: t('Inzagelogboek', 'Reveal log') },
    consent_texts: { singular: t('Machtigingstekst', 'Consent text'), plural: t('Machtigingsteksten', 'Consent texts') },
    consent_records: { singular: t('Bewijsstuk machtiging', 'Consent record'), plural: t('Bewijs van machtigingen', 'Consent records') },
    outbox: { singular: t('Uitgestelde verwerking', 'Outbox entry'), plural: t('Uitgestelde verwerkingen', 'Outbox') },
  });

export const FIELD_LABELS: Readonly<Record<LabelledCollection, Readonly<Record<string, LocalisedText>>>> = Object.freeze({
  organisations: {
    id: t('ID', 'ID'),
    name: t('Naam', 'Name'),
    type: t('Soort organisatie', 'Organisation type'),
    municipality_code: t('Gemeentecode', 'Municipality code'),
    kvk_number: t('KvK-nummer', 'KvK number (Chamber of Commerce)'),
    email: t('E-mailadres', 'Email address'),
    date_created: CREATED,
    date_updated: UPDATED,
  },
  locations: {
    id: t('ID', 'ID'),
    name: t('Naam locatie', 'Location name'),
    street: t('Straat', 'Street'),
    house_number: t('Huisnummer', 'House number'),
    house_number_addition: t('Huisnummertoevoeging', 'House number addition'),
    postcode: t('Postcode', 'Postcode'),
    city: t('Plaats', 'Town'),
    bag_id: t('BAG-id', 'BAG ID'),
    municipality: MUNICIPALITY,
    provider: PROVIDER,
    capacity: t('Capaciteit (bedden)', 'Capacity (beds)'),
    latitude: t('Breedtegraad', 'Latitude'),
    longitude: t('Lengtegraad', 'Longitude'),
    active: t('Actief', 'Active'),
    inspections: t('Inspecties', 'Inspections'),
  },
  migrants: {
    id: t('ID', 'ID'),
    bsn: t('BSN', 'BSN (citizen service number)'),
    first_names: t('Voornamen', 'First names'),
    surname: t('Achternaam', 'Surname'),
    date_of_birth: t('Geboortedatum', 'Date of birth'),
    birth_year: t('Geboortejaar', 'Year of birth'),
    gender: t('Geslacht', 'Sex'),
    nationality: t('Nationaliteit', 'Nationality'),
    email: t('E-mailadres', 'Email address'),
    phone: t('Telefoonnummer', 'Phone number'),
    home_address: t('Adres in land van herkomst', 'Address in home country'),
    id_document_number: t('Documentnummer identiteitsbewijs', 'Identity document number'),
    language: t('Taal', 'Language'),
    brp_status: t('BRP-status', 'BRP status'),
    provider: PROVIDER,
    employer: t('Werkgever', 'Employer'),
    work_address: t('Werkadres', 'Work address'),
    work_postcode: t('Postcode werkadres', 'Work address postcode'),
    work_city: t('Plaats werkadres', 'Work address town'),
    arrival_date: t('Aankomstdatum', 'Arrival date'),
    expected_departure_date: t('Verwachte vertrekdatum', 'Expected departure date'),
    departure_date: t('Vertrekdatum', 'Departure date'),
    current_location: t('Huidige locatie', 'Current location'),
    status_version: t('Statusversie', 'Status version'),
    bsn_index: t('BSN-zoeksleutel', 'BSN search key'),
    case_number: t('Zaaknummer', 'Case number'),
    name_index: t('Naamzoeksleutels', 'Name search keys'),
    data_key: t('Gegevenssleutel (versleuteld)', 'Data key (wrapped)'),
    tasks: t('Taken', 'Tasks'),
    overview: t('Overzicht', 'Overview'),
    brp_machine_version: t('Versie statusmodel', 'Status model version'),
    date_created: CREATED,
    date_updated: UPDATED,
  },
  stays: {
    id: t('ID', 'ID'),
    migrant: MIGRANT,
    location: t('Locatie', 'Location'),
    start_date: t('Begindatum', 'Start date'),
    end_date: t('Einddatum', 'End date'),
  },
  tasks: {
    id: t('ID', 'ID'),
    type: t('Soort taak', 'Task type'),
    migrant: MIGRANT,
    owner_organisation: t('Verantwoordelijke organisatie', 'Responsible organisation'),
    status: STATUS,
    due_date: t('Uiterste datum', 'Due date'),
    priority: t('Prioriteit', 'Priority'),
    assignee: t('Behandelaar', 'Assignee'),
    outcome: t('Uitkomst', 'Outcome'),
    closed_at: t('Afgesloten op', 'Closed at'),
    escalated_at: t('Geëscaleerd op', 'Escalated at'),
    claimed_at: t('Opgepakt op', 'Claimed at'),
    open_step: t('Open stap', 'Open step'),
    actions: t('Volgende stap', 'Next step'),
    date_created: CREATED,
  },
  reveal_log: {
    id: t('ID', 'ID'),
    viewer: t('Bekeken door', 'Viewed by'),
    viewer_role: t('Rol', 'Role'),
    municipality: t('Gemeente', 'Municipality'),
    migrant: MIGRANT,
    fields: t('Velden', 'Fields'),
    task: t('Taak', 'Task'),
    basis: t('Grondslag', 'Basis'),
    reason: t('Reden', 'Reason'),
    occurred_at: t('Tijdstip', 'Occurred at'),
  },
  task_types: {
    type: t('Soort taak', 'Task type'),
    days: t('Termijn (dagen)', 'Deadline (days)'),
    working_days: t('Werkdagen', 'Working days'),
    counted_from: t('Gerekend vanaf', 'Counted from'),
    priority: t('Prioriteit', 'Priority'),
  },
  appointments: {
    id: t('ID', 'ID'),
    migrant: MIGRANT,
    municipality: MUNICIPALITY,
    desk: t('Balie', 'Desk'),
    starts_at: t('Begintijd', 'Start time'),
    ends_at: t('Eindtijd', 'End time'),
    status: STATUS,
    group_reference: t('Kenmerk groepsafspraak', 'Group appointment reference'),
    notes: NOTES,
  },
  consents: {
    id: t('ID', 'ID'),
    migrant: MIGRANT,
    status: STATUS,
    language: t('Taal', 'Language'),
    requested_at: t('Aangevraagd op', 'Requested at'),
    expires_at: t('Verloopt op', 'Expires at'),
    signed_at: t('Ondertekend op', 'Signed at'),
    revoked_at: t('Ingetrokken op', 'Revoked at'),
    refused_at: t('Geweigerd op', 'Refused at'),
    token_hash: t('Sleutel (hash)', 'Token (hash)'),
    failed_attempts: t('Mislukte pogingen', 'Failed attempts'),
    locked_at: t('Geblokkeerd op', 'Locked at'),
    text_version: t('Versie machtigingstekst', 'Consent text version'),
    channel: t('Verzonden via', 'Sent by'),
    sent_at: t('Verzonden op', 'Sent at'),
    withdrawn_at: t('Uitnodiging ingetrokken op', 'Invitation withdrawn at'),
    printed_by: t('Afgedrukt door (gebruiker)', 'Printed by (user)'),
  },
  consent_texts: {
    id: t('ID', 'ID'),
    version: t('Versie', 'Version'),
    language: t('Taal', 'Language'),
    title: t('Titel', 'Title'),
    body: t('Tekst', 'Text'),
    status: STATUS,
    published_at: t('Gepubliceerd op', 'Published at'),
    sha256: t('SHA-256 van de tekst', 'SHA-256 of the text'),
    new_version: t('Nieuwe versie', 'New version'),
    date_created: CREATED,
    date_updated: UPDATED,
  },
  consent_records: {
    id: t('ID', 'ID'),
    consent: t('Machtiging', 'Authorisation'),
    chain: t('Keten', 'Chain'),
    sequence: t('Volgnummer', 'Sequence'),
    action: t('Handeling', 'Action'),
    record: t('Vastlegging (JSON)', 'Record (JSON)'),
    signature: t('Handtekening (CMS)', 'Signature (CMS)'),
    created_at: t('Vastgelegd op', 'Recorded at'),
    channel: t('Uitnodiging via', 'Invitation by'),
    printed_by: t('Afgedrukt door (gebruiker)', 'Printed by (user)'),
    sent_at: t('Uitnodiging verzonden of afgedrukt op', 'Invitation sent or printed at'),
  },
  outbox: {
    id: t('ID', 'ID'),
    kind: t('Soort', 'Kind'),
    subject: t('Onderwerp', 'Subject'),
    status: STATUS,
    attempts: t('Pogingen', 'Attempts'),
    available_at: t('Niet eerder dan', 'Not before'),
    claimed_at: t('Opgepakt op', 'Claimed at'),
    claimed_by: t('Opgepakt door (instantie)', 'Claimed by (instance)'),
    done_at: t('Afgerond op', 'Done at'),
    last_error: t('Laatste fout', 'Last error'),
    created_at: CREATED,
  },
  status_history: {
    id: t('ID', 'ID'),
    migrant: MIGRANT,
    from_status: t('Oude status', 'Previous status'),
    to_status: t('Nieuwe status', 'New status'),
    event: t('Gebeurtenis', 'Event'),
    actor: t('Uitgevoerd door', 'Performed by'),
    occurred_at: t('Tijdstip', 'Occurred at'),
    reason: t('Reden', 'Reason'),
    machine_version: t('Versie statusmodel', 'Status model version'),
    snapshot: t('Momentopname', 'Snapshot'),
  },
  inspections: {
    id: t('ID', 'ID'),
    location: t('Locatie', 'Location'),
    inspected_on: t('Inspectiedatum', 'Inspection date'),
    inspector: t('Toezichthouder', 'Inspector'),
    beds_counted: t('Getelde bedden', 'Beds counted'),
    outcome: t('Uitkomst', 'Outcome'),
    notes: NOTES,
  },
  directus_users: {
    organisation: t('Organisatie', 'Organisation'),
  },
});

/** Labels for the values of enum fields (see FIELD_CHOICES in ./vocabulary). */
export const CHOICE_LABELS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, LocalisedText>>>>>> =
  Object.freeze({
    organisations: {
      type: {
        gemeente: t('Gemeente', 'Municipality'),
        huisvester: t('Huisvester', 'Housing provider'),
        werkgever: t('Werkgever', 'Employer'),
      },
    },
    migrants: {
      gender: { M: t('Man', 'Male'), V: t('Vrouw', 'Female'), O: t('Onbekend', 'Unknown') },
      brp_status: {
        geen: t('Geen', 'None'),
        niet_ingeschreven: t('Niet ingeschreven', 'Not registered'),
        ingepland: t('Ingepland', 'Scheduled'),
        afspraak_bevestigd: t('Afspraak bevestigd', 'Appointment confirmed'),
        ingeschreven: t('Ingeschreven', 'Registered'),
        rni: t('Ingeschreven in de RNI', 'Registered in the RNI'),
        vertrek_gemeld: t('Vertrek gemeld', 'Departure reported'),
        uitgeschreven: t('Uitgeschreven', 'Deregistered'),
        vertrokken: t('Vertrokken', 'Departed'),
      },
    },
    tasks: {
      type: {
        assess_status: t('Beoordelen status onbekend', 'Assess unknown status'),
        schedule: t('Arbeidsmigrant inplannen', 'Schedule labour migrant'),
        register: t('Inschrijven', 'Register'),
        deregister: t('Uitschrijven', 'Deregister'),
        confirm_appointment: t('Inschrijfafspraken bevestigen', 'Confirm registration appointments'),
        report_departure: t('Arbeidsmigrant afmelden', 'Report labour migrant departure'),
      },
      status: { open: t('Open', 'Open'), done: t('Afgerond', 'Done'), cancelled: t('Geannuleerd', 'Cancelled') },
      priority: { low: t('Laag', 'Low'), normal: t('Normaal', 'Normal'), high: t('Hoog', 'High') },
    },
    consent_texts: {
      status: { draft: t('Concept', 'Draft'), published: t('Gepubliceerd', 'Published'), archived: t('Gearchiveerd', 'Archived') },
    },
    consent_records: {
      action: { sign: t('Ondertekend', 'Signed'), refuse: t('Geweigerd', 'Refused'), revoke: t('Ingetrokken', 'Revoked') },
    },
    task_types: {
      counted_from: {
        opened: t('Opening van de taak', 'Opening of the task'),
        arrival: t('Aankomstdatum', 'Arrival date'),
        expected_departure: t('Verwachte vertrekdatum', 'Expected departure date'),
      },
    },
    appointments: {
      status: {
        proposed: t('Voorgesteld', 'Proposed'),
        confirmed: t('Bevestigd', 'Confirmed'),
        declined: t('Afgewezen', 'Declined'),
        no_show: t('Niet verschenen', 'No-show'),
        attended: t('Verschenen', 'Attended'),
        cancelled: t('Geannuleerd', 'Cancelled'),
      },
    },
    inspections: {
      outcome: {
        in_order: t('In orde', 'In order'),
        deficiencies: t('Gebreken', 'Deficiencies'),
        overcrowded: t('Overbewoning', 'Overcrowded'),
      },
    },
    consents: {
      status: {
        requested: t('Aangevraagd', 'Requested'),
        signed: t('Ondertekend', 'Signed'),
        refused: t('Geweigerd', 'Refused'),
        revoked: t('Ingetrokken', 'Revoked'),
        expired: t('Verlopen', 'Expired'),
      },
    },
  });

function lookup<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The field's label; the API name when the field has none. */
export function fieldLabel(collection: string, field: string, lang: UiLanguage): string {
  const labels = lookup<Readonly<Record<string, LocalisedText>>>(FIELD_LABELS, collection);
  return lookup(labels, field)?.[lang] ?? field;
}

export function collectionLabel(collection: string, lang: UiLanguage, plural = false): string {
  const labels = lookup<{ singular: LocalisedText; plural: LocalisedText }>(COLLECTION_LABELS, collection);
  return labels === undefined ? collection : labels[plural ? 'plural' : 'singular'][lang];
}

export function choiceLabel(collection: string, field: string, value: string, lang: UiLanguage): string {
  return lookup(lookup(lookup(CHOICE_LABELS, collection), field), value)?.[lang] ?? value;
}

/** 'Aankomstdatum' → 'aankomstdatum' for use mid-sentence; acronyms such as 'BSN' stay as they are. */
function midSentence(label: string): string {
  const [first = '', second = ''] = label;
  return second !== '' && second === second.toLowerCase() ? first.toLowerCase() + label.slice(1) : label;
}

function joinList(items: readonly string[], lang: UiLanguage): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'of' : 'or'} ${items[items.length - 1]!}`;
}

interface MessageContext {
  /** The field's label. */
  label: string;
  /** The label followed by the submitted value in quotes, unless the field holds personal data. */
  subject: string;
  /** The label of params.other, for mid-sentence use. */
  other: string;
  /** The allowed values, for invalid_choice. */
  choices: string;
  params: Record<string, string | number>;
}

type Template = (c: MessageContext) => string;

const LANGUAGE_LIST = SUPPORTED_LANGUAGES.map((language) => `${language.code} (${language.endonym})`).join(', ');

const MESSAGES: Readonly<Record<IssueCode, Readonly<Record<UiLanguage, Template>>>> = {
  required: {
    nl: (c) => `${c.label} is verplicht.`,
    en: (c) => `${c.label} is required.`,
  },
  required_for_gemeente: {
    nl: (c) => `${c.label} is verplicht voor een gemeente: vul de gemeentecode van vier cijfers in, zoals 0363.`,
    en: (c) => `${c.label} is required for a municipality: enter the four-digit municipality code, such as 0363.`,
  },
  malformed_text: {
    nl: (c) => `${c.label} bevat ongeldige tekens (een half Unicode-teken of een nul-teken): gebruik gewone tekst.`,
    en: (c) => `${c.label} contains invalid characters (half a Unicode character or a NUL character): use plain text.`,
  },
  invalid_type: {
    nl: (c) =>
      c.params.expected === 'boolean'
        ? `${c.subject} is ongeldig: kies ja of nee (true of false).`
        : `${c.subject} is ongeldig: vul tekst in.`,
    en: (c) =>
      c.params.expected === 'boolean'
        ? `${c.subject} is invalid: choose yes or no (true or false).`
        : `${c.subject} is invalid: enter text.`,
  },
  invalid_choice: {
    nl: (c) => `${c.subject} is geen geldige keuze: kies ${c.choices}.`,
    en: (c) => `${c.subject} is not a valid choice: choose ${c.choices}.`,
  },
  too_long: {
    nl: (c) => `${c.label} is te lang: gebruik hoogstens ${c.params.max ?? 255} tekens.`,
    en: (c) => `${c.label} is too long: use at most ${c.params.max ?? 255} characters.`,
  },
  invalid_postcode: {
    nl: (c) =>
      c.params.reason === 'never_issued'
        ? `${c.subject} bestaat niet: postcodes met de letters SA, SD of SS worden niet uitgegeven.`
        : `${c.subject} is ongeldig: gebruik vier cijfers en twee letters, zoals 1234 AB.`,
    en: (c) =>
      c.params.reason === 'never_issued'
        ? `${c.subject} does not exist: postcodes with the letters SA, SD or SS are never issued.`
        : `${c.subject} is invalid: use four digits and two letters, such as 1234 AB.`,
  },
  invalid_bsn: {
    nl: (c) =>
      c.params.reason === 'checksum'
        ? `${c.subject} is ongeldig: het nummer voldoet niet aan de elfproef. Controleer of het goed is overgenomen.`
        : `${c.subject} is ongeldig: een BSN bestaat uit 9 cijfers (een nummer van 8 cijfers krijgt een 0 ervoor).`,
    en: (c) =>
      c.params.reason === 'checksum'
        ? `${c.subject} is invalid: the number fails the eleven test (elfproef). Check that it was copied correctly.`
        : `${c.subject} is invalid: a BSN has 9 digits (an 8-digit number gets a leading 0).`,
  },
  invalid_bag_id: {
    nl: (c) => `${c.subject} is ongeldig: een BAG-id bestaat uit precies 16 cijfers.`,
    en: (c) => `${c.subject} is invalid: a BAG ID has exactly 16 digits.`,
  },
  invalid_kvk_number: {
    nl: (c) => `${c.subject} is ongeldig: een KvK-nummer bestaat uit precies 8 cijfers.`,
    en: (c) => `${c.subject} is invalid: a KvK number has exactly 8 digits.`,
  },
  invalid_municipality_code: {
    nl: (c) => `${c.subject} is ongeldig: gebruik precies 4 cijfers, zoals 1783 voor Westland.`,
    en: (c) => `${c.subject} is invalid: use exactly 4 digits, such as 1783 for Westland.`,
  },
  invalid_country: {
    nl: (c) => `${c.subject} is ongeldig: gebruik een landcode van twee letters (ISO 3166-1), zoals PL voor Polen.`,
    en: (c) => `${c.subject} is invalid: use a two-letter country code (ISO 3166-1), such as PL for Poland.`,
  },
  invalid_language: {
    nl: (c) => `${c.subject} wordt niet ondersteund: kies een van ${LANGUAGE_LIST}.`,
    en: (c) => `${c.subject} is not supported: choose one of ${LANGUAGE_LIST}.`,
  },
  invalid_email: {
    nl: (c) => `${c.subject} is ongeldig: gebruik een e-mailadres zoals naam@voorbeeld.nl.`,
    en: (c) => `${c.subject} is invalid: use an email address such as name@example.com.`,
  },
  invalid_phone: {
    nl: (c) => `${c.subject} is ongeldig: gebruik 6 tot 15 cijfers, eventueel met + en landcode ervoor, zoals +48 601 234 567.`,
    en: (c) => `${c.subject} is invalid: use 6 to 15 digits, optionally preceded by + and the country code, such as +48 601 234 567.`,
  },
  invalid_date: {
    nl: (c) => `${c.subject} is geen geldige datum: gebruik het formaat JJJJ-MM-DD, zoals 2025-03-31.`,
    en: (c) => `${c.subject} is not a valid date: use the format YYYY-MM-DD, such as 2025-03-31.`,
  },
  invalid_datetime: {
    nl: (c) => `${c.subject} is geen geldig tijdstip: gebruik datum en tijd, zoals 2025-03-31T09:30.`,
    en: (c) => `${c.subject} is not a valid date and time: use a date and time such as 2025-03-31T09:30.`,
  },
  invalid_reference: {
    nl: (c) => `${c.subject} is geen geldige verwijzing: kies een bestaand item.`,
    en: (c) => `${c.subject} is not a valid reference: choose an existing item.`,
  },
  not_integer: {
    nl: (c) => `${c.subject} is ongeldig: vul een geheel getal in.`,
    en: (c) => `${c.subject} is invalid: enter a whole number.`,
  },
  not_a_number: {
    nl: (c) => `${c.subject} is ongeldig: vul een getal in.`,
    en: (c) => `${c.subject} is invalid: enter a number.`,
  },
  out_of_range: {
    nl: (c) =>
      c.params.max === undefined
        ? `${c.subject} is ongeldig: vul ${c.params.min ?? 0} of meer in.`
        : `${c.subject} is ongeldig: vul een waarde tussen ${c.params.min ?? 0} en ${c.params.max} in.`,
    en: (c) =>
      c.params.max === undefined
        ? `${c.subject} is invalid: enter ${c.params.min ?? 0} or more.`
        : `${c.subject} is invalid: enter a value between ${c.params.min ?? 0} and ${c.params.max}.`,
  },
  in_future: {
    nl: (c) => `${c.subject} mag niet in de toekomst liggen.`,
    en: (c) => `${c.subject} cannot be in the future.`,
  },
  must_be_before: {
    nl: (c) => `${c.label} moet vóór de ${c.other} liggen.`,
    en: (c) => `${c.label} must be before the ${c.other}.`,
  },
  must_be_on_or_before: {
    nl: (c) => `${c.label} moet op of vóór de ${c.other} liggen.`,
    en: (c) => `${c.label} must be on or before the ${c.other}.`,
  },
  must_be_after: {
    nl: (c) => `${c.label} moet na de ${c.other} liggen.`,
    en: (c) => `${c.label} must be after the ${c.other}.`,
  },
  must_be_on_or_after: {
    nl: (c) => `${c.label} moet op of na de ${c.other} liggen.`,
    en: (c) => `${c.label} must be on or after the ${c.other}.`,
  },
};

function describeChoices(collection: string, field: string, lang: UiLanguage): string {
  const values = lookup(lookup(FIELD_CHOICES, collection), field) ?? [];
  const described = values.map((value) => {
    const label = choiceLabel(collection, field, value, lang);
    return label.toLowerCase() === value.replace(/_/g, ' ').toLowerCase() ? value : `${value} (${label})`;
  });
  return joinList(described, lang);
}

/**
 * One sentence that names the field in the given language and says what is expected. The submitted value is
 * quoted only for fields that do not hold personal data.
 */
export function formatIssue(collection: string, issue: ValidationIssue, lang: UiLanguage): string {
  const params = issue.params ?? {};
  const label = fieldLabel(collection, issue.field, lang);
  const value = params.value;
  const mayEcho = value !== undefined && String(value) !== '' && !isPersonalField(collection, issue.field);
  const other = typeof params.other === 'string' ? midSentence(fieldLabel(collection, params.other, lang)) : '';
  const context: MessageContext = {
    label,
    subject: mayEcho ? `${label} "${String(value)}"` : label,
    other,
    choices: issue.code === 'invalid_choice' ? describeChoices(collection, issue.field, lang) : '',
    params,
  };
  const template = lookup(MESSAGES, issue.code)?.[lang];
  return template ? template(context) : lang === 'nl' ? `${label} is ongeldig.` : `${label} is invalid.`;
}

/** All issues as one text, one sentence per issue. */
export function formatIssues(collection: string, issues: readonly ValidationIssue[], lang: UiLanguage): string {
  return issues.map((issue) => formatIssue(collection, issue, lang)).join(' ');
}

/** A payload points at a row the user may not see (another organisation's location, migrant, ...). */
export function referenceForbiddenMessage(collection: string, field: string, lang: UiLanguage): string {
  const label = fieldLabel(collection, field, lang);
  return lang === 'nl'
    ? `${label}: u kunt alleen verwijzen naar gegevens van uw eigen organisatie.`
    : `${label}: you can only refer to records of your own organisation.`;
}

/** Collections whose Dutch singular is a het-word ("dit verblijf"); the others take "deze". */
const HET_WORDS: ReadonlySet<string> = new Set(['stays']);

/**
 * Rows that other rows still refer to cannot be deleted: "Deze arbeidsmigrant heeft nog taken; verwijder of wijzig
 * die eerst." Names the blocking collections, never a value.
 */
export function stillReferencedMessage(collection: string, blockedBy: readonly string[], count: number, lang: UiLanguage): string {
  const many = count > 1;
  const subject = midSentence(collectionLabel(collection, lang, many));
  const names = blockedBy.map((other) => midSentence(collectionLabel(other, lang, true)));
  const and = lang === 'nl' ? 'en' : 'and';
  const others = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]!}`;
  if (lang === 'nl') {
    const determiner = many || !HET_WORDS.has(collection) ? 'Deze' : 'Dit';
    return `${determiner} ${subject} ${many ? 'hebben' : 'heeft'} nog ${others}; verwijder of wijzig die eerst.`;
  }
  return `${many ? 'These' : 'This'} ${subject} still ${many ? 'have' : 'has'} ${others}; delete or change those first.`;
}
