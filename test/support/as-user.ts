/**
 * Talking to the platform under test as each demo user, over HTTP with @directus/sdk.
 * `attempt` turns the SDK's thrown error responses into values, so a test can assert on a refusal.
 */
import { inject } from 'vitest';
import { DEMO_LOGINS, type DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import { directusClient, tokenClient, type DirectusClient } from '../../scripts/lib/directus-client.js';
import { buildDemoData, type DemoData } from '../../scripts/demo-data.js';

export type Actor = DemoLoginKey | 'public';
export const ACTORS: readonly Actor[] = [...DEMO_LOGINS.map((login) => login.key), 'public'];

const clients = new Map<Actor, Promise<Pick<DirectusClient, 'request'>>>();

export function directusUrl(): string {
  return inject('directusUrl');
}

/** A logged-in client for a demo user (the public gets a client without a token). */
export function as(actor: Actor): Promise<Pick<DirectusClient, 'request'>> {
  let client = clients.get(actor);
  if (!client) {
    client = (async () => {
      if (actor === 'public') return tokenClient(directusUrl(), null);
      const login = DEMO_LOGINS.find((candidate) => candidate.key === actor)!;
      const authenticated = directusClient(directusUrl());
      await authenticated.login({ email: login.email, password: 'demo-password' });
      return authenticated;
    })();
    clients.set(actor, client);
  }
  return client;
}

export interface Outcome<T> {
  ok: boolean;
  status: number;
  code: string | null;
  message: string | null;
  data: T | null;
}

/** Runs a request and reports how it went instead of throwing. */
export async function attempt<T>(request: Promise<T>): Promise<Outcome<T>> {
  try {
    const data = await request;
    return { ok: true, status: 200, code: null, message: null, data };
  } catch (error) {
    const failure = error as {
      errors?: Array<{ message?: string; extensions?: { code?: string } }>;
      response?: { status?: number };
    };
    if (!failure.errors && !failure.response) throw error;
    return {
      ok: false,
      status: failure.response?.status ?? 0,
      code: failure.errors?.[0]?.extensions?.code ?? null,
      message: failure.errors?.map((e) => e.message ?? '').join(' ') ?? null,
      data: null,
    };
  }
}

let demo: DemoData | undefined;
/** The demo data the platform under test was seeded with (deterministic for the run's reference date). */
export function demoData(): DemoData {
  demo ??= buildDemoData({ referenceDate: inject('referenceDate') });
  return demo;
}
