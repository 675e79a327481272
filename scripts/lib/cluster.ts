/**
 * Several platform instances on this machine as docker-compose.yml runs them: the instances' environment is the
 * compose file's own (`directus-1`, resolved with the platform's values as its variables, the way `.env` feeds
 * compose), with only the container addresses replaced by this machine's (CLUSTER_MACHINE_OVERRIDES) and the Redis
 * names of one platform kept apart from any other on the same Redis (CLUSTER_ISOLATION). No Docker: the instances
 * are Directus processes (startPlatformInstance) on the platform's PostgreSQL database and this machine's Redis.
 * test/repo/compose.test.ts checks that nothing else differs; the multi-instance tests and `npm run bench` use it.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { resolveComposeFile } from '../../test/support/compose-config.js';
import { startPlatformInstance, type PlatformInstance } from './ephemeral-platform.js';
import { projectRoot } from './project.js';

/** The compose services a cluster on this machine stands in for, and what stands in for each. */
export const CLUSTER_SERVICES: Readonly<Record<string, string>> = Object.freeze({
  postgres: "this machine's PostgreSQL (DB_HOST, DB_PORT), a fresh database per run",
  redis: "this machine's Redis (REDIS), names of its own per run (CLUSTER_ISOLATION)",
  migrate: 'the platform start-up (bootstrap, config apply) before any instance starts',
  'directus-1': 'a Directus process of the repo (startPlatformInstance)',
  'directus-2': 'a second Directus process of the repo',
  caddy: 'none: the tests and the benchmark spread their requests over the instances themselves',
});

/**
 * The variables of the compose file's instance environment that a cluster on this machine sets differently, and why:
 * the container network's names and mounts are this machine's addresses and directories.
 */
export const CLUSTER_MACHINE_OVERRIDES: Readonly<Record<string, string>> = Object.freeze({
  DB_HOST: "the `postgres` service is this machine's PostgreSQL",
  DB_PORT: "the `postgres` service is this machine's PostgreSQL",
  DB_PASSWORD: 'the test database may use trust authentication (no password), which compose does not allow',
  REDIS: "the `redis` service is this machine's Redis",
  STORAGE_LOCAL_ROOT: 'the shared `uploads` volume is one directory every instance of the platform writes to',
  PUBLIC_URL: 'each instance answers on a port of its own (no Caddy in front)',
});

/**
 * Variables the compose file does not set, set for a cluster on this machine: the Redis names (keys, channels) of
 * Directus and the platform, one set per platform, the same on each of its instances. Several platforms (test runs,
 * other checkouts) share this machine's Redis; with compose's defaults they would share each other's cache, clocks
 * and counts. A production Redis serves one platform and needs none of them.
 */
export const CLUSTER_ISOLATION = Object.freeze([
  'CACHE_NAMESPACE',
  'REDIS_BUS_NAMESPACE',
  'REDIS_LOCK_NAMESPACE',
  'REDIS_COUNTERS_NAMESPACE',
  'REDIS_PERMISSIONS_NAMESPACE',
  'SYNCHRONIZATION_NAMESPACE',
  'RATE_LIMITER_KEY_PREFIX',
  'IMPORT_EXPORT_NAMESPACE',
  'WEBSOCKETS_COLLAB_STORE_NAMESPACE',
  'RATE_LIMIT_REDIS_NAMESPACE',
] as const);

export const COMPOSE_FILE = join(projectRoot, 'docker-compose.yml');

/** The environment of compose's `directus-1` with `variables` as compose's variables (as from `.env`). */
export function composeInstanceEnvironment(
  variables: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const config = resolveComposeFile(COMPOSE_FILE, variables);
  const service = config.services['directus-1'] as { environment?: Record<string, unknown> } | undefined;
  if (!service?.environment || Array.isArray(service.environment))
    throw new Error('docker-compose.yml: directus-1 has no environment mapping');
  return Object.fromEntries(
    Object.entries(service.environment).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** This machine's Redis: REDIS, else TEST_REDIS_URL, else the default local port. */
export function machineRedisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['TEST_REDIS_URL'] || env['REDIS'] || 'redis://127.0.0.1:6379';
}

/**
 * The environment of an instance of a cluster: the platform's (what a process of the repo needs on this machine:
 * extension path, temp path, BRP stand-in, mail directory, test clock), then compose's instance environment resolved
 * with the platform's values as variables (so compose decides every variable it names), then this machine's
 * addresses, then the cluster's Redis names.
 */
export function clusterInstanceEnv(
  platformEnv: Readonly<Record<string, string>>,
  machine: { redisUrl: string; namespace: string; variables?: Record<string, string> },
): Record<string, string> {
  const variables = { ...platformEnv, ...machine.variables };
  const compose = composeInstanceEnvironment({
    ...variables,
    // compose requires a password; the real one (maybe none, with trust authentication) is put back below
    DB_PASSWORD: variables['DB_PASSWORD'] || 'unused-with-trust-authentication',
  });
  const overrides: Record<keyof typeof CLUSTER_MACHINE_OVERRIDES, string> = {
    DB_HOST: platformEnv['DB_HOST'] ?? '127.0.0.1',
    DB_PORT: platformEnv['DB_PORT'] ?? '5432',
    DB_PASSWORD: platformEnv['DB_PASSWORD'] ?? '',
    REDIS: machine.redisUrl,
    STORAGE_LOCAL_ROOT: platformEnv['STORAGE_LOCAL_ROOT'] ?? join(projectRoot, 'data', 'uploads'),
    PUBLIC_URL: platformEnv['PUBLIC_URL'] ?? '',
  };
  const isolation = Object.fromEntries(
    CLUSTER_ISOLATION.map((name) => [name, `${machine.namespace}:${name.toLowerCase().replace(/_/g, '-')}`]),
  );
  return { ...platformEnv, ...compose, ...overrides, ...isolation };
}

/** Why a cluster cannot run here (not PostgreSQL, Redis not answering), or null when it can. */
export async function clusterUnavailable(databaseClient: string, redisUrl = machineRedisUrl()): Promise<string | null> {
  if (databaseClient !== 'pg')
    return `several instances need PostgreSQL (this run uses ${databaseClient}; DB_CLIENT=pg DB_HOST=127.0.0.1 DB_PORT=5432 DB_USER=postgres)`;
  const url = new URL(redisUrl);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('timeout', () => {
      resolve(false);
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
  });
  return reachable ? null : `several instances need Redis at ${redisUrl} (TEST_REDIS_URL), which does not answer`;
}

export interface Cluster {
  instances: PlatformInstance[];
  /** The environment every instance runs with (before its own port and PUBLIC_URL). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts `count` instances of the platform whose environment is `platformEnv` (EphemeralPlatform.instanceEnv), on its
 * database, as compose runs them. `variables` are compose variables of this cluster (as a `.env` would set them).
 */
export async function startCluster(
  platformEnv: Readonly<Record<string, string>>,
  options: {
    label: string;
    count?: number;
    /** compose variables (as `.env` sets them) */
    variables?: Record<string, string>;
    /** variables compose does not name (test knobs such as OUTBOX_LEASE_SECONDS) */
    extraEnv?: Record<string, string>;
    redisUrl?: string;
  },
): Promise<Cluster> {
  const env = clusterInstanceEnv(platformEnv, {
    redisUrl: options.redisUrl ?? machineRedisUrl(),
    namespace: `labour-platform-${options.label}-${randomBytes(4).toString('hex')}`,
    ...(options.variables ? { variables: options.variables } : {}),
  });
  Object.assign(env, options.extraEnv);
  // started side by side (each takes its time to load the extension); one that fails stops the others
  const started = await Promise.allSettled(
    Array.from({ length: options.count ?? 2 }, (_, index) =>
      startPlatformInstance(env, { label: `${options.label}-${index + 1}` }),
    ),
  );
  const instances = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(instances.map((instance) => instance.stop()));
    throw failed.reason;
  }
  return { instances, env, stop: async () => void (await Promise.all(instances.map((instance) => instance.stop()))) };
}
