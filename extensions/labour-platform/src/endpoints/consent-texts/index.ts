/**
 * /consent-texts: the consent texts' "new version".
 *   POST /consent-texts/new-version   (administrators) every language of the published version copied into drafts
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Accountability, SchemaOverview } from '@directus/types';
import { createNewVersion } from '../../glue/consent/new-version';
import { itemsServiceFrom } from '../../glue/items';
import { userLanguage } from '../../glue/language';

interface Request {
  params: Record<string, string>;
  body: unknown;
  accountability?: Accountability | null;
  schema?: SchemaOverview;
}
interface Response {
  json(body: unknown): void;
  status(code: number): Response;
}

export default defineEndpoint({
  id: 'consent-texts',
  handler: (router, { services, database, getSchema }) => {
    const ItemsService = itemsServiceFrom(services);
    router.post('/new-version', (request: Request, response: Response, next: (error?: unknown) => void) => {
      void (async () => {
        try {
          const accountability = request.accountability ?? null;
          const access = { knex: database, schema: request.schema ?? (await getSchema()), ItemsService };
          response.json({
            data: await createNewVersion(access, accountability, await userLanguage(database, accountability)),
          });
        } catch (error) {
          next(error);
        }
      })();
    });
  },
});
