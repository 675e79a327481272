/**
 * The BRP workflow over HTTP as the demo users: the whole lifecycle, every role trying a step that is not its
 * own, the direct status PATCH, racing transitions, guards, claims, escalation, departure tasks, group
 * scheduling and the flow operation.
 */
import { randomUUID } from 'node:crypto';
import {
  createFlow,
  createItem,
  createOperation,
  createUser,
  customEndpoint,
  deleteFlow,
  readItems,
  updateItem,
} from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { addDays, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates.js';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { directusClient } from '../../scripts/lib/directus-client.js';
import { ACTORS, as, attempt, demoData, directusUrl, type Actor } from '../support/as-user.js';

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const locationA = () =>
  demoData().locations.find((l) => l.provider === ORG.providerA && l.municipality === ORG.gemeenteA)!;

async function send(actor: Actor | Awaited<ReturnType<typeof as>>, migrant: string, body: Row) {
  const client = typeof actor === 'string' ? await as(actor) : actor;
  return attempt(
    client.request(
      customEndpoint<{ from: string; to: string; status_version: number; appointment: string | null }>({
        method: 'POST',
        path: `/brp/migrants/${migrant}/events`,
        body: JSON.stringify(body),
      }),
    ),
  );
}

async function migrantAtA(overrides: Row = {}): Promise<string> {
  const providerA = await as('providerA');
  const migrant = (await providerA.request(
    createItem('migrants', {
      first_names: 'Workflow',
      surname: 'Test',
      date_of_birth: '1992-03-04',
      nationality: 'PL',
      language: 'pl',
      arrival_date: isoDate(0),
      expected_departure_date: isoDate(200),
      ...overrides,
    }),
  )) as { id: string };
  await providerA.request(
    createItem('stays', { migrant: migrant.id, location: locationA().id, start_date: isoDate(-1) }),
  );
  await expect.poll(() => openTasks(migrant.id).then((tasks) => tasks.length)).toBeGreaterThan(0);
  return migrant.id;
}

async function openTasks(
  migrant: string,
): Promise<Array<{ id: string; type: string; owner_organisation: string; due_date: string | null }>> {
  const admin = await as('admin');
  return (await admin.request(
    readItems('tasks', {
      filter: { _and: [{ migrant: { _eq: migrant } }, { status: { _eq: 'open' } }] },
      fields: ['id', 'type', 'owner_organisation', 'due_date'],
      limit: -1,
    }),
  )) as Array<{ id: string; type: string; owner_organisation: string; due_date: string | null }>;
}

async function status(migrant: string): Promise<string> {
  const admin = await as('admin');
  const [row] = (await admin.request(
    readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['brp_status'] }),
  )) as Array<{ brp_status: string }>;
  return row!.brp_status;
}

/** An hour from now, and `slot` half hours later: a desk takes one appointment at a time. */
const soon = (slot = 0) => new Date(Date.now() + (60 + 30 * slot) * 60_000).toISOString();

describe('BRP workflow', () => {
  it('runs the whole lifecycle, opening and closing the right task for the right organisation', async () => {
    const migrant = await migrantAtA();
    expect(await openTasks(migrant)).toMatchObject([{ type: 'assess_status', owner_organisation: ORG.gemeenteA }]);

    const steps: Array<[Actor, Row, string, { type: string; owner: string } | null]> = [
      [
        'clerkA',
        { type: 'ASSESS', outcome: 'not_registered', reason: 'Niet gevonden in de BRP' },
        'niet_ingeschreven',
        { type: 'schedule', owner: ORG.gemeenteA },
      ],
      [
        'clerkA',
        { type: 'SCHEDULE', appointment: { desk: 'Testbalie 2', starts_at: soon() } },
        'ingepland',
        { type: 'confirm_appointment', owner: ORG.providerA },
      ],
      ['providerA', { type: 'CONFIRM_APPOINTMENT' }, 'afspraak_bevestigd', { type: 'register', owner: ORG.gemeenteA }],
      ['clerkA', { type: 'REGISTER' }, 'ingeschreven', { type: 'report_departure', owner: ORG.providerA }],
      [
        'providerA',
        { type: 'REPORT_DEPARTURE', departure_date: isoDate(0) },
        'vertrek_gemeld',
        { type: 'deregister', owner: ORG.gemeenteA },
      ],
      ['clerkA', { type: 'DEREGISTER' }, 'uitgeschreven', null],
    ];
    for (const [actor, event, to, task] of steps) {
      const outcome = await send(actor, migrant, event);
      expect(outcome.ok, `${actor} ${String(event['type'])}: ${outcome.code} ${outcome.message}`).toBe(true);
      expect(outcome.data?.to).toBe(to);
      const open = await openTasks(migrant);
      expect(
        open.map((t) => ({ type: t.type, owner: t.owner_organisation })),
        `open tasks after ${String(event['type'])}`,
      ).toEqual(task ? [task] : []);
    }

    const admin = await as('admin');
    const history = (await admin.request(
      readItems('status_history', {
        filter: { migrant: { _eq: migrant } },
        sort: ['occurred_at'],
        fields: ['from_status', 'to_status', 'event', 'actor', 'machine_version'],
        limit: -1,
      }),
    )) as Array<{
      from_status: string;
      to_status: string;
      event: string;
      actor: string | null;
      machine_version: number;
    }>;
    expect(history.map((h) => h.event)).toEqual([
      'ASSESS',
      'SCHEDULE',
      'CONFIRM_APPOINTMENT',
      'REGISTER',
      'REPORT_DEPARTURE',
      'DEREGISTER',
    ]);
    // the history replays to the current status
    expect(history.reduce((current, h) => (h.from_status === current ? h.to_status : 'broken'), 'geen')).toBe(
      'uitgeschreven',
    );
    expect(history.every((h) => h.actor !== null && h.machine_version === 1)).toBe(true);
    const done = (await admin.request(
      readItems('tasks', { filter: { migrant: { _eq: migrant } }, fields: ['type', 'status', 'outcome'], limit: -1 }),
    )) as Row[];
    expect(done.every((t) => t['status'] !== 'open')).toBe(true);
    expect(done.find((t) => t['type'] === 'register')).toMatchObject({ status: 'done', outcome: 'REGISTER' });
    const [departed] = (await admin.request(
      readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['departure_date'] }),
    )) as Row[];
    expect(departed!['departure_date'], 'the reported departure date is recorded').toBe(isoDate(0));
    const [appointment] = (await admin.request(
      readItems('appointments', { filter: { migrant: { _eq: migrant } }, fields: ['status', 'desk'] }),
    )) as Row[];
    expect(appointment).toEqual({ status: 'attended', desk: 'Testbalie 2' });
  });

  /** Another organisation's step on a migrant the actor sees: 403; a migrant it does not see: not found, as a missing one. */
  async function refusalFor(actor: Actor, migrant: string): Promise<{ status: number; code: string }> {
    if (actor === 'public') return { status: 401, code: 'NOT_SIGNED_IN' };
    const seen = await attempt(
      (await as(actor)).request(readItems('migrants', { filter: { id: { _eq: migrant } }, fields: ['id'] })),
    );
    return seen.ok && (seen.data as Row[]).length === 1
      ? { status: 403, code: 'NOT_YOUR_STEP' }
      : { status: 404, code: 'NOT_FOUND' };
  }

  it('refuses every role a step that is not its own: 403 where it sees the migrant, else not found', async () => {
    const migrant = await migrantAtA();
    const municipalityStep = { type: 'ASSESS', outcome: 'registered' };
    for (const actor of ACTORS.filter((a) => a !== 'clerkA' && a !== 'admin')) {
      const outcome = await send(actor, migrant, municipalityStep);
      expect({ status: outcome.status, code: outcome.code }, `${actor} on the municipality's step`).toEqual(
        await refusalFor(actor, migrant),
      );
    }
    await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered' });
    await send('clerkA', migrant, { type: 'SCHEDULE', appointment: { desk: 'Testbalie 1', starts_at: soon(1) } });
    for (const actor of ACTORS.filter((a) => a !== 'providerA' && a !== 'admin')) {
      const outcome = await send(actor, migrant, { type: 'CONFIRM_APPOINTMENT' });
      expect({ status: outcome.status, code: outcome.code }, `${actor} on the provider's step`).toEqual(
        await refusalFor(actor, migrant),
      );
    }
    expect(await status(migrant)).toBe('ingepland');
  });

  it('refuses a direct PATCH of the status with a 400 that points to the event', async () => {
    const migrant = await migrantAtA();
    for (const actor of ['admin', 'providerA'] as const) {
      const outcome = await attempt(
        (await as(actor)).request(updateItem('migrants', migrant, { brp_status: 'ingeschreven' })),
      );
      expect(outcome.status, actor).toBe(400);
      expect(outcome.code).toBe('STATUS_VIA_EVENTS');
      expect(outcome.message).toContain('/brp/migrants/:id/events');
    }
    expect(await status(migrant)).toBe('geen');
  });

  it('lets exactly one of 20 parallel identical transitions win; the others get a 409', async () => {
    const migrant = await migrantAtA();
    const clients = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = directusClient(directusUrl());
        await client.login({ email: 'clerk-a@example.org', password: 'demo-password' });
        return client;
      }),
    );
    const outcomes = await Promise.all(
      clients.map((client) => send(client, migrant, { type: 'ASSESS', outcome: 'not_registered' })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => o.status)).toEqual(Array(19).fill(409));
    const admin = await as('admin');
    expect(
      await admin.request(readItems('status_history', { filter: { migrant: { _eq: migrant } }, fields: ['id'] })),
    ).toHaveLength(1);
    expect((await openTasks(migrant)).map((t) => t.type)).toEqual(['schedule']);
  });

  it('rejects a stale expected_version with a 409', async () => {
    const migrant = await migrantAtA();
    const outcome = await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered', expected_version: 7 });
    expect(outcome.status).toBe(409);
  });

  it('sends a short stay to the RNI instead of scheduling it', async () => {
    const migrant = await migrantAtA({ expected_departure_date: isoDate(60) });
    await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered' });
    const schedule = await send('clerkA', migrant, {
      type: 'SCHEDULE',
      appointment: { desk: 'Testbalie 1', starts_at: soon(2) },
    });
    expect(schedule.status).toBe(422);
    expect(schedule.message).toMatch(/RNI/);
    const rni = await send('clerkA', migrant, { type: 'REFER_TO_RNI' });
    expect(rni.data?.to).toBe('rni');
    expect((await openTasks(migrant)).map((t) => t.type)).toEqual(['report_departure']);
  });

  it('registers only at a confirmed appointment that has begun', async () => {
    const migrant = await migrantAtA();
    await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered' });
    await send('clerkA', migrant, {
      type: 'SCHEDULE',
      appointment: { desk: 'Testbalie 3', starts_at: new Date(Date.now() + 5 * DAY).toISOString() },
    });
    await send('providerA', migrant, { type: 'CONFIRM_APPOINTMENT' });
    const early = await send('clerkA', migrant, { type: 'REGISTER' });
    expect(early.status).toBe(422);
    expect(await status(migrant)).toBe('afspraak_bevestigd');
    const noShow = await send('clerkA', migrant, { type: 'NO_SHOW', reason: 'niet verschenen' });
    expect(noShow.data?.to).toBe('niet_ingeschreven');
    expect((await openTasks(migrant)).map((t) => t.type)).toEqual(['schedule']);
  });

  it('returns a declined appointment to scheduling, and asks what a step needs', async () => {
    const migrant = await migrantAtA();
    await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered' });
    const incomplete = await send('clerkA', migrant, { type: 'SCHEDULE', appointment: { desk: 'Testbalie 1' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.message).toContain('starts_at');
    await send('clerkA', migrant, { type: 'SCHEDULE', appointment: { desk: 'Testbalie 1', starts_at: soon(3) } });
    const withoutReason = await send('providerA', migrant, { type: 'DECLINE_APPOINTMENT' });
    expect(withoutReason.status, 'declining needs a reason').toBe(400);
    const declined = await send('providerA', migrant, { type: 'DECLINE_APPOINTMENT', reason: 'werkt die dag' });
    expect(declined.data?.to).toBe('niet_ingeschreven');
    const illegal = await send('clerkA', migrant, { type: 'DEREGISTER' });
    expect(illegal.status).toBe(409);
  });

  it('claims a task for one clerk at a time', async () => {
    const migrant = await migrantAtA();
    const [task] = await openTasks(migrant);
    const admin = await as('admin');
    const clerkA = demoData().users.find((u) => u.email === 'clerk-a@example.org')!;
    const colleagueEmail = `clerk-a2-${Date.now()}@example.org`;
    await admin.request(
      createUser({
        email: colleagueEmail,
        password: 'demo-password',
        role: '10000000-0000-4000-8000-000000000001',
        organisation: ORG.gemeenteA,
      } as Row),
    );
    const colleague = directusClient(directusUrl());
    await colleague.login({ email: colleagueEmail, password: 'demo-password' });
    const claim = (client: Awaited<ReturnType<typeof as>>, action: 'claim' | 'unclaim') =>
      attempt(client.request(customEndpoint({ method: 'POST', path: `/brp/tasks/${task!.id}/${action}` })));

    expect((await claim(await as('clerkA'), 'claim')).ok).toBe(true);
    const taken = await claim(colleague, 'claim');
    expect(taken.status).toBe(409);
    expect((await claim(colleague, 'unclaim')).status).toBe(409);
    const [claimed] = (await admin.request(
      readItems('tasks', { filter: { id: { _eq: task!.id } }, fields: ['assignee'] }),
    )) as Row[];
    expect(claimed!['assignee']).toBe(clerkA.id);
    expect((await claim(await as('clerkA'), 'unclaim')).ok).toBe(true);
    expect((await claim(colleague, 'claim')).ok).toBe(true);
    // a task another organisation cannot see, and one that does not exist: the same answer
    const hidden = await claim(await as('providerB'), 'claim');
    expect(hidden).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const missing = await attempt(
      (await as('providerB')).request(customEndpoint({ method: 'POST', path: `/brp/tasks/${randomUUID()}/claim` })),
    );
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: hidden.message });
  });

  it('escalates an overdue task once, with a notification to its organisation', async () => {
    const migrant = await migrantAtA();
    const [task] = await openTasks(migrant);
    const admin = await as('admin');
    await admin.request(updateItem('tasks', task!.id, { due_date: isoDate(-3) }));
    const maintenance = () =>
      admin.request(customEndpoint<{ escalated: number }>({ method: 'POST', path: '/brp/maintenance' }));
    expect((await maintenance()).escalated).toBeGreaterThanOrEqual(1);
    await maintenance();
    const notifications = await admin.request(
      customEndpoint<Row[]>({
        method: 'GET',
        path: `/notifications?filter[item][_eq]=${task!.id}&fields=recipient,subject&limit=-1`,
      }),
    );
    const clerkA = demoData().users.find((u) => u.email === 'clerk-a@example.org')!;
    expect(notifications.filter((n) => n['recipient'] === clerkA.id)).toHaveLength(1);
    const [escalated] = (await admin.request(
      readItems('tasks', { filter: { id: { _eq: task!.id } }, fields: ['escalated_at', 'priority'] }),
    )) as Row[];
    expect(escalated!['escalated_at']).toBeTruthy();
    expect(escalated!['priority']).toBe('high');
    const clerkMaintenance = await attempt(
      (await as('clerkA')).request(customEndpoint({ method: 'POST', path: '/brp/maintenance' })),
    );
    expect(clerkMaintenance).toMatchObject({ status: 403, code: 'ADMINISTRATORS_ONLY' });
  });

  it('opens the provider’s departure task when an expected departure date has passed', async () => {
    const migrant = await migrantAtA({ arrival_date: isoDate(-90), expected_departure_date: isoDate(-1) });
    const admin = await as('admin');
    await admin.request(customEndpoint({ method: 'POST', path: '/brp/maintenance' }));
    expect(
      (await openTasks(migrant))
        .map((t) => ({ type: t.type, owner: t.owner_organisation }))
        .sort((a, b) => a.type.localeCompare(b.type)),
    ).toEqual([
      { type: 'assess_status', owner: ORG.gemeenteA },
      { type: 'report_departure', owner: ORG.providerA },
    ]);
    const departed = await send('providerA', migrant, { type: 'REPORT_DEPARTURE' });
    expect(departed.data?.to).toBe('vertrokken');
    expect(await openTasks(migrant)).toEqual([]);
  });

  it('schedules a group into consecutive slots, or nobody when one of them cannot be', async () => {
    const group = [await migrantAtA(), await migrantAtA(), await migrantAtA()];
    for (const migrant of group) await send('clerkA', migrant, { type: 'ASSESS', outcome: 'not_registered' });
    const clerkA = await as('clerkA');
    const schedule = (migrants: string[]) =>
      attempt(
        clerkA.request(
          customEndpoint<Row[]>({
            method: 'POST',
            path: '/brp/appointments/schedule',
            body: JSON.stringify({
              migrants,
              desk: 'Groepsbalie',
              starts_at: soon(),
              slot_minutes: 20,
              group_reference: 'GROEP-1',
            }),
          }),
        ),
      );

    const notReady = await migrantAtA(); // still 'geen': cannot be scheduled
    const refused = await schedule([...group, notReady]);
    expect(refused.status).toBe(409);
    for (const migrant of group) expect(await status(migrant)).toBe('niet_ingeschreven');

    const admin0 = await as('admin');
    const employerLocation = demoData().locations.find(
      (l) => l.provider === ORG.providerC && l.municipality === ORG.gemeenteA,
    )!;
    const otherProvider = (await admin0.request(
      createItem('migrants', {
        first_names: 'Other',
        surname: 'Provider',
        date_of_birth: '1990-01-01',
        nationality: 'RO',
        language: 'ro',
        arrival_date: isoDate(0),
        expected_departure_date: isoDate(200),
        provider: ORG.providerC,
      }),
    )) as { id: string };
    await admin0.request(
      createItem('stays', { migrant: otherProvider.id, location: employerLocation.id, start_date: isoDate(0) }),
    );
    await expect.poll(() => openTasks(otherProvider.id).then((tasks) => tasks.length)).toBe(1);
    await send('clerkA', otherProvider.id, { type: 'ASSESS', outcome: 'not_registered' });
    const mixed = await schedule([...group, otherProvider.id]);
    expect(mixed.status, 'a group is of one provider').toBe(400);

    const scheduled = await schedule(group);
    expect(scheduled.ok, scheduled.message ?? '').toBe(true);
    const admin = await as('admin');
    const appointments = (await admin.request(
      readItems('appointments', {
        filter: { migrant: { _in: group } },
        fields: ['starts_at', 'group_reference', 'desk'],
        sort: ['starts_at'],
      }),
    )) as Array<{ starts_at: string; group_reference: string }>;
    expect(appointments).toHaveLength(3);
    expect(new Set(appointments.map((a) => a.group_reference))).toEqual(new Set(['GROEP-1']));
    const gaps = appointments.slice(1).map((a, i) => Date.parse(a.starts_at) - Date.parse(appointments[i]!.starts_at));
    expect(gaps).toEqual([20 * 60_000, 20 * 60_000]);
  });

  it('offers each side only its own next steps', async () => {
    const migrant = await migrantAtA();
    const steps = async (actor: Actor) =>
      (
        await (
          await as(actor)
        ).request(customEndpoint<{ events: string[] }>({ method: 'GET', path: `/brp/migrants/${migrant}/next-steps` }))
      ).events;
    expect(await steps('clerkA')).toEqual(['ASSESS']);
    expect(await steps('providerA')).toEqual(['REPORT_DEPARTURE']);
  });

  it('sends an event from a flow with the BRP status event operation', async () => {
    const migrant = await migrantAtA();
    const admin = await as('admin');
    const flow = (await admin.request(
      createFlow({
        name: 'Assess from a flow',
        trigger: 'webhook',
        status: 'active',
        accountability: 'all',
        options: { method: 'GET', async: false, return: '$last' },
      }),
    )) as { id: string };
    try {
      const operation = (await admin.request(
        createOperation({
          flow: flow.id,
          name: 'Assess',
          key: 'assess',
          type: 'brp-event',
          position_x: 19,
          position_y: 1,
          options: { migrant, event: 'ASSESS', outcome: 'not_registered', reason: 'from a flow' },
        }),
      )) as { id: string };
      await admin.request(
        customEndpoint({
          method: 'PATCH',
          path: `/flows/${flow.id}`,
          body: JSON.stringify({ operation: operation.id }),
        }),
      );
      const result = await admin.request(customEndpoint<Row>({ method: 'GET', path: `/flows/trigger/${flow.id}` }));
      expect(result['to']).toBe('niet_ingeschreven');
      expect(await status(migrant)).toBe('niet_ingeschreven');
    } finally {
      await admin.request(deleteFlow(flow.id));
    }
  });

  it('shows the BRP answer on the assess task and proposes the matching event', async () => {
    const lookup = async (actor: Actor, migrant: string) =>
      attempt(
        (await as(actor)).request(
          customEndpoint<{ configured: boolean; result: Row | null; proposed: string | null }>({
            method: 'GET',
            path: `/brp/migrants/${migrant}/lookup`,
          }),
        ),
      );
    const registered = await migrantAtA({ bsn: '999996940' });
    const answer = await lookup('clerkA', registered);
    expect(answer.data).toMatchObject({
      configured: true,
      result: { kind: 'registered', municipalityCode: '0363' },
      proposed: 'registered',
    });
    const unknown = await migrantAtA({ bsn: '999990019' });
    expect((await lookup('clerkA', unknown)).data).toMatchObject({
      result: { kind: 'not_found' },
      proposed: 'not_registered',
    });
    // the provider sees its migrant, but the lookup is the municipality's step; gemeente B does not see it at all
    expect(await lookup('providerA', registered)).toMatchObject({ status: 403, code: 'NOT_YOUR_STEP' });
    expect(await lookup('clerkB', registered)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const assessed = await send('clerkA', registered, { type: 'ASSESS', outcome: answer.data!.proposed });
    expect(assessed.data?.to).toBe('ingeschreven');
  });

  it('tells an emigrant (municipality 1999, reason E) from an RNI registrant, and passes on what is under investigation', async () => {
    const lookup = async (migrant: string) =>
      (
        await attempt(
          (await as('clerkA')).request(
            customEndpoint<{ result: Row | null }>({ method: 'GET', path: `/brp/migrants/${migrant}/lookup` }),
          ),
        )
      ).data?.result;
    // BSNs of the BRP mock's fixtures that no other test file uses
    const emigrant = await migrantAtA({ bsn: '999993483' });
    expect(await lookup(emigrant)).toEqual({ kind: 'emigrated', date: '2014-07-02' });
    const investigated = await migrantAtA({ bsn: '999992016' });
    expect(await lookup(investigated)).toMatchObject({
      kind: 'registered',
      municipalityCode: '1783',
      investigation: { registration: true, address: false, since: '2025-01-10' },
    });
  });

  it('takes due dates from the task types an administrator sets', async () => {
    const admin = await as('admin');
    const [before] = (await admin.request(
      readItems('task_types', {
        filter: { type: { _eq: 'assess_status' } },
        fields: ['days', 'working_days', 'counted_from'],
      }),
    )) as Row[];
    expect(before).toEqual({ days: 2, working_days: true, counted_from: 'opened' });
    await admin.request(updateItem('task_types', 'assess_status', { days: 10, working_days: false }));
    try {
      const migrant = await migrantAtA();
      const [task] = await openTasks(migrant);
      expect(task!.due_date).toBe(addDays(todayInNetherlands(), 10));
    } finally {
      await admin.request(updateItem('task_types', 'assess_status', before!));
    }
  });
});
