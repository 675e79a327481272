import { describe, expect, it } from 'vitest';
import { withRowIds } from '../../extensions/labour-platform/src/domain/privacy/row-ids';

const relations = {
  related: (collection: string, field: string): string | null =>
    (
      ({ 'tasks|migrant': 'migrants', 'migrants|provider': 'organisations', 'stays|migrant': 'migrants' }) as Record<
        string,
        string
      >
    )[`${collection}|${field}`] ?? null,
};

describe('withRowIds', () => {
  it('adds the id beside a migrant’s personal fields (the item header asks for them alone)', () => {
    expect(withRowIds('migrants', ['first_names', 'surname'], relations)).toEqual(['first_names', 'surname', 'id']);
  });

  it('adds it in a nested migrant, once', () => {
    expect(withRowIds('tasks', ['type', 'migrant.surname', 'migrant.first_names'], relations)).toEqual([
      'type',
      'migrant.surname',
      'migrant.first_names',
      'migrant.id',
    ]);
  });

  it('changes nothing when the id or * is there, or no personal field is asked', () => {
    expect(withRowIds('migrants', ['id', 'surname'], relations)).toEqual(['id', 'surname']);
    expect(withRowIds('migrants', ['*'], relations)).toEqual(['*']);
    expect(withRowIds('migrants', ['provider.email', 'nationality'], relations)).toEqual([
      'provider.email',
      'nationality',
    ]);
    expect(withRowIds('organisations', ['email'], relations)).toEqual(['email']);
  });
});
