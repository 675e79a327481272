/**
 * Evidence and system bookkeeping: which collections the API may never change or delete, which rows may not be
 * deleted because evidence hangs off them, and what the platform says when it refuses, in Dutch and English.
 * Plain module: no Directus import.
 */
import { collectionLabel } from '../labels';
import type { UiLanguage } from '../ui-language';

/** Append-only evidence: signed consent records, the BRP status history and the reveal log. */
export const EVIDENCE_COLLECTIONS = ['consent_records', 'status_history', 'reveal_log'] as const;
export type EvidenceCollection = (typeof EVIDENCE_COLLECTIONS)[number];

/** The platform's own bookkeeping: written and read only by the platform (an administrator may read it). */
export const BOOKKEEPING_COLLECTIONS = [
  'outbox',
  'data_keys',
  'migrant_documents',
  'intake_credentials',
  'anonymous_people',
  'destruction_log',
] as const;

export type WriteAction = 'create' | 'update' | 'delete';

export function isEvidenceCollection(collection: string): collection is EvidenceCollection {
  return (EVIDENCE_COLLECTIONS as readonly string[]).includes(collection);
}

/**
 * Whether a write through the API (any caller, administrators and the system's ItemsService included) is refused
 * for this collection: evidence is only ever appended, bookkeeping is never written through the API at all.
 */
export function refusedApiWrite(collection: string, action: WriteAction): 'append_only' | 'bookkeeping' | null {
  if (isEvidenceCollection(collection)) return action === 'create' ? null : 'append_only';
  if ((BOOKKEEPING_COLLECTIONS as readonly string[]).includes(collection)) return 'bookkeeping';
  return null;
}

/** A many-to-one relation as the schema describes it: `collection.field` points at `related`. */
export interface RelationLink {
  collection: string;
  field: string;
  related: string;
  onDelete: string | null;
}

/**
 * The ways a delete of a row in `collection` would reach evidence: each path is a list of links, from the deleted
 * collection outward; every link but the last cascades (the deleted row takes the next rows with it), the last one
 * lies in an evidence collection. A row that any path reaches may not be deleted: the evidence would go with it,
 * lose its reference, or the database would refuse with a raw error.
 */
export function evidencePaths(relations: readonly RelationLink[], collection: string, depth = 4): RelationLink[][] {
  const paths: RelationLink[][] = [];
  const walk = (current: string, path: RelationLink[], seen: Set<string>): void => {
    if (path.length >= depth) return;
    for (const link of relations) {
      if (link.related !== current || seen.has(link.collection)) continue;
      const next = [...path, link];
      if (isEvidenceCollection(link.collection)) paths.push(next);
      else if ((link.onDelete ?? '').toUpperCase() === 'CASCADE')
        walk(link.collection, next, new Set([...seen, link.collection]));
    }
  };
  walk(collection, [], new Set([collection]));
  return paths;
}

export type EvidenceRefusal =
  | { code: 'append_only'; collection: string }
  | { code: 'bookkeeping'; collection: string }
  | { code: 'has_evidence'; collection: string; evidence: string };

export function evidenceRefusalMessage(refusal: EvidenceRefusal, lang: UiLanguage): string {
  const nl = lang === 'nl';
  const what = collectionLabel(refusal.collection, lang, true);
  switch (refusal.code) {
    case 'append_only':
      return nl
        ? `${what} is bewijs: er komt alleen iets bij. Wijzigen of verwijderen kan niemand, ook een beheerder niet.`
        : `${what} is evidence: it is only ever added to. Nobody can change or delete it, administrators included.`;
    case 'bookkeeping':
      return nl
        ? `${what} is de eigen administratie van het platform en wordt niet via de API gewijzigd.`
        : `${what} is the platform's own bookkeeping and is not changed through the API.`;
    case 'has_evidence': {
      const evidence = collectionLabel(refusal.evidence, lang, true);
      return nl
        ? `Verwijderen kan niet: aan dit item hangt bewijs (${evidence}) dat bewaard blijft. Het bewijs verdwijnt pas volgens de bewaartermijn.`
        : `Cannot delete: evidence (${evidence}) belongs to this item and is kept. Evidence only goes at the end of its retention period.`;
    }
  }
}
