/**
 * The hourly job that expires uncommitted dry runs (issue 10; glue/intake/expiry.ts, scheduled by hooks/intake), on
 * the real platform's database with the clock moved: the job the schedule runs, given a `now` a day later, on imports
 * made through POST /intake/imports (so on the date_created Directus itself wrote, in SQLite's or PostgreSQL's form).
 * A dry run younger than the limit stays and can still be committed; one older goes with its sealed rows, and its
 * commit and report answer 404, like an import that never existed; a committed import is never touched.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEFAULT_DRY_RUN_HOURS, expireDryRuns } from '../../extensions/labour-platform/src/glue/intake/expiry.js';
import { closeTestDatabase, testDatabase } from '../support/database.js';
import { intakeRequest, upload } from '../support/intake.js';

afterAll(async () => {
  await closeTestDatabase();
});

const HOUR = 3_600_000;
const run = Date.now().toString(36);
const file = (n: number) => ({
  name: `expiry-${n}.csv`,
  data:
    'Referentie;BSN;Voornaam;Achternaam;Geboortedatum;Locatie;Aankomstdatum\n' +
    `EXP-${run}-${n};${testRangeBsn(8_700 + n)};Ilona;Nowak;04-05-1992;Logies Molenvaart;03-03-2025\n`,
});

describe('the hourly expiry of uncommitted dry runs (moved clock)', () => {
  it('keeps a dry run younger than the limit, removes an older one with its sealed rows, never a committed import', async () => {
    const db = testDatabase();
    const old = await upload('providerA', file(1), { dry_run: 'true' });
    const young = await upload('providerA', file(2), { dry_run: 'true' });
    const committed = await upload('providerA', file(3), { dry_run: 'false' });
    for (const answer of [old, young, committed]) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const ids = { old: old.data!.id, young: young.data!.id, committed: committed.data!.id };
    expect(await db('imports').where('id', ids.old).first()).toMatchObject({ status: 'dry_run' });
    expect((await db('imports').where('id', ids.old).first())['rows_sealed']).toBeTruthy();

    // the young one was made "now"; make the old one a day and a half older, as Directus would have written it then
    const made = (await db('imports').where('id', ids.old).first())['date_created'] as unknown;
    const earlier = (value: unknown): unknown =>
      value instanceof Date
        ? new Date(value.getTime() - 36 * HOUR)
        : typeof value === 'number'
          ? value - 36 * HOUR
          : /^\d+$/.test(String(value))
            ? String(Number(value) - 36 * HOUR)
            : new Date(Date.parse(String(value).replace(' ', 'T')) - 36 * HOUR).toISOString();
    await db('imports')
      .whereIn('id', [ids.old, ids.committed])
      .update({ date_created: earlier(made) });

    // the clock an hour before the old one's limit: nothing goes
    const now = Date.now();
    expect(await expireDryRuns(db, DEFAULT_DRY_RUN_HOURS, new Date(now - 13 * HOUR))).toBe(0);
    // the clock now (36 h after the old one, well within the young one's 24 h): only the old one goes
    expect(await expireDryRuns(db, DEFAULT_DRY_RUN_HOURS, new Date(now))).toBe(1);
    expect(await db('imports').where('id', ids.old).first()).toBeUndefined();
    expect(await db('imports').where('id', ids.young).first()).toMatchObject({ status: 'dry_run' });
    expect(await db('imports').where('id', ids.committed).first()).toMatchObject({ status: 'committed' });

    // the expired one is gone for its maker, as one that never existed
    const commitOld = await intakeRequest('providerA', 'POST', `/intake/imports/${ids.old}/commit`);
    expect(commitOld.status).toBe(404);
    expect((await intakeRequest('providerA', 'GET', `/intake/imports/${ids.old}`)).status).toBe(404);
    const never = await intakeRequest('providerA', 'GET', '/intake/imports/00000000-0000-4000-8000-00000000e0e0');
    expect(commitOld.code).toBe(never.code);

    // a day later the young one goes too; the committed import stays. Moving the clock itself a day on would expire
    // every other test file's dry runs on this shared platform as well: the young one is made a day older instead
    await db('imports')
      .where('id', ids.young)
      .update({ date_created: earlier(made) });
    expect(await expireDryRuns(db, DEFAULT_DRY_RUN_HOURS, new Date(now))).toBe(1);
    expect(await db('imports').where('id', ids.young).first()).toBeUndefined();
    expect(await db('imports').where('id', ids.committed).first()).toMatchObject({ status: 'committed' });
    // and the people the committed import wrote are there; the dry runs wrote none
    const written = (await db('migrants')
      .whereIn('external_reference', [`EXP-${run}-1`, `EXP-${run}-2`, `EXP-${run}-3`])
      .select('external_reference')) as Array<{ external_reference: string }>;
    expect(written.map((row) => row.external_reference)).toEqual([`EXP-${run}-3`]);
  });
});
