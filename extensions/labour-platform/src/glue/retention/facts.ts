/**
 * What the retention rule reads about migrants, from the database: their stays, deregistration, legal hold, the
 * municipality of their last stay and that municipality's retention setting. Set-based (a handful of queries for any
 * number of migrants); the rule itself is ../../domain/retention.
 */
import type { Knex } from 'knex';
import { toNetherlandsDate } from '../../domain/dates';
import { mustRegisterOf } from '../../domain/insight/figures';
import { lockingRows, type RowLocking } from '../db-locks';
import { IDS_PER_STATEMENT } from '../db-statements';
import {
  anonymousPerson,
  erasureDecision,
  retentionMonths,
  type AnonymousPerson,
  type ErasureDecision,
} from '../../domain/retention';

type Row = Record<string, unknown>;

export interface MigrantRetention {
  id: string;
  caseNumber: string | null;
  municipality: string | null;
  months: number;
  decision: ErasureDecision;
  anonymous: AnonymousPerson;
}

/** A date column as YYYY-MM-DD (SQLite: text or epoch ms; PostgreSQL: text or a Date at local midnight). */
export function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** A timestamp column as ISO 8601 (SQLite keeps epoch ms or `YYYY-MM-DD HH:MM:SS` text; PostgreSQL a Date). */
export function timestamp(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return new Date(Number(value)).toISOString();
  const text = String(value);
  const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

async function inChunks<T>(
  ids: readonly string[] | null,
  read: (chunk: readonly string[] | null) => Promise<T[]>,
): Promise<T[]> {
  if (ids === null) return read(null);
  const all: T[] = [];
  for (let index = 0; index < ids.length; index += IDS_PER_STATEMENT)
    all.push(...(await read(ids.slice(index, index + IDS_PER_STATEMENT))));
  return all;
}

/** What the rule reads beyond the migrants themselves: each location's municipality, each municipality's setting. */
export interface RetentionReference {
  municipalityOf: ReadonlyMap<string, string | null>;
  monthsSetting: ReadonlyMap<string, unknown>;
}

export async function retentionReference(knex: Knex): Promise<RetentionReference> {
  const locations = (await knex('locations').select('id', 'municipality')) as Row[];
  const settings = (await knex('organisations').select('id', 'retention_months').where('type', 'gemeente')) as Row[];
  return {
    municipalityOf: new Map(
      locations.map((row) => [String(row['id']), (row['municipality'] as string | null) ?? null]),
    ),
    monthsSetting: new Map(settings.map((row) => [String(row['id']), row['retention_months']])),
  };
}

export interface RetentionReadOptions {
  /** Read once per run and handed to each chunk (default: read now). */
  reference?: RetentionReference;
  /** Inside a transaction: take the migrants' row locks as they are read (../db-locks lockingRows). */
  locking?: RowLocking;
}

/**
 * The retention facts and decisions of these migrants (all of them when `ids` is null), on `today`. With `locking`,
 * only the migrants whose row locks the transaction took (with 'skip': those no other transaction holds).
 */
export async function retentionOf(
  knex: Knex,
  today: string,
  ids: readonly string[] | null = null,
  options: RetentionReadOptions = {},
): Promise<MigrantRetention[]> {
  const migrants = await inChunks(ids === null ? null : [...ids].sort(), (chunk) => {
    const query = knex('migrants').select(
      'id',
      'case_number',
      'brp_status',
      'departure_date',
      'arrival_date',
      'expected_departure_date',
      'legal_hold',
      'nationality',
      'birth_year',
      'current_location',
    );
    if (chunk) query.whereIn('id', chunk);
    return (options.locking ? lockingRows(knex, query, options.locking) : query) as Promise<Row[]>;
  });
  if (migrants.length === 0) return [];
  const migrantIds = migrants.map((row) => String(row['id']));
  const stays = await inChunks(ids === null ? null : migrantIds, (chunk) => {
    const query = knex('stays').select('migrant', 'location', 'start_date', 'end_date').whereNotNull('migrant');
    return (chunk ? query.whereIn('migrant', chunk) : query) as Promise<Row[]>;
  });
  // each one's deregistration (the last), and the day of the first registration for the anonymous figures
  // (registered within 5 days of arrival), in one statement
  const history = await inChunks(ids === null ? null : migrantIds, (chunk) => {
    const at = (status: string) => knex.raw('case when ?? = ? then ?? end', ['to_status', status, 'occurred_at']);
    const query = knex('status_history')
      .select('migrant', {
        deregistered: knex.raw('max(?)', [at('uitgeschreven')]),
        registered: knex.raw('min(?)', [at('ingeschreven')]),
      })
      .whereIn('to_status', ['uitgeschreven', 'ingeschreven'])
      .groupBy('migrant');
    return (chunk ? query.whereIn('migrant', chunk) : query) as Promise<Row[]>;
  });
  const { municipalityOf, monthsSetting } = options.reference ?? (await retentionReference(knex));

  const staysOf = new Map<string, Row[]>();
  for (const stay of stays) {
    const key = String(stay['migrant']);
    (staysOf.get(key) ?? staysOf.set(key, []).get(key)!).push(stay);
  }
  const deregisteredOn = new Map<string, string | null>();
  const registeredOn = new Map<string, string | null>();
  for (const row of history) {
    const migrant = String(row['migrant']);
    if (row['deregistered'] !== null) deregisteredOn.set(migrant, timestamp(row['deregistered']));
    if (row['registered'] !== null) {
      const at = timestamp(row['registered']);
      registeredOn.set(migrant, at ? toNetherlandsDate(at) : null);
    }
  }

  return migrants.map((migrant) => {
    const id = String(migrant['id']);
    const own = (staysOf.get(id) ?? []).map((stay) => ({
      location: (stay['location'] as string | null) ?? null,
      start: dateOnly(stay['start_date']),
      end: dateOnly(stay['end_date']),
    }));
    // the location of the last stay (the latest start), else the current one
    const last = [...own].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '')).pop();
    const location = last?.location ?? (migrant['current_location'] as string | null) ?? null;
    const municipality = location ? (municipalityOf.get(location) ?? null) : null;
    const months = retentionMonths(municipality ? (monthsSetting.get(municipality) ?? null) : null);
    const decision = erasureDecision(
      {
        brpStatus: (migrant['brp_status'] as string | null) ?? null,
        stays: own.filter((stay) => stay.start !== null).map((stay) => ({ start: stay.start!, end: stay.end })),
        departureDate: dateOnly(migrant['departure_date']),
        deregisteredOn: deregisteredOn.get(id) ?? null,
        legalHold: (migrant['legal_hold'] as string | null) ?? null,
      },
      months,
      today,
    );
    const anonymous = anonymousPerson({
      municipality,
      location,
      nationality: (migrant['nationality'] as string | null) ?? null,
      birthYear:
        migrant['birth_year'] === null || migrant['birth_year'] === undefined ? null : Number(migrant['birth_year']),
      arrivalDate: dateOnly(migrant['arrival_date']),
      departureDate: dateOnly(migrant['departure_date']),
      brpStatus: (migrant['brp_status'] as string | null) ?? null,
      stays: own,
      registeredOn: registeredOn.get(id) ?? null,
      mustRegister: mustRegisterOf(
        dateOnly(migrant['arrival_date']) ??
          own.reduce<string | null>(
            (first, stay) => (stay.start && (!first || stay.start < first) ? stay.start : first),
            null,
          ),
        dateOnly(migrant['expected_departure_date']),
      ),
      municipalityOf: (place) => municipalityOf.get(place) ?? null,
    });
    return {
      id,
      caseNumber: (migrant['case_number'] as string | null) ?? null,
      municipality,
      months,
      decision,
      anonymous,
    };
  });
}
