import { ForbiddenError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import type { Refusal, RefusalCode } from '../../extensions/labour-platform/src/domain/refusals';
import { refusalText } from '../../extensions/labour-platform/src/domain/refusals';
import { claim } from '../../extensions/labour-platform/src/glue/brp/events';
import { nextSteps } from '../../extensions/labour-platform/src/glue/brp/workflow';
import {
  httpSeam,
  REFUSAL_STATUS,
  refusalError,
  Refused,
  Sent,
  type ApiRequest,
  type RouteOptions,
  type Work,
} from '../../extensions/labour-platform/src/glue/http/seam';
import type { DataAccess, ItemsServiceConstructor, Row } from '../../extensions/labour-platform/src/glue/items';

/** One refusal of every code: a code added to Refusal without a sample here does not compile. */
const SAMPLES: { readonly [C in RefusalCode]: Refusal & { code: C } } = {
  not_found: { code: 'not_found' },
  not_signed_in: { code: 'not_signed_in' },
  not_allowed_in_state: { code: 'not_allowed_in_state', event: 'REGISTER', status: 'geen' },
  final_state: { code: 'final_state', event: 'SCHEDULE', status: 'ingeschreven' },
  guard_failed: { code: 'guard_failed', event: 'REFER_TO_RNI', guard: 'expectsShortStay' },
  not_your_step: { code: 'not_your_step', event: 'ASSESS' },
  stale: { code: 'stale', event: 'ASSESS' },
  unknown_event: { code: 'unknown_event' },
  missing_input: { code: 'missing_input', field: 'reason' },
  invalid_departure_date: { code: 'invalid_departure_date', problem: 'in_future' },
  desk_taken: { code: 'desk_taken', desk: 'Balie 1' },
  status_via_events: { code: 'status_via_events' },
  task_claimed: { code: 'task_claimed' },
  task_closed: { code: 'task_closed' },
  no_owner: { code: 'no_owner' },
  mixed_providers: { code: 'mixed_providers' },
  invalid_group_schedule: {
    code: 'invalid_group_schedule',
    problem: { field: 'slot_minutes', code: 'out_of_range', min: 5, max: 480 },
  },
  personal_data_in_query: { code: 'personal_data_in_query', paths: ['surname'] },
  implicit_relation_in_query: { code: 'implicit_relation_in_query' },
  personal_batch_update: { code: 'personal_batch_update' },
  sealed_field: { code: 'sealed_field', field: 'bsn_index' },
  bsn_required: { code: 'bsn_required' },
  break_glass_reason: { code: 'break_glass_reason' },
  erasure_reason: { code: 'erasure_reason' },
  request_query: { code: 'request_query' },
  legal_hold: { code: 'legal_hold' },
  administrators_only: { code: 'administrators_only' },
  invalid_link: { code: 'invalid_link' },
  wrong_birth_date: { code: 'wrong_birth_date', attemptsLeft: 3 },
  locked: { code: 'locked' },
  invalid_input: { code: 'invalid_input', field: 'agree' },
  text_changed: { code: 'text_changed' },
  conflict: { code: 'conflict' },
  json_required: { code: 'json_required' },
  csrf: { code: 'csrf' },
  rate_limited: { code: 'rate_limited', retryAfter: 30 },
  busy: { code: 'busy', retryAfter: 1 },
  unavailable: { code: 'unavailable' },
  closed: { code: 'closed' },
  no_email: { code: 'no_email' },
  not_withdrawn: { code: 'not_withdrawn' },
  letter_own_provider_only: { code: 'letter_own_provider_only' },
  intake_unreadable_file: { code: 'intake_unreadable_file' },
  intake_no_header: { code: 'intake_no_header' },
  intake_missing_columns: {
    code: 'intake_missing_columns',
    fields: ['surname', 'location'],
    found: [
      { index: 0, header: 'Voornaam', field: 'first_names' },
      { index: 1, header: 'Kamer', field: null },
    ],
  },
  intake_invalid_mapping: { code: 'intake_invalid_mapping' },
  intake_file_too_large: { code: 'intake_file_too_large', maxMegabytes: 20 },
  intake_already_committed: { code: 'intake_already_committed' },
  intake_idempotency_conflict: { code: 'intake_idempotency_conflict' },
  intake_credential_revoked: { code: 'intake_credential_revoked' },
  document_wrong_type: { code: 'document_wrong_type' },
  document_empty: { code: 'document_empty' },
  document_too_large: { code: 'document_too_large', maxMegabytes: 5 },
  document_expiry_required: { code: 'document_expiry_required' },
  document_expired: { code: 'document_expired' },
  document_invalid_type: { code: 'document_invalid_type' },
  document_shielded: { code: 'document_shielded', shield: 'no_consent' },
  documents_provider_only: { code: 'documents_provider_only' },
  photo_wrong_type: { code: 'photo_wrong_type' },
  photo_limit: { code: 'photo_limit', maxPhotos: 10 },
  photos_inspector_only: { code: 'photos_inspector_only' },
  finding_closed: { code: 'finding_closed' },
};
const CODES = Object.keys(SAMPLES) as RefusalCode[];

describe('the refusal table', () => {
  it('gives every refusal code exactly one HTTP error status, and knows no other code', () => {
    expect(Object.keys(REFUSAL_STATUS).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      expect(Number.isInteger(REFUSAL_STATUS[code]), code).toBe(true);
      expect(REFUSAL_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(REFUSAL_STATUS[code], code).toBeLessThan(600);
    }
  });

  it.each(CODES)('explains %s in Dutch and in English, differently, without a raw placeholder', (code) => {
    const nl = refusalText(SAMPLES[code], 'nl');
    const en = refusalText(SAMPLES[code], 'en');
    for (const text of [nl, en]) {
      expect(typeof text, code).toBe('string');
      expect(text.trim().length, code).toBeGreaterThan(0);
      expect(text, code).not.toMatch(/undefined|\{\w+\}/);
    }
    expect(nl, code).not.toBe(en);
  });

  it.each(CODES)('turns %s into a Directus error with the status of the table, its code and its reason', (code) => {
    const error = refusalError(SAMPLES[code], 'en') as Error & {
      status: number;
      code: string;
      extensions: Record<string, unknown>;
    };
    expect(error.status).toBe(REFUSAL_STATUS[code]);
    expect(error.code).toBe(code.toUpperCase());
    expect(error.extensions['reason']).toBe(code);
    expect(error.message).toBe(refusalText(SAMPLES[code], 'en'));
  });
});

// ------------------------------------------------------------------------------------------------ the wrapper

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: unknown;
  passed: unknown;
}

const services = { ItemsService: class {} };
const getSchema = async () => ({}) as SchemaOverview;
/** directus_users: every user reads Dutch. */
const database = (() => ({
  select: () => ({ where: () => ({ first: async () => ({ language: 'nl-NL' }) }) }),
})) as unknown as Knex;
const route = httpSeam({ services, database, getSchema, logger: { error: () => undefined } });

const ADMIN = { admin: true, user: null } as unknown as Accountability;

function request(accountability: Accountability | null, extra: Partial<ApiRequest> = {}): ApiRequest {
  return {
    params: {},
    body: {},
    headers: { 'accept-language': 'en', 'content-type': 'application/json' },
    accountability,
    ...extra,
  };
}

function call(work: Work, options: RouteOptions, req: ApiRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { status: 200, headers: {}, body: undefined, passed: undefined };
    const response = {
      status(code: number) {
        answer.status = code;
        return response;
      },
      setHeader(name: string, value: string | string[]) {
        answer.headers[name] = value;
      },
      json(body: unknown) {
        answer.body = body;
        resolve(answer);
      },
      send(body: string | Buffer) {
        answer.body = body;
        resolve(answer);
      },
    };
    route(work, options)(req, response, (error) => {
      answer.passed = error;
      resolve(answer);
    });
  });
}

describe('the route wrapper', () => {
  it('answers the work as { data } with the route status', async () => {
    const answer = await call(async () => ({ ok: true }), { status: 201 }, request(ADMIN));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ data: { ok: true } });
  });

  it('refuses a caller who is not signed in (401), before any work', async () => {
    let worked = false;
    const answer = await call(async () => (worked = true), {}, request(null));
    expect(worked).toBe(false);
    expect(answer.passed).toMatchObject({ status: 401, code: 'NOT_SIGNED_IN', message: 'Please sign in first.' });
  });

  it("refuses a signed-in user on an administrators' route (403), in the user's own language", async () => {
    const user = { user: 'u1', role: 'clerk', admin: false } as unknown as Accountability;
    const answer = await call(async () => 'no', { caller: 'admin' }, request(user));
    expect(answer.passed).toMatchObject({
      status: 403,
      code: 'ADMINISTRATORS_ONLY',
      message: 'Alleen beheerders kunnen dit.',
    });
    expect((await call(async () => 'yes', { caller: 'admin' }, request(ADMIN))).body).toEqual({ data: 'yes' });
  });

  it("passes a refusal of the work on as a Directus error with the table's status", async () => {
    const answer = await call(
      async () => {
        throw new Refused({ code: 'task_claimed' });
      },
      {},
      request(ADMIN),
    );
    expect(answer.passed).toMatchObject({ status: 409, code: 'TASK_CLAIMED', extensions: { reason: 'task_claimed' } });
  });

  it('answers the consent page in its own shape, with its headers and Retry-After', async () => {
    const headers = (reply: { setHeader(name: string, value: string): void }) =>
      reply.setHeader('X-Frame-Options', 'DENY');
    const answer = await call(
      async () => {
        throw new Refused({ code: 'rate_limited', retryAfter: 12 });
      },
      { caller: 'anyone', page: true, headers },
      request(null),
    );
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({ error: { code: 'rate_limited', retryAfter: 12 } });
    expect(answer.headers).toMatchObject({ 'Retry-After': '12', 'X-Frame-Options': 'DENY' });
  });

  it('never shows the page an unexpected error, only its code', async () => {
    const answer = await call(
      async () => {
        throw new Error('secret detail');
      },
      { caller: 'anyone', page: true },
      request(null),
    );
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: { code: 'error' } });
  });

  it('refuses a body that is not JSON where the route wants JSON (415)', async () => {
    const answer = await call(
      async () => 'x',
      { json: true },
      request(ADMIN, { headers: { 'content-type': 'text/plain' } }),
    );
    expect(answer.passed).toMatchObject({ status: 415, code: 'JSON_REQUIRED' });
  });

  it('sends a page as it is, and releases what the checks before it took', async () => {
    let released = false;
    const answer = await call(
      async () => new Sent('text/html; charset=utf-8', '<p>hi</p>'),
      { caller: 'anyone', before: async () => () => (released = true) },
      request(null),
    );
    expect(answer.body).toBe('<p>hi</p>');
    expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(released).toBe(true);
  });
});

// ------------------------------------------------------------------------------- hidden and missing rows

/** Items as a fake Directus: the system sees `rows`; a user sees only the ids in `visible`, and may not read `unreadable` at all. */
function fakeAccess(
  rows: Record<string, Row[]>,
  visible: Set<string>,
  unreadable: Set<string> = new Set(),
): DataAccess {
  class Items {
    constructor(
      readonly collection: string,
      readonly options: { accountability: Accountability | null },
    ) {}
    async readByQuery(query: { filter?: { id?: { _eq?: string } } }): Promise<Row[]> {
      if (this.options.accountability && unreadable.has(this.collection)) throw new ForbiddenError();
      const id = query.filter?.id?._eq;
      const all = (rows[this.collection] ?? []).filter((row) => id === undefined || row['id'] === id);
      return this.options.accountability ? all.filter((row) => visible.has(String(row['id']))) : all;
    }
  }
  return { knex: {} as Knex, schema: {} as SchemaOverview, ItemsService: Items as unknown as ItemsServiceConstructor };
}

async function refusalOf(work: Promise<unknown>): Promise<Refusal | null> {
  try {
    await work;
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

describe('a hidden row and a missing one', () => {
  const clerk = { user: 'u1', role: 'clerk', admin: false } as unknown as Accountability;
  const access = fakeAccess(
    { migrants: [{ id: 'hidden' }], tasks: [{ id: 'hidden-task', status: 'open' }] },
    new Set(),
  );

  it('get the same refusal for the next steps of a migrant', async () => {
    const hidden = await refusalOf(nextSteps(access, 'hidden', clerk));
    const missing = await refusalOf(nextSteps(access, 'missing', clerk));
    expect(hidden).toEqual({ code: 'not_found' });
    expect(missing).toEqual(hidden);
  });

  it('get the same refusal for claiming a task', async () => {
    const hidden = await refusalOf(claim(access, 'hidden-task', clerk));
    const missing = await refusalOf(claim(access, 'missing-task', clerk));
    expect(hidden).toEqual({ code: 'not_found' });
    expect(missing).toEqual(hidden);
  });

  it('get the same refusal when the caller may not read the collection at all', async () => {
    const inspector = { user: 'u2', role: 'inspector', admin: false } as unknown as Accountability;
    const closed = fakeAccess({ migrants: [{ id: 'hidden' }] }, new Set(), new Set(['migrants']));
    expect(await refusalOf(nextSteps(closed, 'hidden', inspector))).toEqual({ code: 'not_found' });
    expect(await refusalOf(nextSteps(closed, 'missing', inspector))).toEqual({ code: 'not_found' });
  });
});
