/**
 * What the BRP workflow tells people, in Dutch and English: event names (the buttons) and the reasons an event
 * is refused. Plain module: no Directus import.
 */
import { choiceLabel } from '../labels';
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';
import type { DepartureDateProblem } from './departure';
import { isBrpGuardName, type BrpEventType, type BrpGuardName, type MachineStatus } from './machine';

const t = localised;

export const EVENT_LABELS: Readonly<Record<BrpEventType, LocalisedText>> = Object.freeze({
  ASSESS: t('Status beoordelen', 'Assess status'),
  SCHEDULE: t('Inplannen', 'Schedule'),
  REFER_TO_RNI: t('Doorverwijzen naar de RNI', 'Refer to the RNI'),
  CONFIRM_APPOINTMENT: t('Afspraak bevestigen', 'Confirm appointment'),
  DECLINE_APPOINTMENT: t('Afspraak afwijzen', 'Decline appointment'),
  NO_SHOW: t('Niet verschenen', 'No-show'),
  REGISTER: t('Inschrijven', 'Register'),
  REPORT_DEPARTURE: t('Vertrek melden', 'Report departure'),
  DEREGISTER: t('Uitschrijven', 'Deregister'),
});

/**
 * Why each guard of the machine refused a step. Keyed by the machine's own guard names (BrpGuardName), so a
 * renamed, misspelt or new guard without an explanation does not compile.
 */
export const GUARD_EXPLANATIONS: Readonly<Record<BrpGuardName, LocalisedText>> = Object.freeze({
  outcomeRegistered: t(
    'kies als uitkomst "ingeschreven" of "niet ingeschreven"',
    'choose "registered" or "not registered" as the outcome',
  ),
  outcomeNotRegistered: t(
    'kies als uitkomst "ingeschreven" of "niet ingeschreven"',
    'choose "registered" or "not registered" as the outcome',
  ),
  expectsLongStay: t(
    'het verblijf duurt naar verwachting korter dan 4 maanden binnen 6 maanden; verwijs door naar de RNI',
    'the stay is expected to last less than 4 months within 6 months; refer the migrant to the RNI',
  ),
  expectsShortStay: t(
    'het verblijf duurt naar verwachting 4 maanden of langer binnen 6 maanden; plan een inschrijving',
    'the stay is expected to last 4 months or more within 6 months; schedule a registration',
  ),
  atConfirmedAppointment: t(
    'inschrijven kan alleen bij een bevestigde afspraak die vandaag of eerder begint',
    'registering is only possible at a confirmed appointment that starts today or earlier',
  ),
});

/** The explanations of the guards named in a refusal (`expectsLongStay | expectsShortStay`), once each. */
export function guardExplanations(guards: string | undefined, lang: UiLanguage): string[] {
  const names = (guards ?? '').split(' | ').filter(isBrpGuardName);
  return [...new Set(names.map((name) => GUARD_EXPLANATIONS[name][lang]))];
}

/** Why a departure date was refused (REPORT_DEPARTURE). */
export const DEPARTURE_DATE_PROBLEMS: Readonly<Record<DepartureDateProblem, LocalisedText>> = Object.freeze({
  not_a_date: t('Vul de vertrekdatum in als datum (jjjj-mm-dd).', 'Enter the departure date as a date (yyyy-mm-dd).'),
  in_future: t(
    'De vertrekdatum ligt in de toekomst; meld het vertrek op of na de dag van vertrek.',
    'The departure date is in the future; report the departure on or after the day the migrant left.',
  ),
  before_stay: t(
    'De vertrekdatum ligt vóór het begin van het verblijf waar de arbeidsmigrant nu woont.',
    'The departure date is before the start of the stay the labour migrant lives in now.',
  ),
});

export type WorkflowRefusal =
  | { code: 'not_allowed_in_state' | 'final_state'; event: BrpEventType; status: MachineStatus }
  | { code: 'guard_failed'; event: BrpEventType; guard: string | undefined }
  | { code: 'not_your_step'; event: BrpEventType }
  | { code: 'stale'; event: BrpEventType }
  | { code: 'unknown_event' }
  | { code: 'missing_input'; field: string }
  | { code: 'invalid_departure_date'; problem: DepartureDateProblem }
  | { code: 'status_via_events' }
  | { code: 'task_claimed' }
  | { code: 'task_closed' }
  | { code: 'no_owner' }
  | { code: 'mixed_providers' }
  | { code: 'desk_taken'; desk: string };

function statusLabel(status: MachineStatus, lang: UiLanguage): string {
  return choiceLabel('migrants', 'brp_status', status, lang);
}

export function eventLabel(event: BrpEventType, lang: UiLanguage): string {
  return EVENT_LABELS[event][lang];
}

/** What the workflow says about a refusal, in both languages. */
export function refusalText(refusal: WorkflowRefusal): LocalisedText {
  switch (refusal.code) {
    case 'not_allowed_in_state':
      return localised(
        `"${eventLabel(refusal.event, 'nl')}" kan niet bij de status "${statusLabel(refusal.status, 'nl')}".`,
        `"${eventLabel(refusal.event, 'en')}" is not possible in status "${statusLabel(refusal.status, 'en')}".`,
      );
    case 'final_state':
      return localised(
        `De status "${statusLabel(refusal.status, 'nl')}" is definitief; er volgt geen stap meer.`,
        `Status "${statusLabel(refusal.status, 'en')}" is final; no further step is possible.`,
      );
    case 'guard_failed': {
      const because = (lang: UiLanguage, otherwise: string): string =>
        guardExplanations(refusal.guard, lang).join('; ') || otherwise;
      return localised(
        `"${eventLabel(refusal.event, 'nl')}" kan nu niet: ${because('nl', 'niet aan de voorwaarden voldaan')}.`,
        `"${eventLabel(refusal.event, 'en')}" is not possible now: ${because('en', 'its conditions are not met')}.`,
      );
    }
    case 'not_your_step':
      return localised(
        `"${eventLabel(refusal.event, 'nl')}" is een stap van een andere organisatie.`,
        `"${eventLabel(refusal.event, 'en')}" is a step of another organisation.`,
      );
    case 'stale':
      return localised(
        'De status is intussen door iemand anders gewijzigd. Laad de gegevens opnieuw en probeer het nog eens.',
        'Someone else changed the status in the meantime. Reload and try again.',
      );
    case 'unknown_event':
      return localised('Onbekende stap.', 'Unknown step.');
    case 'missing_input':
      return localised(`Vul "${refusal.field}" in voor deze stap.`, `Fill in "${refusal.field}" for this step.`);
    case 'invalid_departure_date':
      return DEPARTURE_DATE_PROBLEMS[refusal.problem];
    case 'status_via_events':
      return localised(
        'De BRP-status verandert alleen via een stap: POST /brp/migrants/:id/events met { "type": ... }.',
        'The BRP status only changes through a step: POST /brp/migrants/:id/events with { "type": ... }.',
      );
    case 'task_claimed':
      return localised('Deze taak is al opgepakt door een collega.', 'A colleague has already claimed this task.');
    case 'task_closed':
      return localised('Deze taak is al afgesloten.', 'This task is already closed.');
    case 'mixed_providers':
      return localised(
        'Een groepsafspraak is voor arbeidsmigranten van één huisvester; plan de anderen apart in.',
        'A group appointment is for labour migrants of one provider; schedule the others separately.',
      );
    case 'desk_taken':
      return localised(
        `"${refusal.desk}" heeft op dat tijdstip al een afspraak: kies een vrij tijdstip in de agenda van de balie.`,
        `"${refusal.desk}" already has an appointment at that time: pick a free slot in the desk's agenda.`,
      );
    case 'no_owner':
      return localised(
        'Er is nog geen verantwoordelijke gemeente: de arbeidsmigrant heeft geen huidig verblijf.',
        'There is no responsible municipality yet: the labour migrant has no current stay.',
      );
  }
}

export function refusalMessage(refusal: WorkflowRefusal, lang: UiLanguage): string {
  return refusalText(refusal)[lang];
}
