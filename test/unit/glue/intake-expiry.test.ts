/** Uncommitted dry runs expire after INTAKE_DRY_RUN_HOURS (glue/intake/expiry.ts), on SQLite's stored forms of a date. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import {
  DEFAULT_DRY_RUN_HOURS,
  dryRunHours,
  expireDryRuns,
} from '../../../extensions/labour-platform/src/glue/intake/expiry';
import { memoryDatabase } from './memory-data';

let db: Knex | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const NOW = new Date('2026-03-02T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('expiring dry runs', () => {
  it('removes dry runs older than the limit, with their sealed rows; keeps younger ones and every committed import', async () => {
    db = await memoryDatabase({
      imports: { status: 'text', date_created: 'text', rows_sealed: 'text', data_key: 'text' },
    });
    await db('imports').insert([
      // the forms a date takes in SQLite: ISO text, Directus's 'YYYY-MM-DD HH:MM:SS' text, epoch milliseconds
      { id: 'old-iso', status: 'dry_run', date_created: hoursAgo(25).toISOString(), rows_sealed: 's', data_key: 'k' },
      {
        id: 'old-text',
        status: 'dry_run',
        date_created: hoursAgo(48).toISOString().replace('T', ' ').slice(0, 19),
        rows_sealed: 's',
      },
      { id: 'old-ms', status: 'dry_run', date_created: String(hoursAgo(30).getTime()), rows_sealed: 's' },
      { id: 'young', status: 'dry_run', date_created: hoursAgo(23).toISOString(), rows_sealed: 's' },
      { id: 'committed', status: 'committed', date_created: hoursAgo(100).toISOString(), rows_sealed: 's' },
      { id: 'unchanged', status: 'unchanged', date_created: hoursAgo(100).toISOString() },
      { id: 'committing', status: 'committing', date_created: hoursAgo(100).toISOString(), rows_sealed: 's' },
      { id: 'undated', status: 'dry_run', date_created: null },
    ]);
    expect(await expireDryRuns(db, 24, NOW)).toBe(3);
    const left = ((await db('imports').select('id').orderBy('id')) as Array<{ id: string }>).map((row) => row.id);
    expect(left).toEqual(['committed', 'committing', 'unchanged', 'undated', 'young']);
    expect(await expireDryRuns(db, 24, NOW)).toBe(0);
    expect(await expireDryRuns(db, 1, NOW)).toBe(1);
  });

  it('keeps them 24 hours unless INTAKE_DRY_RUN_HOURS says otherwise (whole hours, at least one)', () => {
    expect(dryRunHours({})).toBe(DEFAULT_DRY_RUN_HOURS);
    expect(DEFAULT_DRY_RUN_HOURS).toBe(24);
    expect(dryRunHours({ INTAKE_DRY_RUN_HOURS: '6' })).toBe(6);
    for (const bad of ['0', '-3', '1.5', 'soon', '']) expect(dryRunHours({ INTAKE_DRY_RUN_HOURS: bad })).toBe(24);
  });
});
