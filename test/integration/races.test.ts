/**
 * Two races that SQLite's one writer at a time hides and PostgreSQL does not: requests fired at the same moment
 * that each check, then write. Exactly one of them may win; the others get the same refusal a later request gets
 * (a second migrant with the provider's BSN: 400 at the BSN field; a second appointment at a taken desk: 409).
 * Two group appointments naming the same migrants in opposite orders must not deadlock (PostgreSQL would abort one
 * of them with an error): one is booked, the other is told its migrants are no longer waiting for an appointment.
 * Run on both databases (DB_CLIENT=pg for PostgreSQL).
 */
import { createItem, readItems } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, demoData } from '../support/as-user.js';
import { gql, http, unlessShed, type HttpAnswer } from './attacks/support.js';
import { patient } from '../support/patience.js';

type Row = Record<string, unknown>;
const CONTENDERS = 8;
const DAY = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

/** What a contender got: "ok", or the status with the refusal's code, field and issues. */
function outcome(answer: HttpAnswer): string {
  if (answer.status === 200 || answer.status === 204) return 'ok';
  const error =
    (
      answer.body as {
        errors?: Array<{ extensions?: { code?: string; field?: string; issues?: string[]; reason?: string } }>;
      } | null
    )?.errors?.[0]?.extensions ?? {};
  return [answer.status, error.code, error.reason, error.field, ...(error.issues ?? [])]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** `CONTENDERS` requests sent at once; their outcomes, sorted. */
async function race(send: (contender: number) => Promise<HttpAnswer>): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: CONTENDERS }, (_, contender) => unlessShed(() => send(contender))),
  );
  return answers.map(outcome).sort();
}

/** A migrant of provider A housed in gemeente A and assessed as not registered: ready to be scheduled. */
async function readyToSchedule(contender: number): Promise<string> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Race',
      surname: `Desk ${contender}`,
      date_of_birth: '1991-02-03',
      nationality: 'PL',
      language: 'pl',
      arrival_date: isoDate(0),
      expected_departure_date: isoDate(200),
    }),
  )) as { id: string };
  await providerA.request(
    createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: isoDate(-1) }),
  );
  const admin = await as('admin');
  // the municipality's first task follows the stay (outbox): wait for it
  await expect
    .poll(
      async () =>
        (
          await admin.request(
            readItems('tasks', {
              filter: { _and: [{ migrant: { _eq: migrant.id } }, { status: { _eq: 'open' } }] },
              fields: ['id'],
            }),
          )
        ).length,
      { timeout: patient(15_000) },
    )
    .toBeGreaterThan(0);
  const assessed = await http('clerkA', 'POST', `/brp/migrants/${migrant.id}/events`, {
    type: 'ASSESS',
    outcome: 'not_registered',
  });
  expect(assessed.status, assessed.text).toBe(200);
  return migrant.id;
}

describe('races', () => {
  it('of creates with the same BSN at one provider: one migrant, the others refused at the BSN field', async () => {
    const bsn = testRangeBsn(8_700);
    const outcomes = await race((contender) =>
      http('providerA', 'POST', '/items/migrants', {
        first_names: 'Race',
        surname: `Bsn ${contender}`,
        date_of_birth: '1990-05-17',
        nationality: 'PL',
        arrival_date: isoDate(0),
        bsn,
      }),
    );
    expect(outcomes).toEqual(
      ['ok', ...Array.from({ length: CONTENDERS - 1 }, () => '400 FAILED_VALIDATION bsn duplicate_bsn')].sort(),
    );
  });

  it('of updates giving several migrants of one provider the same BSN: one gets it, the others refused at the BSN field', async () => {
    const migrants: string[] = [];
    for (let contender = 0; contender < CONTENDERS; contender++) {
      const created = await http('providerA', 'POST', '/items/migrants', {
        first_names: 'Race',
        surname: `Patch ${contender}`,
        date_of_birth: '1990-05-17',
        nationality: 'PL',
        arrival_date: isoDate(0),
      });
      expect(created.status, created.text).toBe(200);
      migrants.push((created.body as { data: { id: string } }).data.id);
    }
    const bsn = testRangeBsn(8_800);
    const outcomes = await race((contender) =>
      http('providerA', 'PATCH', `/items/migrants/${migrants[contender]!}`, { bsn }),
    );
    expect(outcomes).toEqual(
      ['ok', ...Array.from({ length: CONTENDERS - 1 }, () => '400 FAILED_VALIDATION bsn duplicate_bsn')].sort(),
    );
  });

  // GraphQL answers its errors itself (200 with `errors`), past the `request.error` filter that turns the unique
  // index's RECORD_NOT_UNIQUE into the refusal: the same refusal, in the caller's language, as over REST
  for (const [key, bsnNumber, message] of [
    ['providerA', 8_900, /^BSN: er is al een arbeidsmigrant met dit BSN bij uw organisatie/],
    ['providerB', 8_901, /^BSN: a labour migrant with this BSN already exists at your organisation/],
  ] as const) {
    it(`of GraphQL updates giving several migrants of one provider the same BSN: the refusal at the BSN field (${key})`, async () => {
      const migrants: string[] = [];
      for (let contender = 0; contender < CONTENDERS; contender++) {
        const created = await http(key, 'POST', '/items/migrants', {
          first_names: 'Race',
          surname: `Graph ${contender}`,
          date_of_birth: '1990-05-17',
          nationality: 'PL',
          arrival_date: isoDate(0),
        });
        expect(created.status, created.text).toBe(200);
        migrants.push((created.body as { data: { id: string } }).data.id);
      }
      const bsn = testRangeBsn(bsnNumber);
      const answers = await Promise.all(
        migrants.map((id) =>
          unlessShed(() =>
            gql(
              key,
              'mutation ($id: ID!, $bsn: String) { update_migrants_item(id: $id, data: { bsn: $bsn }) { id } }',
              {
                id,
                bsn,
              },
            ),
          ),
        ),
      );
      const errors = answers.map(
        (answer) =>
          (
            answer.body as {
              errors?: Array<{
                message: string;
                extensions?: { code?: string; field?: string; issues?: string[]; reason?: string };
              }>;
            } | null
          )?.errors?.[0] ?? null,
      );
      const outcomes = answers.map((answer, n) => {
        const error = errors[n];
        if (answer.status === 200 && error === null) return 'ok';
        const extensions = error?.extensions ?? {};
        return [answer.status, extensions.code, extensions.field, ...(extensions.issues ?? [])].join(' ');
      });
      expect(outcomes.sort()).toEqual(
        ['ok', ...Array.from({ length: CONTENDERS - 1 }, () => '200 FAILED_VALIDATION bsn duplicate_bsn')].sort(),
      );
      for (const error of errors.filter((candidate) => candidate !== null)) expect(error.message).toMatch(message);
    });
  }

  it('of appointments at one desk at one moment: one booked, the others told the desk is taken', async () => {
    const migrants: string[] = [];
    for (let contender = 0; contender < CONTENDERS; contender++) migrants.push(await readyToSchedule(contender));
    const appointment = { desk: 'Racebalie', starts_at: new Date(Date.now() + 3 * DAY).toISOString() };
    const outcomes = await race((contender) =>
      http('clerkA', 'POST', `/brp/migrants/${migrants[contender]!}/events`, { type: 'SCHEDULE', appointment }),
    );
    expect(outcomes).toEqual(
      ['ok', ...Array.from({ length: CONTENDERS - 1 }, () => '409 DESK_TAKEN desk_taken')].sort(),
    );
  });

  it('of group appointments at two desks naming the same migrants in opposite orders: one booked, no deadlock', async () => {
    const migrants: string[] = [];
    for (let contender = 0; contender < 4; contender++) migrants.push(await readyToSchedule(100 + contender));
    const starts_at = new Date(Date.now() + 4 * DAY).toISOString();
    const groups = [
      { migrants, desk: 'Groepsbalie 1', starts_at, slot_minutes: 10 },
      { migrants: [...migrants].reverse(), desk: 'Groepsbalie 2', starts_at, slot_minutes: 10 },
    ];
    const answers = await Promise.all(
      groups.map((group) => unlessShed(() => http('clerkA', 'POST', '/brp/appointments/schedule', group))),
    );
    expect(answers.map(outcome).sort()).toEqual(['409 NOT_ALLOWED_IN_STATE not_allowed_in_state', 'ok']);
  });
});
