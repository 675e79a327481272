/**
 * Consent reference data and demo: the first consent text version in all 14 languages (published when the
 * installation has no consent text at all, like the task types), and one demo invitation to try the page.
 */
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages.js';
import {
  DEFAULT_CONSENT_TEXT_VERSION,
  DEFAULT_CONSENT_TEXTS,
} from '../../extensions/labour-platform/src/domain/consent/texts.js';
import { call, type DirectusClient } from './directus-client.js';

type Client = { request: DirectusClient['request'] };

/** Creates the shipped version as drafts, then publishes it (the publish rule checks every language is there). */
export async function ensureConsentTexts(admin: Client): Promise<boolean> {
  const existing = await call<unknown[]>(admin, 'GET', '/items/consent_texts?fields=id&limit=1');
  if (existing.length > 0) return false;
  const created = await call<Array<{ id: string }>>(
    admin,
    'POST',
    '/items/consent_texts?fields=id',
    SUPPORTED_LANGUAGE_CODES.map((language) => ({
      version: DEFAULT_CONSENT_TEXT_VERSION,
      language,
      status: 'draft',
      ...DEFAULT_CONSENT_TEXTS[language],
    })),
  );
  await call(admin, 'PATCH', '/items/consent_texts', {
    keys: created.map((row) => row.id),
    data: { status: 'published' },
  });
  return true;
}

export interface DemoInvitation {
  link: string;
  language: string;
  dateOfBirth: string;
  firstName: string;
}

/**
 * A fresh link for one demo migrant (Polish, housed by provider A, not yet answered), printed by `npm start` so
 * a newcomer can open the page; asked as provider A, who may see its own migrants' data and print their letters.
 * Asking for it replaces that migrant's previous link.
 */
export async function demoInvitation(provider: DirectusClient, url: string): Promise<DemoInvitation | null> {
  type Open = {
    migrant: {
      id: string;
      language: string;
      first_names: string;
      date_of_birth: string;
      current_location: string | null;
    } | null;
  };
  const open = await call<Open[]>(
    provider,
    'GET',
    '/items/consents?fields=migrant.id,migrant.language,migrant.first_names,migrant.date_of_birth,migrant.current_location&filter[status][_eq]=requested&limit=-1',
  );
  const migrant = open
    .map((row) => row.migrant)
    .filter(
      (candidate): candidate is NonNullable<Open['migrant']> =>
        candidate !== null && candidate.language === 'pl' && candidate.current_location !== null,
    )
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!migrant) return null;
  const token = await provider.getToken();
  const response = await fetch(`${url}/consent/letters`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
    body: JSON.stringify({ migrant: migrant.id }),
  });
  if (!response.ok) return null;
  const link = /class="letter__link">([^<]+)</.exec(await response.text())?.[1];
  if (!link) return null;
  return {
    link,
    language: migrant.language,
    dateOfBirth: migrant.date_of_birth,
    firstName: migrant.first_names.split(' ')[0] ?? '',
  };
}
