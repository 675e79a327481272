import { defineConfig } from 'vitest/config';
import { patient } from './test/support/patience';

/**
 * Three projects: `unit` runs the plain domain modules; `integration` boots a real Directus with the real
 * extension on a fresh database (SQLite by default, PostgreSQL when DB_CLIENT=pg) and talks HTTP to it;
 * `repo` checks the repository's own files (config-as-code, README diagram, deployment description).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // property tests and openssl runs on a loaded machine: an upper bound, never a speed assertion
          testTimeout: patient(15_000),
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          // upper bounds, scaled for a busy machine (test/support/patience.ts); no test asserts that anything was fast
          testTimeout: patient(60_000),
          hookTimeout: patient(120_000),
          expect: { poll: { timeout: patient(5_000) } },
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'repo',
          include: ['test/repo/**/*.test.ts'],
          environment: 'node',
          testTimeout: patient(15_000),
        },
      },
    ],
  },
});
