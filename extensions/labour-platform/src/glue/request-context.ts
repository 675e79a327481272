/**
 * What a hook needs to know about the HTTP request it runs in (Directus passes hooks the accountability, not
 * the request): the Accept-Language header, kept in an AsyncLocalStorage for the rest of the request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  acceptLanguage: string | null;
  /** The caller asked for stored names as they are (`$t:` keys): config as code (scripts/lib/directus-client.ts). */
  rawNames: boolean;
}

/** The header with which config as code reads dashboard, panel and flow names untranslated. */
export const RAW_NAMES_HEADER = 'x-platform-raw-names';

const storage = new AsyncLocalStorage<RequestContext>();

type Next = () => void;
interface MinimalRequest {
  headers: Record<string, string | string[] | undefined>;
}

export function requestContextMiddleware(request: MinimalRequest, _response: unknown, next: Next): void {
  const header = request.headers['accept-language'];
  storage.run(
    {
      acceptLanguage: Array.isArray(header) ? (header[0] ?? null) : (header ?? null),
      rawNames: request.headers[RAW_NAMES_HEADER] === '1',
    },
    next,
  );
}

export function currentAcceptLanguage(): string | null {
  return storage.getStore()?.acceptLanguage ?? null;
}

export function rawNamesRequested(): boolean {
  return storage.getStore()?.rawNames ?? false;
}
