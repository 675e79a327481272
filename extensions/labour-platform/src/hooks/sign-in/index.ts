/**
 * Sign-in through an eHerkenning broker (Directus's `openid` driver): on the first login (`auth.create`) and every
 * later one (`auth.update`) the user's organisation and role follow from the broker's claims, or the login is
 * refused with a page that says why (glue/sign-in/eherkenning.ts, refused-page.ts). Not an items write: accessFirst passes these filters through unchanged.
 */
import { defineHook } from '@directus/extensions-sdk';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { assignOrganisation, type AuthFilterMeta } from '../../glue/sign-in/eherkenning';
import { signInRefusedPageMiddleware } from '../../glue/sign-in/refused-page';

export default defineHook(({ filter: register, init }, { getSchema }) => {
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });

  // in front of Directus's auth routes: a refused sign-in gets a page in the person's language
  init('routes.before', (meta) => {
    (meta['app'] as { use: (handler: unknown) => void }).use(signInRefusedPageMiddleware(process.env));
  });

  for (const event of ['auth.create', 'auth.update'])
    filter(event, (payload, meta, context) =>
      assignOrganisation(context.database, process.env, payload as Record<string, unknown>, meta as AuthFilterMeta),
    );
});
