/**
 * Flow operation "Consent invitation": resend or withdraw invitations, for the manual flows on `consents` (the
 * buttons an administrator sees on a consent request). Resending issues a new link (the old one stops working)
 * and hands it to the e-mail flow; withdrawing makes the link stop working at once. Administrators only.
 */
import { defineOperationApi } from '@directus/extensions-sdk';
import { ForbiddenError } from '@directus/errors';
import { flowEmitter, sendInvitation, withdrawInvitation, type ActionEmitter, type Emit } from '../../glue/consent/requests';
import { itemsServiceFrom } from '../../glue/items';

interface Options {
  action: 'resend' | 'withdraw';
  consents: unknown;
}

function ids(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // a single id or a comma-separated list
    }
    return value.split(',').map((id) => id.trim()).filter(Boolean);
  }
  return [];
}

export default defineOperationApi<Options>({
  id: 'consent-invitation',
  handler: async (options, context) => {
    const { services, database, getSchema, accountability } = context;
    if (accountability && !accountability.admin) throw new ForbiddenError();
    const emitter = (context as unknown as { emitter: ActionEmitter }).emitter;
    const emit: Emit = flowEmitter(emitter, database, () => undefined);
    const access = { knex: database, schema: await getSchema(), ItemsService: itemsServiceFrom(services) };
    const results: Array<{ consent: string; done: boolean; reason?: string }> = [];
    for (const consent of ids(options.consents)) {
      if (options.action === 'withdraw') results.push({ consent, done: await withdrawInvitation(database, consent) });
      else {
        const outcome = await sendInvitation(access, emit, consent);
        results.push({ consent, done: outcome.sent, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      }
    }
    return results;
  },
});
