/**
 * A refused eHerkenning sign-in answers with a page of its own, in the person's language. Directus's openid callback
 * sends a failed login back to the admin app's login page with `?reason=<error code>`, and that page shows only the
 * app's built-in texts ("Onverwachte fout" for the platform's code). This middleware, in front of the callback of
 * the eHerkenning providers, keeps the refusal the sign-in filter noted for this request and turns that redirect
 * into a 403 with domain/sign-in's page (why, what to do, the link back to the login page). Every other answer of
 * the callback (a successful login, Directus's own errors) passes unchanged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SIGN_IN_REFUSED_CODE, signInRefusedPage, type SignInRefusal } from '../../domain/sign-in/eherkenning';
import { pickUiLanguage } from '../../domain/ui-language';
import { eherkenningProviders } from './eherkenning';

interface Store {
  refusal: SignInRefusal | null;
}

const refusals = new AsyncLocalStorage<Store>();

/** The sign-in filter notes why it refused, for the page of this request. */
export function noteRefusal(refusal: SignInRefusal): void {
  const store = refusals.getStore();
  if (store) store.refusal = refusal;
}

interface Request {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  redirect: (...args: unknown[]) => void;
  status(code: number): Response;
  set(field: string, value: string): Response;
  type(type: string): Response;
  send(body: string): void;
}

/** The `reason` of a redirect target (absolute or relative), or null. */
function reasonOf(target: string): string | null {
  try {
    return new URL(target, 'http://platform.invalid').searchParams.get('reason');
  } catch {
    return null;
  }
}

export function signInRefusedPageMiddleware(env: Readonly<Record<string, string | undefined>>) {
  return (request: Request, response: Response, next: () => void): void => {
    const match = /^\/auth\/login\/([^/]+)\/callback\/?$/.exec(request.path);
    if (request.method !== 'GET' || !match || !eherkenningProviders(env).has(match[1]!.toLowerCase())) return next();
    const store: Store = { refusal: null };
    const redirect = response.redirect.bind(response);
    response.redirect = (...args: unknown[]) => {
      const target = args[args.length - 1];
      if (typeof target !== 'string' || reasonOf(target) !== SIGN_IN_REFUSED_CODE) return redirect(...args);
      const header = request.headers['accept-language'];
      const language = pickUiLanguage(null, Array.isArray(header) ? header[0] : header);
      const loginUrl = target.split('?')[0]!;
      response
        .status(403)
        .set('cache-control', 'no-store')
        .type('html')
        .send(signInRefusedPage(store.refusal, language, loginUrl));
    };
    refusals.run(store, next);
  };
}
