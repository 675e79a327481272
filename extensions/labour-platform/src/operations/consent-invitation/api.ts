/**
 * Flow operation "Consent invitation": resend or withdraw invitations, for the manual flows on `consents` (the
 * buttons an administrator sees on a consent request). Resending issues a new link (the old one stops working)
 * and hands it to the e-mail flow; withdrawing makes the link stop working at once. Administrators only.
 */
import { defineOperationApi } from '@directus/extensions-sdk';
import { invitationAction } from '../../glue/consent/invitations';
import { flowEmitter, type ActionEmitter, type Emit } from '../../glue/consent/invitations';
import { refusalError } from '../../glue/http/seam';
import { itemsServiceFrom } from '../../glue/items';
import { userLanguage } from '../../glue/language';

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
    return value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  }
  return [];
}

export default defineOperationApi<Options>({
  id: 'consent-invitation',
  handler: async (options, context) => {
    const { services, database, getSchema, accountability } = context;
    if (accountability && !accountability.admin)
      throw refusalError({ code: 'administrators_only' }, await userLanguage(database, accountability));
    const emitter = (context as unknown as { emitter: ActionEmitter }).emitter;
    const emit: Emit = flowEmitter(emitter, database, () => undefined);
    const access = { knex: database, schema: await getSchema(), ItemsService: itemsServiceFrom(services) };
    return invitationAction(access, emit, options.action, ids(options.consents));
  },
});
