/**
 * The rate-limit counters in Redis, shared by every instance of the platform (domain/consent/rate-limit.ts
 * decides; this only adds to counters that expire). ioredis is Directus's own dependency, loaded at run time
 * from the same installation (not bundled). Commands fail at once when Redis is unreachable (no offline queue):
 * a limit that cannot be counted is refused, never silently skipped.
 */
import type { Redis, RedisOptions } from 'ioredis';
import type { RateLimitStore } from '../../domain/consent/rate-limit';

type RedisConstructor = new (url: string, options: RedisOptions) => Redis;

async function redisConstructor(): Promise<RedisConstructor> {
  const name = 'ioredis';
  const module = (await import(name)) as { Redis?: RedisConstructor; default?: RedisConstructor };
  const constructor = module.Redis ?? module.default;
  if (!constructor) throw new Error('ioredis was not found in the installation');
  return constructor;
}

export class RedisRateLimitStore implements RateLimitStore {
  private constructor(
    private readonly client: Redis,
    private readonly namespace: string,
  ) {}

  /** Connects to `url` (redis://host:port/db); throws when Redis does not answer. */
  static async connect(url: string, namespace = 'labour-platform'): Promise<RedisRateLimitStore> {
    const Client = await redisConstructor();
    const client = new Client(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    client.on('error', () => undefined); // reported through the failing commands, not as unhandled events
    await client.connect();
    await client.ping();
    return new RedisRateLimitStore(client, namespace);
  }

  /** A store that connects on first use (startup does not wait for Redis); errors surface on each call. */
  static lazy(url: string, namespace = 'labour-platform'): RateLimitStore {
    let connected: Promise<RedisRateLimitStore> | null = null;
    return {
      add: async (key, amount, ttlMs) => {
        connected ??= RedisRateLimitStore.connect(url, namespace).catch((error: unknown) => {
          connected = null;
          throw error;
        });
        return (await connected).add(key, amount, ttlMs);
      },
    };
  }

  async add(key: string, amount: number, ttlMs: number): Promise<number> {
    const name = `${this.namespace}:${key}`;
    const results = await this.client.multi().incrby(name, amount).pexpire(name, ttlMs).exec();
    const [error, value] = results?.[0] ?? [new Error('Redis gave no answer'), null];
    if (error) throw error;
    return Number(value);
  }

  async close(): Promise<void> {
    await this.client.quit();
  }
}
