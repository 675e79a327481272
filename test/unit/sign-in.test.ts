import { describe, expect, it } from 'vitest';
import {
  brokerClaims,
  decideSignIn,
  EHERKENNING_BRANCH_CLAIM,
  EHERKENNING_KVK_CLAIM,
  normaliseBranchNumber,
  normaliseKvkNumber,
  signInRefusalMessage,
  signInRefusedPage,
  type SignInOrganisation,
} from '../../extensions/labour-platform/src/domain/sign-in/eherkenning';
import {
  noteRefusal,
  signInRefusedPageMiddleware,
} from '../../extensions/labour-platform/src/glue/sign-in/refused-page';

const names = { kvk: EHERKENNING_KVK_CLAIM, branch: EHERKENNING_BRANCH_CLAIM };

const organisations: SignInOrganisation[] = [
  { id: 'gemeente', type: 'gemeente', kvk_number: '11111111', branch_number: null },
  { id: 'provider-a', type: 'huisvester', kvk_number: '90417263', branch_number: null },
  { id: 'employer-whole', type: 'werkgever', kvk_number: '72094518', branch_number: null },
  { id: 'employer-west', type: 'werkgever', kvk_number: '72094518', branch_number: '000012345678' },
  { id: 'chain-north', type: 'huisvester', kvk_number: '55555555', branch_number: '000000000001' },
  { id: 'chain-south', type: 'huisvester', kvk_number: '55555555', branch_number: '000000000002' },
  { id: 'no-kvk', type: 'huisvester', kvk_number: null, branch_number: null },
];

describe('normalising numbers', () => {
  it.each([
    ['90417263', '90417263'],
    [' 9041 7263 ', '90417263'],
    [1234567, '01234567'],
    ['1234567', '01234567'],
    ['123456789', null],
    ['KVK90417263', null],
    ['', null],
    [null, null],
    [1.5, null],
  ])('KvK %j → %j', (input, expected) => {
    expect(normaliseKvkNumber(input)).toBe(expected);
  });

  it.each([
    ['000012345678', '000012345678'],
    ['12345678', '000012345678'],
    [12345678, '000012345678'],
    ['1234567890123', null],
    [undefined, null],
  ])('branch %j → %j', (input, expected) => {
    expect(normaliseBranchNumber(input)).toBe(expected);
  });
});

describe('brokerClaims', () => {
  it('reads the KvK number and branch under the configured names, single values or arrays of one', () => {
    expect(brokerClaims({ [EHERKENNING_KVK_CLAIM]: '90417263' }, names)).toEqual({
      kvkNumber: '90417263',
      branchNumber: null,
    });
    expect(
      brokerClaims({ [EHERKENNING_KVK_CLAIM]: ['72094518'], [EHERKENNING_BRANCH_CLAIM]: ['12345678'] }, names),
    ).toEqual({ kvkNumber: '72094518', branchNumber: '000012345678' });
    // as Directus hands them over: flattened
    expect(
      brokerClaims(
        { [`${EHERKENNING_KVK_CLAIM}.0`]: '72094518', 'broker.branch': '12345678' },
        { ...names, branch: 'broker.branch' },
      ),
    ).toEqual({ kvkNumber: '72094518', branchNumber: '000012345678' });
    expect(brokerClaims({ kvk: '90417263', vestiging: 'x' }, { kvk: 'kvk', branch: 'vestiging' })).toEqual({
      kvkNumber: '90417263',
      branchNumber: null,
    });
  });

  it('is null without a well-formed KvK number', () => {
    expect(brokerClaims({}, names)).toBeNull();
    expect(brokerClaims({ [EHERKENNING_KVK_CLAIM]: 'nope' }, names)).toBeNull();
    expect(brokerClaims({ kvk: '90417263' }, names)).toBeNull();
  });
});

describe('decideSignIn', () => {
  const decide = (kvkNumber: string, branchNumber: string | null = null) =>
    decideSignIn({ kvkNumber, branchNumber }, organisations);

  it('lands a provider in its organisation with the provider role', () => {
    expect(decide('90417263')).toEqual({ ok: true, organisation: 'provider-a', role: 'provider' });
    // a branch for which no organisation of its own is registered: the organisation of the whole company
    expect(decide('90417263', '000000000099')).toEqual({ ok: true, organisation: 'provider-a', role: 'provider' });
  });

  it('picks the branch when the claims name one registered on its own, else the whole company', () => {
    expect(decide('72094518', '000012345678')).toMatchObject({ ok: true, organisation: 'employer-west' });
    expect(decide('72094518', '000000000077')).toMatchObject({ ok: true, organisation: 'employer-whole' });
    expect(decide('72094518')).toMatchObject({ ok: true, organisation: 'employer-whole' });
    expect(decide('55555555', '000000000002')).toMatchObject({ ok: true, organisation: 'chain-south' });
  });

  it('refuses an unknown KvK number, an unregistered branch of a company registered per branch, and two candidates', () => {
    expect(decide('12345678')).toEqual({
      ok: false,
      refusal: { code: 'organisation_unknown', kvkNumber: '12345678', branchNumber: null },
    });
    expect(decide('55555555', '000000000003')).toMatchObject({ ok: false, refusal: { code: 'organisation_unknown' } });
    expect(decide('55555555')).toMatchObject({ ok: false, refusal: { code: 'organisation_unknown' } });
    const twice = [...organisations, { id: 'copy', type: 'huisvester', kvk_number: '90417263', branch_number: null }];
    expect(decideSignIn({ kvkNumber: '90417263', branchNumber: null }, twice)).toMatchObject({
      ok: false,
      refusal: { code: 'organisation_ambiguous' },
    });
  });

  it('never lands a login in a municipality, and refuses claims without a KvK number', () => {
    expect(decide('11111111')).toEqual({
      ok: false,
      refusal: { code: 'organisation_not_provider', kvkNumber: '11111111' },
    });
    expect(decideSignIn(null, organisations)).toEqual({ ok: false, refusal: { code: 'claims_missing' } });
  });

  it('says why in Dutch and English', () => {
    const refusal = { code: 'organisation_unknown', kvkNumber: '12345678', branchNumber: '000000000003' } as const;
    expect(signInRefusalMessage(refusal, 'nl')).toBe(
      'Uw organisatie (KvK 12345678, vestiging 000000000003) is niet aangemeld bij het platform.',
    );
    expect(signInRefusalMessage(refusal, 'en')).toBe(
      'Your organisation (KvK 12345678, branch 000000000003) is not registered with the platform.',
    );
    for (const code of ['claims_missing', 'organisation_ambiguous', 'organisation_not_provider'] as const) {
      const other = { code, kvkNumber: '12345678', branchNumber: null } as never;
      expect(signInRefusalMessage(other, 'nl')).not.toBe(signInRefusalMessage(other, 'en'));
    }
  });
});

describe('the page of a refused sign-in', () => {
  const refusal = { code: 'organisation_unknown', kvkNumber: '12345678', branchNumber: null } as const;

  it("says why and what to do in the person's language, with the way back to the login page", () => {
    const nl = signInRefusedPage(refusal, 'nl', '/admin/login');
    expect(nl).toContain('<html lang="nl"');
    expect(nl).toContain('Uw organisatie (KvK 12345678) is niet aangemeld bij het platform.');
    expect(nl).toContain('<a href="/admin/login">Terug naar inloggen</a>');
    const en = signInRefusedPage(null, 'en', 'https://x.example/admin/login');
    expect(en).toContain('Your organisation is not registered with the platform.');
    expect(en).toContain('Back to sign-in');
    expect(signInRefusedPage(null, 'en', '/a"><script>')).not.toContain('<script>');
  });
});

describe('the refused page in front of the callback (glue)', () => {
  interface Answer {
    status?: number;
    body?: string;
    redirectedTo?: unknown[];
  }
  function fakeResponse(answer: Answer) {
    const response = {
      redirect: (...args: unknown[]) => void (answer.redirectedTo = args),
      status: (code: number) => ((answer.status = code), response),
      set: () => response,
      type: () => response,
      send: (body: string) => void (answer.body = body),
    };
    return response;
  }
  const middleware = signInRefusedPageMiddleware({});
  const request = (path: string, language = 'en-US,en;q=0.9') => ({
    method: 'GET',
    path,
    headers: { 'accept-language': language },
  });

  it('turns the redirect of a refused login into the page, with the refusal the filter noted', () => {
    const answer: Answer = {};
    const response = fakeResponse(answer);
    middleware(request('/auth/login/eherkenning/callback'), response, () => {
      noteRefusal({ code: 'organisation_not_provider', kvkNumber: '11111111' });
      response.redirect('http://127.0.0.1:8055/admin/login?reason=ORGANISATION_NOT_REGISTERED');
    });
    expect(answer.redirectedTo).toBeUndefined();
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('KvK number 11111111 is not a housing provider or employer');
    expect(answer.body).toContain('Use your own account (email address and password) on the login page.');
    expect(answer.body).toContain('href="http://127.0.0.1:8055/admin/login"');
  });

  it('lets every other answer and route through', () => {
    const answer: Answer = {};
    const response = fakeResponse(answer);
    middleware(request('/auth/login/eherkenning/callback'), response, () =>
      response.redirect('http://127.0.0.1:8055/admin/content'),
    );
    expect(answer.redirectedTo).toEqual(['http://127.0.0.1:8055/admin/content']);
    const other: Answer = {};
    const otherResponse = fakeResponse(other);
    let passed = 0;
    middleware(request('/auth/login/other/callback'), otherResponse, () => void passed++);
    middleware(request('/items/migrants'), otherResponse, () => void passed++);
    expect(passed).toBe(2);
    otherResponse.redirect('/admin/login?reason=ORGANISATION_NOT_REGISTERED');
    expect(other.redirectedTo).toEqual(['/admin/login?reason=ORGANISATION_NOT_REGISTERED']);
  });
});
