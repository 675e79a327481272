/**
 * The set-based statements of a retention chunk on SQLite (in memory): thousands of rows in one insert, past knex's
 * compound select of 500 and the bound-parameter limit, with their values as SQLite stores them; and a chunk's ids in
 * one delete that answers what it deleted. (PostgreSQL: the retention and insight-erasure integration tests.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  deleteReturning,
  IDS_PER_STATEMENT,
  idSlices,
  insertRows,
} from '../../../extensions/labour-platform/src/glue/db-statements';
import { memoryDatabase } from './memory-data';

describe('db-statements on SQLite', async () => {
  const db = await memoryDatabase({
    people: { year: 'integer', flag: 'boolean', stays: 'json', place: 'text' },
    moments: { at: 'timestamp' },
  });
  afterAll(() => db.destroy());

  it('inserts 6,000 rows of 5 columns (30,000 values) and keeps each value as a single-row insert would', async () => {
    const rows = Array.from({ length: 6_000 }, (_, index) => ({
      id: `p${index}`,
      year: 1980 + (index % 40),
      flag: index % 2 === 0,
      stays: [{ location: `l${index}`, start: '2014-01-01', end: null }],
      place: index % 3 === 0 ? null : `Plaats ${index}`,
    }));
    await insertRows(db, 'people', rows);
    await db('people').insert({ ...rows[1]!, id: 'single', stays: JSON.stringify(rows[1]!.stays) });
    expect(Number((await db('people').count({ n: '*' }))[0]!['n'])).toBe(6_001);
    const [many, single] = await Promise.all([
      db('people').where('id', 'p1').first(),
      db('people').where('id', 'single').first(),
    ]);
    expect({ ...many, id: 'single' }).toEqual(single);
    expect(await db('people').where('id', 'p0').first()).toEqual({
      id: 'p0',
      year: 1980,
      flag: 1,
      stays: '[{"location":"l0","start":"2014-01-01","end":null}]',
      place: null,
    });
  });

  it('binds a Date as a single-row insert does, not as the JSON text of a string', async () => {
    const at = new Date('2026-11-26T09:00:00Z');
    await insertRows(db, 'moments', [{ id: 'many', at }]);
    await db('moments').insert({ id: 'single', at });
    const [many, single] = await Promise.all([
      db('moments').where('id', 'many').first(),
      db('moments').where('id', 'single').first(),
    ]);
    expect(many.at).toEqual(single.at);
    expect(String(many.at)).not.toContain('"');
  });

  it('deletes a whole chunk of ids in one statement and answers what it deleted', async () => {
    const ids = Array.from({ length: IDS_PER_STATEMENT }, (_, index) => `p${index}`);
    expect(idSlices(ids)).toHaveLength(1);
    const deleted = await deleteReturning(db, db('people').whereIn('id', ids), ['id', 'year']);
    expect(deleted).toHaveLength(IDS_PER_STATEMENT);
    expect(deleted.find((row) => row.id === 'p41')).toEqual({ id: 'p41', year: 1981 });
    expect(Number((await db('people').count({ n: '*' }))[0]!['n'])).toBe(6_001 - IDS_PER_STATEMENT);
  });
});
