/**
 * /insights/map and /insights/tiles: the map of housing and capacity for the policy officer's own municipality.
 *   GET /insights/map                      the background (tile address and attribution) and every location with its
 *                                          coordinates, capacity and occupancy as the occupancy figure publishes it
 *   GET /insights/tiles/:z/:x/:y.png       a background tile, fetched by the platform from INSIGHT_TILE_URL (PDOK's
 *                                          BRT achtergrondkaart by default), so the browser talks to the platform only
 * The same callers as /insights/figures (a policy officer of a municipality); for anyone else the routes do not exist.
 */
import {
  publishFigure,
  mapLocations,
  PDOK_BRT_ATTRIBUTION,
  PDOK_BRT_TILES,
  tileCoordinates,
  tileUrl,
  type MapLocation,
} from '../../domain/insight';
import { todayInNetherlands } from '../../domain/dates';
import type { DataAccess } from '../items';
import { Refused, Sent, type ApiRequest } from '../http/seam';
import { insightAggregates } from './aggregate';
import { municipalityRules } from './load';
import { policyMunicipality } from './api';

type Env = Record<string, unknown>;

const setting = (env: Env, name: string, fallback: string) => {
  const value = env[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
};

export interface HousingMap {
  municipality: string;
  date: string;
  tiles: { url: string; attribution: string; maxZoom: number };
  locations: MapLocation[];
}

/** GET /insights/map */
export async function housingMap(access: DataAccess, request: ApiRequest, env: Env): Promise<HousingMap> {
  const municipality = await policyMunicipality(access, request.accountability);
  if (!municipality) throw new Refused({ code: 'not_found' });
  if (Object.keys(request.query ?? {}).length > 0)
    throw new Refused({ code: 'invalid_input', field: Object.keys(request.query ?? {})[0]! });
  const date = todayInNetherlands();
  const [aggregates, rules, coordinates] = await Promise.all([
    insightAggregates(access.knex, municipality, date, 'occupancy'),
    municipalityRules(access.knex, municipality),
    access.knex('locations').select('id', 'latitude', 'longitude').where('municipality', municipality) as Promise<
      Array<{ id: unknown; latitude: unknown; longitude: unknown }>
    >,
  ]);
  const number = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(value));
  return {
    municipality,
    date,
    tiles: {
      url: '/insights/tiles/{z}/{x}/{y}.png',
      attribution: setting(env, 'INSIGHT_TILE_ATTRIBUTION', PDOK_BRT_ATTRIBUTION),
      maxZoom: 19,
    },
    locations: mapLocations(
      publishFigure('occupancy', aggregates, date, rules),
      coordinates.map((row) => ({
        id: String(row.id),
        latitude: number(row.latitude),
        longitude: number(row.longitude),
      })),
    ),
  };
}

/** Tiles fetched lately, by upstream address (a background map changes seldom; at most this many kept). */
const TILE_CACHE_SIZE = 2000;
const tiles = new Map<string, Buffer>();

/** GET /insights/tiles/:z/:x/:y.png */
export async function mapTile(request: ApiRequest, env: Env): Promise<Sent> {
  const tile = tileCoordinates(request.params['z'], request.params['x'], request.params['y']);
  if (!tile) throw new Refused({ code: 'not_found' });
  const url = tileUrl(setting(env, 'INSIGHT_TILE_URL', PDOK_BRT_TILES), tile);
  let body = tiles.get(url);
  if (!body) {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new Refused({ code: 'unavailable' });
    }
    if (response.status === 404) throw new Refused({ code: 'not_found' });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('image/')) throw new Refused({ code: 'unavailable' });
    body = Buffer.from(await response.arrayBuffer());
    if (tiles.size >= TILE_CACHE_SIZE) tiles.delete(tiles.keys().next().value!);
    tiles.set(url, body);
  }
  return new Sent('image/png', body, 'immutable');
}
