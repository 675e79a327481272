/**
 * The backfill of case numbers and name indexes (glue/privacy/search.ts) against an in-memory SQLite database:
 * rows from before the columns existed get case numbers in the order they were created, of the year they were
 * created, and a name index computed from their decrypted names; a second run changes nothing.
 */
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encryptValue,
  generateDataKey,
  parseKeyRing,
  wrapDataKey,
} from '../../extensions/labour-platform/src/domain/privacy';
import { nameIndex, nameSearchNeedles } from '../../extensions/labour-platform/src/domain/privacy/name-index';
import {
  assignCaseNumber,
  assignCaseNumbers,
  backfillSearchFields,
} from '../../extensions/labour-platform/src/glue/privacy/search';

const ring = parseKeyRing({
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  FIELD_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
});

let knex: Knex;

function sealedRow(
  id: string,
  created: string,
  names: { first_names?: string; surname?: string },
): Record<string, unknown> {
  const dataKey = generateDataKey();
  const row: Record<string, unknown> = {
    id,
    date_created: created,
    data_key: wrapDataKey(ring, dataKey, { collection: 'migrants', id }),
  };
  for (const [field, value] of Object.entries(names))
    row[field] = encryptValue(dataKey, value, { collection: 'migrants', field, id });
  return row;
}

beforeAll(async () => {
  knex = knexFactory({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await knex.schema.createTable('migrants', (table) => {
    table.string('id').primary();
    table.string('date_created');
    table.text('data_key');
    table.text('first_names');
    table.text('surname');
    table.string('case_number').unique();
    table.text('name_index');
  });
  // the key vault; these rows are from before it (their keys still in migrants.data_key, which readers fall back to)
  await knex.schema.createTable('data_keys', (table) => {
    table.string('id').primary();
    table.text('wrapped');
    table.timestamp('created_at');
  });
  await knex('migrants').insert([
    sealedRow('c', '2025-03-01T10:00:00Z', { first_names: 'Third', surname: 'Person' }),
    sealedRow('a', '2025-01-01T10:00:00Z', { first_names: 'Łucja', surname: 'Backfillowska' }),
    sealedRow('b', '2025-02-01T10:00:00Z', {}),
    {
      ...sealedRow('d', '2026-01-05T10:00:00Z', { surname: 'Already' }),
      case_number: 'AM-2026-000007',
      name_index: '',
    },
  ]);
});

afterAll(async () => {
  await knex.destroy();
});

describe('backfill of case numbers and name indexes', () => {
  it('numbers rows in the order they were created, within their year, and indexes their names', async () => {
    expect(await backfillSearchFields(ring, knex, 2)).toBe(3);
    const rows = (await knex('migrants').select('id', 'case_number', 'name_index').orderBy('id')) as Array<{
      id: string;
      case_number: string;
      name_index: string;
    }>;
    expect(rows.map((row) => [row.id, row.case_number])).toEqual([
      ['a', 'AM-2025-000001'],
      ['b', 'AM-2025-000002'],
      ['c', 'AM-2025-000003'],
      ['d', 'AM-2026-000007'],
    ]);
    expect(rows[0]!.name_index).toBe(nameIndex(ring, ['Łucja', 'Backfillowska']));
    expect(nameSearchNeedles(ring, 'lucja backfill').every((needle) => rows[0]!.name_index.includes(needle))).toBe(
      true,
    );
    expect(rows[1]!.name_index).toBe('');
    expect(rows[3]!.name_index, 'a row that had an index keeps it').toBe('');
  });

  it('changes nothing the second time', async () => {
    expect(await backfillSearchFields(ring, knex)).toBe(0);
  });

  it('a new migrant gets the next number of its year', async () => {
    expect(await assignCaseNumber(knex, new Date('2026-06-01T12:00:00Z'))).toBe('AM-2026-000008');
    expect(await assignCaseNumber(knex, new Date('2027-06-01T12:00:00Z'))).toBe('AM-2027-000001');
  });

  it('a batch of new migrants (an import) gets the next numbers in order, as one by one would', async () => {
    expect(await assignCaseNumbers(knex, 3, new Date('2026-06-01T12:00:00Z'))).toEqual([
      'AM-2026-000008',
      'AM-2026-000009',
      'AM-2026-000010',
    ]);
    expect(await assignCaseNumbers(knex, 0, new Date('2026-06-01T12:00:00Z'))).toEqual([]);
  });
});
