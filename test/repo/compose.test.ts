/**
 * Production deployment description: docker-compose.yml, Dockerfile, deploy/Caddyfile, .env.production.example.
 *
 * docker-compose.yml is read as a Compose implementation reads it (YAML with merge keys, the specification's
 * interpolation from a given environment only) and validated against the Compose Specification's published JSON
 * schema (test/support/compose-config.ts): no `docker-compose` program and no Docker engine are needed, so these
 * tests run on any machine after `npm install`.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ComposeConfigError,
  interpolate,
  resolveComposeFile,
  type ComposeConfig as ResolvedCompose,
} from '../support/compose-config.js';
import {
  CLUSTER_ISOLATION,
  CLUSTER_MACHINE_OVERRIDES,
  CLUSTER_SERVICES,
  clusterInstanceEnv,
  composeInstanceEnvironment,
} from '../../scripts/lib/cluster.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const composeFile = join(root, 'docker-compose.yml');

/** Dummy values: only here, passed as the only variables; the test asserts they come back interpolated. */
const DUMMY = {
  SECRET: 'dummy-secret-for-compose-config-test-0123456789',
  ADMIN_EMAIL: 'admin@example.invalid',
  ADMIN_PASSWORD: 'dummy-admin-password',
  DB_PASSWORD: 'dummy-db-password',
  PUBLIC_URL: 'https://arbeidsmigranten.example.invalid',
  FIELD_ENCRYPTION_KEYS: 'kdummy:ZHVtbXktZmllbGQta2V5LWZvci1jb21wb3NlLXRlc3Q=',
  FIELD_ENCRYPTION_ACTIVE_KEY: 'kdummy',
  FIELD_BLIND_INDEX_KEY: 'ZHVtbXktYmxpbmQtaW5kZXgta2V5LWZvci10ZXN0cw==',
} as const;

const DIRECTUS_INSTANCES = ['directus-1', 'directus-2'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = {
  image?: string;
  build?: Json;
  command?: Json;
  environment?: Record<string, string | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  ports?: Json[];
  volumes?: Json[];
};
type ComposeConfig = { services: Record<string, Service>; volumes?: Record<string, Json> };

/** The resolved configuration, as `docker-compose config` prints it; only `env` is visible to interpolation. */
function resolvedConfig(env: Record<string, string | undefined>): ComposeConfig {
  return resolveComposeFile(composeFile, env) as ResolvedCompose as unknown as ComposeConfig;
}

/** The error resolving with `env` gives (as `docker-compose config` exits non-zero), or null. */
function resolveError(env: Record<string, string | undefined>): string | null {
  try {
    resolveComposeFile(composeFile, env);
    return null;
  } catch (error) {
    if (error instanceof ComposeConfigError) return error.message;
    throw error;
  }
}

function environmentOf(service: Service): Record<string, string> {
  const env: Record<string, string> = {};
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const index = entry.indexOf('=');
      if (index > 0) env[entry.slice(0, index)] = entry.slice(index + 1);
    }
  } else {
    for (const [key, value] of Object.entries(raw)) env[key] = value === null ? '' : String(value);
  }
  return env;
}

function dependencyConditions(service: Service): Record<string, string> {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, value.condition ?? 'service_started']));
}

function healthcheckText(service: Service): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function serviceOf(config: ComposeConfig, name: string): Service {
  const service = config.services[name];
  if (!service) throw new Error(`service ${name} missing from docker-compose.yml`);
  return service;
}

describe('docker-compose.yml (production)', () => {
  it('follows the Compose Specification (its published JSON schema)', () => {
    expect(resolveError(DUMMY)).toBeNull();
  });

  it('parses and defines the production services', () => {
    const config = resolvedConfig(DUMMY);
    const names = Object.keys(config.services);
    for (const name of ['postgres', 'redis', 'migrate', 'directus-1', 'directus-2', 'caddy']) {
      expect(names).toContain(name);
    }
  });

  it('runs PostGIS and Redis with health checks and a persistent database volume', () => {
    const config = resolvedConfig(DUMMY);
    const postgres = serviceOf(config, 'postgres');
    expect(postgres.image).toBe('postgis/postgis:16-3.4');
    expect(healthcheckText(postgres)).toContain('pg_isready');
    expect(environmentOf(postgres).POSTGRES_PASSWORD).toBe(DUMMY.DB_PASSWORD);
    expect(JSON.stringify(postgres.volumes ?? [])).toContain('/var/lib/postgresql/data');

    const redis = serviceOf(config, 'redis');
    expect(redis.image).toBe('redis:7-alpine');
    expect(healthcheckText(redis)).toContain('ping');
  });

  it('runs both Directus instances on pg with Redis for cache, synchronisation and rate limiter', () => {
    const config = resolvedConfig(DUMMY);
    for (const name of DIRECTUS_INSTANCES) {
      const env = environmentOf(serviceOf(config, name));
      expect(env.DB_CLIENT, name).toBe('pg');
      expect(env.DB_HOST, name).toBe('postgres');
      expect(env.DB_PASSWORD, name).toBe(DUMMY.DB_PASSWORD);
      expect(env.REDIS, name).toMatch(/^redis:\/\/redis:6379/);
      expect(env.CACHE_ENABLED, name).toBe('true');
      expect(env.CACHE_STORE, name).toBe('redis');
      expect(env.SYNCHRONIZATION_STORE, name).toBe('redis');
      expect(env.RATE_LIMITER_ENABLED, name).toBe('true');
      expect(env.RATE_LIMITER_STORE, name).toBe('redis');
      expect(env.SECRET, name).toBe(DUMMY.SECRET);
      expect(env.PUBLIC_URL, name).toBe(DUMMY.PUBLIC_URL);
      // Directus 11.17.4 has no MESSENGER_* setting: the bus follows REDIS / REDIS_ENABLED.
      expect(
        Object.keys(env).filter((key) => key.startsWith('MESSENGER')),
        name,
      ).toEqual([]);
    }
    // Same tokens and same settings on both instances: a request may land on either.
    const [first, second] = DIRECTUS_INSTANCES.map((name) => environmentOf(serviceOf(config, name)));
    expect(second).toEqual(first);
  });

  it('builds one image from the Dockerfile for the instances and the migrate job', () => {
    const config = resolvedConfig(DUMMY);
    const migrate = serviceOf(config, 'migrate');
    expect(migrate.build, 'migrate is built from the Dockerfile').toBeTruthy();
    for (const name of DIRECTUS_INSTANCES) {
      const service = serviceOf(config, name);
      expect(service.build, name).toBeTruthy();
      expect(service.image, name).toBe(migrate.image);
    }
    expect(JSON.stringify(migrate.command)).toContain('bootstrap');
    expect(JSON.stringify(migrate.command)).toContain('config-apply');
    const migrateEnv = environmentOf(migrate);
    expect(migrateEnv.ADMIN_EMAIL).toBe(DUMMY.ADMIN_EMAIL);
    expect(migrateEnv.ADMIN_PASSWORD).toBe(DUMMY.ADMIN_PASSWORD);
    expect(migrateEnv.SECRET).toBe(DUMMY.SECRET);
  });

  it('starts the instances only after a successful migrate job and checks /server/health', () => {
    const config = resolvedConfig(DUMMY);
    const migrateDeps = dependencyConditions(serviceOf(config, 'migrate'));
    expect(migrateDeps.postgres).toBe('service_healthy');
    expect(migrateDeps.redis).toBe('service_healthy');
    for (const name of DIRECTUS_INSTANCES) {
      const service = serviceOf(config, name);
      const deps = dependencyConditions(service);
      expect(deps.migrate, name).toBe('service_completed_successfully');
      expect(deps.postgres, name).toBe('service_healthy');
      expect(deps.redis, name).toBe('service_healthy');
      expect(healthcheckText(service), name).toContain('/server/health');
    }
    const caddy = serviceOf(config, 'caddy');
    const caddyDeps = dependencyConditions(caddy);
    for (const name of DIRECTUS_INSTANCES) expect(caddyDeps[name]).toBe('service_healthy');
    expect(JSON.stringify(caddy.ports)).toContain('443');
  });

  it('load-balances both instances in deploy/Caddyfile', () => {
    const caddyfile = readFileSync(join(root, 'deploy', 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/reverse_proxy[^\n]*directus-1:8055/);
    expect(caddyfile).toMatch(/reverse_proxy[^\n]*directus-2:8055/);
    expect(caddyfile).toContain('/server/health');
  });

  it('fails when SECRET is unset, naming SECRET', () => {
    const { SECRET: _omitted, ...rest } = DUMMY;
    expect(resolveError(rest)).toMatch(/required variable SECRET is missing a value/);
  });

  it('fails when SECRET is empty', () => {
    expect(resolveError({ ...DUMMY, SECRET: '' })).toMatch(/required variable SECRET is missing a value/);
  });

  it('refuses a file that breaks the Compose schema, naming where', () => {
    const directory = mkdtempSync(join(tmpdir(), 'compose-schema-'));
    const broken = join(directory, 'docker-compose.yml');
    writeFileSync(broken, 'services:\n  web:\n    image: nginx\n    restart: 3\n    depends_on: db\n');
    expect(() => resolveComposeFile(broken, {})).toThrow(/\/services\/web\/(restart|depends_on)/);
    writeFileSync(broken, 'services:\n  web:\n    image: nginx\n    unknown_key: true\n');
    expect(() => resolveComposeFile(broken, {})).toThrow(/additional properties|unknown_key/i);
  });
});

describe("Compose interpolation (the specification's rules)", () => {
  const env = { SET: 'value', EMPTY: '' };
  it.each([
    ['plain $SET and ${SET}', 'plain value and value'],
    ['${UNSET:-fallback} ${EMPTY:-fallback} ${EMPTY-kept}', 'fallback fallback '],
    ['${SET:+alt} ${EMPTY:+alt} ${EMPTY+alt} ${UNSET+alt}', 'alt  alt '],
    ['$$literal and $${SET}', '$literal and ${SET}'],
    ['${UNSET:-${SET}}', 'value'],
  ])('%s', (text, expected) => {
    expect(interpolate(text, env, 'x')).toBe(expected);
  });
  it('refuses required variables that are unset or empty, and malformed expressions', () => {
    expect(() => interpolate('${UNSET:?say why}', env, 'x')).toThrow(
      'required variable UNSET is missing a value: say why',
    );
    expect(() => interpolate('${EMPTY:?say why}', env, 'x')).toThrow(/EMPTY/);
    expect(interpolate('${EMPTY?say why}', env, 'x')).toBe('');
    expect(() => interpolate('${SET', env, 'x')).toThrow(ComposeConfigError);
    expect(() => interpolate('${1BAD}', env, 'x')).toThrow(ComposeConfigError);
  });
});

describe('no secrets in the repository deployment files', () => {
  const composeText = readFileSync(composeFile, 'utf8');
  const sensitive = /^(SECRET|ADMIN_EMAIL|[A-Z_]*PASSWORD|[A-Z_]*_KEY|[A-Z_]*KEYRING|[A-Z_]*_CERT|[A-Z_]*TOKEN)$/;

  /** `KEY: value` mappings and `KEY=value` list items of docker-compose.yml, comments stripped. */
  function assignments(text: string): Array<{ key: string; value: string; line: number }> {
    const found: Array<{ key: string; value: string; line: number }> = [];
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      const match = /^(?:-\s*)?["']?([A-Z][A-Z0-9_]*)["']?\s*(?::|=)\s*(.*)$/.exec(line);
      if (match?.[1]) found.push({ key: match[1], value: (match[2] ?? '').trim(), line: index + 1 });
    });
    return found;
  }

  it('takes every secret from the environment, required ones with ${VAR:?...}', () => {
    const secrets = assignments(composeText).filter(({ key }) => sensitive.test(key));
    expect(secrets.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['SECRET', 'DB_PASSWORD', 'ADMIN_PASSWORD', 'ADMIN_EMAIL']),
    );
    for (const { key, value, line } of secrets) {
      // Only interpolation, never a literal: ${VAR:?message} or an empty optional ${VAR:-}.
      expect(value, `docker-compose.yml:${line} ${key}`).toMatch(/^\$\{[A-Z][A-Z0-9_]*(:\?[^}]*|:-)\}$/);
    }
    for (const key of ['SECRET', 'DB_PASSWORD', 'ADMIN_PASSWORD', 'ADMIN_EMAIL']) {
      for (const { value, line } of secrets.filter((entry) => entry.key === key)) {
        expect(value, `docker-compose.yml:${line} ${key} must be required`).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
      }
    }
    expect(composeText).not.toMatch(/\bSECRET=\S/);
    for (const value of Object.values(DUMMY)) expect(composeText).not.toContain(value);
  });

  it('documents every interpolated variable in .env.production.example, without values for secrets', () => {
    const example = readFileSync(join(root, '.env.production.example'), 'utf8');
    const documented = new Map<string, string>();
    for (const raw of example.split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(raw.trim());
      if (match?.[1]) documented.set(match[1], match[2] ?? '');
    }
    // Interpolations outside comments; `$${X}` is an escaped literal for the container's shell.
    const code = composeText
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    const used = new Set([...code.matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1] ?? ''));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(documented.has(name), `${name} missing from .env.production.example`).toBe(true);
    for (const [name, value] of documented) {
      if (sensitive.test(name)) expect(value, `.env.production.example must not hold a value for ${name}`).toBe('');
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)].map((match) => ({
    image: match[1] ?? '',
    alias: match[2],
  }));

  it('runs on exactly directus/directus:11.17.4, the version package.json pins', () => {
    const final = stages.at(-1);
    expect(final?.image).toBe('directus/directus:11.17.4');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(`directus/directus:${pkg.dependencies?.directus}`).toBe(final?.image);
  });

  it('builds in a node:22-bookworm-slim stage and copies the extension and configuration in', () => {
    expect(stages[0]?.image).toBe('node:22-bookworm-slim');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toContain('/directus/extensions/labour-platform/dist');
    expect(dockerfile).toContain('/directus/extensions/labour-platform/package.json');
    for (const folder of ['snapshots', 'schema', 'flows']) expect(dockerfile).toContain(folder);
    expect(dockerfile).toContain('config-apply');
  });

  it('keeps dependencies, local data and secrets out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const pattern of ['**/node_modules', 'data', '.env', '.git']) expect(ignored).toContain(pattern);
  });
});

describe('the multi-instance test set-up runs what docker-compose.yml describes', () => {
  // a platform's environment as scripts/lib/ephemeral-platform.ts hands it on (values of this machine)
  const platformEnv: Record<string, string> = {
    ...DUMMY,
    DB_CLIENT: 'pg',
    DB_HOST: '127.0.0.1',
    DB_PORT: '5432',
    DB_USER: 'postgres',
    DB_PASSWORD: '',
    DB_DATABASE: 'labour_platform_test_1',
    PUBLIC_URL: 'http://127.0.0.1:8055',
    STORAGE_LOCAL_ROOT: '/tmp/uploads',
    EXTENSIONS_PATH: '/repo/extensions',
    RETENTION_TEST_CLOCK: 'true',
    CONSENT_RATE_LIMIT_PER_ADDRESS: '2000',
  };
  const machine = { redisUrl: 'redis://127.0.0.1:6379', namespace: 'test-cluster' };

  it('stands in for every compose service and no other', () => {
    expect(Object.keys(CLUSTER_SERVICES).sort()).toEqual(Object.keys(resolvedConfig(DUMMY).services).sort());
  });

  it("gives each instance compose's instance environment, changing only this machine's addresses", () => {
    const env = clusterInstanceEnv(platformEnv, machine);
    const compose = composeInstanceEnvironment({
      ...platformEnv,
      DB_PASSWORD: 'unused-with-trust-authentication',
    });
    // every variable compose sets is set, to compose's value unless it is one of this machine's addresses
    for (const [name, value] of Object.entries(compose))
      if (!(name in CLUSTER_MACHINE_OVERRIDES)) expect(env[name], name).toBe(value);
    expect(env).toMatchObject({
      DB_CLIENT: 'pg',
      DB_HOST: '127.0.0.1',
      DB_DATABASE: 'labour_platform_test_1',
      REDIS: machine.redisUrl,
      CACHE_STORE: 'redis',
      SYNCHRONIZATION_STORE: 'redis',
      RATE_LIMITER_STORE: 'redis',
      STORAGE_LOCAL_ROOT: '/tmp/uploads',
      // compose variables take the platform's values, as from `.env`
      CONSENT_RATE_LIMIT_PER_ADDRESS: '2000',
    });
    // the overrides are variables compose sets; the isolation names are ones it leaves to Directus's defaults
    for (const name of Object.keys(CLUSTER_MACHINE_OVERRIDES)) expect(compose, name).toHaveProperty(name);
    for (const name of CLUSTER_ISOLATION) {
      expect(compose, name).not.toHaveProperty(name);
      expect(env[name], name).toMatch(/^test-cluster:/);
    }
  });

  it('is the same for both compose instances, whose environments the set-up reads from directus-1', () => {
    const config = resolvedConfig(DUMMY);
    expect(environmentOf(serviceOf(config, 'directus-2'))).toEqual(environmentOf(serviceOf(config, 'directus-1')));
  });
});
