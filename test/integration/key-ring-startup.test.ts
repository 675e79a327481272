/** Directus with the platform's extension refuses to start without a valid key ring, and says what to set. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyRingEnv } from '../../extensions/labour-platform/src/domain/privacy/keyring.js';
import { freePort } from '../../scripts/lib/ephemeral-platform.js';
import { bootstrapDatabase, platformEnvironment } from '../../scripts/lib/platform.js';
import { projectRoot } from '../../scripts/lib/project.js';
import { patient } from '../support/patience.js';

describe('start-up without a valid key ring', () => {
  it(
    'refuses to run, naming the variable to set, without printing key material',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'key-ring-startup-'));
      const good = generateKeyRingEnv();
      const base = platformEnvironment(
        projectRoot,
        {
          ...process.env,
          ...good,
          DB_CLIENT: 'sqlite3',
          DB_FILENAME: join(directory, 'db.sqlite'),
          SECRET: 'startup-test-secret-0123456789abcdef',
          PORT: String(await freePort()),
          STORAGE_LOCAL_ROOT: join(directory, 'uploads'),
          LOG_STYLE: 'raw',
        },
        { dotenv: false },
      );
      bootstrapDatabase(projectRoot, base.env);
      const start = (ring: Record<string, string | undefined>) => {
        const env: Record<string, string> = { ...base.env };
        for (const [key, value] of Object.entries(ring))
          if (value === undefined) delete env[key];
          else env[key] = value;
        return spawnSync(
          process.execPath,
          [join(projectRoot, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js'), 'start'],
          { cwd: projectRoot, env, encoding: 'utf8', timeout: patient(60_000) },
        );
      };
      const missing = start({ FIELD_ENCRYPTION_KEYS: undefined });
      expect(missing.status).not.toBe(0);
      expect(missing.stdout + missing.stderr).toContain('FIELD_ENCRYPTION_KEYS');
      const malformed = start({ FIELD_ENCRYPTION_KEYS: 'k1:tooshort' });
      expect(malformed.status).not.toBe(0);
      const output = malformed.stdout + malformed.stderr;
      expect(output).toContain('FIELD_ENCRYPTION_KEYS');
      expect(output).not.toContain('tooshort');
      expect(output).not.toContain(good['FIELD_BLIND_INDEX_KEY']!);
    },
    patient(120_000),
  );
});
