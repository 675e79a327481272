/**
 * Work postcodes to coordinates for the "work far from home" rule: PDOK's Locatieserver (LOCATIESERVER_URL, PDOK's
 * public service by default; `off` for none), asked for a postcode only, never a person's address. Answers are kept in
 * this process (a postcode's centroid does not move; one that PDOK does not know is asked again after a day), so the
 * hourly evaluation asks only for postcodes it has not seen. A failure (unreachable, timeout, an error status) ends the
 * run's lookups: the rule then waits for the next run, and nothing else depends on it.
 */
import { locatieserverUrl, parseLocatieserverAnswer, PDOK_LOCATIESERVER } from '../../domain/supervision/geocode';
import type { Coordinates } from '../../domain/supervision/warnings';
import { normalisePostcode } from '../../domain/postcode';

export type GeocodeFetch = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

interface Cached {
  at: number;
  coordinates: Coordinates | null;
}

const cache = new Map<string, Cached>();
const UNKNOWN_RETRY_MS = 86_400_000;
const MAX_LOOKUPS_PER_RUN = 200;
const TIMEOUT_MS = 5_000;

/** The Locatieserver's base URL from the environment, or null when geocoding is off. */
export function locatieserverBase(env: Readonly<Record<string, string | undefined>>): string | null {
  const value = env['LOCATIESERVER_URL']?.trim();
  if (value === 'off' || value === 'false') return null;
  return value || PDOK_LOCATIESERVER;
}

/** Forgets the kept answers (tests). */
export function forgetGeocodes(): void {
  cache.clear();
}

/**
 * The coordinates of each postcode that can be found (normalised `1234AB` keys); postcodes not found (or not asked,
 * after a failure or the run's limit) are absent.
 */
export async function geocodePostcodes(
  postcodes: Iterable<string>,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void = () => undefined,
  fetchImpl: GeocodeFetch = fetch as unknown as GeocodeFetch,
  now: number = Date.now(),
): Promise<Map<string, Coordinates>> {
  const found = new Map<string, Coordinates>();
  const base = locatieserverBase(env);
  let lookups = 0;
  let failed = false;
  for (const input of new Set(postcodes)) {
    const postcode = normalisePostcode(input);
    if (postcode === null) continue;
    const cached = cache.get(postcode);
    if (cached && (cached.coordinates !== null || now - cached.at < UNKNOWN_RETRY_MS)) {
      if (cached.coordinates) found.set(postcode, cached.coordinates);
      continue;
    }
    if (base === null || failed || lookups >= MAX_LOOKUPS_PER_RUN) continue;
    const url = locatieserverUrl(base, postcode);
    if (url === null) continue;
    lookups++;
    try {
      const answer = await fetchImpl(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!answer.ok) throw new Error(`status ${answer.status}`);
      const coordinates = parseLocatieserverAnswer(await answer.json());
      cache.set(postcode, { at: now, coordinates });
      if (coordinates) found.set(postcode, coordinates);
    } catch (error) {
      failed = true;
      log(
        `Supervision: the Locatieserver did not answer (${error instanceof Error ? error.message : 'error'}); work distances wait for the next run`,
      );
    }
  }
  return found;
}
