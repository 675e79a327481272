/**
 * `npm test` runs everything, so it runs `npm run typecheck` too: strict TypeScript (tsc and vue-tsc over the extension,
 * scripts and tests) and Prettier's check. A type error or an unformatted file fails the suite, not only a hand run.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/project';
import { patient } from '../support/patience';

const run = promisify(execFile);

describe('the code base', () => {
  it('type-checks strictly and is formatted (npm run typecheck)', { timeout: patient(300_000) }, async () => {
    const outcome = await run('npm', ['run', '-s', 'typecheck'], {
      cwd: projectRoot,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(outcome.output).toBe('');
    expect(outcome.ok).toBe(true);
  });
});
