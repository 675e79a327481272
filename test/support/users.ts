/**
 * A test's own user like a demo user (same role and organisation) with a language of its own: the demo users read
 * Dutch, and a user's language wins over the browser's, so an English screen needs such a user.
 */
import { createUser, readUsers } from '@directus/sdk';
import { as } from './as-user.js';

export async function createUserLike(
  modelEmail: string,
  user: { email: string; language: string; first_name: string; last_name: string },
): Promise<{ id: string; role: string; organisation: string | null }> {
  const admin = await as('admin');
  const [model] = (await admin.request(
    readUsers({ filter: { email: { _eq: modelEmail } }, fields: ['id', 'role', 'organisation'] as never }),
  )) as Array<{ id: string; role: string; organisation: string | null }>;
  if (!model) throw new Error(`no user ${modelEmail} to model a test user on`);
  const created = (await admin.request(
    createUser({
      ...user,
      password: 'demo-password',
      role: model.role,
      organisation: model.organisation,
    } as Record<string, unknown>),
  )) as { id: string };
  return { id: created.id, role: model.role, organisation: model.organisation };
}
