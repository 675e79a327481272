/**
 * Encryption on write, as the privacy hook registers it (glue/privacy/events.ts), on an in-memory database; and the
 * bundle's order that lets it seal only what the other write filters have validated.
 */
import type { SchemaOverview } from '@directus/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decryptValue,
  openReadBundle,
  generateKeyRingEnv,
  isEncryptedValue,
  parseKeyRing,
  unwrapDataKey,
} from '../../../extensions/labour-platform/src/domain/privacy';
import { PERSONAL_FIELDS } from '../../../extensions/labour-platform/src/domain/personal-fields';
import {
  refuseSealedColumns,
  sealOnCreate,
  sealOnUpdate,
} from '../../../extensions/labour-platform/src/glue/privacy/events';
import type { Row } from '../../../extensions/labour-platform/src/glue/items';
import { ROLE_IDS } from '../../../extensions/labour-platform/src/glue/roles';
import { caller, memoryDatabase } from './memory-data';

const ring = parseKeyRing(generateKeyRingEnv());
const USER = '30000000-0000-4000-8000-000000000001';
const accountability = caller(USER, ROLE_IDS.provider);

let db: Knex;
beforeEach(async () => {
  db = await memoryDatabase({
    migrants: {
      data_key: 'text',
      bsn_index: 'text',
      name_index: 'text',
      read_bundle: 'text',
      phone: 'text',
      home_address: 'text',
      id_document_number: 'text',
      provider: 'text',
      first_names: 'text',
      surname: 'text',
      bsn: 'text',
      date_of_birth: 'text',
      email: 'text',
      nationality: 'text',
    },
    data_keys: { wrapped: 'text', created_at: 'timestamp' },
    directus_users: { language: 'text', organisation: 'text' },
  });
  await db('directus_users').insert({ id: USER, language: 'en-US' });
});
afterEach(() => db.destroy());

const context = () => ({ database: db, schema: null, accountability });
const errorOf = (work: () => unknown) =>
  Promise.resolve()
    .then(work)
    .then(
      () => null,
      (error: unknown) => error as Error & { status?: number; extensions?: { reason?: string } },
    );

async function created(payload: Row): Promise<Row> {
  const sealed = (await sealOnCreate(
    ring,
    async () => ({ collections: {}, relations: [] }) as unknown as SchemaOverview,
  )(payload, { collection: 'migrants' }, context())) as Row;
  await db('migrants').insert(sealed);
  const key = (await db('data_keys').where('id', String(sealed['id'])).first()) as { wrapped: string };
  return { ...sealed, data_key: key.wrapped };
}

describe('sealing a migrant’s personal fields', () => {
  it('encrypts a new migrant’s fields with its own data key, bound to its row and field, the key in the vault', async () => {
    const row = await created({ id: 'm1', surname: 'Kowalska', nationality: 'PL' });
    expect((await db('migrants').where('id', 'm1').first())['data_key']).toBeNull();
    const key = unwrapDataKey(ring, String(row['data_key']), { collection: 'migrants', id: 'm1' });
    expect([
      decryptValue(key, String(row['surname']), { collection: 'migrants', field: 'surname', id: 'm1' }),
      row['nationality'],
    ]).toEqual(['Kowalska', 'PL']);
  });

  it('gives a new migrant without an id one to bind its values to', async () => {
    const row = await created({ surname: 'Kowalska' });
    expect(row['id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stores a BSN with its blind index, never in plain text', async () => {
    const row = await created({ id: 'm1', bsn: '123456782' });
    expect([isEncryptedValue(row['bsn']), typeof row['bsn_index'], JSON.stringify(row).includes('123456782')]).toEqual([
      true,
      'string',
      false,
    ]);
  });

  it('encrypts an update with the migrant’s existing data key', async () => {
    const row = await created({ id: 'm1', surname: 'Kowalska' });
    const update = (await sealOnUpdate(ring)(
      { surname: 'Nowak' },
      { collection: 'migrants', keys: ['m1'] },
      context(),
    )) as Row;
    const key = unwrapDataKey(ring, String(row['data_key']), { collection: 'migrants', id: 'm1' });
    expect([
      decryptValue(key, String(update['surname']), { collection: 'migrants', field: 'surname', id: 'm1' }),
      'data_key' in update,
    ]).toEqual(['Nowak', false]);
  });

  it('renews the read bundle with an update, over all the migrant’s stored values', async () => {
    const row = await created({ id: 'm1', surname: 'Kowalska', bsn: '123456782', email: 'anna@example.org' });
    const update = (await sealOnUpdate(ring)(
      { surname: 'Nowak' },
      { collection: 'migrants', keys: ['m1'] },
      context(),
    )) as Row;
    await db('migrants').where({ id: 'm1' }).update(update);
    const stored = (await db('migrants').where({ id: 'm1' }).first()) as Row;
    const key = unwrapDataKey(ring, String(row['data_key']), { collection: 'migrants', id: 'm1' });
    const fields = PERSONAL_FIELDS.migrants;
    const values = openReadBundle(
      key,
      String(stored['read_bundle']),
      { collection: 'migrants', id: 'm1' },
      fields,
      stored,
    );
    expect(Object.fromEntries(fields.map((field, index) => [field, values[index]]))).toMatchObject({
      surname: 'Nowak',
      bsn: '123456782',
      email: 'anna@example.org',
      first_names: null,
    });
  });

  it('refuses personal fields for several migrants at once, in the caller’s language', async () => {
    const error = await errorOf(() =>
      sealOnUpdate(ring)({ surname: 'Nowak' }, { collection: 'migrants', keys: ['m1', 'm2'] }, context()),
    );
    expect([error?.status, error?.extensions?.reason, error?.message]).toEqual([
      400,
      'personal_batch_update',
      'Personal data is changed one labour migrant at a time, not for several at once.',
    ]);
  });

  it('lets a batch update of other fields through unchanged', async () => {
    const payload = { nationality: 'RO' };
    expect(await sealOnUpdate(ring)(payload, { collection: 'migrants', keys: ['m1', 'm2'] }, context())).toBe(payload);
  });

  it('refuses a write of a sealed column (the wrapped data key, the blind index)', async () => {
    const error = await errorOf(() =>
      refuseSealedColumns({ surname: 'x', data_key: 'dk1.forged' }, { collection: 'migrants' }, context()),
    );
    expect([error?.status, error?.extensions?.reason]).toEqual([400, 'sealed_field']);
  });
});

describe('the bundle', () => {
  it('lists the privacy hook after the records hook: its guards come after the input guards, its seal after validation', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '../../../extensions/labour-platform/package.json'), 'utf8'),
    ) as { 'directus:extension': { entries: Array<{ name: string }> } };
    const names = manifest['directus:extension'].entries.map((entry) => entry.name);
    expect(names.indexOf('privacy-hooks')).toBeGreaterThan(names.indexOf('records-hooks'));
  });
});
