/**
 * The migrant's item page (the `migrants.overview` panel): its texts in Dutch and English and what it says about
 * the consent. Plain module: no Directus import.
 */
import type { LocalisedText, UiLanguage } from './ui-language';

const t = (nl: string, en: string): LocalisedText => ({ nl, en });

export const MIGRANT_PAGE_TEXT = Object.freeze({
  saveFirst: t('Sla de arbeidsmigrant eerst op.', 'Save the labour migrant first.'),
  loading: t('Laden…', 'Loading…'),
  loadError: t('Deze gegevens konden niet worden geladen.', 'This could not be loaded.'),
  consent: t('Machtiging', 'Authorisation'),
  noConsent: t('Nog geen machtiging aangevraagd.', 'No authorisation requested yet.'),
  stays: t('Verblijven', 'Stays'),
  noStays: t('Geen verblijven.', 'No stays.'),
  open: t('heden', 'present'),
  history: t('Statusgeschiedenis', 'Status history'),
  noHistory: t('Nog geen statuswijziging.', 'No status change yet.'),
  printLetter: t('Machtigingsbrief afdrukken', 'Print consent letter'),
  letterReady: t(
    'De brief staat klaar in een nieuw tabblad; druk hem daar af.',
    'The letter is ready in a new tab; print it from there.',
  ),
  letterBlocked: t(
    'De browser hield het nieuwe tabblad tegen. Sta pop-ups toe voor deze site.',
    'The browser blocked the new tab. Allow pop-ups for this site.',
  ),
  letterClosed: t(
    'De arbeidsmigrant heeft al beslist over de machtiging; een nieuwe brief is niet nodig.',
    'The labour migrant has already decided on the authorisation; no new letter is needed.',
  ),
  letterForbidden: t(
    'Alleen de eigen huisvester drukt de machtigingsbrief af.',
    'Only the migrant’s own provider prints the consent letter.',
  ),
  privacy: t('Privacy', 'Privacy'),
  privacyNote: t(
    'Vraagt de arbeidsmigrant welke gegevens het platform van hem of haar heeft (inzageverzoek, AVG art. 15)? Open de export in zijn of haar taal en druk die af of sla hem op. De export wordt gelogd.',
    'Does the labour migrant ask which data the platform holds about them (access request, GDPR art. 15)? Open the export in their language and print or save it. The export is logged.',
  ),
  openExport: t('Inzage-export openen', 'Open access export'),
  exportReady: t('De export staat klaar in een nieuw tabblad.', 'The export is ready in a new tab.'),
  exportForbidden: t(
    'Alleen de eigen huisvester en de functioneel beheerder van de gemeente openen de inzage-export.',
    'Only the migrant’s own provider and the municipality administrator open the access export.',
  ),
  cancel: t('Annuleren', 'Cancel'),
  departed: t(
    'Het vertrek is gemeld; het verblijf is beëindigd.',
    'The departure has been reported; the stay has ended.',
  ),
  channelEmail: t('per e-mail', 'by email'),
  channelLetter: t('per brief', 'by letter'),
  nextHeading: t('Wat gebeurt er nu?', 'What happens next?'),
  nextEmail: t(
    'De uitnodiging om de machtiging te ondertekenen is per e-mail naar de arbeidsmigrant verstuurd.',
    'The invitation to sign the authorisation has been sent to the labour migrant by email.',
  ),
  nextLetter: t(
    'De machtigingsbrief is afgedrukt: geef hem aan de arbeidsmigrant.',
    'The consent letter has been printed: hand it to the labour migrant.',
  ),
  nextInvite: t(
    'Met een e-mailadres krijgt de arbeidsmigrant per e-mail een uitnodiging om de machtiging te ondertekenen; zonder e-mailadres drukt u hieronder de machtigingsbrief af.',
    'With an email address the labour migrant receives an email invitation to sign the authorisation; without one, print the consent letter below.',
  ),
  nextTask: t(
    'De gemeente van de locatie heeft de taak "Beoordelen status onbekend" gekregen en neemt het daarna over.',
    'The municipality of the location has been given the task "Assess unknown status" and takes it from there.',
  ),
  nextStay: t(
    'Voeg een verblijf op een locatie toe: dan krijgt de gemeente van die locatie de taak "Beoordelen status onbekend".',
    'Add a stay at a location: the municipality of that location then gets the task "Assess unknown status".',
  ),
});

export type MigrantPageText = keyof typeof MIGRANT_PAGE_TEXT;

export function pageText(key: MigrantPageText, lang: UiLanguage): string {
  return MIGRANT_PAGE_TEXT[key][lang];
}

export interface ConsentRow {
  status: string;
  requested_at?: string | null;
  signed_at?: string | null;
  revoked_at?: string | null;
  expires_at?: string | null;
}

/** The consent that counts: the latest request (by its request time), or null when none was made. */
export function currentConsent<T extends ConsentRow>(rows: readonly T[]): T | null {
  let latest: T | null = null;
  for (const row of rows)
    if (latest === null || String(row.requested_at ?? '') > String(latest.requested_at ?? '')) latest = row;
  return latest;
}

/** The moment that goes with the consent's status (signed, revoked, requested), or null. */
export function consentMoment(row: ConsentRow): string | null {
  if (row.status === 'signed') return row.signed_at ?? null;
  if (row.status === 'revoked') return row.revoked_at ?? null;
  if (row.status === 'expired') return row.expires_at ?? null;
  return row.requested_at ?? null;
}

/** What the provider sees after saving a new migrant, before anything has happened to it. */
export interface FreshMigrant {
  /** The current consent's status and channel (no consent: null). */
  consent: { status: string; channel?: string | null } | null;
  hasStay: boolean;
  /** Status changes so far. */
  historyLength: number;
}

/**
 * The "what happens next" lines for a migrant nothing has happened to yet (no status change, consent not yet
 * decided): the invitation by email or the letter to print, and the municipality's task (or the stay it needs).
 * An empty list once the migrant is under way.
 */
export function whatHappensNext(
  migrant: FreshMigrant,
): Array<'nextEmail' | 'nextLetter' | 'nextInvite' | 'nextTask' | 'nextStay'> {
  if (migrant.historyLength > 0) return [];
  if (migrant.consent !== null && migrant.consent.status !== 'requested') return [];
  const channel = migrant.consent?.channel;
  const invitation = channel === 'email' ? 'nextEmail' : channel === 'letter' ? 'nextLetter' : 'nextInvite';
  return [invitation, migrant.hasStay ? 'nextTask' : 'nextStay'];
}

/** The location's item page (the `locations.inspections` panel): occupancy and inspections. */
export const LOCATION_PAGE_TEXT = Object.freeze({
  occupancy: t('Bezetting', 'Occupancy'),
  occupied: t('bezet', 'occupied'),
  free: t('vrij', 'free'),
  beds: t('bedden', 'beds'),
  inspections: t('Inspecties', 'Inspections'),
  noInspections: t('Nog geen inspecties.', 'No inspections yet.'),
  startInspection: t('Inspectie starten', 'Start inspection'),
  saved: t('De inspectie is vastgelegd.', 'The inspection has been recorded.'),
  save: t('Vastleggen', 'Record'),
  checklist: t('Checklist (norm Stichting Normering Flexwonen)', 'Checklist (Stichting Normering Flexwonen norm)'),
  met: t('Voldoet', 'Met'),
  notMet: t('Voldoet niet', 'Not met'),
  note: t('Toelichting', 'Note'),
  allows: t('toegestaan volgens de norm', 'allowed by the norm'),
  persons: t('personen', 'persons'),
  remedyBy: t('Herstellen uiterlijk', 'Remedy by'),
  findings: t('Bevindingen', 'Findings'),
  allItemsMet: t('Alle controlepunten in orde.', 'Every item met.'),
  answer: t('Antwoord huisvester', "Provider's answer"),
  yourAnswer: t('Uw antwoord: wat hebt u gedaan?', 'Your answer: what have you done?'),
  sendAnswer: t('Antwoord versturen', 'Send answer'),
  answerSaved: t('Uw antwoord is verstuurd.', 'Your answer has been sent.'),
  answerEachItem: t('Kies bij elk controlepunt of het voldoet.', 'Choose for every item whether it is met.'),
  photos: t("Foto's (JPEG of PNG)", 'Photos (JPEG or PNG)'),
  photo: t('Foto bij de bevinding', 'Photo of the finding'),
  photoFailed: t(
    "De inspectie is vastgelegd, maar niet alle foto's konden worden toegevoegd.",
    'The inspection has been recorded, but not every photo could be added.',
  ),
});

export type LocationPageText = keyof typeof LOCATION_PAGE_TEXT;

export function locationText(key: LocationPageText, lang: UiLanguage): string {
  return LOCATION_PAGE_TEXT[key][lang];
}

/** Free beds: the capacity less the migrants living there now, never below zero (overcrowding shows as 0 free). */
export function freeBeds(capacity: number | null, occupied: number): number | null {
  if (capacity === null || !Number.isFinite(capacity)) return null;
  return Math.max(0, capacity - occupied);
}
