/**
 * Labels of the data model in Dutch and English: collections, fields and the values of enum fields. The schema
 * snapshot and schema/translations.json hold the same texts for the admin app (a repo test keeps them equal).
 * Plain module: no Directus import.
 */

import { localised as t, type LocalisedText, type UiLanguage } from './ui-language';
import type { ValidatedCollection } from './validation-rules';
import {
  CHECKLIST_LABELS,
  DELIVERY_INTERVAL_LABELS,
  HOUSING_TYPE_LABELS,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
  WARNING_TYPE_LABELS,
} from './supervision/messages';

export type LabelledCollection =
  | ValidatedCollection
  | 'consents'
  | 'status_history'
  | 'directus_users'
  | 'task_types'
  | 'reveal_log'
  | 'consent_texts'
  | 'consent_records'
  | 'outbox'
  | 'imports'
  | 'data_keys'
  | 'migrant_documents'
  | 'intake_credentials'
  | 'anonymous_people'
  | 'destruction_log'
  | 'warnings'
  | 'bedrooms'
  | 'inspection_photos';

const CREATED = t('Aangemaakt op', 'Created on');
const UPDATED = t('Gewijzigd op', 'Updated on');
const MIGRANT = t('Arbeidsmigrant', 'Labour migrant');
const MUNICIPALITY = t('Gemeente', 'Municipality');
const PROVIDER = t('Huisvester', 'Housing provider');
const NOTES = t('Opmerkingen', 'Notes');
const STATUS = t('Status', 'Status');

export const COLLECTION_LABELS: Readonly<
  Record<LabelledCollection, { singular: LocalisedText; plural: LocalisedText }>
> = Object.freeze({
  organisations: { singular: t('Organisatie', 'Organisation'), plural: t('Organisaties', 'Organisations') },
  locations: {
    singular: t('Huisvestingslocatie', 'Housing location'),
    plural: t('Huisvestingslocaties', 'Housing locations'),
  },
  migrants: { singular: MIGRANT, plural: t('Arbeidsmigranten', 'Labour migrants') },
  stays: { singular: t('Verblijf', 'Stay'), plural: t('Verblijven', 'Stays') },
  tasks: { singular: t('Taak', 'Task'), plural: t('Taken', 'Tasks') },
  appointments: {
    singular: t('Inschrijfafspraak', 'Appointment'),
    plural: t('Inschrijfafspraken', 'Appointments'),
  },
  consents: { singular: t('Machtiging', 'Authorisation'), plural: t('Machtigingen', 'Authorisations') },
  status_history: {
    singular: t('Statuswijziging', 'Status change'),
    plural: t('Statusgeschiedenis', 'Status history'),
  },
  inspections: { singular: t('Inspectie', 'Inspection'), plural: t('Inspecties', 'Inspections') },
  inspection_findings: {
    singular: t('Inspectiebevinding', 'Inspection finding'),
    plural: t('Inspectiebevindingen', 'Inspection findings'),
  },
  directus_users: { singular: t('Gebruiker', 'User'), plural: t('Gebruikers', 'Users') },
  task_types: { singular: t('Taaksoort', 'Task type'), plural: t('Taaksoorten', 'Task types') },
  reveal_log: { singular: t('Inzage', 'Reveal'), plural: t('Inzagelogboek', 'Reveal log') },
  consent_texts: { singular: t('Machtigingstekst', 'Consent text'), plural: t('Machtigingsteksten', 'Consent texts') },
  consent_records: {
    singular: t('Bewijsstuk machtiging', 'Consent record'),
    plural: t('Machtigingsbewijs', 'Consent records'),
  },
  outbox: { singular: t('Uitgestelde verwerking', 'Outbox entry'), plural: t('Uitgestelde verwerkingen', 'Outbox') },
  imports: { singular: t('Import', 'Import'), plural: t('Importen', 'Imports') },
  data_keys: { singular: t('Gegevenssleutel', 'Data key'), plural: t('Gegevenssleutels', 'Data keys') },
  migrant_documents: { singular: t('Document', 'Document'), plural: t('Documenten', 'Documents') },
  intake_credentials: { singular: t('API-sleutel', 'API credential'), plural: t('API-sleutels', 'API credentials') },
  anonymous_people: {
    singular: t('Geanonimiseerde persoon', 'Anonymised person'),
    plural: t('Geanonimiseerde cijfers', 'Anonymised figures'),
  },
  destruction_log: { singular: t('Vernietiging', 'Destruction'), plural: t('Vernietigingslog', 'Destruction log') },
  warnings: { singular: t('Signaal', 'Warning'), plural: t('Signalen', 'Warnings') },
  bedrooms: { singular: t('Slaapkamer', 'Bedroom'), plural: t('Slaapkamers', 'Bedrooms') },
  inspection_photos: {
    singular: t('Inspectiefoto', 'Inspection photo'),
    plural: t("Inspectiefoto's", 'Inspection photos'),
  },
});

export const FIELD_LABELS: Readonly<Record<LabelledCollection, Readonly<Record<string, LocalisedText>>>> =
  Object.freeze({
    organisations: {
      id: t('ID', 'ID'),
      name: t('Naam', 'Name'),
      type: t('Soort organisatie', 'Organisation type'),
      municipality_code: t('Gemeentecode', 'Municipality code'),
      kvk_number: t('KvK-nummer', 'KvK number (Chamber of Commerce)'),
      branch_number: t(
        'Vestigingsnummer (leeg: de hele onderneming)',
        'Branch number (vestigingsnummer; empty: the whole company)',
      ),
      email: t('E-mailadres', 'Email address'),
      date_created: CREATED,
      date_updated: UPDATED,
      controller_name: t('Verwerkingsverantwoordelijke (privacyverklaring)', 'Controller (privacy notice)'),
      controller_contact: t('Contact voor privacyvragen', 'Contact for privacy questions'),
      dpo_contact: t('Functionaris gegevensbescherming (contact)', 'Data protection officer (contact)'),
      retention_months: t('Bewaartermijn (maanden)', 'Retention period (months)'),
      delivery_interval: t('Afgesproken aanlevering van lijsten', 'Agreed list delivery'),
      warning_registration_days: t('Signaal: inschrijven binnen (dagen)', 'Warning: register within (days)'),
      warning_work_distance_km: t('Signaal: werk–woning meer dan (km)', 'Warning: work–home over (km)'),
      warning_delivery_grace_days: t('Signaal: lijst te laat na (dagen)', 'Warning: list late after (days)'),
      insight_min_count: t('Inzicht: kleinste getoonde aantal', 'Insight: smallest count shown'),
      insight_min_cross_count: t(
        'Inzicht: kleinste aantal in kruistabellen',
        'Insight: smallest count in cross-tables',
      ),
      insight_rounding: t('Inzicht: afronden op', 'Insight: round to'),
      insight_min_people: t(
        'Inzicht: minimum personen voor mediaan of aandeel',
        'Insight: minimum people for a median or share',
      ),
    },
    data_keys: {
      id: t('ID', 'ID'),
      wrapped: t('Sleutel (versleuteld)', 'Key (wrapped)'),
      created_at: CREATED,
    },
    migrant_documents: {
      id: t('ID', 'ID'),
      migrant: MIGRANT,
      type: t('Soort document', 'Kind of document'),
      content_type: t('Bestandstype (gecontroleerd)', 'File type (checked)'),
      size_bytes: t('Grootte (bytes)', 'Size (bytes)'),
      expiry_date: t('Vervaldatum', 'Expiry date'),
      expiry_sealed: t('Vervaldatum (versleuteld)', 'Expiry date (encrypted)'),
      file_name: t('Bestandsnaam (versleuteld)', 'File name (encrypted)'),
      content: t('Inhoud (versleuteld)', 'Content (encrypted)'),
      uploaded_by: t('Toegevoegd door', 'Added by'),
      uploaded_at: t('Toegevoegd op', 'Added on'),
    },
    intake_credentials: {
      id: t('ID', 'ID'),
      provider: PROVIDER,
      name: t('Naam', 'Name'),
      user: t('Systeemgebruiker', 'System user'),
      token_hash: t('Sleutel (argon2id-hash)', 'Key (argon2id hash)'),
      created_by: t('Aangemaakt door', 'Created by'),
      date_created: CREATED,
      rotated_at: t('Vernieuwd op', 'Rotated on'),
      revoked_at: t('Ingetrokken op', 'Revoked on'),
      last_used_at: t('Laatst gebruikt op', 'Last used on'),
    },
    anonymous_people: {
      id: t('ID', 'ID'),
      municipality: MUNICIPALITY,
      location: t('Huisvestingslocatie', 'Housing location'),
      nationality: t('Nationaliteit', 'Nationality'),
      birth_year: t('Geboortejaar', 'Year of birth'),
      arrival_date: t('Aankomstdatum', 'Arrival date'),
      departure_date: t('Vertrekdatum', 'Departure date'),
      brp_outcome: t('BRP-uitkomst', 'BRP outcome'),
      registered_on: t('Ingeschreven op', 'Registered on'),
      must_register: t('Inschrijfplichtig', 'Required to register'),
      stays: t('Verblijven (periodes per locatie)', 'Stays (periods per location)'),
      municipalities: t('Gemeenten van de verblijven', 'Municipalities of the stays'),
    },
    destruction_log: {
      id: t('ID', 'ID'),
      run: t('Uitvoering', 'Run'),
      run_key: t('Sleutel van de uitvoering', 'Run key'),
      kind: t('Soort', 'Kind'),
      trigger: t('Aanleiding', 'Trigger'),
      status: STATUS,
      municipality: MUNICIPALITY,
      rule: t('Regel', 'Rule'),
      reason: t('Reden', 'Reason'),
      actor: t('Uitgevoerd door', 'Performed by'),
      claimed_by: t('Uitgevoerd door (instantie)', 'Run by (instance)'),
      started_at: t('Begonnen op', 'Started at'),
      finished_at: t('Afgerond op', 'Finished at'),
      migrants: t('Arbeidsmigranten', 'Labour migrants'),
      stays: t('Verblijven', 'Stays'),
      tasks: t('Taken', 'Tasks'),
      appointments: t('Afspraken', 'Appointments'),
      consents: t('Machtigingen', 'Authorisations'),
      status_history: t('Statusgeschiedenis', 'Status history'),
      reveal_log: t('Inzagelog', 'Reveal log'),
    },
    bedrooms: {
      id: t('ID', 'ID'),
      location: t('Huisvestingslocatie', 'Housing location'),
      area_m2: t('Oppervlak (m²)', 'Area (m²)'),
      beds: t('Bedden', 'Beds'),
    },
    warnings: {
      id: t('ID', 'ID'),
      type: t('Soort signaal', 'Warning type'),
      severity: t('Ernst', 'Severity'),
      status: STATUS,
      details: t('Toelichting', 'Explanation'),
      municipality: MUNICIPALITY,
      provider: PROVIDER,
      location: t('Huisvestingslocatie', 'Housing location'),
      migrant: MIGRANT,
      subject_key: t('Sleutel', 'Key'),
      opened_at: t('Geopend op', 'Opened on'),
      notified_at: t('Gemeld op', 'Notified on'),
      acknowledged_at: t('In behandeling genomen op', 'Acknowledged on'),
      acknowledged_by: t('In behandeling genomen door', 'Acknowledged by'),
      resolved_at: t('Opgelost op', 'Resolved on'),
      resolved_by: t('Opgelost door', 'Resolved by'),
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
      occupied_beds: t('Bezette bedden', 'Occupied beds'),
      free_beds: t('Vrije bedden', 'Free beds'),
      housing_type: t('Soort huisvesting', 'Housing type'),
      living_area_m2: t('Woonoppervlak (m²)', 'Living space (m²)'),
      bedrooms: t('Slaapkamers', 'Bedrooms'),
      toilets: t('Toiletten', 'Toilets'),
      showers: t('Douches', 'Showers'),
      temporary_recreational_exception: t(
        'Bestaande recreatiewoning (tijdelijk 2,7 m² per persoon)',
        'Existing recreational housing (2.7 m² a person, temporarily)',
      ),
      municipal_cap: t('Maximum van de gemeente (personen)', "Municipality's maximum (persons)"),
      norm_capacity: t('Capaciteit volgens de norm (personen)', 'Capacity by the norm (persons)'),
      warnings: t('Signalen', 'Warnings'),
    },
    migrants: {
      id: t('ID', 'ID'),
      group_person: t('Persoon', 'Person'),
      group_contact: t('Contact', 'Contact'),
      group_work: t('Werk', 'Work'),
      group_stay: t('Verblijf', 'Stay'),
      stays: t('Verblijf op een locatie', 'Stay at a location'),
      next_steps: t('Na het opslaan', 'After saving'),
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
      brp_municipality_code: t('BRP-gemeentecode', 'BRP municipality code'),
      brp_address_key: t('BRP-adressleutel', 'BRP address key'),
      brp_checked_at: t('BRP geraadpleegd op', 'BRP looked up at'),
      case_number: t('Zaaknummer', 'Case number'),
      external_reference: t('Eigen referentie', 'Own reference'),
      name_index: t('Naamzoeksleutels', 'Name search keys'),
      read_bundle: t('Leesbundel (versleuteld)', 'Read bundle (encrypted)'),
      legal_hold: t('Bewaarplicht (reden)', 'Legal hold (reason)'),
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
      urgency: t('Urgentie', 'Urgency'),
      actions: t('Volgende stap', 'Next step'),
      warning: t('Signaal', 'Warning'),
      date_created: CREATED,
    },
    reveal_log: {
      id: t('ID', 'ID'),
      viewer: t('Bekeken door', 'Viewed by'),
      viewer_role: t('Rol', 'Role'),
      municipality: t('Gemeente', 'Municipality'),
      migrant: MIGRANT,
      case_number: t('Zaaknummer', 'Case number'),
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
      privacy_notice: t(
        'Privacyverklaring bij ondertekening (gegevens gemeente)',
        'Privacy notice when signed (municipality details)',
      ),
    },
    imports: {
      id: t('ID', 'ID'),
      provider: t('Huisvester', 'Housing provider'),
      created_by: t('Door', 'By'),
      date_created: t('Ingelezen op', 'Read on'),
      channel: t('Kanaal', 'Channel'),
      mode: t('Soort lijst', 'Kind of list'),
      status: t('Status', 'Status'),
      file_sha256: t('Vingerafdruk bestand (SHA-256)', 'File fingerprint (SHA-256)'),
      count_new: t('Nieuw', 'New'),
      count_changed: t('Gewijzigd', 'Changed'),
      count_unchanged: t('Ongewijzigd', 'Unchanged'),
      count_refused: t('Geweigerd', 'Refused'),
      columns: t('Kolommen', 'Columns'),
      report: t('Verslag', 'Report'),
      committed_at: t('Verwerkt op', 'Committed at'),
      same_file_as: t('Zelfde bestand als', 'Same file as'),
      idempotency_key: t('Idempotentiesleutel', 'Idempotency key'),
      rows_sealed: t('Regels (versleuteld)', 'Rows (encrypted)'),
      data_key: t('Gegevenssleutel (versleuteld)', 'Data key (wrapped)'),
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
      remedy_deadline: t('Herstellen uiterlijk', 'Remedy by'),
      findings: t('Bevindingen', 'Findings'),
      date_created: CREATED,
    },
    inspection_photos: {
      id: t('ID', 'ID'),
      finding: t('Bevinding', 'Finding'),
      content_type: t('Bestandssoort', 'Content type'),
      size_bytes: t('Grootte (bytes)', 'Size (bytes)'),
      content: t('Inhoud', 'Content'),
      uploaded_by: t('Toegevoegd door', 'Added by'),
      uploaded_at: t('Toegevoegd op', 'Added on'),
    },
    inspection_findings: {
      id: t('ID', 'ID'),
      inspection: t('Inspectie', 'Inspection'),
      item: t('Controlepunt', 'Checklist item'),
      met: t('Voldoet', 'Met'),
      note: t('Toelichting toezichthouder', "Inspector's note"),
      answer: t('Antwoord huisvester', "Provider's answer"),
      answered_at: t('Beantwoord op', 'Answered on'),
      answered_by: t('Beantwoord door', 'Answered by'),
      closed_by: t('Gesloten door herinspectie', 'Closed by re-inspection'),
      closed_on: t('Gesloten op', 'Closed on'),
      date_created: CREATED,
    },
    directus_users: {
      organisation: t('Organisatie', 'Organisation'),
    },
  });

/**
 * Help under the fields of the provider's migrant form (the snapshot's notes are `$t:notes.<collection>.<field>`,
 * schema/translations.json holds these texts; a repo test keeps them equal).
 */
export const FIELD_NOTES: Readonly<Record<string, Readonly<Record<string, LocalisedText>>>> = Object.freeze({
  organisations: {
    retention_months: t(
      'Maanden na het einde van het laatste verblijf of na uitschrijving waarna persoonsgegevens worden vernietigd (1 tot 12; leeg: 12, de termijn die de machtiging belooft).',
      'Months after the end of the last stay or after deregistration after which personal data is destroyed (1 to 12; empty: 12, the period the consent text promises).',
    ),
    insight_min_count: t(
      'Aantallen hieronder worden in de anonieme cijfers verborgen. Leeg: 5, het wettelijke minimum; lager kan niet.',
      'Counts below this are hidden in the anonymous figures. Empty: 5, the legal minimum; lower is refused.',
    ),
    insight_min_cross_count: t(
      'Aantallen hieronder worden in kruistabellen verborgen. Leeg: 10, het wettelijke minimum; lager kan niet.',
      'Counts below this are hidden in cross-tables. Empty: 10, the legal minimum; lower is refused.',
    ),
    insight_rounding: t(
      'Getoonde aantallen worden afgerond op een veelvoud hiervan (een veelvoud van 5). Leeg: 5, het wettelijke minimum; lager kan niet.',
      'Counts shown are rounded to a multiple of this (a multiple of 5). Empty: 5, the legal minimum; lower is refused.',
    ),
    insight_min_people: t(
      'Geen mediaan, gemiddelde of aandeel over minder personen. Leeg: 10, het wettelijke minimum; lager kan niet.',
      'No median, average or share over fewer people. Empty: 10, the legal minimum; lower is refused.',
    ),
  },
  migrants: {
    legal_hold: t(
      'Alleen beheerders: een wettelijke bewaarplicht (bijv. een rechtszaak) met de reden. Zolang dit is ingevuld, worden de gegevens niet vernietigd.',
      'Administrators only: a legal hold (e.g. a court case) with its reason. While this is filled in, the data is not destroyed.',
    ),
    first_names: t('Alle voornamen, zoals op het identiteitsbewijs.', 'All first names, as on the identity document.'),
    surname: t('Zoals op het identiteitsbewijs.', 'As on the identity document.'),
    bsn: t(
      'Negen cijfers. Laat leeg als de arbeidsmigrant nog geen BSN heeft: de gemeente zoekt het dan op.',
      'Nine digits. Leave empty when the labour migrant has no BSN yet: the municipality looks it up.',
    ),
    date_of_birth: t(
      'Zoals op het identiteitsbewijs; niet in de toekomst.',
      'As on the identity document; not in the future.',
    ),
    nationality: t(
      'De nationaliteiten die het meest voorkomen staan bovenaan.',
      'The most common nationalities come first.',
    ),
    language: t(
      'De taal van de uitnodiging voor de machtiging. Leeg: de taal van de nationaliteit als het platform die heeft, anders Engels.',
      'The language of the invitation to authorise. Empty: the language of the nationality when the platform has it, else English.',
    ),
    email: t(
      'Hierheen gaat de uitnodiging voor de machtiging. Zonder e-mailadres drukt u na het opslaan een brief af.',
      'The invitation to authorise goes here. Without an email address you print a letter after saving.',
    ),
    phone: t('Met landcode, zoals +48 601 234 567.', 'With the country code, such as +48 601 234 567.'),
    home_address: t('Het adres in het land van herkomst.', 'The address in the home country.'),
    id_document_number: t(
      'Het nummer van het paspoort of de identiteitskaart.',
      'The number of the passport or identity card.',
    ),
    employer: t(
      'Alleen als de werkgever een andere organisatie is dan de huisvester.',
      'Only when the employer is another organisation than the housing provider.',
    ),
    work_postcode: t('Vier cijfers en twee letters, zoals 2671 AB.', 'Four digits and two letters, such as 2671 AB.'),
    arrival_date: t(
      'De dag van aankomst in Nederland: de termijn voor inschrijving telt vanaf hier.',
      'The day of arrival in the Netherlands: the deadline for registration counts from here.',
    ),
    expected_departure_date: t(
      'Korter dan 4 maanden binnen 6 maanden: inschrijving in de RNI in plaats van de BRP.',
      'Less than 4 months within 6 months: registration in the RNI instead of the BRP.',
    ),
    departure_date: t('Alleen invullen als de arbeidsmigrant vertrokken is.', 'Only when the labour migrant has left.'),
    stays: t(
      'Kies de locatie waar de arbeidsmigrant woont en de begindatum. De keuzelijst toont naam · plaats · vrije bedden/capaciteit. Het verblijf wordt samen met de arbeidsmigrant opgeslagen.',
      'Choose the location where the labour migrant lives and the start date. The list shows name · town · free beds/capacity. The stay is saved together with the labour migrant.',
    ),
    current_location: t(
      'Volgt uit het huidige verblijf: het platform houdt dit bij.',
      'Follows from the current stay: the platform keeps it up to date.',
    ),
    brp_status: t(
      'Verandert alleen door de stappen van de gemeente en de huisvester.',
      'Changes only through the steps of the municipality and the housing provider.',
    ),
    // the notice of the create form (a presentation field): what saving sets in motion
    next_steps: t(
      'Na het opslaan krijgt de arbeidsmigrant met een e-mailadres per e-mail een uitnodiging om de machtiging te ondertekenen, in de gekozen taal; zonder e-mailadres drukt u op de pagina van de arbeidsmigrant de brief met de uitnodiging af. De gemeente van de locatie krijgt de taak "Beoordelen status onbekend" en neemt het daarna over.',
      'After saving, a labour migrant with an email address receives an email invitation to sign the authorisation, in the chosen language; without an email address you print the letter with the invitation on the labour migrant\'s page. The municipality of the location gets the task "Assess unknown status" and takes it from there.',
    ),
  },
});

/** Labels for the values of enum fields (see FIELD_CHOICES in ./vocabulary). */
export const CHOICE_LABELS: Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, LocalisedText>>>>>
> = Object.freeze({
  organisations: {
    type: {
      gemeente: t('Gemeente', 'Municipality'),
      huisvester: t('Huisvester', 'Housing provider'),
      werkgever: t('Werkgever', 'Employer'),
    },
    delivery_interval: DELIVERY_INTERVAL_LABELS,
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
      handle_warning: t('Signaal afhandelen', 'Handle warning'),
    },
    status: { open: t('Open', 'Open'), done: t('Afgerond', 'Done'), cancelled: t('Geannuleerd', 'Cancelled') },
    priority: { low: t('Laag', 'Low'), normal: t('Normaal', 'Normal'), high: t('Hoog', 'High') },
  },
  consent_texts: {
    status: {
      draft: t('Concept', 'Draft'),
      published: t('Gepubliceerd', 'Published'),
      archived: t('Gearchiveerd', 'Archived'),
    },
  },
  consent_records: {
    action: {
      sign: t('Ondertekend', 'Signed'),
      refuse: t('Geweigerd', 'Refused'),
      revoke: t('Ingetrokken', 'Revoked'),
    },
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
  warnings: { type: WARNING_TYPE_LABELS, severity: WARNING_SEVERITY_LABELS, status: WARNING_STATUS_LABELS },
  locations: { housing_type: HOUSING_TYPE_LABELS },
  inspections: {
    outcome: {
      in_order: t('In orde', 'In order'),
      deficiencies: t('Gebreken', 'Deficiencies'),
      overcrowded: t('Overbewoning', 'Overcrowded'),
    },
  },
  inspection_findings: { item: CHECKLIST_LABELS },
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
export function midSentence(label: string): string {
  const [first = '', second = ''] = label;
  return second !== '' && second === second.toLowerCase() ? first.toLowerCase() + label.slice(1) : label;
}

/**
 * Texts the admin app looks up by key itself (not through a `$t:` in the snapshot), held in schema/translations.json.
 * `validationError.platform`: the app shows `validationError.<type>` at a field that failed validation, with the
 * error's extensions as parameters; the platform's failed validations (type `platform`) carry their sentence, in
 * the user's language, as `validation_message`.
 */
export const APP_TRANSLATIONS: Readonly<Record<string, LocalisedText>> = Object.freeze({
  // the flow editor's texts of the platform's operations: the labels of their options (a function, so Directus
  // translates them when the drawer opens) and of their cards' overview; not their names (see operations/*/app.ts)
  'operations.erase_expired.dry_run': t(
    'Proefdraai: alleen tonen wat zou verdwijnen',
    'Dry run: only list what would go',
  ),
  'operations.erase_expired.dry_run_label': t('Proefdraai', 'Dry run'),
  'operations.erase_expired.yes': t('ja', 'yes'),
  'operations.erase_expired.no': t('nee', 'no'),
  'operations.brp_event.migrant': t('Arbeidsmigrant (id)', 'Migrant (id)'),
  'operations.brp_event.event': t('Stap', 'Event'),
  'operations.brp_event.outcome': t('Uitkomst (alleen bij beoordelen)', 'Outcome (assess only)'),
  'operations.brp_event.reason': t('Reden', 'Reason'),
  'operations.consent_invitation.action': t('Actie', 'Action'),
  'operations.consent_invitation.resend': t('Opnieuw versturen', 'Resend'),
  'operations.consent_invitation.withdraw': t('Intrekken', 'Withdraw'),
  'operations.consent_invitation.consents': t('Machtigingsverzoeken (ids)', 'Consent requests (ids)'),
  // the module bar's names of the platform's modules (Directus translates `$t:` in a module's definition again once
  // the user's modules are registered, after the platform's translations are loaded)
  'modules.intake.name': t('Inlezen', 'Import'),
  'modules.privacy_requests.name': t('Inzage en verwijdering', 'Access and erasure'),
  'validationError.platform': t('{validation_message}', '{validation_message}'),
  // `errors.<code>`: the app's error dialog for a refusal that is not at a field (a delete of a row still in use, a
  // row of another organisation). Its title is this sentence in the user's language; the line below it ("[CODE]
  // message") is hidden by the project's custom CSS (schema/settings.json), its copy button kept for support
  'errors.FORBIDDEN_REFERENCE': t(
    'U kunt hier alleen items van uw eigen organisatie kiezen. Er is niets gewijzigd.',
    'You can only choose items of your own organisation here. Nothing was changed.',
  ),
  'errors.STILL_REFERENCED': t(
    'Dit item wordt nog gebruikt door andere gegevens (zoals verblijven, taken of inspecties). Verwijder of wijzig die eerst.',
    'This item is still used by other records (such as stays, tasks or inspections). Delete or change those first.',
  ),
  'errors.EVIDENCE_PRESENT': t(
    'Dit item hoort bij vastgelegd bewijs van een machtiging en blijft daarom bewaard.',
    'This item belongs to recorded evidence of an authorisation and is therefore kept.',
  ),
  'errors.EVIDENCE_APPEND_ONLY': t(
    'Vastgelegd bewijs wordt nooit gewijzigd of verwijderd.',
    'Recorded evidence is never changed or deleted.',
  ),
  'errors.PRIVACY_REFUSED': t(
    'Geweigerd om persoonsgegevens te beschermen. Zoek op dossiernummer, naam of BSN in het zoekveld, en wijzig arbeidsmigranten één voor één.',
    'Refused to protect personal data. Search by case number, name or BSN in the search box, and change labour migrants one at a time.',
  ),
  'errors.PRIVACY_FORBIDDEN': t(
    'Dit is niet toegestaan, om persoonsgegevens te beschermen.',
    'This is not allowed, to protect personal data.',
  ),
  'errors.BRP_INVALID_STEP': t(
    'Deze stap past niet bij de huidige status. Ververs de pagina en kies een stap die wordt aangeboden.',
    'This step does not fit the current status. Refresh the page and choose a step that is offered.',
  ),
  'errors.BRP_NOT_YOUR_STEP': t(
    'Deze stap is aan een andere organisatie.',
    'This step belongs to another organisation.',
  ),
  'errors.BRP_CONFLICT': t(
    'De status is intussen door iemand anders veranderd. Ververs de pagina en probeer het opnieuw.',
    'Someone else has changed the status in the meantime. Refresh the page and try again.',
  ),
  'errors.BRP_CONDITION_NOT_MET': t(
    'Aan een voorwaarde voor deze stap is nog niet voldaan.',
    'A condition for this step is not met yet.',
  ),
  'errors.TOO_MANY_LOGIN_ATTEMPTS': t(
    'Te veel inlogpogingen. Wacht een paar minuten en probeer het opnieuw.',
    'Too many login attempts. Wait a few minutes and try again.',
  ),
  // Directus's own refusals, which the app shows in the same dialog with only a word of its own ("Verboden",
  // "Invalid payload"): a sentence in the user's language that says what happened and what to do
  'errors.FORBIDDEN': t(
    'Dit mag u niet: het item hoort bij een andere organisatie, of dit deel is niet aan u. Er is niets gewijzigd.',
    'You may not do this: the item belongs to another organisation, or this part is not yours. Nothing was changed.',
  ),
  'errors.ROUTE_NOT_FOUND': t(
    'Dit item bestaat niet (meer), of u heeft er geen toegang toe.',
    'This item does not exist (any more), or you have no access to it.',
  ),
  'errors.INVALID_PAYLOAD': t(
    'De invoer kon niet worden verwerkt. Controleer de velden en probeer het opnieuw.',
    'The input could not be processed. Check the fields and try again.',
  ),
  'errors.INVALID_FOREIGN_KEY': t(
    'Een gekozen item bestaat niet (meer). Kies het opnieuw.',
    'A chosen item does not exist (any more). Choose it again.',
  ),
  'errors.INVALID_QUERY': t(
    'Deze zoekopdracht of dit filter kan niet. Pas het aan en probeer het opnieuw.',
    'This search or filter is not possible. Change it and try again.',
  ),
  'errors.REQUESTS_EXCEEDED': t(
    'Te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw.',
    'Too many requests in a row. Wait a moment and try again.',
  ),
  'errors.SERVICE_UNAVAILABLE': t(
    'Het platform is even niet bereikbaar. Probeer het zo opnieuw.',
    'The platform cannot be reached right now. Try again shortly.',
  ),
  'errors.INTERNAL_SERVER_ERROR': t(
    'Er ging iets mis in het platform. Probeer het opnieuw; gebeurt het weer, meld het dan bij uw beheerder.',
    'Something went wrong in the platform. Try again; if it happens again, tell your administrator.',
  ),
});
