/** How `npm start` builds Directus's environment: defaults ← .env ← the real environment. */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../scripts/lib/dotenv.js';
import { platformEnvironment } from '../../scripts/lib/platform.js';

const emptyProcessEnv: NodeJS.ProcessEnv = { PATH: process.env['PATH'] };

describe('platform environment', () => {
  it('writes development secrets into a new .env on first start, privately, and reuses them later', () => {
    const root = mkdtempSync(join(tmpdir(), 'platform-env-'));
    const first = platformEnvironment(root, emptyProcessEnv);
    expect(first.createdDotenv).toBe(true);
    const written = parseDotenv(readFileSync(join(root, '.env'), 'utf8'));
    expect(written['SECRET']!.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(root, '.env')).mode & 0o077).toBe(0);
    const second = platformEnvironment(root, emptyProcessEnv);
    expect(second.createdDotenv).toBe(false);
    expect(second.env['SECRET']).toBe(first.env['SECRET']);
  });

  it('defaults to SQLite on port 8055 with the demo password', () => {
    const root = mkdtempSync(join(tmpdir(), 'platform-env-'));
    const { env, url } = platformEnvironment(root, emptyProcessEnv);
    expect(env['DB_CLIENT']).toBe('sqlite3');
    expect(env['DB_FILENAME']).toBe(join(root, 'data', 'database.db'));
    expect(url).toBe('http://127.0.0.1:8055');
    expect(env['ADMIN_PASSWORD']).toBe('demo-password');
  });

  it('lets the real environment win over .env, so the same command runs on PostgreSQL', () => {
    const root = mkdtempSync(join(tmpdir(), 'platform-env-'));
    writeFileSync(join(root, '.env'), 'SECRET=from-file-0123456789abcdef0123456789\nDB_CLIENT=sqlite3\nPORT=9000\n');
    const { env, url } = platformEnvironment(root, {
      ...emptyProcessEnv,
      DB_CLIENT: 'pg',
      DB_HOST: 'db.example',
      PORT: '9100',
      DEMO_PASSWORD: 'other',
    });
    expect(env['DB_CLIENT']).toBe('pg');
    expect(env['DB_HOST']).toBe('db.example');
    expect(url).toBe('http://127.0.0.1:9100');
    expect(env['SECRET']).toBe('from-file-0123456789abcdef0123456789');
    expect(env['ADMIN_PASSWORD']).toBe('other');
    // Directus itself would let a .env in its working directory override the environment: it is pointed elsewhere
    expect(existsSync(env['CONFIG_PATH']!)).toBe(false);
  });

  it('refuses to start without a secret', () => {
    const root = mkdtempSync(join(tmpdir(), 'platform-env-'));
    expect(() => platformEnvironment(root, emptyProcessEnv, { dotenv: false })).toThrow(/SECRET/);
  });
});
