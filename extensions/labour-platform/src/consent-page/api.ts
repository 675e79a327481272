/**
 * The page's calls to /consent/api: JSON, with the CSRF token from the page (or a fresh one) in a header. The
 * answers' types (Session, ActResult) are the API's own, from domain/consent/session.ts.
 */
import type { ConsentHelpContact } from '../domain/consent/session';

export type { ConsentHelpContact, ConsentReceipts, ConsentText } from '../domain/consent/session';
export type { ConsentActResult as ActResult, ConsentSession as Session } from '../domain/consent/session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown>,
  ) {
    super(code);
  }
}

let csrf: string | null = document.querySelector<HTMLMetaElement>('meta[name="consent-csrf"]')?.content ?? null;
if (csrf === '__CONSENT_CSRF__') csrf = null;

async function freshCsrf(): Promise<string> {
  const response = await fetch('/consent/api/csrf', { credentials: 'same-origin', cache: 'no-store' });
  const body = (await response.json()) as { data?: { csrf?: string } };
  csrf = body.data?.csrf ?? null;
  if (!csrf) throw new ApiError(response.status, 'csrf', {});
  return csrf;
}

export async function post<T>(path: string, body: Record<string, unknown>, retry = true): Promise<T> {
  const token = csrf ?? (await freshCsrf());
  let response: Response;
  try {
    response = await fetch(`/consent/api/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-Consent-CSRF': token },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', {});
  }
  const payload = (await response.json().catch(() => ({}))) as {
    data?: T;
    error?: { code?: string } & Record<string, unknown>;
  };
  if (response.ok) return payload.data as T;
  const code = payload.error?.code ?? 'error';
  if (code === 'csrf' && retry) {
    csrf = null;
    return post<T>(path, body, false);
  }
  throw new ApiError(response.status, code, payload.error ?? {});
}

/** The token from the link: `/consent/#t=…` (never sent to the server by the browser as part of the URL). */
export function tokenFromLocation(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  return new URLSearchParams(hash).get('t');
}

/** Whom to ask when a link does not work: the contacts the server wrote into the page (the same for everyone). */
export function generalHelp(): ConsentHelpContact[] {
  const content = document.querySelector<HTMLMetaElement>('meta[name="consent-help"]')?.content ?? '[]';
  try {
    const parsed = JSON.parse(content) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (contact): contact is ConsentHelpContact =>
            typeof contact?.name === 'string' && typeof contact?.email === 'string',
        )
      : [];
  } catch {
    return [];
  }
}
