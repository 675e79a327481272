/**
 * Logins per client address. Directus suspends a user after `auth_login_attempts` (25) wrong passwords, counted
 * per user and never expiring (services/authentication.js: a limiter with duration 0, reset only by a login that
 * succeeds): anyone who knows an e-mail address could lock its account. Here the failed logins of an address are
 * counted (the `auth.login` action with status `fail`, for REST and GraphQL alike), and before Directus weighs a
 * password (the `auth.login` filter) an address that has reached LOGIN_FAILURES_PER_ADDRESS failures in this
 * LOGIN_FAILURE_WINDOW is refused with a 429, so its further guesses never count against any user. Successful
 * logins count for nothing: an office of colleagues logging in at once behind one address is never refused.
 * Failures that are in flight together may pass the limit by as many as are in flight; the limit still ends them.
 * Counted in Redis when configured (shared by every instance), keyed on the address as Directus resolves it.
 */
import { createError, ServiceUnavailableError } from '@directus/errors';
import { FixedWindowLimiter, positiveInteger, type RateLimitStore } from '../../domain/consent/rate-limit';

export const DEFAULT_LOGIN_FAILURES_PER_ADDRESS = 10;
export const DEFAULT_LOGIN_FAILURE_WINDOW_SECONDS = 3600;

interface TooManyLoginsExtensions {
  message: string;
  retryAfter: number;
}

export const TooManyLoginsError = createError<TooManyLoginsExtensions>(
  'TOO_MANY_LOGIN_ATTEMPTS',
  (extensions) => extensions.message,
  429,
);

/** Both languages: before a login the user's language is unknown. */
export function tooManyLoginsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Te veel mislukte inlogpogingen vanaf dit adres; probeer het over ${minutes} minuten opnieuw. / Too many failed logins from this address; try again in ${minutes} minutes.`;
}

export interface LoginLimit {
  /** Before Directus checks the password: throws TooManyLoginsError once the address has failed too often. */
  attempt(address: string | null | undefined): Promise<void>;
  /** A login that failed: counted against the address. */
  failed(address: string | null | undefined): Promise<void>;
}

export function loginLimit(store: RateLimitStore, env: NodeJS.ProcessEnv, clock: () => number = Date.now): LoginLimit {
  const limiter = new FixedWindowLimiter(
    store,
    positiveInteger(env['LOGIN_FAILURES_PER_ADDRESS'], DEFAULT_LOGIN_FAILURES_PER_ADDRESS),
    positiveInteger(env['LOGIN_FAILURE_WINDOW'], DEFAULT_LOGIN_FAILURE_WINDOW_SECONDS) * 1000,
    clock,
    'login-address',
  );
  const keyOf = (address: string | null | undefined): string => (address && address.length > 0 ? address : 'unknown');
  return {
    async attempt(address) {
      // a limit that cannot be counted (Redis down) refuses the login rather than let it through uncounted
      const decision = await limiter.check(keyOf(address)).catch(() => {
        throw new ServiceUnavailableError({
          service: 'login rate limit',
          reason: 'the rate-limit store does not answer',
        });
      });
      if (!decision.allowed)
        throw new TooManyLoginsError({
          message: tooManyLoginsMessage(decision.retryAfter),
          retryAfter: decision.retryAfter,
        });
    },
    async failed(address) {
      await limiter.take(keyOf(address));
    },
  };
}
