/**
 * Signed consents in the demo, so a clerk sees a real record with a real task: a few of provider A's migrants in
 * gemeente A sign the authorisation on the public consent page's API, exactly as a migrant does (a printed
 * letter's link, the date of birth, the full name), and one of them revokes it again. The evidence
 * (consent_records) is real and signed; `npm run consent:verify` accepts it.
 */
import { expectsLongStay } from '../../extensions/labour-platform/src/domain/brp/machine.js';
import { DEMO_ORGANISATION_IDS, type DemoData, type DemoMigrant } from '../demo-data.js';
import { loggedInClient } from './directus-client.js';

export interface DemoConsentPlan {
  /** Migrants who sign (those in `revoke` sign first, then revoke). */
  sign: DemoMigrant[];
  revoke: DemoMigrant[];
}

/** How many migrants sign, per BRP status whose open task is the municipality's. */
const SIGNING: ReadonlyArray<readonly [DemoMigrant['brp_status'], number]> = [
  ['geen', 4],
  ['niet_ingeschreven', 3],
  ['afspraak_bevestigd', 1],
];

function longStay(migrant: DemoMigrant, today: string): boolean {
  return expectsLongStay({
    arrivalDate: migrant.arrival_date,
    expectedDepartureDate: migrant.expected_departure_date,
    today,
  });
}

/** Deterministic: provider A's migrants with an e-mail address, housed in gemeente A, long stays and lowest ids first. */
export function demoConsentPlan(data: DemoData): DemoConsentPlan {
  const inGemeenteA = new Set(
    data.locations
      .filter((location) => location.municipality === DEMO_ORGANISATION_IDS.gemeenteA)
      .map((location) => location.id),
  );
  const candidates = data.migrants
    .filter(
      (migrant) =>
        migrant.provider === DEMO_ORGANISATION_IDS.providerA &&
        migrant.email &&
        migrant.current_location &&
        inGemeenteA.has(migrant.current_location),
    )
    // long stays first: their migrants go on to be scheduled at the desk (a short stay goes to the RNI)
    .sort(
      (a, b) =>
        Number(longStay(b, data.referenceDate)) - Number(longStay(a, data.referenceDate)) || a.id.localeCompare(b.id),
    );
  const sign = SIGNING.flatMap(([status, count]) =>
    candidates.filter((migrant) => migrant.brp_status === status).slice(0, count),
  );
  // the last 'geen' one revokes: the clerk sees what a revoked consent looks like
  const revoke = sign.filter((migrant) => migrant.brp_status === 'geen').slice(-1);
  return { sign, revoke };
}

/** The address the seed poses as towards the consent API's rate limits (honoured only behind a trusted proxy). */
const SEED_ADDRESS = '192.0.2.250';

class PublicConsentApi {
  private cookie = '';
  private csrf = '';

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    const response = await fetch(`${this.url}/consent/api/csrf`, { headers: { 'X-Forwarded-For': SEED_ADDRESS } });
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = ((await response.json()) as { data: { csrf: string } }).data.csrf;
  }

  async post<T>(path: string, body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.url}/consent/api/${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Consent-CSRF': this.csrf,
        Cookie: this.cookie,
        'X-Forwarded-For': SEED_ADDRESS,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`demo consent: ${path} answered ${response.status}`);
    return ((await response.json()) as { data: T }).data;
  }
}

function dateParts(isoDate: string): { day: string; month: string; year: string } {
  const [year, month, day] = isoDate.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' };
}

async function signWithLetter(
  url: string,
  token: string,
  api: PublicConsentApi,
  migrant: DemoMigrant,
  revoke: boolean,
): Promise<void> {
  const letter = await fetch(`${url}/consent/letters`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ migrant: migrant.id }),
  });
  const link = /class="letter__link">([^<]+)</.exec(await letter.text())?.[1];
  const linkToken = link?.split('#t=')[1];
  if (!letter.ok || !linkToken) throw new Error(`demo consent: no letter (${letter.status})`);
  const session = await api.post<{ text: { sha256: string; language: string } }>('session', {
    token: linkToken,
    language: migrant.language,
  });
  const dateOfBirth = dateParts(migrant.date_of_birth);
  const signed = await api.post<{ revokeLink: string }>('sign', {
    token: linkToken,
    dateOfBirth,
    fullName: `${migrant.first_names} ${migrant.surname}`,
    agree: true,
    language: session.text.language,
    textSha256: session.text.sha256,
  });
  if (revoke) {
    const revokeToken = signed.revokeLink.split('#t=')[1] ?? '';
    await api.post('revoke', {
      token: revokeToken,
      dateOfBirth,
      language: session.text.language,
      textSha256: session.text.sha256,
    });
  }
}

/** Signs (and revokes) the plan's consents through the public API; provider A prints each migrant's letter. */
export async function signDemoConsents(url: string, password: string, data: DemoData): Promise<number> {
  const plan = demoConsentPlan(data);
  if (plan.sign.length === 0) return 0;
  const provider = await loggedInClient(url, 'provider-a@example.org', password);
  const token = (await provider.getToken()) ?? '';
  const api = new PublicConsentApi(url);
  await api.start();
  for (const migrant of plan.sign) {
    // registering sent an invitation through the outbox, which may still be at work: its link can replace the
    // letter's between the two requests, so a refused link is tried again with a new letter
    for (let attempt = 1; ; attempt += 1) {
      try {
        await signWithLetter(url, token, api, migrant, plan.revoke.includes(migrant));
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  return plan.sign.length;
}
