/**
 * Two-factor sign-in in production, enforced by the config: with ENFORCE_TFA=true (production's setting) config apply
 * sets `enforce_tfa` on the administrator's and the clerk's policies, so a clerk or administrator without TOTP gets a
 * token that sends the admin app to the TFA set-up before anything else; other roles and the default (development,
 * tests) are left without. The test applies the production setting to the suite's instance and restores the default.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyConfig,
  applyOptionsFromEnv,
  CLERK_POLICY_ID,
  policiesWithTfa,
} from '../../scripts/lib/config-as-code.js';
import { call, type JsonObject } from '../../scripts/lib/directus-client.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { as, directusUrl } from '../support/as-user.js';

const PROVIDER_POLICY_ID = '20000000-0000-4000-8000-000000000002';

async function tfaOfPolicies(): Promise<Record<string, boolean>> {
  const policies = await call<JsonObject[]>(
    await as('admin'),
    'GET',
    '/policies?limit=-1&fields=id,admin_access,enforce_tfa',
  );
  return {
    administrator: policies.filter((p) => p['admin_access'] === true).every((p) => p['enforce_tfa'] === true),
    clerk: policies.find((p) => p['id'] === CLERK_POLICY_ID)?.['enforce_tfa'] === true,
    provider: policies.find((p) => p['id'] === PROVIDER_POLICY_ID)?.['enforce_tfa'] === true,
  };
}

/** The claims of the access token a password login gets. */
async function tokenClaims(email: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${directusUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { access_token: string } };
  return JSON.parse(Buffer.from(data.access_token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

const quiet = () => undefined;

afterAll(async () => {
  await applyConfig(await as('admin'), projectRoot, quiet, { enforceTfa: false });
});

describe('two-factor sign-in, enforced by the config', () => {
  it('is on only when ENFORCE_TFA is exactly "true", and only for the clerk among the files\' policies', () => {
    expect(applyOptionsFromEnv({ ENFORCE_TFA: 'true' })).toEqual({ enforceTfa: true });
    expect(applyOptionsFromEnv({})).toEqual({ enforceTfa: false });
    expect(applyOptionsFromEnv({ ENFORCE_TFA: '1' })).toEqual({ enforceTfa: false });
    const files = [
      { id: CLERK_POLICY_ID, enforce_tfa: false },
      { id: PROVIDER_POLICY_ID, enforce_tfa: false },
    ];
    expect(policiesWithTfa(files, true)).toEqual([
      { id: CLERK_POLICY_ID, enforce_tfa: true },
      { id: PROVIDER_POLICY_ID, enforce_tfa: false },
    ]);
  });

  it('is off in the tests and development', async () => {
    expect(await tfaOfPolicies()).toEqual({ administrator: false, clerk: false, provider: false });
    expect((await tokenClaims('clerk-a@example.org'))['enforce_tfa']).toBeUndefined();
  });

  it('with the production setting, requires TOTP of administrators and clerks, not of providers', async () => {
    const lines: string[] = [];
    await applyConfig(await as('admin'), projectRoot, (line) => lines.push(line), { enforceTfa: true });
    expect(await tfaOfPolicies()).toEqual({ administrator: true, clerk: true, provider: false });
    expect((await tokenClaims('clerk-a@example.org'))['enforce_tfa']).toBe(true);
    expect((await tokenClaims('admin@example.org'))['enforce_tfa']).toBe(true);
    expect((await tokenClaims('provider-a@example.org'))['enforce_tfa']).toBeUndefined();

    // applying again changes nothing; the default setting takes it off again
    const again: string[] = [];
    await applyConfig(await as('admin'), projectRoot, (line) => again.push(line), { enforceTfa: true });
    expect(again).toEqual(['schema: up to date']);
    await applyConfig(await as('admin'), projectRoot, quiet, { enforceTfa: false });
    expect(await tfaOfPolicies()).toEqual({ administrator: false, clerk: false, provider: false });
  });
});
