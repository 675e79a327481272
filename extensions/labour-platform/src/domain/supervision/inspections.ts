/**
 * Housing inspections as plain rules: which locations are due (never inspected, the last inspection more than a
 * year ago, open warnings), the checklist an inspector records (derived from the SNF norm and the location's own
 * layout), the outcome that follows from it, and the provider's deadline to remedy. Plain module: no Directus import.
 */
import { addDays, addMonths } from '../dates';
import { formatPostcode } from '../postcode';
import { CHECKLIST_ITEMS, type ChecklistItem, type InspectionOutcome } from '../vocabulary';
import { normCapacity, type HousingLayout, type HousingNorm } from './housing-norm';

export type DueReason = 'never_inspected' | 'over_a_year' | 'open_warnings';

export interface LocationInspectionFacts {
  location: string;
  /** The date of the last inspection (YYYY-MM-DD), null when never inspected. */
  lastInspection: string | null;
  /** Open (or acknowledged) warnings about the location. */
  openWarnings: number;
}

export interface DueInspection {
  location: string;
  reasons: DueReason[];
  /** The most pressing first: open warnings, then never inspected, then the longest ago. */
  rank: number;
}

/** The locations due for an inspection on `today`, most pressing first. */
export function dueInspections(facts: readonly LocationInspectionFacts[], today: string): DueInspection[] {
  const yearAgo = addMonths(today, -12);
  const due: Array<DueInspection & { last: string }> = [];
  for (const location of facts) {
    const reasons: DueReason[] = [];
    if (location.openWarnings > 0) reasons.push('open_warnings');
    if (location.lastInspection === null) reasons.push('never_inspected');
    else if (location.lastInspection < yearAgo) reasons.push('over_a_year');
    if (reasons.length === 0) continue;
    const rank = location.openWarnings > 0 ? 0 : location.lastInspection === null ? 1 : 2;
    due.push({ location: location.location, reasons, rank, last: location.lastInspection ?? '' });
  }
  return due
    .sort(
      (a, b) =>
        a.rank - b.rank || (a.last < b.last ? -1 : a.last > b.last ? 1 : 0) || (a.location < b.location ? -1 : 1),
    )
    .map(({ location, reasons, rank }) => ({ location, reasons, rank }));
}

/** An item of the checklist: a norm the inspector checks on the spot (the list lives in ../vocabulary). */
export { CHECKLIST_ITEMS, type ChecklistItem };

/** Which norm of ./housing-norm an item checks (for the figures shown beside it). */
export const ITEM_NORM: Readonly<Partial<Record<ChecklistItem, HousingNorm>>> = Object.freeze({
  living_space: 'living_space',
  bedroom_area: 'bedroom_area',
  bed_per_resident: 'beds',
  toilets: 'toilets',
  showers: 'showers',
});

export interface ChecklistLine {
  item: ChecklistItem;
  /** What the recorded layout allows for this item (persons), when it follows from the norm. */
  allows: number | null;
}

/** One due location of an inspector's plan, as GET /supervision/inspections/due answers it (no person's data). */
export interface PlannedInspection {
  location: string;
  name: string;
  /** Street, number and addition, and the postcode: the location's own address (no person's). */
  address: string | null;
  city: string | null;
  last_inspection: string | null;
  open_warnings: number;
  reasons: DueReason[];
  checklist: ChecklistLine[];
}

/** The checklist of a location: every item, with what the recorded layout allows where the norm says. */
export function checklistFor(layout: HousingLayout | null): ChecklistLine[] {
  const limits = layout === null ? [] : normCapacity(layout).limits;
  const allows = (norm: HousingNorm | undefined) =>
    norm === undefined ? null : (limits.find((limit) => limit.norm === norm)?.persons ?? null);
  const capacity = layout === null ? null : normCapacity(layout).persons;
  return CHECKLIST_ITEMS.map((item) => ({
    item,
    allows: item === 'occupancy_within_norm' ? capacity : allows(ITEM_NORM[item]),
  }));
}

export interface ChecklistResult {
  item: ChecklistItem;
  met: boolean;
}

export interface InspectionFindings {
  results: readonly ChecklistResult[];
  /** People the inspector counted on the spot. */
  bedsCounted: number | null;
  /** The norm capacity of the location (null when no layout is recorded). */
  normCapacity: number | null;
}

export type InspectionProblem = 'incomplete_checklist' | 'unknown_item' | 'duplicate_item';

/** Whether every item was answered exactly once; the problems otherwise. */
export function checklistProblems(results: readonly ChecklistResult[]): InspectionProblem[] {
  const problems = new Set<InspectionProblem>();
  const seen = new Set<string>();
  for (const result of results) {
    if (!(CHECKLIST_ITEMS as readonly string[]).includes(result.item)) problems.add('unknown_item');
    else if (seen.has(result.item)) problems.add('duplicate_item');
    seen.add(result.item);
  }
  if (CHECKLIST_ITEMS.some((item) => !seen.has(item))) problems.add('incomplete_checklist');
  return [...problems];
}

/**
 * The outcome that follows from the findings: overcrowded when more people were counted than the norm allows or
 * the occupancy item is not met; deficiencies when any other item is not met; in order otherwise.
 */
export function outcomeOf(findings: InspectionFindings): InspectionOutcome {
  const overcrowded =
    (findings.bedsCounted !== null && findings.normCapacity !== null && findings.bedsCounted > findings.normCapacity) ||
    findings.results.some((result) => result.item === 'occupancy_within_norm' && !result.met);
  if (overcrowded) return 'overcrowded';
  return findings.results.some((result) => !result.met) ? 'deficiencies' : 'in_order';
}

/** Days a provider has to remedy, by outcome (an overcrowded location first). */
export const REMEDY_DAYS: Readonly<Record<InspectionOutcome, number | null>> = Object.freeze({
  in_order: null,
  deficiencies: 28,
  overcrowded: 7,
});

/** The provider's deadline to remedy, from the inspection's date; null when nothing is to be remedied. */
export function remedyDeadline(outcome: InspectionOutcome, inspectedOn: string): string | null {
  const days = REMEDY_DAYS[outcome];
  return days === null ? null : addDays(inspectedOn, days);
}

/** A finding (an item not met) is closed by a later inspection of the same location that finds the item met. */
export function closedFindings(
  open: readonly { id: string; item: ChecklistItem }[],
  reinspection: readonly ChecklistResult[],
): string[] {
  const met = new Set(reinspection.filter((result) => result.met).map((result) => result.item));
  return open.filter((finding) => met.has(finding.item)).map((finding) => finding.id);
}

/**
 * A finding (one checklist item of one inspection, `inspection_findings`) as its readers see it: met; open (not met,
 * waiting for the provider); answered (the provider has said what it did, waiting for a re-inspection); closed (a
 * later inspection found the item met).
 */
export const FINDING_STATES = ['met', 'open', 'answered', 'closed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export interface FindingFacts {
  met: boolean;
  answer: string | null;
  /** The inspection that closed it, null while open. */
  closedBy: string | null;
}

export function findingState(finding: FindingFacts): FindingState {
  if (finding.met) return 'met';
  if (finding.closedBy !== null) return 'closed';
  return finding.answer !== null && finding.answer.trim() !== '' ? 'answered' : 'open';
}

/** A finding still waiting for a re-inspection: not met and not closed (answered or not). */
export function isOpenFinding(finding: FindingFacts): boolean {
  const state = findingState(finding);
  return state === 'open' || state === 'answered';
}

export interface OpenFinding {
  id: string;
  item: ChecklistItem;
  /** The inspection that recorded it, and that inspection's date (YYYY-MM-DD). */
  inspection: string;
  inspectedOn: string;
}

/**
 * The findings a re-inspection closes: open findings of earlier inspections of the same location (the caller passes
 * that location's open findings) whose item the re-inspection finds met. An inspection never closes its own
 * findings, nor those of an inspection dated after it.
 */
export function findingsClosedBy(
  open: readonly OpenFinding[],
  reinspection: { inspection: string; inspectedOn: string; results: readonly ChecklistResult[] },
): string[] {
  const earlier = open.filter(
    (finding) => finding.inspection !== reinspection.inspection && finding.inspectedOn <= reinspection.inspectedOn,
  );
  return closedFindings(earlier, reinspection.results);
}

export type AnswerProblem = 'answer_required' | 'finding_not_open';

/** Whether a provider may give `answer` to a finding in `state`: a non-empty text, to a finding still open. */
export function answerProblem(state: FindingState, answer: unknown): AnswerProblem | null {
  if (state !== 'open' && state !== 'answered') return 'finding_not_open';
  return typeof answer === 'string' && answer.trim() !== '' ? null : 'answer_required';
}

/** A location's recorded address parts (each trimmed, or null when not recorded). */
export interface AddressParts {
  street: string | null;
  houseNumber: string | null;
  addition: string | null;
  postcode: string | null;
}

/** "Keuringslaan 5a, 1761 AF" (the postcode as on an envelope): what of the address a location has recorded, or null. */
export function locationAddress({ street, houseNumber, addition, postcode }: AddressParts): string | null {
  // 5a, 5 bis as written; a numeric addition (a floor, a door) after a hyphen: 5-2, never 52
  const number = [houseNumber, addition].filter(Boolean).join(addition && /^\d/.test(addition) ? '-' : '');
  const line = [street, number].filter(Boolean).join(' ');
  return [line, postcode === null ? null : formatPostcode(postcode)].filter(Boolean).join(', ') || null;
}
