/** Why a clerk sees masked data (domain/privacy/shield-explanation.ts). */
import { describe, expect, it } from 'vitest';
import { explainShield } from '../../extensions/labour-platform/src/domain/privacy/shield-explanation.js';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('shield explanation', () => {
  it('says no consent was asked when the migrant has no consent request', () => {
    expect(explainShield('no_consent', [], NOW)).toEqual({ code: 'consent_not_requested', date: null });
  });

  it('names the revocation date of a revoked consent, the latest request counting', () => {
    const consents = [
      { status: 'revoked', requested_at: '2026-02-01T09:00:00Z', revoked_at: '2026-03-01T10:00:00Z' },
      { status: 'expired', requested_at: '2025-12-01T09:00:00Z', expires_at: '2025-12-31T09:00:00Z' },
    ];
    expect(explainShield('no_consent', consents, NOW)).toEqual({
      code: 'consent_revoked',
      date: '2026-03-01T10:00:00Z',
    });
  });

  it('tells a pending invitation from one whose link has expired', () => {
    const pending = {
      status: 'requested',
      requested_at: '2026-03-01T09:00:00Z',
      sent_at: '2026-03-01T09:01:00Z',
      expires_at: '2026-03-31T09:00:00Z',
    };
    expect(explainShield('no_consent', [pending], NOW)).toEqual({
      code: 'consent_pending',
      date: '2026-03-01T09:01:00Z',
    });
    expect(explainShield('no_consent', [{ ...pending, expires_at: '2026-03-05T09:00:00Z' }], NOW)).toEqual({
      code: 'consent_expired',
      date: '2026-03-05T09:00:00Z',
    });
  });

  it('says a refusal is a refusal', () => {
    expect(explainShield('no_consent', [{ status: 'refused', requested_at: '2026-03-01T09:00:00Z' }], NOW).code).toBe(
      'consent_refused',
    );
  });

  it('says no open task needs the data, whatever the consent', () => {
    expect(explainShield('no_open_task', [{ status: 'signed' }], NOW)).toEqual({ code: 'no_open_task', date: null });
  });

  it('says the role does not see personal data for any other reason', () => {
    expect(explainShield('not_permitted', [], NOW).code).toBe('not_permitted');
  });
});
