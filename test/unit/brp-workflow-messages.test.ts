import { describe, expect, it } from 'vitest';
import {
  BRP_GUARD_NAMES,
  brpMachine,
  decide,
  guardName,
  type BrpFacts,
} from '../../extensions/labour-platform/src/domain/brp/machine';
import { GUARD_EXPLANATIONS, refusalMessage } from '../../extensions/labour-platform/src/domain/brp/workflow-messages';

/** Every guard name the machine's transitions actually use, read from the machine itself. */
function guardsUsedByMachine(): string[] {
  const names = new Set<string>();
  for (const node of Object.values(brpMachine.states)) {
    for (const definitions of node.transitions.values()) {
      for (const definition of definitions) {
        const name = guardName(definition);
        if (name !== null) names.add(name);
      }
    }
  }
  return [...names].sort();
}

const shortStay: BrpFacts = {
  arrivalDate: '2026-01-10',
  expectedDepartureDate: '2026-02-10',
  appointment: null,
  today: '2026-01-10',
  now: '2026-01-10T09:00:00.000Z',
};

describe('guard explanations', () => {
  it('names exactly the guards the machine uses', () => {
    expect([...BRP_GUARD_NAMES].sort()).toEqual(guardsUsedByMachine());
  });

  it.each(BRP_GUARD_NAMES.flatMap((guard) => (['nl', 'en'] as const).map((lang) => [guard, lang] as const)))(
    'explains guard %s in %s',
    (guard, lang) => {
      expect(GUARD_EXPLANATIONS[guard][lang].trim().length).toBeGreaterThan(0);
    },
  );

  it('explains why a long stay cannot be referred to the RNI (guard expectsShortStay)', () => {
    const facts: BrpFacts = { ...shortStay, expectedDepartureDate: '2026-12-10' };
    const decision = decide('niet_ingeschreven', { type: 'REFER_TO_RNI' }, facts);
    expect(decision).toMatchObject({ ok: false, reason: 'guard_failed', guard: 'expectsShortStay' });
    const guard = decision.ok ? undefined : decision.guard;
    expect(refusalMessage({ code: 'guard_failed', event: 'REFER_TO_RNI', guard }, 'en')).toBe(
      `"Refer to the RNI" is not possible now: ${GUARD_EXPLANATIONS.expectsShortStay.en}.`,
    );
  });

  it('explains a refused RNI referral in Dutch too', () => {
    expect(refusalMessage({ code: 'guard_failed', event: 'REFER_TO_RNI', guard: 'expectsShortStay' }, 'nl')).toBe(
      `"Doorverwijzen naar de RNI" kan nu niet: ${GUARD_EXPLANATIONS.expectsShortStay.nl}.`,
    );
  });
});
