/** The departures a full list's commit reports: only what the caller confirmed and what is still proposed now. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmedDepartures,
  parseCommitRequest,
  type IntakeProposedDeparture,
} from '../../extensions/labour-platform/src/domain/intake';

const departure = (migrant: string, stay = `s-${migrant}`): IntakeProposedDeparture => ({
  migrant,
  case_number: null,
  location: 'loc',
  stay,
});

describe('the commit request', () => {
  it('confirms only with confirm_departures: true; no body, {} or false confirm nothing; anything else is refused', () => {
    expect(parseCommitRequest({ confirm_departures: true })).toEqual({ confirmDepartures: true });
    for (const body of [undefined, null, '', {}, { confirm_departures: false }, { confirm_departures: null }])
      expect(parseCommitRequest(body)).toEqual({ confirmDepartures: false });
    for (const body of [{ confirm_departures: 'true' }, { confirm_departures: 1 }, [true], 'yes', 42])
      expect(parseCommitRequest(body)).toBeNull();
  });
});

describe('the confirmed departures', () => {
  it('are those proposed in the dry run and still proposed now, for the same stay', () => {
    const before = [departure('a'), departure('b'), departure('c')];
    const now = [departure('a'), departure('c', 'other-stay'), departure('d')];
    expect(confirmedDepartures(before, now).map((d) => d.migrant)).toEqual(['a']);
    expect(confirmedDepartures([], now)).toEqual([]);
  });

  it('never reports anyone the caller was not shown, and nobody twice', () => {
    const proposal = fc.array(
      fc.record({
        migrant: fc.constantFrom('a', 'b', 'c', 'd'),
        case_number: fc.constant(null),
        location: fc.constant('loc'),
        stay: fc.constantFrom('s1', 's2'),
      }),
    );
    fc.assert(
      fc.property(proposal, proposal, (before, now) => {
        const reported = confirmedDepartures(before, now);
        expect(new Set(reported.map((d) => d.migrant)).size).toBe(reported.length);
        for (const d of reported) {
          expect(before.some((b) => b.migrant === d.migrant && b.stay === d.stay)).toBe(true);
          expect(now.some((n) => n.migrant === d.migrant && n.stay === d.stay)).toBe(true);
        }
      }),
    );
  });
});
