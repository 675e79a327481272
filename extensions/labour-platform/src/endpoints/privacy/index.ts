/**
 * /privacy: what a user may do with encrypted personal data without ever putting it in a URL.
 *   POST /privacy/migrants/search             { bsn }      the caller's own migrants with this BSN (blind index)
 *   POST /privacy/duplicates                  { bsn }      the warning before saving: the caller's own migrants with this
 *                                                          BSN, by case number; nothing about anyone else's
 *   POST /privacy/migrants/:id/break-glass    { reason }   administrators: the plain data, logged with the reason
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import { blindIndex, BlindIndexError, parseKeyRing } from '../../domain/privacy';
import { privacyRefusalMessage, type PrivacyRefusal } from '../../domain/privacy/messages';
import { PrivacyForbiddenError, PrivacyRequestError } from '../../glue/errors';
import { itemsServiceFrom, systemItems, userItems, type DataAccess } from '../../glue/items';
import { userLanguage } from '../../glue/language';
import { PERSONAL, revealInResult } from '../../glue/privacy/personal-data';
import { onCallersBehalf } from '../../glue/privacy/query-guard';
import { personalScope } from '../../glue/privacy/search';
import { duplicateBsnWarning } from '../../domain/duplicate-bsn';

interface PrivacyRequest {
  params: Record<string, string>;
  body: unknown;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
}
interface PrivacyResponse {
  json(body: unknown): void;
}

class Refused extends Error {
  constructor(readonly refusal: PrivacyRefusal, readonly forbidden = false) {
    super(refusal.code);
  }
}

const SEARCH_FIELDS = ['id', 'case_number', 'provider', 'current_location', 'nationality', 'brp_status', 'arrival_date', ...PERSONAL];

export default defineEndpoint({
  id: 'privacy',
  handler: (router, { services, database, getSchema }) => {
    const ItemsService = itemsServiceFrom(services);
    const ring = parseKeyRing(process.env);

    const route = (work: (request: PrivacyRequest, access: DataAccess, accountability: Accountability) => Promise<unknown>) =>
      (request: PrivacyRequest, response: PrivacyResponse, next: (error?: unknown) => void) => {
        void (async () => {
          try {
            const accountability = request.accountability;
            if (!accountability?.user && !accountability?.admin) throw new Refused({ code: 'administrators_only' }, true);
            const access: DataAccess = { knex: database, schema: request.schema ?? (await getSchema()), ItemsService };
            response.json({ data: await work(request, access, accountability) });
          } catch (error) {
            if (!(error instanceof Refused)) return next(error);
            const extensions = { message: privacyRefusalMessage(error.refusal, await userLanguage(database, request.accountability)), reason: error.refusal.code };
            next(error.forbidden ? new PrivacyForbiddenError(extensions) : new PrivacyRequestError(extensions));
          }
        })();
      };

    const indexOf = (body: unknown): string => {
      const bsn = (body as { bsn?: unknown } | null)?.bsn;
      try {
        if (typeof bsn !== 'string' && typeof bsn !== 'number') throw new Refused({ code: 'bsn_required' });
        return blindIndex(ring, 'bsn', String(bsn));
      } catch (error) {
        if (error instanceof BlindIndexError) throw new Refused({ code: 'bsn_required' });
        throw error;
      }
    };

    /**
     * The caller's migrants with this BSN, among those whose personal data it may see (a clerk: with consent and an
     * open task; an administrator: none). Never a word about other rows: a BSN known elsewhere and an unknown one
     * get the same answer, so this is no oracle across tenants.
     */
    const sameBsn = async (request: PrivacyRequest, access: DataAccess, accountability: Accountability, fields: string[], limit: number) => {
      const bsnFilter = { bsn_index: { _eq: indexOf(request.body) } };
      const scope = await personalScope(database, accountability);
      if (scope.kind === 'none' || (scope.kind === 'rows' && scope.ids.length === 0)) return [];
      const filter = scope.kind === 'rows' ? { _and: [{ id: { _in: [...scope.ids] } }, bsnFilter] } : bsnFilter;
      return userItems(access, 'migrants', accountability).readByQuery(onCallersBehalf({ filter, fields, limit }));
    };

    router.post('/migrants/search', route(async (request, access, accountability) => sameBsn(request, access, accountability, SEARCH_FIELDS, 50)));

    router.post('/duplicates', route(async (request, access, accountability) => {
      const rows = await sameBsn(request, access, accountability, ['id', 'case_number'], 20);
      const yours = rows.map((row) => ({ id: row['id'], case_number: row['case_number'] ?? null }));
      const warning = duplicateBsnWarning(yours.map((row) => String(row.case_number ?? row.id)), await userLanguage(database, accountability));
      return { yours, warning };
    }));

    router.post('/migrants/:id/break-glass', route(async (request, access, accountability) => {
      if (!accountability.admin) throw new Refused({ code: 'administrators_only' }, true);
      const reason = (request.body as { reason?: unknown } | null)?.reason;
      if (typeof reason !== 'string' || reason.trim().length < 10) throw new Refused({ code: 'break_glass_reason' });
      // read the stored values without the read hook, then reveal with the break-glass reason, which is logged
      const rows = await systemItems(access, 'migrants').readByQuery({ filter: { id: { _eq: request.params['id'] } }, fields: ['id', ...PERSONAL], limit: 1 }, { emitEvents: false });
      return revealInResult({ ring, knex: database, accountability, language: () => userLanguage(database, accountability), breakGlass: { reason: reason.trim() } }, rows);
    }));
  },
});
