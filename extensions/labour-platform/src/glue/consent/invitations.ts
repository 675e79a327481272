/**
 * Invitations to sign a consent, one call per entry point: the endpoint's resend and withdraw (administrators),
 * the flow buttons on consent requests, a consent request created in the admin app, and a new migrant's
 * invitation worked off from the outbox. Refusals are the seam's (glue/http/seam.ts).
 */
import type { Knex } from 'knex';
import { isUuid } from '../../domain/consent/invitation';
import { Refused } from '../http/seam';
import type { DataAccess, Row } from '../items';
import { consentConfig, INVITATION_EVENT, inviteNewMigrant, sendInvitation, withdrawInvitation, type Emit } from './requests';

/** Administrators: a new link for a consent request, handed to the e-mail flow. */
export async function resendInvitation(access: DataAccess, emit: Emit, id: string | undefined) {
  if (!isUuid(id)) throw new Refused({ code: 'not_found' });
  const outcome = await sendInvitation(access, emit, id);
  if (!outcome.sent) throw new Refused({ code: outcome.reason === 'no_email' || outcome.reason === 'closed' ? outcome.reason : 'not_found' });
  return { consent: outcome.consent, sent: true, event: INVITATION_EVENT };
}

/** Administrators: the link stops working at once. */
export async function withdrawnInvitation(knex: Knex, id: string | undefined) {
  if (!isUuid(id)) throw new Refused({ code: 'not_found' });
  if (!(await withdrawInvitation(knex, id))) throw new Refused({ code: 'not_withdrawn' });
  return { consent: id, withdrawn: true };
}

/** The flow buttons on consent requests (administrators): resend or withdraw each invitation, and what became of it. */
export async function invitationAction(access: DataAccess, emit: Emit, action: 'resend' | 'withdraw', consents: string[]): Promise<Array<{ consent: string; done: boolean; reason?: string }>> {
  const results: Array<{ consent: string; done: boolean; reason?: string }> = [];
  for (const consent of consents) {
    if (action === 'withdraw') results.push({ consent, done: await withdrawInvitation(access.knex, consent) });
    else {
      const outcome = await sendInvitation(access, emit, consent);
      results.push({ consent, done: outcome.sent, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    }
  }
  return results;
}

/** A consent request created in the admin app (status requested, no link yet) gets its invitation. */
export async function inviteCreatedConsent(access: DataAccess, emit: Emit, key: unknown, payload: Row): Promise<void> {
  if (typeof key !== 'string' || (payload['status'] !== undefined && payload['status'] !== 'requested') || payload['token_hash']) return;
  consentConfig();
  await sendInvitation(access, emit, key);
}

/** A new migrant's invitation, from the outbox (idempotent: done twice, it invites once). */
export async function inviteRegisteredMigrant(access: DataAccess, emit: Emit, migrant: string | null): Promise<void> {
  if (!migrant) return;
  consentConfig();
  await inviteNewMigrant(access, emit, migrant);
}
