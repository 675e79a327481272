/** Uploading files to the intake endpoints as a demo user (multipart, which @directus/sdk's helpers do not send). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_LOGINS, type DemoLoginKey } from '../../scripts/lib/demo-logins.js';
import type { IntakeImport } from '../../extensions/labour-platform/src/domain/intake/contract.js';
import { directusUrl } from './as-user.js';

const tokens = new Map<DemoLoginKey, Promise<string>>();

export function tokenOf(actor: DemoLoginKey): Promise<string> {
  let token = tokens.get(actor);
  if (!token) {
    token = (async () => {
      const email = DEMO_LOGINS.find((login) => login.key === actor)!.email;
      const response = await fetch(`${directusUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-password' }),
      });
      const body = (await response.json()) as { data: { access_token: string } };
      return body.data.access_token;
    })();
    tokens.set(actor, token);
  }
  return token;
}

export function fixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '../fixtures/intake', name));
}

export interface Answer<T> {
  status: number;
  data: T | null;
  code: string | null;
  message: string | null;
  body: unknown;
}

export async function intakeRequest<T = IntakeImport>(
  actor: DemoLoginKey | 'public',
  method: string,
  path: string,
  body?: FormData | string,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const all: Record<string, string> = { ...headers };
  if (actor !== 'public') all['authorization'] = `Bearer ${await tokenOf(actor)}`;
  if (typeof body === 'string') all['content-type'] = 'application/json';
  const response = await fetch(`${directusUrl()}${path}`, {
    method,
    headers: all,
    ...(body === undefined ? {} : { body }),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json'))
    return {
      status: response.status,
      data: Buffer.from(await response.arrayBuffer()) as unknown as T,
      code: null,
      message: null,
      body: null,
    };
  const parsed = (await response.json()) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return {
    status: response.status,
    data: parsed.data ?? null,
    code: parsed.errors?.[0]?.extensions?.code ?? null,
    message: parsed.errors?.[0]?.message ?? null,
    body: parsed,
  };
}

/** POST /intake/imports with a file and the form's fields. */
export function upload(
  actor: DemoLoginKey | 'public',
  file: { name: string; data: Buffer | string },
  fields: { mode?: string; dry_run?: string; mapping?: string; provider?: string; confirm_departures?: string } = {},
  headers: Record<string, string> = {},
): Promise<Answer<IntakeImport>> {
  const form = new FormData();
  form.set(
    'file',
    new Blob([new Uint8Array(typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data)]),
    file.name,
  );
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return intakeRequest(actor, 'POST', '/intake/imports', form, headers);
}
