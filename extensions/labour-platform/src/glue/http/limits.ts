/**
 * The platform's rate limits share one place to count: Redis when Directus is configured with it (REDIS, or
 * REDIS_HOST/REDIS_PORT/...), so every instance sees the same counts; otherwise this process's memory.
 * The key of a client is its address as Directus resolves it (getIPFromReq: Express's `trust proxy` from
 * IP_TRUST_PROXY, and IP_CUSTOM_HEADER), never an X-Forwarded-For the client chose itself.
 */
import { MemoryRateLimitStore, type RateLimitStore } from '../../domain/consent/rate-limit';
import { RedisRateLimitStore } from './redis-store';

/** Directus's Redis URL from its env, or null when Redis is not configured. */
export function redisUrlFrom(env: NodeJS.ProcessEnv): string | null {
  if (String(env['REDIS_ENABLED'] ?? '').toLowerCase() === 'false') return null;
  const url = env['REDIS'];
  if (typeof url === 'string' && url.trim() !== '') return url.trim();
  const host = env['REDIS_HOST'];
  if (typeof host !== 'string' || host.trim() === '') return null;
  const user = env['REDIS_USERNAME'] ? encodeURIComponent(env['REDIS_USERNAME']) : '';
  const password = env['REDIS_PASSWORD'] ? `:${encodeURIComponent(env['REDIS_PASSWORD'])}` : '';
  const auth = user || password ? `${user}${password}@` : '';
  return `redis://${auth}${host.trim()}:${env['REDIS_PORT'] ?? '6379'}/${env['REDIS_DB'] ?? '0'}`;
}

let shared: RateLimitStore | null = null;

/** The process's one counter store (Redis when configured). */
export function rateLimitStore(env: NodeJS.ProcessEnv = process.env): RateLimitStore {
  if (!shared) {
    const url = redisUrlFrom(env);
    // RATE_LIMIT_REDIS_NAMESPACE: keeps the counts of separate platforms on one Redis apart (test instances)
    shared = url
      ? RedisRateLimitStore.lazy(url, env['RATE_LIMIT_REDIS_NAMESPACE'] || 'labour-platform')
      : new MemoryRateLimitStore();
  }
  return shared;
}

export interface AddressedRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

type IpOf = (request: AddressedRequest) => string | null;
let directusIp: Promise<IpOf | null> | null = null;

/** Loads Directus's own getIPFromReq from the installation (kept external to the bundle). */
export function loadClientAddress(): Promise<IpOf | null> {
  const name = '@directus/api/utils/get-ip-from-req';
  directusIp ??= (import(name) as Promise<{ getIPFromReq?: IpOf }>)
    .then((module) => module.getIPFromReq ?? null)
    .catch(() => null);
  return directusIp;
}

/** The client's address as Directus resolves it; Express's req.ip (same `trust proxy`) until that is loaded. */
export async function clientAddress(request: AddressedRequest): Promise<string> {
  const resolve = await loadClientAddress();
  const ip = resolve ? resolve(request) : (request.ip ?? null);
  const address = ip ?? request.ip ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
