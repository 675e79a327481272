/**
 * The day a scheduled job's manual run works on: today, or the `today` of the request's body where the clock is
 * movable (a test instance: RETENTION_TEST_CLOCK=true, which scripts/lib/ephemeral-platform.ts sets, never
 * production); anywhere else, or a `today` that is no calendar date, an invalid_input refusal at `today`.
 */
import { isCalendarDate, todayInNetherlands } from '../../domain/dates';
import { Refused } from './seam';

export function testClockMovable(env: Readonly<Record<string, string | undefined>>): boolean {
  return env['RETENTION_TEST_CLOCK'] === 'true';
}

export function requestedToday(body: Readonly<Record<string, unknown>>, movable: boolean): string {
  if (body['today'] === undefined) return todayInNetherlands();
  if (!movable || typeof body['today'] !== 'string' || !isCalendarDate(body['today']))
    throw new Refused({ code: 'invalid_input', field: 'today' });
  return body['today'];
}
