/**
 * What supervision tells people, in Dutch and English: the names of warning types, statuses and severities, the
 * housing norms, and a warning's one-line explanation from its figures (never a personal value). Plain module:
 * no Directus import.
 */
import { parsedJson } from '../json';
import { localised as t, type LocalisedText, type UiLanguage } from '../ui-language';
import type { HousingNorm, HousingType } from './housing-norm';
import type { DeliveryInterval, WarningSeverity, WarningStatus, WarningType } from '../vocabulary';
import type { WarningCause } from './warnings';
import type { ChecklistItem, DueReason, FindingState } from './inspections';

export const WARNING_TYPE_LABELS: Readonly<Record<WarningType, LocalisedText>> = Object.freeze({
  not_registered_in_time: t('Niet op tijd ingeschreven', 'Not registered in time'),
  no_free_bed: t('Geen vrij bed', 'No free bed'),
  overcrowded: t('Overbewoning', 'Overcrowding'),
  two_open_stays: t('Twee lopende verblijven', 'Two open stays'),
  stay_after_departure: t('Verblijf na vertrek', 'Stay after departure'),
  work_far_from_home: t('Werk ver van woning', 'Work far from home'),
  brp_address_mismatch: t('Ander adres in de BRP', 'Different address in the BRP'),
  delivery_overdue: t('Lijst niet aangeleverd', 'List not delivered'),
});

export const WARNING_STATUS_LABELS: Readonly<Record<WarningStatus, LocalisedText>> = Object.freeze({
  open: t('Open', 'Open'),
  acknowledged: t('In behandeling', 'Acknowledged'),
  resolved: t('Opgelost', 'Resolved'),
});

export const WARNING_SEVERITY_LABELS: Readonly<Record<WarningSeverity, LocalisedText>> = Object.freeze({
  info: t('Ter informatie', 'For information'),
  warning: t('Waarschuwing', 'Warning'),
  critical: t('Ernstig', 'Critical'),
});

export const HOUSING_TYPE_LABELS: Readonly<Record<HousingType, LocalisedText>> = Object.freeze({
  dwelling: t('Woning of wooneenheid', 'Dwelling or housing unit'),
  lodging: t('Logiesgebouw (pension, hotel)', 'Lodging (pension, hotel)'),
  recreational: t('Recreatiewoning', 'Recreational housing'),
});

export const DELIVERY_INTERVAL_LABELS: Readonly<Record<DeliveryInterval, LocalisedText>> = Object.freeze({
  weekly: t('Wekelijks', 'Weekly'),
  monthly: t('Maandelijks', 'Monthly'),
});

export const HOUSING_NORM_LABELS: Readonly<Record<HousingNorm, LocalisedText>> = Object.freeze({
  living_space: t('woonoppervlak per persoon', 'living space per person'),
  bedroom_area: t('slaapkameroppervlak per persoon', 'bedroom area per person'),
  beds: t('een bed per bewoner', 'a bed per resident'),
  toilets: t('toiletten (1 per 8 personen)', 'toilets (1 per 8 persons)'),
  showers: t('douches (1 per 8 personen)', 'showers (1 per 8 persons)'),
  municipal_cap: t('maximum van de gemeente', "the municipality's maximum"),
  declared_capacity: t('opgegeven capaciteit', 'declared capacity'),
});

function num(details: WarningCause['details'], key: string): string {
  const value = details[key];
  return value === undefined ? '?' : String(value);
}

export const CHECKLIST_LABELS: Readonly<Record<ChecklistItem, LocalisedText>> = Object.freeze({
  occupancy_within_norm: t('Aantal bewoners binnen de norm', 'Number of residents within the norm'),
  living_space: t('Woonoppervlak: 12 m² per persoon (logies 10 m²)', 'Living space: 12 m² a person (lodging 10 m²)'),
  bedroom_area: t('Slaapkamer: 3,5 m² per persoon', 'Bedroom: 3.5 m² a person'),
  bed_per_resident: t('Een bed (80×200) per bewoner', 'A bed (80×200) per resident'),
  wardrobe_per_resident: t('Een kledingkast per bewoner', 'A wardrobe per resident'),
  toilets: t('Een toilet per 8 personen', 'A toilet per 8 persons'),
  showers: t('Een douche per 8 personen', 'A shower per 8 persons'),
  records_match: t('Bewoners komen overeen met de registratie', 'Residents match the records'),
});

export const FINDING_STATE_LABELS: Readonly<Record<FindingState, LocalisedText>> = Object.freeze({
  met: t('In orde', 'Met'),
  open: t('Open', 'Open'),
  answered: t('Beantwoord', 'Answered'),
  closed: t('Gesloten na herinspectie', 'Closed by re-inspection'),
});

export const DUE_REASON_LABELS: Readonly<Record<DueReason, LocalisedText>> = Object.freeze({
  never_inspected: t('Nooit geïnspecteerd', 'Never inspected'),
  over_a_year: t('Laatste inspectie meer dan een jaar geleden', 'Last inspection over a year ago'),
  open_warnings: t('Open signalen', 'Open warnings'),
});

/** What the plan knows of a due location, to say why it is due. `lastInspection` as the reader reads a date. */
export interface DueFacts {
  lastInspection: string | null;
  openWarnings: number;
}

/** Why a location is due for an inspection, as one sentence in the reader's language (never a code). */
export function explainDueReason(reason: DueReason, facts: DueFacts, language: UiLanguage): string {
  const nl = language === 'nl';
  switch (reason) {
    case 'never_inspected':
      return nl ? 'Deze locatie is nog nooit geïnspecteerd.' : 'This location has never been inspected.';
    case 'over_a_year':
      return facts.lastInspection === null
        ? nl
          ? 'De laatste inspectie is meer dan een jaar geleden.'
          : 'The last inspection was over a year ago.'
        : nl
          ? `De laatste inspectie, op ${facts.lastInspection}, is meer dan een jaar geleden.`
          : `The last inspection, on ${facts.lastInspection}, was over a year ago.`;
    case 'open_warnings': {
      const n = facts.openWarnings;
      if (nl)
        return n === 1
          ? 'Er staat 1 signaal over de bezetting open (geen vrij bed of overbewoning).'
          : `Er staan ${n} signalen over de bezetting open (geen vrij bed of overbewoning).`;
      return n === 1
        ? 'There is 1 open warning about occupancy (no free bed or overcrowding).'
        : `There are ${n} open warnings about occupancy (no free bed or overcrowding).`;
    }
  }
}

/** The inspection plan's panel (panels/inspection-plan), in Dutch and English. */
export const INSPECTION_PLAN_TEXT = Object.freeze({
  nl: {
    loading: 'Inspectieplanning laden…',
    failed: 'De inspectieplanning kon niet worden geladen. Probeer het later opnieuw.',
    notInspector: 'De inspectieplanning is er alleen voor inspecteurs van een gemeente.',
    empty: 'Er zijn nu geen locaties die een inspectie nodig hebben.',
    count: (n: number) => (n === 1 ? '1 locatie te inspecteren' : `${n} locaties te inspecteren`),
    location: 'Locatie',
    reasons: 'Waarom',
    lastInspection: 'Laatste inspectie',
    never: 'Nooit',
    openWarnings: 'Open signalen',
    open: 'Inspectie vastleggen',
    openLabel: (name: string) => `${name}: naar de locatie om de inspectie vast te leggen`,
  },
  en: {
    loading: 'Loading the inspection plan…',
    failed: 'The inspection plan could not be loaded. Please try again later.',
    notInspector: "The inspection plan is for a municipality's inspectors only.",
    empty: 'No location needs an inspection at the moment.',
    count: (n: number) => (n === 1 ? '1 location to inspect' : `${n} locations to inspect`),
    location: 'Location',
    reasons: 'Why',
    lastInspection: 'Last inspection',
    never: 'Never',
    openWarnings: 'Open warnings',
    open: 'Record the inspection',
    openLabel: (name: string) => `${name}: to the location to record the inspection`,
  },
});

/** One sentence that explains a warning from its figures, in the reader's language. */
export function explainWarning(cause: Pick<WarningCause, 'type' | 'details'>, language: UiLanguage): string {
  const d = cause.details;
  const nl = language === 'nl';
  switch (cause.type) {
    case 'not_registered_in_time':
      return nl
        ? `Verblijft naar verwachting 4 maanden of langer en is ${num(d, 'days_late')} dagen na de termijn (${num(d, 'deadline')}) niet ingeschreven.`
        : `Expected to stay 4 months or more and not registered ${num(d, 'days_late')} days after the deadline (${num(d, 'deadline')}).`;
    case 'no_free_bed':
      return nl
        ? `${num(d, 'occupancy')} bewoners bij een capaciteit van ${num(d, 'capacity')}.`
        : `${num(d, 'occupancy')} residents against a capacity of ${num(d, 'capacity')}.`;
    case 'overcrowded': {
      const norm = HOUSING_NORM_LABELS[d.worst_norm as HousingNorm]?.[language] ?? String(d.worst_norm);
      return nl
        ? `${num(d, 'occupancy')} bewoners; de norm voor ${norm} staat er ${num(d, 'allowed')} toe (${num(d, 'excess')} te veel).`
        : `${num(d, 'occupancy')} residents; the norm for ${norm} allows ${num(d, 'allowed')} (${num(d, 'excess')} too many).`;
    }
    case 'two_open_stays':
      return nl
        ? `${num(d, 'open_stays')} verblijven lopen tegelijk.`
        : `${num(d, 'open_stays')} stays are open at once.`;
    case 'stay_after_departure':
      return nl
        ? `Een verblijf loopt door na het vertrek op ${num(d, 'departure')}.`
        : `A stay continues after the departure on ${num(d, 'departure')}.`;
    case 'work_far_from_home':
      return nl
        ? `Werkadres ligt ${num(d, 'km')} km van de woning (grens ${num(d, 'threshold_km')} km).`
        : `The work address is ${num(d, 'km')} km from home (limit ${num(d, 'threshold_km')} km).`;
    case 'brp_address_mismatch':
      return d.mismatch === 'municipality'
        ? nl
          ? 'De BRP plaatst de persoon in een andere gemeente dan het platform.'
          : 'The BRP places the person in another municipality than the platform.'
        : nl
          ? 'De BRP plaatst de persoon op een ander adres dan het platform.'
          : 'The BRP places the person at another address than the platform.';
    case 'delivery_overdue':
      return nl
        ? `Laatste lijst op ${num(d, 'last_delivery')}; ${num(d, 'days_late')} dagen te laat.`
        : `Last list on ${num(d, 'last_delivery')}; ${num(d, 'days_late')} days late.`;
  }
}

/**
 * The explanation of a stored warning's `details` (which carry the warning's `type`, see
 * ../../glue/supervision/evaluate.ts); '—' for anything else, never the raw value.
 */
export function explainStoredWarning(details: unknown, language: UiLanguage): string {
  const parsed = parsedJson(details);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return '—';
  const record = parsed as Record<string, unknown>;
  const type = record['type'];
  if (typeof type !== 'string' || !(type in WARNING_TYPE_LABELS)) return '—';
  const figures: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record))
    if (typeof value === 'string' || typeof value === 'number') figures[key] = value;
  return explainWarning({ type: type as WarningType, details: figures }, language);
}
