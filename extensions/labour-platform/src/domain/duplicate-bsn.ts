/**
 * A BSN registered twice: refused within one provider (the same person twice in one administration is a mistake),
 * and a warning before saving that names only what the caller may already see. Plain module: no Directus import.
 * Messages never repeat the BSN.
 */
import type { UiLanguage } from './ui-language';

export const DUPLICATE_BSN_CODE = 'duplicate_bsn';

/** The refusal at the BSN field: the case number of the migrant that already has it (the caller's own provider's). */
export function duplicateBsnMessage(caseNumber: string, language: UiLanguage): string {
  const reference = caseNumber !== '' ? ` (${caseNumber})` : '';
  return language === 'nl'
    ? `BSN: er is al een arbeidsmigrant met dit BSN bij uw organisatie${reference}. Open die in plaats van een nieuwe aan te maken.`
    : `BSN: a labour migrant with this BSN already exists at your organisation${reference}. Open it instead of creating a new one.`;
}

/** The warning before saving, for the caller's own visible rows with the same BSN (none: null). */
export function duplicateBsnWarning(caseNumbers: readonly string[], language: UiLanguage): string | null {
  if (caseNumbers.length === 0) return null;
  const list = caseNumbers.join(', ');
  return language === 'nl'
    ? `Let op: er bestaat al een arbeidsmigrant met dit BSN die u kunt zien: ${list}.`
    : `Note: a labour migrant with this BSN that you can see already exists: ${list}.`;
}
