/**
 * The attack suite's one toolbox: raw HTTP and GraphQL as any demo user or as anonymous (no SDK in between, so a
 * test sees exactly the status and body an attacker sees), and the table of what was tried.
 *
 * Each attack file records every attempt with `tried(...)` and calls `printAttackTable(title)` in an afterAll:
 * the run prints, per file, what was tried, as whom, through which channel, and what came back.
 */
import { afterAll } from 'vitest';
import { ACTORS, directusUrl, type Actor } from '../../support/as-user.js';
import { DEMO_LOGINS } from '../../../scripts/lib/demo-logins.js';

export { ACTORS, type Actor };

const tokens = new Map<Actor, Promise<string | null>>();

/** A fresh access token for a demo user (anonymous: null). One login per actor per file. */
export function tokenOf(actor: Actor): Promise<string | null> {
  let token = tokens.get(actor);
  if (!token) {
    token = (async () => {
      if (actor === 'public') return null;
      const login = DEMO_LOGINS.find((candidate) => candidate.key === actor)!;
      const send = () =>
        fetch(`${directusUrl()}/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: login.email, password: 'demo-password' }),
        });
      let response = await send();
      // a busy machine: Directus sheds load with 503; that is no answer to the login, so it is sent again
      for (let attempt = 0; attempt < 8 && response.status === 503; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
        response = await send();
      }
      if (!response.ok) throw new Error(`login as ${actor} failed: ${response.status}`);
      return ((await response.json()) as { data: { access_token: string } }).data.access_token;
    })();
    tokens.set(actor, token);
  }
  return token;
}

export interface HttpAnswer {
  status: number;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
  /** First error code of a Directus error body, if any. */
  code: string | null;
  text: string;
}

function codeOf(body: unknown): string | null {
  const errors = (body as { errors?: Array<{ extensions?: { code?: string } }> } | null)?.errors;
  return Array.isArray(errors) ? (errors[0]?.extensions?.code ?? null) : null;
}

/** One raw request as `actor`. `path` starts with a slash and may carry a query string. */
export async function http(
  actor: Actor,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const token = await tokenOf(actor);
  const response = await fetch(`${directusUrl()}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, code: codeOf(parsed), text };
}

/**
 * Directus sheds load with 503 SERVICE_UNAVAILABLE ("Under pressure") when its event loop lags, which happens on a
 * busy test machine: that is not an answer to the input, so the request is sent again (a few times).
 */
export async function unlessShed<T extends HttpAnswer>(send: () => Promise<T>): Promise<T> {
  let answer = await send();
  for (let attempt = 0; attempt < 8 && answer.status === 503 && answer.code === 'SERVICE_UNAVAILABLE'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    answer = await send();
  }
  return answer;
}

/** A GraphQL request as `actor`, to /graphql (items) or /graphql/system. GraphQL answers 200 with `errors`. */
export async function gql(
  actor: Actor,
  query: string,
  variables: Record<string, unknown> = {},
  endpoint: '/graphql' | '/graphql/system' = '/graphql',
): Promise<HttpAnswer & { data: Record<string, unknown> | null }> {
  const answer = await http(actor, 'POST', endpoint, { query, variables });
  const data = ((answer.body as { data?: Record<string, unknown> | null } | null)?.data ?? null) as Record<
    string,
    unknown
  > | null;
  return { ...answer, data };
}

export interface Attempt {
  /** The attack class: access-first, tenancy-fields, query, consent, evidence, malformed-input. */
  attack: string;
  actor: Actor | string;
  channel: 'REST' | 'GraphQL' | 'page' | 'process';
  what: string;
  outcome: string;
}

const attempts: Attempt[] = [];

/** Records one attempt for the table this file prints. Returns the outcome, to use inline. */
export function tried(attempt: Attempt): string {
  attempts.push(attempt);
  return attempt.outcome;
}

/** Prints the table of this file's attempts after its tests. Call once at the top level of an attack file. */
export function printAttackTable(title: string): void {
  afterAll(() => {
    if (attempts.length === 0) return;
    const rows = attempts.map((a) => [a.attack, String(a.actor), a.channel, a.what, a.outcome]);
    const header = ['attack', 'as', 'via', 'tried', 'outcome'];
    const widths = header.map((h, index) => Math.min(70, Math.max(h.length, ...rows.map((row) => row[index]!.length))));
    const line = (cells: string[]) =>
      cells.map((cell, index) => cell.slice(0, widths[index]).padEnd(widths[index]!)).join(' | ');
    console.log(
      [
        `\nAttack table: ${title} (${attempts.length} attempts)`,
        line(header),
        widths.map((w) => '-'.repeat(w)).join('-+-'),
        ...rows.map(line),
      ].join('\n'),
    );
  });
}
