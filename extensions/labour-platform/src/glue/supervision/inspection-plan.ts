/**
 * The inspector's plan (issue 12): the locations of the inspector's municipality that are due for an inspection
 * (../../domain/supervision/inspections.ts: open warnings, never inspected, over a year), most pressing first, with
 * the checklist their recorded layout gives. Locations and counts only: an inspector never receives a person.
 */
import { todayInNetherlands } from '../../domain/dates';
import { checklistFor, dueInspections, locationAddress, type PlannedInspection } from '../../domain/supervision';
import { municipalityOfRole } from '../access/role-municipality';
import type { ApiRequest } from '../http/seam';
import type { DataAccess, Row } from '../items';
import { dateOnly } from '../retention/facts';
import { ROLE_IDS } from '../roles';
import { layoutOf } from './evaluate';

const text = (value: unknown): string | null =>
  value === null || value === undefined || String(value).trim() === '' ? null : String(value).trim();

/** Whether the /supervision/inspections routes exist for this caller: an inspector of a municipality. */
export async function seesInspectionPlan(request: ApiRequest, access: DataAccess): Promise<boolean> {
  return (await municipalityOfRole(access, request.accountability, ROLE_IDS.inspector)) !== null;
}

/** GET /supervision/inspections/due */
export async function inspectionPlan(access: DataAccess, request: ApiRequest): Promise<PlannedInspection[]> {
  const municipality = await municipalityOfRole(access, request.accountability, ROLE_IDS.inspector);
  if (municipality === null) return [];
  const { knex } = access;
  const locations = (await knex('locations').where('municipality', municipality).select('*')) as Row[];
  const ids = locations.map((row) => String(row['id']));
  if (ids.length === 0) return [];
  const [inspections, warnings, bedrooms] = await Promise.all([
    knex('inspections')
      .whereIn('location', ids)
      .select('location')
      .max({ last: 'inspected_on' })
      .groupBy('location') as Promise<Row[]>,
    knex('warnings')
      .whereIn('location', ids)
      .whereIn('type', ['no_free_bed', 'overcrowded'])
      .whereNot('status', 'resolved')
      .select('location')
      .count({ n: '*' })
      .groupBy('location') as Promise<Row[]>,
    knex('bedrooms').whereIn('location', ids).select('location', 'area_m2', 'beds') as Promise<Row[]>,
  ]);
  const last = new Map(inspections.map((row) => [String(row['location']), dateOnly(row['last'])]));
  const open = new Map(warnings.map((row) => [String(row['location']), Number(row['n'])]));
  const byId = new Map(locations.map((row) => [String(row['id']), row]));
  const due = dueInspections(
    ids.map((id) => ({ location: id, lastInspection: last.get(id) ?? null, openWarnings: open.get(id) ?? 0 })),
    todayInNetherlands(),
  );
  return due.map(({ location, reasons }) => {
    const row = byId.get(location)!;
    return {
      location,
      name: String(row['name'] ?? ''),
      address: locationAddress({
        street: text(row['street']),
        houseNumber: text(row['house_number']),
        addition: text(row['house_number_addition']),
        postcode: text(row['postcode']),
      }),
      city: text(row['city']),
      last_inspection: last.get(location) ?? null,
      open_warnings: open.get(location) ?? 0,
      reasons,
      checklist: checklistFor(
        layoutOf(
          row,
          bedrooms.filter((room) => String(room['location']) === location),
        ),
      ),
    };
  });
}
