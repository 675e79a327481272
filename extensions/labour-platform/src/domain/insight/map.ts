/**
 * The map of housing and capacity (issue 11): every location of the municipality with its coordinates (a
 * building's position is no personal data), its capacity, and its occupancy only as the occupancy figure publishes
 * it (small counts protected, rounded, a band: free, about full, over capacity); and the background tiles, PDOK's
 * BRT achtergrondkaart by default, fetched by the platform so the browser talks to nothing else. Plain module.
 */
import type { FigureRow, PublishedFigure } from './figures';
import { TOTAL } from './figures';

/** PDOK's BRT achtergrondkaart (WMTS, web mercator), the default background: {z}/{x}/{y} as in its tile matrix. */
export const PDOK_BRT_TILES =
  'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';
export const PDOK_BRT_ATTRIBUTION = 'Kaartgegevens © Kadaster (BRT-Achtergrondkaart, PDOK)';
/** PDOK's tile matrix set EPSG:3857 has levels 0 to 19. */
export const MAX_TILE_ZOOM = 19;

export interface MapLocation {
  id: string;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity: number | null;
  /** The occupancy as published: null when hidden. */
  occupied: number | null;
  suppressed: boolean;
  state: 'free' | 'about_full' | 'over' | null;
}

export interface Coordinates {
  id: string;
  latitude: number | null;
  longitude: number | null;
}

function coordinate(value: number | null, limit: number): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** The map's locations: the occupancy figure's rows (its total left out) with each location's coordinates. */
export function mapLocations(occupancy: PublishedFigure, coordinates: readonly Coordinates[]): MapLocation[] {
  if (occupancy.name !== 'occupancy') throw new RangeError('the map is drawn from the occupancy figure');
  const at = new Map(coordinates.map((row) => [row.id, row]));
  return occupancy.rows
    .filter((row: FigureRow) => row['location'] !== TOTAL)
    .map((row) => {
      const id = String(row['location']);
      const position = at.get(id);
      const state = row['state'];
      return {
        id,
        name: typeof row['location_name'] === 'string' ? row['location_name'] : null,
        latitude: coordinate(position?.latitude ?? null, 90),
        longitude: coordinate(position?.longitude ?? null, 180),
        capacity: typeof row['capacity'] === 'number' ? row['capacity'] : null,
        occupied: row.suppressed ? null : row.value,
        suppressed: row.suppressed,
        state: state === 'free' || state === 'about_full' || state === 'over' ? state : null,
      };
    });
}

/** A tile's coordinates from the request's path parameters, or null for anything that is not a tile of the map. */
export function tileCoordinates(z: unknown, x: unknown, y: unknown): { z: number; x: number; y: number } | null {
  const whole = (value: unknown) => (typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : null);
  const [zoom, column, row] = [whole(z), whole(x), whole(String(y ?? '').replace(/\.png$/, ''))];
  if (zoom === null || column === null || row === null || zoom > MAX_TILE_ZOOM) return null;
  const size = 2 ** zoom;
  return column < size && row < size ? { z: zoom, x: column, y: row } : null;
}

/** The upstream address of a tile: the template's {z}, {x} and {y} filled in. */
export function tileUrl(template: string, tile: { z: number; x: number; y: number }): string {
  return template.replaceAll('{z}', String(tile.z)).replaceAll('{x}', String(tile.x)).replaceAll('{y}', String(tile.y));
}
