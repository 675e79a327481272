/**
 * The reveal rule: whether a viewer sees a migrant's personal data in plain text, or the shielded placeholder.
 * Pure: the caller gathers the facts (role, consent, open tasks) and logs reveals; this only decides.
 *
 *   system          always (internal jobs: BRP submissions, retention, rotation)            basis 'system'
 *   provider        its own migrants only (it entered the data), regardless of consent     basis 'own_provider'
 *   clerk           a signed consent (machtiging) AND an open task of its municipality that needs the data
 *                   — no signed consent → 'no_consent' (checked first), else no such task → 'no_open_task'
 *   administrator   only with break-glass and a non-empty reason                            basis 'break_glass'
 *   inspector, policy_officer   never ('not_permitted'); insight is anonymous
 *
 * Break-glass is for administrators only; for any other viewer it changes nothing. Unknown viewers are refused.
 * Plain module: no Directus import.
 */

import type { ConsentStatus } from '../vocabulary';

export type Viewer = 'administrator' | 'clerk' | 'provider' | 'inspector' | 'policy_officer' | 'system';
export type RevealBasis = 'own_provider' | 'consent_and_open_task' | 'break_glass' | 'system';
export type ShieldReason = 'no_consent' | 'no_open_task' | 'not_permitted';

export interface RevealInput {
  viewer: Viewer;
  viewerIsMigrantsProvider: boolean;
  consent: { status: ConsentStatus } | null;
  municipalityHasOpenTaskNeedingData: boolean;
  breakGlass?: { reason: string };
}

export type RevealDecision = { reveal: true; basis: RevealBasis } | { reveal: false; reason: ShieldReason };

/** What is shown instead of a shielded value. */
export const SHIELDED_PLACEHOLDER = '•••';

const shown = (basis: RevealBasis): RevealDecision => ({ reveal: true, basis });
const shielded = (reason: ShieldReason): RevealDecision => ({ reveal: false, reason });

export function decideReveal(input: RevealInput): RevealDecision {
  switch (input.viewer) {
    case 'system':
      return shown('system');
    case 'provider':
      return input.viewerIsMigrantsProvider === true ? shown('own_provider') : shielded('not_permitted');
    case 'clerk':
      if (input.consent?.status !== 'signed') return shielded('no_consent');
      if (input.municipalityHasOpenTaskNeedingData !== true) return shielded('no_open_task');
      return shown('consent_and_open_task');
    case 'administrator': {
      const reason = input.breakGlass?.reason;
      return typeof reason === 'string' && reason.trim() !== '' ? shown('break_glass') : shielded('not_permitted');
    }
    case 'inspector':
    case 'policy_officer':
      return shielded('not_permitted');
    default:
      return shielded('not_permitted');
  }
}

const NOTICES: Record<ShieldReason, { nl: string; en: string }> = {
  no_consent: { nl: 'Afgeschermd: geen machtiging', en: 'Shielded: no consent' },
  no_open_task: {
    nl: 'Afgeschermd: geen openstaande taak die deze gegevens nodig heeft',
    en: 'Shielded: no open task needs this data',
  },
  not_permitted: { nl: 'Afgeschermd: geen toegang tot persoonsgegevens', en: 'Shielded: no access to personal data' },
};

/** A short explanation shown next to the placeholder. */
export function shieldedNotice(reason: ShieldReason, lang: 'nl' | 'en'): string {
  const notice = NOTICES[reason] ?? NOTICES.not_permitted;
  return lang === 'en' ? notice.en : notice.nl;
}
