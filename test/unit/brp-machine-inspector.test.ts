import type { InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import { replayForInspection } from '../../extensions/labour-platform/src/domain/brp/machine-inspector';

describe('inspection replay', () => {
  it('shows an applied event to the inspector as a snapshot of the next state', () => {
    const seen: InspectionEvent[] = [];
    const facts = {
      arrivalDate: '2026-01-05',
      expectedDepartureDate: null,
      appointment: null,
      today: '2026-01-06',
      now: '2026-01-06T09:00:00.000Z',
    };
    replayForInspection((event) => seen.push(event), 'geen', { type: 'ASSESS', outcome: 'not_registered' }, facts);
    expect(
      seen.some((event) => event.type === '@xstate.event' && (event.event as { type: string }).type === 'ASSESS'),
    ).toBe(true);
    const snapshots = seen
      .filter((event) => event.type === '@xstate.snapshot')
      .map((event) => (event.snapshot as unknown as { value: unknown }).value);
    expect(snapshots).toContain('niet_ingeschreven');
  });
});
