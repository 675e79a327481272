/**
 * Sign-in through an eHerkenning broker (OpenID Connect): which organisation and which role a login gets, from the
 * claims the broker issues. eHerkenning identifies a person acting for a company: the company by its KvK number
 * (`urn:etoegang:1.9:EntityConcernedID:KvKnr`) and, when the authorisation is limited to one branch, the branch by
 * its vestigingsnummer (`urn:etoegang:1.9:ServiceRestriction:Vestigingsnr`). Brokers pass them on as claims under
 * names of their own, so the names are configuration (docs/sign-in.md).
 *
 * The rule: the KvK number must belong to exactly one registered provider or employer (huisvester / werkgever).
 * A branch in the claims picks the organisation registered for that branch, else the one registered for the whole
 * company (no branch); without a branch only the one for the whole company, or the company's only organisation.
 * Anything else is refused: unknown KvK, a municipality (its staff have their own accounts), two candidates.
 * Plain module: no Directus import.
 */
import { escapeHtml, htmlDocument } from '../html';
import type { UiLanguage } from '../ui-language';

/** eHerkenning's own attribute names: the default claim names when a broker passes them on unchanged. */
export const EHERKENNING_KVK_CLAIM = 'urn:etoegang:1.9:EntityConcernedID:KvKnr';
export const EHERKENNING_BRANCH_CLAIM = 'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr';

export interface BrokerClaimNames {
  kvk: string;
  branch: string;
}

export interface BrokerClaims {
  kvkNumber: string;
  branchNumber: string | null;
}

/** The organisations a login may land in (the organisations collection, the fields this rule reads). */
export interface SignInOrganisation {
  id: string;
  type: string;
  kvk_number: string | null;
  branch_number: string | null;
}

export type SignInRole = 'provider';

export type SignInRefusal =
  | { code: 'claims_missing' }
  | { code: 'organisation_unknown'; kvkNumber: string; branchNumber: string | null }
  | { code: 'organisation_ambiguous'; kvkNumber: string; branchNumber: string | null }
  | { code: 'organisation_not_provider'; kvkNumber: string };

export type SignInDecision =
  { ok: true; organisation: string; role: SignInRole } | { ok: false; refusal: SignInRefusal };

const PROVIDER_TYPES: ReadonlySet<string> = new Set(['huisvester', 'werkgever']);

/** A KvK number: 8 digits. Brokers sometimes send it as a number (leading zero lost) or with spaces. */
export function normaliseKvkNumber(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const digits = text.replace(/[\s.]/g, '');
  if (!/^\d{1,8}$/.test(digits)) return null;
  return digits.padStart(8, '0');
}

/** A vestigingsnummer: 12 digits. */
export function normaliseBranchNumber(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const digits = text.replace(/[\s.]/g, '');
  if (!/^\d{1,12}$/.test(digits)) return null;
  return digits.padStart(12, '0');
}

/**
 * The first value of a claim: brokers send a single value or an array of one. Directus hands the claims over
 * flattened (`{ a: { b: 1 }, c: [2] }` as `{ 'a.b': 1, 'c.0': 2 }`), so a nested claim is named by its dotted path.
 */
function claimValue(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  const value = claims[name] ?? claims[`${name}.0`];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The KvK number and branch in a broker's claims, or null when the KvK number is missing or malformed. A malformed
 * branch counts as none given (the login then needs the organisation for the whole company).
 */
export function brokerClaims(claims: Readonly<Record<string, unknown>>, names: BrokerClaimNames): BrokerClaims | null {
  const kvkNumber = normaliseKvkNumber(claimValue(claims, names.kvk));
  if (!kvkNumber) return null;
  return { kvkNumber, branchNumber: normaliseBranchNumber(claimValue(claims, names.branch)) };
}

/** The organisation and role of a login with these claims, or why it is refused. */
export function decideSignIn(
  claims: BrokerClaims | null,
  organisations: readonly SignInOrganisation[],
): SignInDecision {
  if (!claims) return { ok: false, refusal: { code: 'claims_missing' } };
  const { kvkNumber, branchNumber } = claims;
  const company = organisations.filter((organisation) => normaliseKvkNumber(organisation.kvk_number) === kvkNumber);
  if (company.length === 0) return { ok: false, refusal: { code: 'organisation_unknown', kvkNumber, branchNumber } };
  const providers = company.filter((organisation) => PROVIDER_TYPES.has(organisation.type));
  if (providers.length === 0) return { ok: false, refusal: { code: 'organisation_not_provider', kvkNumber } };

  const branchOf = (organisation: SignInOrganisation) => normaliseBranchNumber(organisation.branch_number);
  const wholeCompany = providers.filter((organisation) => branchOf(organisation) === null);
  let candidates: SignInOrganisation[];
  if (branchNumber !== null) {
    const branch = providers.filter((organisation) => branchOf(organisation) === branchNumber);
    candidates = branch.length > 0 ? branch : wholeCompany;
  } else {
    candidates = providers.length === 1 ? providers : wholeCompany;
  }
  if (candidates.length === 0) return { ok: false, refusal: { code: 'organisation_unknown', kvkNumber, branchNumber } };
  if (candidates.length > 1) return { ok: false, refusal: { code: 'organisation_ambiguous', kvkNumber, branchNumber } };
  return { ok: true, organisation: candidates[0]!.id, role: 'provider' };
}

/**
 * The error code of a refused sign-in. Directus would send the browser back to the admin app's login page with
 * `?reason=<code>`, which can only show the app's own texts (a custom translation cannot reach its `errors.*` keys):
 * the platform answers the callback with the page below instead (glue/sign-in/refused-page.ts).
 */
export const SIGN_IN_REFUSED_CODE = 'ORGANISATION_NOT_REGISTERED';

/** What the refusal tells the person (and the log): never more than the KvK and branch numbers the broker sent. */
export function signInRefusalMessage(refusal: SignInRefusal, language: UiLanguage): string {
  const nl = language === 'nl';
  switch (refusal.code) {
    case 'claims_missing':
      return nl
        ? 'Inloggen met eHerkenning lukt niet: de makelaar gaf geen KvK-nummer door.'
        : 'Signing in with eHerkenning failed: the broker did not pass a KvK number.';
    case 'organisation_unknown':
      return nl
        ? `Uw organisatie (KvK ${refusal.kvkNumber}${refusal.branchNumber ? `, vestiging ${refusal.branchNumber}` : ''}) is niet aangemeld bij het platform.`
        : `Your organisation (KvK ${refusal.kvkNumber}${refusal.branchNumber ? `, branch ${refusal.branchNumber}` : ''}) is not registered with the platform.`;
    case 'organisation_ambiguous':
      return nl
        ? `Uw KvK-nummer ${refusal.kvkNumber} hoort bij meer dan één aangemelde organisatie; log in met eHerkenning voor één vestiging.`
        : `Your KvK number ${refusal.kvkNumber} belongs to more than one registered organisation; sign in with eHerkenning for one branch.`;
    case 'organisation_not_provider':
      return nl
        ? `KvK-nummer ${refusal.kvkNumber} is geen huisvester of werkgever; medewerkers van een gemeente loggen in met hun eigen account.`
        : `KvK number ${refusal.kvkNumber} is not a housing provider or employer; municipal staff sign in with their own account.`;
  }
}

/**
 * The page a refused sign-in lands on, in the person's language: why (the refusal, when known), what to do, and the
 * way back to the login page (where administrators and municipal staff sign in with their own account).
 */
export function signInRefusedPage(refusal: SignInRefusal | null, language: UiLanguage, loginUrl: string): string {
  const nl = language === 'nl';
  const title = nl ? 'Inloggen met eHerkenning niet gelukt' : 'Signing in with eHerkenning failed';
  const why = refusal
    ? signInRefusalMessage(refusal, language)
    : nl
      ? 'Uw organisatie is niet aangemeld bij het platform.'
      : 'Your organisation is not registered with the platform.';
  const what =
    refusal?.code === 'organisation_not_provider'
      ? nl
        ? 'Gebruik op de inlogpagina uw eigen account (e-mailadres en wachtwoord).'
        : 'Use your own account (email address and password) on the login page.'
      : nl
        ? 'Vraag de gemeente waar u arbeidsmigranten huisvest of in dienst hebt om uw organisatie met haar KvK-nummer (en zo nodig vestigingsnummer) aan te melden, en log daarna opnieuw in.'
        : 'Ask the municipality where you house or employ labour migrants to register your organisation with its KvK number (and branch number where needed), then sign in again.';
  const back = nl ? 'Terug naar inloggen' : 'Back to sign-in';
  return htmlDocument({
    language: nl ? 'nl' : 'en',
    title,
    head: '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b57d0}</style>',
    body: `<main>
<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(why)}</p>
<p>${escapeHtml(what)}</p>
<p><a href="${escapeHtml(loginUrl)}">${escapeHtml(back)}</a></p>
</main>`,
  });
}
