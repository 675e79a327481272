/** Logins per client address, with a clock the test controls (the glue's decisions, counted in memory). */
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../../extensions/labour-platform/src/domain/consent/rate-limit';
import { loginLimit, TooManyLoginsError } from '../../extensions/labour-platform/src/glue/http/login-limit';

describe('login limit per address', () => {
  it('refuses an address after ten failures within the window, never counts successes, forgets after the window', async () => {
    let now = 10 * 3_600_000;
    const clock = () => now;
    const limit = loginLimit(
      new MemoryRateLimitStore(clock),
      { LOGIN_FAILURES_PER_ADDRESS: '10', LOGIN_FAILURE_WINDOW: '3600' },
      clock,
    );
    for (let index = 0; index < 10; index++) {
      await limit.attempt('203.0.113.5');
      await limit.failed('203.0.113.5');
    }
    await expect(limit.attempt('203.0.113.5')).rejects.toBeInstanceOf(TooManyLoginsError);
    await expect(limit.attempt('203.0.113.5')).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    await limit.attempt('203.0.113.6');

    const office = '198.51.100.1';
    // thirty colleagues logging in at once (attempts in flight together, all succeeding): none refused
    await Promise.all(Array.from({ length: 30 }, () => limit.attempt(office)));
    await limit.attempt(office);

    now += 3_600_000;
    await limit.attempt('203.0.113.5');
  });

  it('says in Dutch and English when to come back', async () => {
    const clock = () => 0;
    const limit = loginLimit(new MemoryRateLimitStore(clock), { LOGIN_FAILURES_PER_ADDRESS: '1' }, clock);
    await limit.attempt(null);
    await limit.failed(null);
    await expect(limit.attempt(undefined)).rejects.toThrow(
      /probeer het over 60 minuten opnieuw.*try again in 60 minutes/,
    );
  });

  it('refuses (503) when the store does not answer, rather than let the login through uncounted', async () => {
    const limit = loginLimit({ add: () => Promise.reject(new Error('ECONNREFUSED')) }, {});
    await expect(limit.attempt('203.0.113.5')).rejects.toMatchObject({ status: 503 });
  });
});
