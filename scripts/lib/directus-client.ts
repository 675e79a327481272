/** One way to talk to a running Directus from scripts and tests: @directus/sdk with a JSON login. */
import { authentication, createDirectus, customEndpoint, rest, staticToken } from '@directus/sdk';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'SEARCH';

export function directusClient(url: string) {
  return createDirectus(url)
    .with(authentication('json', { autoRefresh: false }))
    .with(rest());
}
export type DirectusClient = ReturnType<typeof directusClient>;

export async function loggedInClient(url: string, email: string, password: string): Promise<DirectusClient> {
  const client = directusClient(url);
  await client.login({ email, password });
  return client;
}

/** A client that sends a fixed token (or none: the public). */
export function tokenClient(url: string, token: string | null) {
  const base = createDirectus(url).with(rest());
  return token ? base.with(staticToken(token)) : base;
}

/** Untyped REST call for config work, where the shape is whatever Directus stores. */
export async function call<T = Json>(
  client: { request: DirectusClient['request'] },
  method: HttpMethod,
  path: string,
  body?: unknown,
): Promise<T> {
  // stored names as they are (`$t:` keys), not translated into the caller's language (glue/stored-names.ts)
  const result = await client.request(
    customEndpoint<T>({
      method,
      path,
      headers: { 'X-Platform-Raw-Names': '1' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return result as T;
}

/** Messages of a Directus error response, for humans. */
export function errorText(error: unknown): string {
  if (
    error &&
    typeof error === 'object' &&
    'errors' in error &&
    Array.isArray((error as { errors: unknown[] }).errors)
  ) {
    return (error as { errors: Array<{ message?: string; extensions?: { code?: string } }> }).errors
      .map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message ?? ''}`)
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

export async function waitForServer(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/server/ping`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Directus did not answer at ${url}/server/ping within ${timeoutMs / 1000}s`);
}
