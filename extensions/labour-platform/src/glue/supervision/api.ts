/**
 * The supervision endpoint's glue (../../endpoints/supervision): an administrator runs the evaluation now (the hourly
 * schedule does the same); on a test instance (RETENTION_TEST_CLOCK=true, the platform's one movable clock) the run
 * may name its own `today`.
 */
import { requestedToday, testClockMovable } from '../http/requested-today';
import type { DataAccess } from '../items';
import type { KeyRing } from '../../domain/privacy';
import { evaluateWarnings, type EvaluationResult } from './evaluate';

/** POST /supervision/warnings/run { today? }: administrators (the seam checks). */
export async function runWarnings(
  access: DataAccess,
  body: unknown,
  env: Readonly<Record<string, string | undefined>>,
  ring: KeyRing | null = null,
  log: (line: string) => void = () => undefined,
): Promise<EvaluationResult> {
  const input =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return evaluateWarnings(access, requestedToday(input, testClockMovable(env)), new Date(), { env, ring, log });
}
