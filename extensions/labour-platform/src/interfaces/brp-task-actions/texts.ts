/**
 * Every text of the task view in Dutch and English, in the platform's one shape: each entry is `{ nl, en }`
 * (`localised` for a plain text; `both` for a text with parameters, whose two functions take the same ones), so
 * an entry without one of the languages does not compile. A step's help: Dutch from the table below, English
 * the BRP machine's own description of the step.
 */
import { describeEventRequirements, type BrpEventType } from '../../domain/brp/machine';
import type { ShieldExplanationCode } from '../../domain/privacy/shield-explanation';
import { localised, type UiLanguage } from '../../domain/ui-language';

/** A text with parameters in both languages. */
const both = <T>(nl: T, en: T): { nl: T; en: T } => ({ nl, en });

type ShieldTexts = Record<ShieldExplanationCode, { why: (date: string | null) => string; action: string }>;

export const TEXTS = {
  saveFirst: localised(
    'Sla de taak eerst op; daarna kun je hier de volgende stap zetten.',
    'Save the task first; then you can take the next step here.',
  ),
  loading: localised('Laden…', 'Loading…'),
  loadError: localised('De taak kon niet worden geladen.', 'The task could not be loaded.'),
  noMigrantAccess: localised(
    'Je hebt geen toegang tot de gegevens van deze arbeidsmigrant.',
    'You have no access to this labour migrant’s data.',
  ),
  claim: localised('Oppakken', 'Claim'),
  release: localised('Vrijgeven', 'Release'),
  unclaimed: localised('Nog niet opgepakt', 'Not claimed yet'),
  mine: localised('Opgepakt door jou', 'Claimed by you'),
  colleague: localised('Een collega heeft deze taak', 'A colleague has this task'),
  colleagueHasTask: localised('Een collega heeft deze taak al opgepakt.', 'A colleague has this task.'),
  colleagueWorking: localised(
    'Een collega heeft deze taak opgepakt: overleg voordat je een stap zet.',
    'A colleague has claimed this task: talk to them before you take a step.',
  ),
  claimedNow: localised('Je hebt de taak opgepakt.', 'You claimed the task.'),
  releasedNow: localised('De taak is vrijgegeven.', 'The task was released.'),
  since: localised('sinds', 'since'),
  taskClosed: localised('Deze taak is afgesloten', 'This task is closed'),
  nextTask: localised('Open taak van deze arbeidsmigrant:', 'Open task of this labour migrant:'),
  steps: localised('Mogelijke stappen', 'Possible steps'),
  noStepForYou: localised(
    'Voor jouw organisatie is er nu geen stap bij deze arbeidsmigrant.',
    'There is no step for your organisation with this labour migrant right now.',
  ),
  noStepNow: localised('Er is nu geen stap mogelijk.', 'No step is possible right now.'),
  cancel: localised('Annuleren', 'Cancel'),
  confirm: localised('Bevestigen', 'Confirm'),
  optional: localised('optioneel', 'optional'),
  done: both(
    (status: string) => `Gelukt: de BRP-status is nu "${status}".`,
    (status: string) => `Done: the BRP status is now "${status}".`,
  ),
  appointment: localised('Afspraak', 'Appointment'),
  atDesk: both(
    (when: string, desk: string) => `${when} aan ${desk}`,
    (when: string, desk: string) => `${when} at ${desk}`,
  ),
  brpLoading: localised('De BRP wordt geraadpleegd…', 'Consulting the BRP…'),
  brpAnswer: localised('Antwoord van de BRP', 'BRP answer'),
  noBrp: localised(
    'Geen BRP-koppeling: leg de uitkomst met de hand vast.',
    'No BRP connection: record the outcome by hand.',
  ),
  noBrpAfterError: localised('Leg de uitkomst met de hand vast.', 'Record the outcome by hand.'),
  brpProblem: both(
    (detail: string) => `De BRP gaf geen antwoord${detail ? ` (${detail})` : ''}.`,
    (detail: string) => `The BRP did not answer${detail ? ` (${detail})` : ''}.`,
  ),
  brpRegistered: both(
    (name: string, since: string | null) =>
      `ingeschreven in ${name || 'een gemeente'}${since ? ` sinds ${since}` : ''}.`,
    (name: string, since: string | null) =>
      `registered in ${name || 'a municipality'}${since ? ` since ${since}` : ''}.`,
  ),
  brpRni: both(
    (since: string | null) => `ingeschreven in de RNI (niet-ingezetene)${since ? ` sinds ${since}` : ''}.`,
    (since: string | null) => `registered in the RNI (non-resident)${since ? ` since ${since}` : ''}.`,
  ),
  brpNotFound: localised('niet gevonden in de BRP.', 'not found in the BRP.'),
  brpEmigrated: both(
    (date: string | null) => `geëmigreerd: vertrokken uit Nederland${date ? ` op ${date}` : ''} (niet de RNI).`,
    (date: string | null) => `emigrated: left the Netherlands${date ? ` on ${date}` : ''} (not the RNI).`,
  ),
  brpInvestigation: both(
    (parts: string[], since: string | null) =>
      `In onderzoek bij de gemeente${since ? ` sinds ${since}` : ''}: ${parts.join(' en ')}. Deze gegevens kunnen onjuist zijn; controleer ze voordat je bevestigt.`,
    (parts: string[], since: string | null) =>
      `Under investigation by the municipality${since ? ` since ${since}` : ''}: ${parts.join(' and ')}. These data may be wrong; check them before you confirm.`,
  ),
  investigatedRegistration: localised('de inschrijving', 'the registration'),
  investigatedAddress: localised('het adres', 'the address'),
  brpDeregistered: both(
    (reason: string, date: string | null) =>
      `uitgeschreven: de BRP houdt de gegevens niet meer bij${reason ? ` (${reason})` : ''}${date ? ` sinds ${date}` : ''}.`,
    (reason: string, date: string | null) =>
      `deregistered: the BRP no longer keeps this record current${reason ? ` (${reason})` : ''}${date ? ` since ${date}` : ''}.`,
  ),
  proposed: both(
    (outcome: string) => `Voorstel: "${outcome}". Controleer het en bevestig.`,
    (outcome: string) => `Proposed: "${outcome}". Check it and confirm.`,
  ),
  shieldTitle: localised('Waarom zie je de persoonsgegevens niet?', 'Why are the personal data masked?'),
  shield: both<ShieldTexts>(
    {
      consent_not_requested: {
        why: () => 'Er is nog geen machtiging gevraagd.',
        action:
          'Vraag de huisvester om de uitnodiging te sturen of de brief met de link te printen; de gegevens verschijnen zodra de arbeidsmigrant tekent.',
      },
      consent_pending: {
        why: (date: string | null) =>
          `De arbeidsmigrant is uitgenodigd${date ? ` (${date})` : ''} maar heeft nog niet getekend.`,
        action:
          'Wacht op de handtekening, of vraag de huisvester de brief met de link te printen. Je kunt de taak ook aan de balie afhandelen met het identiteitsbewijs.',
      },
      consent_expired: {
        why: (date: string | null) => `De uitnodiging is verlopen${date ? ` (${date})` : ''} zonder antwoord.`,
        action: 'Vraag de huisvester om een nieuwe uitnodiging of brief.',
      },
      consent_refused: {
        why: () => 'De arbeidsmigrant heeft de machtiging geweigerd.',
        action:
          'Handel de taak af met de arbeidsmigrant zelf aan de balie (identiteitsbewijs), of vraag via de huisvester of hij of zij alsnog wil tekenen.',
      },
      consent_revoked: {
        why: (date: string | null) => `De arbeidsmigrant heeft de machtiging ingetrokken${date ? ` (${date})` : ''}.`,
        action:
          'De gegevens blijven afgeschermd. Opnieuw tekenen kan met een nieuwe uitnodiging van de huisvester; aan de balie kan de arbeidsmigrant zich zelf melden.',
      },
      no_open_task: {
        why: () => 'Je gemeente heeft geen openstaande taak die deze gegevens nodig heeft.',
        action: 'De gegevens zijn weer zichtbaar zolang er een taak van je gemeente openstaat.',
      },
      not_permitted: {
        why: () => 'Je rol ziet geen persoonsgegevens.',
        action: 'Neem contact op met de functioneel beheerder als je ze voor je werk nodig hebt.',
      },
    },
    {
      consent_not_requested: {
        why: () => 'No consent has been asked for yet.',
        action:
          'Ask the housing provider to send the invitation or print the letter with the link; the data appears as soon as the migrant signs.',
      },
      consent_pending: {
        why: (date: string | null) => `The migrant was invited${date ? ` (${date})` : ''} but has not signed yet.`,
        action:
          'Wait for the signature, or ask the housing provider to print the letter with the link. You can also work the task at the desk with the ID document.',
      },
      consent_expired: {
        why: (date: string | null) => `The invitation expired${date ? ` (${date})` : ''} without an answer.`,
        action: 'Ask the housing provider for a new invitation or letter.',
      },
      consent_refused: {
        why: () => 'The migrant refused consent.',
        action:
          'Work the task with the migrant in person at the desk (ID document), or ask through the housing provider whether they want to sign after all.',
      },
      consent_revoked: {
        why: (date: string | null) => `The migrant revoked consent${date ? ` (${date})` : ''}.`,
        action:
          'The data stays masked. Signing again takes a new invitation from the housing provider; the migrant can always come to the desk in person.',
      },
      no_open_task: {
        why: () => 'Your municipality has no open task that needs these data.',
        action: 'The data are shown again while a task of your municipality is open.',
      },
      not_permitted: {
        why: () => 'Your role does not see personal data.',
        action: 'Contact your application administrator if your work needs them.',
      },
    },
  ),
  followUp: localised('Verder werken', 'Carry on'),
  nextInQueue: both(
    (type: string) => `Volgende taak: ${type}`,
    (type: string) => `Next task: ${type}`,
  ),
  queueEmpty: localised(
    'Er staan geen andere taken open die nog niemand heeft opgepakt.',
    'No other open task is waiting for someone to claim it.',
  ),
  toTaskList: localised('Naar de takenlijst', 'To the task list'),
  agendaTitle: localised('Agenda van de balie', 'Desk agenda'),
  agendaDate: localised('Datum', 'Date'),
  agendaDuration: localised('Duur', 'Duration'),
  minutes: both(
    (n: number) => `${n} minuten`,
    (n: number) => `${n} minutes`,
  ),
  freeSlots: localised('Vrije tijden', 'Free times'),
  noFreeSlots: localised(
    'Geen vrije tijd meer op deze dag aan deze balie: kies een andere dag of balie.',
    'No free time left on this day at this desk: pick another day or desk.',
  ),
  agendaLoading: localised('De agenda wordt geladen…', 'Loading the agenda…'),
  chosenSlot: both(
    (time: string, desk: string) => `Gekozen: ${time} aan ${desk}.`,
    (time: string, desk: string) => `Chosen: ${time} at ${desk}.`,
  ),
  bookedCount: both(
    (n: number) => (n === 1 ? '1 afspraak gepland' : `${n} afspraken gepland`),
    (n: number) => (n === 1 ? '1 appointment booked' : `${n} appointments booked`),
  ),
  desk: localised('Balie', 'Desk'),
};

/** The task view's texts in one language. */
export type TaskViewText = { [K in keyof typeof TEXTS]: (typeof TEXTS)[K]['nl'] };

export function taskViewText(lang: UiLanguage): TaskViewText {
  return Object.fromEntries(Object.entries(TEXTS).map(([key, text]) => [key, text[lang]])) as TaskViewText;
}

const DUTCH_STEP_HELP: Record<BrpEventType, string> = {
  ASSESS: 'Zoek het BSN op in de BRP en leg vast of de arbeidsmigrant al is ingeschreven.',
  SCHEDULE: 'Plan een inschrijfafspraak aan de balie van de gemeente (verblijf van 4 maanden of langer binnen 6).',
  REFER_TO_RNI: 'Kort verblijf (korter dan 4 maanden binnen 6): inschrijven in de RNI in plaats van een afspraak.',
  CONFIRM_APPOINTMENT: 'Bevestig dat de arbeidsmigrant naar de geplande afspraak komt.',
  DECLINE_APPOINTMENT: 'Wijs de geplande afspraak af; de arbeidsmigrant wordt opnieuw ingepland.',
  NO_SHOW: 'De arbeidsmigrant is niet naar de bevestigde afspraak gekomen; plan opnieuw in.',
  REGISTER:
    'Schrijf de arbeidsmigrant in aan de balie (bevestigde afspraak); de arbeidsmigrant neemt een identiteitsbewijs en een huurcontract of verklaring van de hoofdbewoner mee.',
  REPORT_DEPARTURE: 'Meld dat de arbeidsmigrant is vertrokken.',
  DEREGISTER: 'Schrijf de vertrokken arbeidsmigrant uit de BRP uit.',
};

/** What a step does, for its dialog. */
export function stepHelp(event: BrpEventType, lang: UiLanguage): string {
  return localised(DUTCH_STEP_HELP[event], describeEventRequirements(event).description)[lang];
}
