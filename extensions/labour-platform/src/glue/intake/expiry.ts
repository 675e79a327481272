/**
 * Dry runs that are never committed expire (issue 10): an upload's dry run keeps the file's rows sealed (personal
 * data, encrypted with a key of its own) until its commit, and a dry run nobody commits would keep them for ever.
 * After INTAKE_DRY_RUN_HOURS (default 24) the platform removes it, sealed rows and report, on its hourly schedule;
 * its commit then answers 404, like an import that never existed.
 */
import type { Knex } from 'knex';
import { timestamp } from '../retention/facts';

export const DEFAULT_DRY_RUN_HOURS = 24;

/** How long an uncommitted dry run is kept, from the environment (whole hours, at least 1). */
export function dryRunHours(env: Record<string, string | undefined>): number {
  const hours = Number(env['INTAKE_DRY_RUN_HOURS']);
  return Number.isInteger(hours) && hours >= 1 ? hours : DEFAULT_DRY_RUN_HOURS;
}

/** Removes the dry runs made before `now` minus `hours`; answers how many. */
export async function expireDryRuns(knex: Knex, hours: number, now: Date = new Date()): Promise<number> {
  const cutoff = now.getTime() - hours * 3_600_000;
  const rows = (await knex('imports').select('id', 'date_created').where('status', 'dry_run')) as Array<{
    id: string;
    date_created: unknown;
  }>;
  // date_created as each database keeps it (SQLite: text or epoch ms; PostgreSQL: a Date), compared here
  const expired = rows
    .filter((row) => {
      const made = timestamp(row.date_created);
      return made !== null && Date.parse(made) < cutoff;
    })
    .map((row) => row.id);
  let removed = 0;
  for (let index = 0; index < expired.length; index += 500) {
    // still a dry run: a commit that claimed it meanwhile keeps it
    removed += await knex('imports')
      .whereIn('id', expired.slice(index, index + 500))
      .andWhere('status', 'dry_run')
      .delete();
  }
  return removed;
}
