/**
 * Every refusal the platform's own endpoints give, and what it tells a person in Dutch and English. The texts of
 * the BRP workflow and of the privacy layer stay in their own catalogues; this module adds the rest and is the
 * one place that knows all codes. The HTTP status of each code is in glue/http/seam.ts (one table).
 * Plain module: no Directus import.
 */
import { groupScheduleMessage, type GroupScheduleProblem } from './brp/group-schedule';
import { refusalMessage as workflowRefusalMessage, type WorkflowRefusal } from './brp/workflow-messages';
import type { UiLanguage } from './ui-language';
import { privacyRefusalMessage, type PrivacyRefusal } from './privacy/messages';
import { DOCUMENT_REFUSAL_CODES, documentRefusalMessage, type DocumentRefusal } from './documents';
import { INTAKE_REQUEST_CODES, intakeRefusalMessage, type IntakeRequestRefusal } from './intake/messages';

/** Who may call, and which row: the same answer for a row that is hidden from the caller and one that is missing. */
export type AccessRefusal = { code: 'not_found' } | { code: 'not_signed_in' };

/** The public consent page (its texts in 14 languages live in the page; these are for logs and API readers). */
export type ConsentPageRefusal =
  | { code: 'invalid_link' }
  | { code: 'wrong_birth_date'; attemptsLeft: number }
  | { code: 'locked' }
  | { code: 'invalid_input'; field: string }
  | { code: 'text_changed' }
  | { code: 'conflict' }
  | { code: 'json_required' }
  | { code: 'csrf' }
  | { code: 'rate_limited'; retryAfter: number }
  | { code: 'busy'; retryAfter: number }
  | { code: 'unavailable' };

/** Letters and invitations, by signed-in users. */
export type InvitationRefusal =
  | { code: 'closed' }
  | { code: 'no_email' }
  | { code: 'not_withdrawn' }
  /** A consent letter for anyone but the migrant's own provider: the same answer whether the migrant is hidden,
   * visible (a clerk's) or missing. */
  | { code: 'letter_own_provider_only' };

/** Retention: erasure on request, and finding the person a request is about. */
export type RetentionRefusal = { code: 'erasure_reason' } | { code: 'legal_hold' } | { code: 'request_query' };

/** Photos of inspection findings (./supervision/photos.ts). */
export type SupervisionRefusal =
  | { code: 'photo_wrong_type' }
  | { code: 'photo_limit'; maxPhotos: number }
  | { code: 'photos_inspector_only' }
  | { code: 'finding_closed' };

export type GroupScheduleRefusal = { code: 'invalid_group_schedule'; problem: GroupScheduleProblem };

export type Refusal =
  | AccessRefusal
  | WorkflowRefusal
  | GroupScheduleRefusal
  | PrivacyRefusal
  | ConsentPageRefusal
  | InvitationRefusal
  | IntakeRequestRefusal
  | DocumentRefusal
  | RetentionRefusal
  | SupervisionRefusal;
export type RefusalCode = Refusal['code'];

type OwnRefusal = AccessRefusal | ConsentPageRefusal | InvitationRefusal | RetentionRefusal | SupervisionRefusal;

const OWN_MESSAGES: {
  readonly [C in OwnRefusal['code']]: (refusal: Extract<OwnRefusal, { code: C }>, lang: UiLanguage) => string;
} = {
  not_found: (_, lang) =>
    lang === 'nl'
      ? 'Dit item bestaat niet, of u heeft er geen toegang toe.'
      : 'This item does not exist, or you have no access to it.',
  not_signed_in: (_, lang) => (lang === 'nl' ? 'Log eerst in.' : 'Please sign in first.'),
  photo_wrong_type: (_, lang) =>
    lang === 'nl'
      ? 'Deze foto is geen JPEG of PNG (de inhoud is gecontroleerd, niet de naam).'
      : 'This photo is not a JPEG or PNG (its content was checked, not its name).',
  photo_limit: (refusal, lang) =>
    lang === 'nl'
      ? `Een bevinding heeft ten hoogste ${refusal.maxPhotos} foto's.`
      : `A finding holds at most ${refusal.maxPhotos} photos.`,
  photos_inspector_only: (_, lang) =>
    lang === 'nl'
      ? "Alleen de toezichthouder voegt foto's toe aan een bevinding."
      : 'Only the inspector adds photos to a finding.',
  finding_closed: (_, lang) =>
    lang === 'nl'
      ? 'Deze bevinding is gesloten na een herinspectie.'
      : 'This finding has been closed by a re-inspection.',
  invalid_link: (_, lang) => (lang === 'nl' ? 'Deze link werkt niet (meer).' : 'This link does not work (any more).'),
  wrong_birth_date: (refusal, lang) =>
    lang === 'nl'
      ? `De geboortedatum klopt niet; nog ${refusal.attemptsLeft} poging(en).`
      : `The date of birth is not right; ${refusal.attemptsLeft} attempt(s) left.`,
  locked: (_, lang) =>
    lang === 'nl'
      ? 'Te veel verkeerde pogingen: deze link is geblokkeerd.'
      : 'Too many wrong attempts: this link is locked.',
  invalid_input: (refusal, lang) => (lang === 'nl' ? `Controleer "${refusal.field}".` : `Check "${refusal.field}".`),
  text_changed: (_, lang) =>
    lang === 'nl'
      ? 'De tekst is intussen gewijzigd; lees de nieuwe tekst.'
      : 'The text has changed in the meantime; read the new text.',
  conflict: (_, lang) => (lang === 'nl' ? 'Deze stap past niet bij deze link.' : 'This step does not fit this link.'),
  json_required: (_, lang) => (lang === 'nl' ? 'Stuur het verzoek als JSON.' : 'Send the request as JSON.'),
  csrf: (_, lang) => (lang === 'nl' ? 'De pagina is verlopen; laad haar opnieuw.' : 'The page has expired; reload it.'),
  rate_limited: (refusal, lang) =>
    lang === 'nl'
      ? `Te veel verzoeken; probeer het over ${refusal.retryAfter} seconden opnieuw.`
      : `Too many requests; try again in ${refusal.retryAfter} seconds.`,
  busy: (_, lang) =>
    lang === 'nl' ? 'Het is nu druk; probeer het zo opnieuw.' : 'It is busy right now; try again shortly.',
  unavailable: (_, lang) =>
    lang === 'nl'
      ? 'Dit kan nu even niet; probeer het later opnieuw.'
      : 'This is not possible right now; try again later.',
  closed: (_, lang) =>
    lang === 'nl' ? 'Dit machtigingsverzoek is al afgesloten.' : 'This consent request is already closed.',
  no_email: (_, lang) =>
    lang === 'nl'
      ? 'Er is geen e-mailadres om de uitnodiging naar te sturen.'
      : 'There is no e-mail address to send the invitation to.',
  erasure_reason: (_, lang) =>
    lang === 'nl'
      ? 'Geef de reden van de verwijdering: het kenmerk van het verzoek (niet de naam van de persoon), 5 tot 500 tekens.'
      : 'Give the reason for the erasure: the reference of the request (not the person’s name), 5 to 500 characters.',
  request_query: (_, lang) =>
    lang === 'nl'
      ? 'Vul een zaaknummer (zoals AM-2026-000123) of een BSN van 8 of 9 cijfers in.'
      : 'Enter a case number (such as AM-2026-000123) or a BSN of 8 or 9 digits.',
  legal_hold: (_, lang) =>
    lang === 'nl'
      ? 'Voor deze arbeidsmigrant geldt een wettelijke bewaarplicht: de gegevens worden niet verwijderd zolang die geldt.'
      : 'A legal hold applies to this labour migrant: the data is not erased while it does.',
  letter_own_provider_only: (_, lang) =>
    lang === 'nl'
      ? 'Alleen de eigen huisvester van de arbeidsmigrant drukt een toestemmingsbrief af.'
      : "Only the labour migrant's own housing provider prints a consent letter.",
  not_withdrawn: (_, lang) =>
    lang === 'nl'
      ? 'Deze uitnodiging kan niet (meer) worden ingetrokken.'
      : 'This invitation can no longer be withdrawn.',
};

const PRIVACY_CODES: ReadonlySet<string> = new Set<PrivacyRefusal['code']>([
  'personal_data_in_query',
  'implicit_relation_in_query',
  'personal_batch_update',
  'sealed_field',
  'bsn_required',
  'break_glass_reason',
  'administrators_only',
]);

function isOwn(refusal: Refusal): refusal is OwnRefusal {
  return refusal.code in OWN_MESSAGES;
}

/** What the refusal tells a person, in their language; never names personal data. */
export function refusalText(refusal: Refusal, lang: UiLanguage): string {
  if (refusal.code === 'invalid_group_schedule') return groupScheduleMessage(refusal.problem, lang);
  if (isOwn(refusal))
    return (OWN_MESSAGES[refusal.code] as (refusal: OwnRefusal, lang: UiLanguage) => string)(refusal, lang);
  if (PRIVACY_CODES.has(refusal.code)) return privacyRefusalMessage(refusal as PrivacyRefusal, lang);
  if (INTAKE_REQUEST_CODES.has(refusal.code)) return intakeRefusalMessage(refusal as IntakeRequestRefusal, lang);
  if (DOCUMENT_REFUSAL_CODES.has(refusal.code)) return documentRefusalMessage(refusal as DocumentRefusal, lang);
  return workflowRefusalMessage(refusal as WorkflowRefusal, lang);
}

/** What a refusal says besides its code (the field, the attempts left, ...): for the client, never personal data. */
export function refusalDetails(refusal: Refusal): Record<string, unknown> {
  const { code: _code, ...details } = refusal;
  return details;
}
