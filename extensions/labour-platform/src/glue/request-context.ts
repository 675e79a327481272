/**
 * What a hook needs to know about the HTTP request it runs in (Directus passes hooks the accountability, not
 * the request): the Accept-Language header, kept in an AsyncLocalStorage for the rest of the request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  acceptLanguage: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

type Next = () => void;
interface MinimalRequest {
  headers: Record<string, string | string[] | undefined>;
}

export function requestContextMiddleware(request: MinimalRequest, _response: unknown, next: Next): void {
  const header = request.headers['accept-language'];
  storage.run({ acceptLanguage: Array.isArray(header) ? (header[0] ?? null) : (header ?? null) }, next);
}

export function currentAcceptLanguage(): string | null {
  return storage.getStore()?.acceptLanguage ?? null;
}
