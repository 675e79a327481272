/**
 * Supervision's scheduled evaluation (issue 12): read what the rules need (dates, statuses, stays, locations'
 * layouts and occupancy, providers' deliveries; nothing encrypted), find the causes with the plain rules of
 * ../../domain/supervision, and reconcile them with the stored warnings: a new cause opens a warning and notifies
 * the organisations concerned once; a warning whose cause is gone resolves itself; a kept one gets its figures
 * refreshed. It also keeps `locations.norm_capacity` in step with the SNF norm. One evaluation at a time across
 * instances: on PostgreSQL a transaction-scoped advisory lock, so a second instance's run waits and then finds
 * nothing new to open (opening is idempotent by the warning's key).
 */
import { pickUiLanguage } from '../../domain/ui-language';
import {
  DEFAULT_WARNING_THRESHOLDS,
  deliveryOverdue,
  noFreeBed,
  normCapacity,
  notRegisteredInTime,
  overcrowdedLocation,
  reconcileWarnings,
  stayAfterDeparture,
  twoOpenStays,
  brpAddressMismatch,
  addressMatches,
  municipalityCodeOf,
  PROVIDER_WARNING_TYPES,
  workFarFromHome,
  WARNING_SEVERITY,
  WARNING_SUBJECTS,
  warningKey,
  type DeliveryInterval,
  type ExistingWarning,
  type HousingLayout,
  type StayFacts,
  type WarningCause,
  type WarningStatus,
  type Coordinates,
  type WarningThresholds,
} from '../../domain/supervision';
import { normalisePostcode } from '../../domain/postcode';
import type { KeyRing } from '../../domain/privacy';
import { hashedLocationKeys } from './brp-address';
import { geocodePostcodes } from './geocode';
import { closeWarningTasks, openWarningTask } from './warning-tasks';
import { explainWarning, WARNING_TYPE_LABELS } from '../../domain/supervision/messages';
import { isMachineStatus } from '../../domain/brp/machine';
import { isPostgres, LOCK_SPACE } from '../db-locks';
import { systemItems, type DataAccess, type Row } from '../items';
import { dateOnly } from '../retention/facts';
import { parsedJson } from '../../domain/json';
import { ROLE_IDS } from '../roles';

export interface EvaluationResult {
  opened: number;
  resolved: number;
  kept: number;
  notifications: number;
  /** Tasks opened for new warnings, and closed for resolved ones. */
  tasksOpened: number;
  tasksClosed: number;
}

/** What the rules about work and home need from outside the database. */
export interface EvaluationOptions {
  /** The environment (LOCATIESERVER_URL) for geocoding work postcodes; none: no geocoding. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The key ring, to hash a location's address keys as a BRP lookup's were; none: only municipalities compared. */
  ring?: KeyRing | null;
  log?: (line: string) => void;
}

/** The work postcodes of people with a current location, geocoded before the evaluation's transaction. */
async function workCoordinates(access: DataAccess, options: EvaluationOptions): Promise<Map<string, Coordinates>> {
  if (!options.env) return new Map();
  const rows = (await access
    .knex('migrants')
    .distinct('work_postcode')
    .whereNotNull('current_location')
    .whereNotNull('work_postcode')) as Row[];
  return geocodePostcodes(
    rows.map((row) => String(row['work_postcode'])),
    options.env,
    options.log,
  );
}

const num = (value: unknown): number | null =>
  value === null || value === undefined || value === '' || Number.isNaN(Number(value)) ? null : Number(value);

/** The thresholds of a municipality: its own where set, the defaults otherwise. */
export function thresholdsOf(municipality: Row | undefined): WarningThresholds {
  const pick = (field: string, fallback: number) => {
    const value = num(municipality?.[field]);
    return value === null || value < 0 ? fallback : value;
  };
  return {
    registrationDays: pick('warning_registration_days', DEFAULT_WARNING_THRESHOLDS.registrationDays),
    workDistanceKm: pick('warning_work_distance_km', DEFAULT_WARNING_THRESHOLDS.workDistanceKm),
    deliveryGraceDays: pick('warning_delivery_grace_days', DEFAULT_WARNING_THRESHOLDS.deliveryGraceDays),
  };
}

/** A location's layout as the norm reads it, or null while its provider has not recorded one. */
export function layoutOf(location: Row, bedrooms: readonly Row[]): HousingLayout | null {
  const type = location['housing_type'];
  const living = num(location['living_area_m2']);
  if ((type !== 'dwelling' && type !== 'lodging' && type !== 'recreational') || living === null) return null;
  return {
    type,
    livingAreaM2: living,
    bedrooms: bedrooms.map((room) => ({ areaM2: num(room['area_m2']) ?? 0, beds: num(room['beds']) ?? 0 })),
    toilets: num(location['toilets']) ?? 0,
    showers: num(location['showers']) ?? 0,
    temporaryRecreationalException:
      location['temporary_recreational_exception'] === true || location['temporary_recreational_exception'] === 1,
    municipalCap: num(location['municipal_cap']),
  };
}

/** A location's coordinates, or null while it has none. */
function coordinatesOf(location: Row | undefined): Coordinates | null {
  const latitude = num(location?.['latitude']);
  const longitude = num(location?.['longitude']);
  return latitude === null || longitude === null ? null : { latitude, longitude };
}

const locationKeys = new WeakMap<Row, string[]>();
/** A location's hashed address keys, computed once per evaluation. */
function keysOf(location: Row, ring: KeyRing): string[] {
  let keys = locationKeys.get(location);
  if (!keys) locationKeys.set(location, (keys = hashedLocationKeys(ring, location)));
  return keys;
}

interface Placed extends WarningCause {
  municipality: string | null;
  provider: string | null;
  location: string | null;
  migrant: string | null;
}

/** Every cause present on `today`, each with the organisations it concerns. */
async function findCauses(
  access: DataAccess,
  today: string,
  work: ReadonlyMap<string, Coordinates>,
  ring: KeyRing | null,
): Promise<{ causes: Placed[]; normCapacities: Row[] }> {
  const { knex } = access;
  const [organisations, locations, bedrooms, migrants, stays, deliveries] = await Promise.all([
    knex('organisations').select('*') as Promise<Row[]>,
    knex('locations').select('*') as Promise<Row[]>,
    knex('bedrooms').select('location', 'area_m2', 'beds') as Promise<Row[]>,
    knex('migrants').select(
      'id',
      'provider',
      'current_location',
      'arrival_date',
      'expected_departure_date',
      'departure_date',
      'brp_status',
      'work_postcode',
      'brp_municipality_code',
      'brp_address_key',
    ) as Promise<Row[]>,
    knex('stays').select('id', 'migrant', 'location', 'start_date', 'end_date') as Promise<Row[]>,
    knex('imports')
      .select('provider')
      .max({ last: 'committed_at' })
      .whereNotNull('committed_at')
      .groupBy('provider') as Promise<Row[]>,
  ]);
  const organisationById = new Map(organisations.map((row) => [String(row['id']), row]));
  const locationById = new Map(locations.map((row) => [String(row['id']), row]));
  const bedroomsAt = new Map<string, Row[]>();
  for (const room of bedrooms) {
    const list = bedroomsAt.get(String(room['location'])) ?? [];
    list.push(room);
    bedroomsAt.set(String(room['location']), list);
  }
  const causes: Placed[] = [];
  const normCapacities: Row[] = [];
  const str = (value: unknown) => (value === null || value === undefined ? null : String(value));

  for (const location of locations) {
    const id = String(location['id']);
    const where = {
      municipality: str(location['municipality']),
      provider: str(location['provider']),
      location: id,
      migrant: null,
    };
    const layout = layoutOf(location, bedroomsAt.get(id) ?? []);
    const norm = layout === null ? null : normCapacity(layout).persons;
    if (num(location['norm_capacity']) !== norm) normCapacities.push({ id, norm_capacity: norm });
    const occupied = num(location['occupied_beds']) ?? 0;
    for (const cause of [noFreeBed(id, num(location['capacity']), occupied), overcrowdedLocation(id, layout, occupied)])
      if (cause) causes.push({ ...cause, ...where });
  }

  const staysOf = new Map<string, StayFacts[]>();
  for (const stay of stays) {
    const start = dateOnly(stay['start_date']);
    if (start === null) continue;
    const list = staysOf.get(String(stay['migrant'])) ?? [];
    list.push({
      id: String(stay['id']),
      location: String(stay['location']),
      startDate: start,
      endDate: dateOnly(stay['end_date']),
    });
    staysOf.set(String(stay['migrant']), list);
  }
  for (const migrant of migrants) {
    const id = String(migrant['id']);
    const own = staysOf.get(id) ?? [];
    // the municipality concerned: of the current location, else of the latest stay's location
    const latest = [...own].sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0];
    const locationId = str(migrant['current_location']) ?? latest?.location ?? null;
    const location = locationId ? locationById.get(locationId) : undefined;
    const municipality = str(location?.['municipality']);
    if (municipality === null) continue; // nobody to tell
    const where = { municipality, provider: str(migrant['provider']), location: locationId, migrant: id };
    const status = migrant['brp_status'];
    const departure = dateOnly(migrant['departure_date']);
    const found = [
      isMachineStatus(status)
        ? notRegisteredInTime(
            {
              migrant: id,
              arrivalDate: dateOnly(migrant['arrival_date']),
              expectedDepartureDate: dateOnly(migrant['expected_departure_date']),
              departureDate: departure,
              brpStatus: status,
              today,
            },
            thresholdsOf(organisationById.get(municipality)),
          )
        : null,
      twoOpenStays(id, own, today),
      stayAfterDeparture(
        id,
        departure,
        own.filter((stay) => stay.startDate <= (departure ?? today)),
      ),
    ];
    // work and home: only against the current location (where the person lives now)
    const current = str(migrant['current_location']) === null ? undefined : location;
    const postcode = typeof migrant['work_postcode'] === 'string' ? normalisePostcode(migrant['work_postcode']) : null;
    found.push(
      workFarFromHome(
        id,
        postcode === null ? null : (work.get(postcode) ?? null),
        coordinatesOf(current),
        thresholdsOf(organisationById.get(municipality)),
      ),
      current
        ? brpAddressMismatch(id, {
            platformMunicipality: municipalityCodeOf(organisationById.get(municipality)?.['municipality_code']),
            brpMunicipality: municipalityCodeOf(migrant['brp_municipality_code']),
            addressMatches:
              ring === null ? null : addressMatches(str(migrant['brp_address_key']), keysOf(current, ring)),
          })
        : null,
    );
    for (const cause of found) if (cause) causes.push({ ...cause, ...where });
  }

  const lastDelivery = new Map(deliveries.map((row) => [String(row['provider']), dateOnly(row['last'])]));
  for (const provider of organisations.filter((row) => row['type'] === 'huisvester')) {
    const id = String(provider['id']);
    const interval = provider['delivery_interval'];
    if (interval !== 'weekly' && interval !== 'monthly') continue;
    // the municipalities where the provider houses people are told
    const municipalities = new Set(
      locations.filter((row) => str(row['provider']) === id).map((row) => str(row['municipality'])),
    );
    for (const municipality of municipalities) {
      if (municipality === null) continue;
      const cause = deliveryOverdue(
        id,
        interval as DeliveryInterval,
        lastDelivery.get(id) ?? null,
        today,
        thresholdsOf(organisationById.get(municipality)),
      );
      if (cause)
        causes.push({
          ...cause,
          subject: `${id}@${municipality}`,
          municipality,
          provider: id,
          location: null,
          migrant: null,
        });
    }
  }
  return { causes, normCapacities };
}

/** Notifies the users of the organisations a new warning concerns, once, in each user's language. */
async function notify(access: DataAccess, warning: Placed, id: string): Promise<number> {
  const subject = WARNING_SUBJECTS[warning.type];
  const municipalRoles = subject === 'location' ? [ROLE_IDS.inspector, ROLE_IDS.clerk] : [ROLE_IDS.clerk];
  const recipients = await systemItems(access, 'directus_users').readByQuery({
    filter: {
      _and: [
        { status: { _eq: 'active' } },
        { email: { _nnull: true } },
        {
          _or: [
            { _and: [{ organisation: { _eq: warning.municipality } }, { role: { _in: municipalRoles } }] },
            ...(warning.provider && PROVIDER_WARNING_TYPES.includes(warning.type)
              ? [{ _and: [{ organisation: { _eq: warning.provider } }, { role: { _eq: ROLE_IDS.provider } }] }]
              : []),
          ],
        },
      ],
    },
    fields: ['id', 'language'],
    limit: -1,
  });
  for (const recipient of recipients) {
    const language = pickUiLanguage(recipient['language'] as string | null, null);
    await systemItems(access, 'directus_notifications').createOne(
      {
        recipient: recipient['id'],
        subject: `${language === 'nl' ? 'Signaal' : 'Warning'}: ${WARNING_TYPE_LABELS[warning.type][language]}`,
        message: explainWarning(warning, language),
        collection: 'warnings',
        item: id,
      },
      { emitEvents: false },
    );
  }
  return recipients.length;
}

/** Evaluates every rule on `today` and reconciles the warnings; see the module comment. */
export async function evaluateWarnings(
  access: DataAccess,
  today: string,
  now: Date = new Date(),
  options: EvaluationOptions = {},
): Promise<EvaluationResult> {
  // the network before the transaction: no lock is held while the Locatieserver answers
  const work = await workCoordinates(access, options);
  return access.knex.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('select pg_advisory_xact_lock(?, 0)', [LOCK_SPACE.supervision]);
    const inTrx: DataAccess = { ...access, knex: trx };
    const { causes, normCapacities } = await findCauses(inTrx, today, work, options.ring ?? null);
    if (normCapacities.length > 0)
      await systemItems(inTrx, 'locations').updateBatch(normCapacities, { emitEvents: false });
    const stored = (await trx('warnings')
      .select('id', 'subject_key', 'status', 'details')
      .whereNot('status', 'resolved')) as Row[];
    const existing: ExistingWarning[] = stored.map((row) => ({
      id: String(row['id']),
      key: String(row['subject_key']),
      status: row['status'] as WarningStatus,
    }));
    const byKey = new Map(causes.map((cause) => [warningKey(cause), cause]));
    const plan = reconcileWarnings(existing, causes);
    const items = systemItems(inTrx, 'warnings');
    const at = now.toISOString();
    let notifications = 0;
    let tasksOpened = 0;
    for (const cause of plan.open) {
      const placed = byKey.get(warningKey(cause))!;
      const id = String(
        await items.createOne(
          {
            type: placed.type,
            severity: WARNING_SEVERITY[placed.type],
            status: 'open',
            details: { ...placed.details, type: placed.type },
            municipality: placed.municipality,
            provider: placed.provider,
            location: placed.location,
            migrant: placed.migrant,
            subject_key: warningKey(placed),
            opened_at: at,
          },
          { emitEvents: false },
        ),
      );
      notifications += await notify(inTrx, placed, id);
      await items.updateOne(id, { notified_at: at }, { emitEvents: false });
      if (await openWarningTask(inTrx, { id, ...placed }, now)) tasksOpened++;
    }
    if (plan.resolve.length > 0)
      await items.updateMany(
        plan.resolve.map((warning) => warning.id),
        { status: 'resolved', resolved_at: at, resolved_by: null },
        { emitEvents: false },
      );
    const tasksClosed = await closeWarningTasks(
      inTrx,
      plan.resolve.map((warning) => warning.id),
      now,
    );
    const detailsOf = new Map(stored.map((row) => [String(row['id']), row['details']]));
    const refreshed = plan.keep.filter(
      ({ warning, cause }) =>
        JSON.stringify(parsedJson(detailsOf.get(warning.id))) !==
        JSON.stringify({ ...cause.details, type: cause.type }),
    );
    if (refreshed.length > 0)
      await items.updateBatch(
        refreshed.map(({ warning, cause }) => ({ id: warning.id, details: { ...cause.details, type: cause.type } })),
        { emitEvents: false },
      );
    return {
      opened: plan.open.length,
      resolved: plan.resolve.length,
      kept: plan.keep.length,
      notifications,
      tasksOpened,
      tasksClosed,
    };
  });
}
