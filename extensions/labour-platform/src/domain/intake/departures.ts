/**
 * The departures a full list confirms (issue 10): the people at a listed location who are missing from the list are
 * proposed in the dry run; the commit reports them only when the caller confirms, and only those that are still
 * proposed when the rows are classified again at commit time (someone who came back or left in between is not
 * reported; someone newly missing was not confirmed and is not reported either). Plain module: no Directus import.
 */
import type { IntakeProposedDeparture } from './contract';

/** The commit's body: `{ confirm_departures: true }` confirms; no body, `{}` or `false` does not. Else null (refused). */
export function parseCommitRequest(body: unknown): { confirmDepartures: boolean } | null {
  if (body === undefined || body === null || body === '') return { confirmDepartures: false };
  if (typeof body !== 'object' || Array.isArray(body)) return null;
  const confirm = (body as Record<string, unknown>)['confirm_departures'];
  if (confirm === undefined || confirm === null) return { confirmDepartures: false };
  if (typeof confirm !== 'boolean') return null;
  return { confirmDepartures: confirm };
}

/** The departures to report: proposed in the dry run the caller confirmed AND proposed again now (same stay). */
export function confirmedDepartures(
  confirmed: readonly IntakeProposedDeparture[],
  now: readonly IntakeProposedDeparture[],
): IntakeProposedDeparture[] {
  const seen = new Set(confirmed.map((departure) => `${departure.migrant}|${departure.stay}`));
  const unique = new Map<string, IntakeProposedDeparture>();
  for (const departure of now)
    if (seen.has(`${departure.migrant}|${departure.stay}`) && !unique.has(departure.migrant))
      unique.set(departure.migrant, departure);
  return [...unique.values()];
}
