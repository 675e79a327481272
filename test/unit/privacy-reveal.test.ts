import { describe, expect, it } from 'vitest';
import type { ConsentStatus } from '../../extensions/labour-platform/src/domain/vocabulary';
import {
  decideReveal,
  SHIELDED_PLACEHOLDER,
  shieldedNotice,
  type RevealDecision,
  type RevealInput,
  type ShieldReason,
  type Viewer,
} from '../../extensions/labour-platform/src/domain/privacy/reveal';

const VIEWERS: Viewer[] = ['administrator', 'clerk', 'provider', 'inspector', 'policy_officer', 'system'];
const CONSENTS: Array<ConsentStatus | null> = [null, 'requested', 'signed', 'refused', 'revoked', 'expired'];
const BREAK_GLASS: Array<RevealInput['breakGlass']> = [
  undefined,
  { reason: '' },
  { reason: '   ' },
  { reason: 'BRP-correctie op verzoek van RvIG, ticket 4711' },
];

const input = (
  viewer: Viewer,
  own: boolean,
  consent: ConsentStatus | null,
  task: boolean,
  breakGlass?: { reason: string },
): RevealInput => ({
  viewer,
  viewerIsMigrantsProvider: own,
  consent: consent === null ? null : { status: consent },
  municipalityHasOpenTaskNeedingData: task,
  ...(breakGlass ? { breakGlass } : {}),
});
const yes = (basis: Extract<RevealDecision, { reveal: true }>['basis']): RevealDecision => ({ reveal: true, basis });
const no = (reason: ShieldReason): RevealDecision => ({ reveal: false, reason });
const GLASS = { reason: 'BRP-correctie, ticket 4711' };

describe('decideReveal', () => {
  // viewer, own provider, consent, open task, break-glass → decision
  const table: Array<[Viewer, boolean, ConsentStatus | null, boolean, { reason: string } | undefined, RevealDecision]> =
    [
      ['system', false, null, false, undefined, yes('system')],
      ['system', true, 'revoked', true, undefined, yes('system')],

      ['provider', true, null, false, undefined, yes('own_provider')],
      ['provider', true, 'revoked', false, undefined, yes('own_provider')],
      ['provider', true, 'signed', true, undefined, yes('own_provider')],
      ['provider', false, 'signed', true, undefined, no('not_permitted')],
      ['provider', false, null, false, GLASS, no('not_permitted')],

      ['clerk', false, 'signed', true, undefined, yes('consent_and_open_task')],
      ['clerk', true, 'signed', true, undefined, yes('consent_and_open_task')],
      ['clerk', false, 'signed', false, undefined, no('no_open_task')],
      ['clerk', false, null, true, undefined, no('no_consent')],
      ['clerk', false, null, false, undefined, no('no_consent')],
      ['clerk', false, 'requested', true, undefined, no('no_consent')],
      ['clerk', false, 'refused', true, undefined, no('no_consent')],
      ['clerk', false, 'revoked', true, undefined, no('no_consent')],
      ['clerk', false, 'expired', true, undefined, no('no_consent')],
      ['clerk', false, 'revoked', false, undefined, no('no_consent')],
      ['clerk', false, null, false, GLASS, no('no_consent')],

      ['administrator', false, 'signed', true, undefined, no('not_permitted')],
      ['administrator', true, null, false, undefined, no('not_permitted')],
      ['administrator', false, null, false, { reason: '' }, no('not_permitted')],
      ['administrator', false, null, false, { reason: ' \t\n' }, no('not_permitted')],
      ['administrator', false, null, false, GLASS, yes('break_glass')],
      ['administrator', false, 'revoked', false, GLASS, yes('break_glass')],

      ['inspector', false, 'signed', true, undefined, no('not_permitted')],
      ['inspector', true, 'signed', true, GLASS, no('not_permitted')],
      ['policy_officer', false, 'signed', true, undefined, no('not_permitted')],
      ['policy_officer', true, 'signed', true, GLASS, no('not_permitted')],
    ];

  it.each(table)(
    '%s (own provider %s, consent %s, open task %s, break-glass %j)',
    (viewer, own, consent, task, glass, expected) => {
      expect(decideReveal(input(viewer, own, consent, task, glass))).toEqual(expected);
    },
  );

  describe('over every combination of the inputs', () => {
    const all: RevealInput[] = [];
    for (const viewer of VIEWERS)
      for (const own of [false, true])
        for (const consent of CONSENTS)
          for (const task of [false, true])
            for (const glass of BREAK_GLASS) all.push(input(viewer, own, consent, task, glass));

    it('covers 576 combinations', () => expect(all).toHaveLength(576));

    it('system always reveals; inspectors and policy officers never do', () => {
      for (const i of all) {
        if (i.viewer === 'system') expect(decideReveal(i)).toEqual(yes('system'));
        if (i.viewer === 'inspector' || i.viewer === 'policy_officer')
          expect(decideReveal(i)).toEqual(no('not_permitted'));
      }
    });

    it('a provider sees exactly its own migrants, whatever the consent', () => {
      for (const i of all.filter((x) => x.viewer === 'provider')) {
        expect(decideReveal(i)).toEqual(i.viewerIsMigrantsProvider ? yes('own_provider') : no('not_permitted'));
      }
    });

    it('a clerk sees only with a signed consent and an open task; no consent is reported before no task', () => {
      for (const i of all.filter((x) => x.viewer === 'clerk')) {
        const signed = i.consent?.status === 'signed';
        const expected = !signed
          ? no('no_consent')
          : !i.municipalityHasOpenTaskNeedingData
            ? no('no_open_task')
            : yes('consent_and_open_task');
        expect(decideReveal(i)).toEqual(expected);
      }
    });

    it('an administrator sees only by break-glass with a reason', () => {
      for (const i of all.filter((x) => x.viewer === 'administrator')) {
        expect(decideReveal(i)).toEqual(i.breakGlass?.reason.trim() ? yes('break_glass') : no('not_permitted'));
      }
    });

    it('only break-glass decisions come from break-glass, and only for administrators', () => {
      for (const i of all) {
        const decision = decideReveal(i);
        if (decision.reveal && decision.basis === 'break_glass') expect(i.viewer).toBe('administrator');
      }
    });
  });

  it('refuses an unknown viewer', () => {
    expect(decideReveal(input('guest' as Viewer, true, 'signed', true, GLASS))).toEqual(no('not_permitted'));
  });
});

describe('shielded notices', () => {
  it('has a fixed placeholder', () => {
    expect(SHIELDED_PLACEHOLDER).toBe('•••');
  });

  it.each([
    ['no_consent', 'Afgeschermd: geen machtiging', 'Shielded: no consent'],
    [
      'no_open_task',
      'Afgeschermd: geen openstaande taak die deze gegevens nodig heeft',
      'Shielded: no open task needs this data',
    ],
    ['not_permitted', 'Afgeschermd: geen toegang tot persoonsgegevens', 'Shielded: no access to personal data'],
  ] as const)('explains %s in Dutch and English', (reason, nl, en) => {
    expect(shieldedNotice(reason, 'nl')).toBe(nl);
    expect(shieldedNotice(reason, 'en')).toBe(en);
  });
});
