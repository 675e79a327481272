import { describe, expect, it } from 'vitest';
import {
  consentMoment,
  currentConsent,
  freeBeds,
  LOCATION_PAGE_TEXT,
  MIGRANT_PAGE_TEXT,
  whatHappensNext,
} from '../../extensions/labour-platform/src/domain/migrant-page';

describe('the migrant page', () => {
  it('shows the latest consent request, with the moment of its status', () => {
    const old = { status: 'revoked', requested_at: '2025-01-01T10:00:00Z', revoked_at: '2025-02-01T10:00:00Z' };
    const latest = { status: 'signed', requested_at: '2025-03-01T10:00:00Z', signed_at: '2025-03-02T10:00:00Z' };
    expect(currentConsent([old, latest])).toBe(latest);
    expect(currentConsent([])).toBeNull();
    expect(consentMoment(latest)).toBe('2025-03-02T10:00:00Z');
    expect(consentMoment(old)).toBe('2025-02-01T10:00:00Z');
    expect(consentMoment({ status: 'requested', requested_at: 'x' })).toBe('x');
  });

  it('says what happens next to a migrant nothing has happened to yet, and nothing once it is under way', () => {
    const fresh = { consent: { status: 'requested', channel: null }, hasStay: true, historyLength: 0 };
    expect({
      unsent: whatHappensNext(fresh),
      emailed: whatHappensNext({ ...fresh, consent: { status: 'requested', channel: 'email' } }),
      printed: whatHappensNext({ ...fresh, consent: { status: 'requested', channel: 'letter' }, hasStay: false }),
      signed: whatHappensNext({ ...fresh, consent: { status: 'signed', channel: 'email' } }),
      underWay: whatHappensNext({ ...fresh, historyLength: 1 }),
    }).toEqual({
      unsent: ['nextInvite', 'nextTask'],
      emailed: ['nextEmail', 'nextTask'],
      printed: ['nextLetter', 'nextStay'],
      signed: [],
      underWay: [],
    });
  });

  it('has every text in Dutch and English', () => {
    for (const text of Object.values(MIGRANT_PAGE_TEXT)) {
      expect(text.nl.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
  });
});

describe('the location page', () => {
  it('counts free beds, never below zero', () => {
    expect(freeBeds(10, 3)).toBe(7);
    expect(freeBeds(2, 5)).toBe(0);
    expect(freeBeds(null, 1)).toBeNull();
  });

  it('has every text in Dutch and English', () => {
    for (const text of Object.values(LOCATION_PAGE_TEXT)) expect(text.nl && text.en).toBeTruthy();
  });
});
