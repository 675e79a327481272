/**
 * Every wait in the integration and browser tests is an upper bound, never a measurement: how long a step may take
 * before the test gives up. The suite must pass on a machine busy with other work (two cores shared with a build
 * or a second suite are several times slower than a quiet one), so each bound is scaled by TEST_PATIENCE (default
 * 4). A larger bound only makes a failing test slower to report; no test asserts that anything was fast
 * (benchmarks do that, in `npm run bench`).
 */
const configured = Number(process.env['TEST_PATIENCE'] ?? '4');

export const PATIENCE = Number.isFinite(configured) && configured >= 1 ? configured : 4;

/** `ms` as an upper bound on a possibly busy machine. */
export function patient(ms: number): number {
  return ms * PATIENCE;
}
