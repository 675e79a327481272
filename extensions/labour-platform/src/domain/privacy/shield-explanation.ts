/**
 * Why a clerk sees a migrant's personal data masked, precisely enough to say what can be done about it: the
 * shield's reason (domain/privacy/reveal.ts) refined by the migrant's latest consent request.
 * Plain module: no Directus import.
 */
import type { ConsentStatus } from '../vocabulary';

export type ShieldExplanationCode =
  | 'consent_not_requested'
  | 'consent_pending'
  | 'consent_expired'
  | 'consent_refused'
  | 'consent_revoked'
  | 'no_open_task'
  | 'not_permitted';

export interface ConsentFacts {
  status: ConsentStatus | string;
  requested_at?: string | null;
  expires_at?: string | null;
  revoked_at?: string | null;
  sent_at?: string | null;
}

export interface ShieldExplanation {
  code: ShieldExplanationCode;
  /** The date the explanation names (invited, expired, revoked), as the consent holds it; null when none. */
  date: string | null;
}

/** `consents` is every consent request of the migrant the viewer may read, in any order. */
export function explainShield(reason: string, consents: readonly ConsentFacts[], now = new Date()): ShieldExplanation {
  if (reason === 'no_open_task') return { code: 'no_open_task', date: null };
  if (reason !== 'no_consent') return { code: 'not_permitted', date: null };
  const latest = [...consents].sort((a, b) => stamp(b.requested_at) - stamp(a.requested_at))[0];
  if (!latest) return { code: 'consent_not_requested', date: null };
  switch (latest.status) {
    case 'revoked':
      return { code: 'consent_revoked', date: latest.revoked_at ?? null };
    case 'refused':
      return { code: 'consent_refused', date: null };
    case 'expired':
      return { code: 'consent_expired', date: latest.expires_at ?? null };
    case 'requested': {
      const expired = latest.expires_at ? stamp(latest.expires_at) <= now.getTime() : false;
      return expired
        ? { code: 'consent_expired', date: latest.expires_at ?? null }
        : { code: 'consent_pending', date: latest.sent_at ?? latest.requested_at ?? null };
    }
    default:
      // signed, yet shielded for want of consent: a signature the reveal did not count; treat it as not asked
      return { code: 'consent_not_requested', date: null };
  }
}

function stamp(value: string | null | undefined): number {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? 0 : time;
}
