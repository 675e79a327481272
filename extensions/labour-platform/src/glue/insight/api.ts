/**
 * /insights: the anonymous figures, the only way a policy officer reaches numbers derived from persons.
 *   GET /insights/figures                                   the figures there are (name, title, dimensions, period)
 *   GET /insights/figures/:name?municipality=<id>&date=YYYY-MM-DD
 *                                                           one figure of the caller's own municipality, as published
 * Only a policy officer of a municipality sees these routes; for everyone else (administrators and anonymous
 * included) they do not exist: Directus's own 404 for a missing route. The dimensions and periods are fixed: the
 * caller chooses the date (today or up to 24 months back) and nothing else, so two answers cannot be differenced
 * down to a hidden cell. Another municipality, a municipality that does not exist and an unknown figure are the same
 * 404 NOT_FOUND.
 */
import type { Accountability } from '@directus/types';
import { addMonths, isCalendarDate, todayInNetherlands } from '../../domain/dates';
import {
  FIGURE_NAMES,
  FIGURES,
  isFigureName,
  type FigureDescription,
  publishFigure,
  type PublishedFigure,
} from '../../domain/insight';
import type { DataAccess } from '../items';
import { Refused, type ApiRequest } from '../http/seam';
import { organisationOf } from '../privacy/personal-data';
import { ROLE_IDS } from '../roles';
import { insightAggregates } from './aggregate';
import { municipalityRules } from './load';

/** The municipality of a policy officer (an organisation of type gemeente), or null for anyone else. */
export async function policyMunicipality(access: DataAccess, accountability: Accountability | null | undefined) {
  if (!accountability?.user || accountability.admin || accountability.role !== ROLE_IDS.policyOfficer) return null;
  const organisation = await organisationOf(access.knex, accountability.user);
  if (!organisation) return null;
  const row = (await access.knex('organisations').select('type').where('id', organisation).first()) as
    { type?: unknown } | undefined;
  return row?.type === 'gemeente' ? organisation : null;
}

/** Whether the /insights routes exist for this caller: a policy officer of a municipality. */
export async function seesInsights(request: ApiRequest, access: DataAccess): Promise<boolean> {
  return (await policyMunicipality(access, request.accountability)) !== null;
}

/** GET /insights/figures */
export function figureList(): FigureDescription[] {
  return FIGURE_NAMES.map((name) => FIGURES[name]);
}

const PARAMETERS = new Set(['municipality', 'date']);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Refused({ code: 'invalid_input', field: name });
  return value;
}

/** GET /insights/figures/:name */
export async function publishedFigure(
  access: DataAccess,
  request: ApiRequest,
): Promise<PublishedFigure & { municipality: string }> {
  const own = await policyMunicipality(access, request.accountability);
  const name = request.params['name'];
  if (!own || !isFigureName(name)) throw new Refused({ code: 'not_found' });
  const query = request.query ?? {};
  // fixed dimensions and periods: no other parameter (a filter, a grouping) is taken
  for (const key of Object.keys(query))
    if (!PARAMETERS.has(key)) throw new Refused({ code: 'invalid_input', field: key });
  const municipality = single(query, 'municipality') ?? own;
  if (municipality !== own) throw new Refused({ code: 'not_found' });
  const today = todayInNetherlands();
  const date = single(query, 'date') ?? today;
  if (!isCalendarDate(date) || date > today || date < addMonths(today, -24))
    throw new Refused({ code: 'invalid_input', field: 'date' });
  // the database counts (GROUP BY), the domain protects: no row per person is read for a figure
  const [aggregates, rules] = await Promise.all([
    insightAggregates(access.knex, municipality, date, name),
    municipalityRules(access.knex, municipality),
  ]);
  return { municipality, ...publishFigure(name, aggregates, date, rules) };
}
