/**
 * Geocoding a work postcode with PDOK's Locatieserver (`GET {base}/free?q=postcode:1234AB&fq=type:postcode&rows=1`,
 * answer `{ response: { numFound, docs: [{ centroide_ll: "POINT(lon lat)" }] } }`): the request and the reading of
 * its answer. Only a postcode is sent, never a person's address. Plain module: no Directus import.
 */
import { normalisePostcode } from '../postcode';
import type { Coordinates } from './warnings';

/** PDOK's public Locatieserver (v3.1); LOCATIESERVER_URL configures another (a mock on test machines). */
export const PDOK_LOCATIESERVER = 'https://api.pdok.nl/bzk/locatieserver/search/v3_1';

/** The URL that asks for the centroid of one postcode, or null when the postcode is not a valid Dutch postcode. */
export function locatieserverUrl(base: string, postcode: string): string | null {
  const code = normalisePostcode(postcode);
  if (code === null) return null;
  const url = new URL(`${base.replace(/\/+$/, '')}/free`);
  url.searchParams.set('q', `postcode:${code}`);
  url.searchParams.set('fq', 'type:postcode');
  url.searchParams.set('fl', 'postcode,centroide_ll');
  url.searchParams.set('rows', '1');
  return url.toString();
}

const POINT = /^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/;

/** The centroid of the first document (WGS84, `POINT(lon lat)`), or null when the answer has none. */
export function parseLocatieserverAnswer(answer: unknown): Coordinates | null {
  const docs = (answer as { response?: { docs?: unknown } } | null)?.response?.docs;
  if (!Array.isArray(docs) || docs.length === 0) return null;
  const point = (docs[0] as { centroide_ll?: unknown } | null)?.centroide_ll;
  const match = typeof point === 'string' ? POINT.exec(point.trim()) : null;
  if (!match) return null;
  const longitude = Number(match[1]);
  const latitude = Number(match[2]);
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) return null;
  return { latitude, longitude };
}
