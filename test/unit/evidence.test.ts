/** Evidence is append-only, and what a delete would take with it: the plain rules of domain/evidence. */
import { describe, expect, it } from 'vitest';
import {
  evidencePaths,
  evidenceRefusalMessage,
  refusedApiWrite,
  type RelationLink,
} from '../../extensions/labour-platform/src/domain/evidence/index.js';

const RELATIONS: RelationLink[] = [
  { collection: 'status_history', field: 'migrant', related: 'migrants', onDelete: 'NO ACTION' },
  { collection: 'status_history', field: 'actor', related: 'directus_users', onDelete: 'NO ACTION' },
  { collection: 'consents', field: 'migrant', related: 'migrants', onDelete: 'CASCADE' },
  { collection: 'consent_records', field: 'consent', related: 'consents', onDelete: 'NO ACTION' },
  { collection: 'stays', field: 'migrant', related: 'migrants', onDelete: 'CASCADE' },
  { collection: 'stays', field: 'location', related: 'locations', onDelete: 'NO ACTION' },
  { collection: 'migrants', field: 'current_location', related: 'locations', onDelete: 'SET NULL' },
  { collection: 'reveal_log', field: 'municipality', related: 'organisations', onDelete: 'NO ACTION' },
];

describe('refusedApiWrite', () => {
  it('lets evidence be appended and nothing else, for every caller', () => {
    for (const collection of ['consent_records', 'status_history', 'reveal_log']) {
      expect(refusedApiWrite(collection, 'create')).toBeNull();
      expect(refusedApiWrite(collection, 'update')).toBe('append_only');
      expect(refusedApiWrite(collection, 'delete')).toBe('append_only');
    }
  });
  it('keeps the outbox out of the API entirely', () => {
    for (const action of ['create', 'update', 'delete'] as const)
      expect(refusedApiWrite('outbox', action)).toBe('bookkeeping');
  });
  it('leaves other collections to their permissions', () => {
    for (const action of ['create', 'update', 'delete'] as const)
      expect(refusedApiWrite('migrants', action)).toBeNull();
  });
});

describe('evidencePaths', () => {
  const names = (collection: string) =>
    evidencePaths(RELATIONS, collection).map((path) =>
      path.map((link) => `${link.collection}.${link.field}`).join(' > '),
    );
  it('finds evidence directly on a migrant and through its cascading consents', () => {
    expect(names('migrants').sort()).toEqual(['consents.migrant > consent_records.consent', 'status_history.migrant']);
  });
  it('finds evidence of a consent, a user and an organisation', () => {
    expect(names('consents')).toEqual(['consent_records.consent']);
    expect(names('directus_users')).toEqual(['status_history.actor']);
    expect(names('organisations')).toEqual(['reveal_log.municipality']);
  });
  it('does not follow relations that do not cascade', () => {
    // deleting a location does not delete stays (NO ACTION) nor migrants (SET NULL): no evidence is reached
    expect(names('locations')).toEqual([]);
  });
  it('stops at cycles', () => {
    const cyclic: RelationLink[] = [
      { collection: 'a', field: 'b', related: 'b', onDelete: 'CASCADE' },
      { collection: 'b', field: 'a', related: 'a', onDelete: 'CASCADE' },
      { collection: 'status_history', field: 'a', related: 'a', onDelete: 'NO ACTION' },
    ];
    expect(evidencePaths(cyclic, 'b').map((path) => path.map((link) => link.collection))).toEqual([
      ['a', 'status_history'],
    ]);
  });
});

describe('evidenceRefusalMessage', () => {
  it('says it in Dutch and English, naming the collection', () => {
    expect(evidenceRefusalMessage({ code: 'append_only', collection: 'status_history' }, 'nl')).toContain(
      'Statusgeschiedenis',
    );
    expect(evidenceRefusalMessage({ code: 'append_only', collection: 'status_history' }, 'en')).toContain(
      'Status history',
    );
    expect(
      evidenceRefusalMessage({ code: 'has_evidence', collection: 'migrants', evidence: 'consent_records' }, 'nl'),
    ).toContain('Verwijderen kan niet');
    expect(
      evidenceRefusalMessage({ code: 'has_evidence', collection: 'migrants', evidence: 'consent_records' }, 'en'),
    ).toContain('Cannot delete');
    expect(evidenceRefusalMessage({ code: 'bookkeeping', collection: 'outbox' }, 'en')).toContain('bookkeeping');
  });
});
