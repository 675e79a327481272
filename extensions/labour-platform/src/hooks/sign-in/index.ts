/**
 * Sign-in through an eHerkenning broker (Directus's `openid` driver): on the first login (`auth.create`) and every
 * later one (`auth.update`) the user's organisation and role follow from the broker's claims, or the login is
 * refused (glue/sign-in/eherkenning.ts). Not an items write: accessFirst passes these filters through unchanged.
 */
import { defineHook } from '@directus/extensions-sdk';
import { accessFirst, directusValidateAccess } from '../../glue/access/access-first';
import { assignOrganisation, type AuthFilterMeta } from '../../glue/sign-in/eherkenning';

export default defineHook(({ filter: register }, { getSchema }) => {
  const filter = accessFirst(register, { validateAccess: directusValidateAccess, getSchema });

  for (const event of ['auth.create', 'auth.update'])
    filter(event, (payload, meta, context) =>
      assignOrganisation(context.database, process.env, payload as Record<string, unknown>, meta as AuthFilterMeta),
    );
});
