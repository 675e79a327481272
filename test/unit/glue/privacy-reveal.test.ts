/**
 * revealInResult (glue/privacy/personal-data.ts) on an in-memory database: who sees a migrant's personal data in
 * plain text, what everyone else sees, what the reveal log records, and what a page of migrants costs in queries.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encryptValue,
  generateKeyRingEnv,
  openReadBundle,
  parseKeyRing,
  SHIELDED_PLACEHOLDER,
  unwrapDataKey,
} from '../../../extensions/labour-platform/src/domain/privacy';
import {
  backfillReadBundles,
  revealInResult,
  sealNewMigrant,
  type RevealContext,
} from '../../../extensions/labour-platform/src/glue/privacy/personal-data';
import type { Row } from '../../../extensions/labour-platform/src/glue/items';
import {
  destroyDataKeys,
  forgetDataKeys,
  unwrapCached,
} from '../../../extensions/labour-platform/src/glue/privacy/data-keys';
import { ROLE_IDS } from '../../../extensions/labour-platform/src/glue/roles';
import { PERSONAL_FIELDS, SEALED_FIELDS } from '../../../extensions/labour-platform/src/domain/personal-fields';
import { caller, countQueries, memoryDatabase } from './memory-data';

const ring = parseKeyRing(generateKeyRingEnv());
const PROVIDER = 'org-provider-a';
const OTHER_PROVIDER = 'org-provider-b';
const GEMEENTE = 'org-gemeente-a';
const PLAIN = {
  first_names: 'Anna Maria',
  surname: 'Kowalska',
  date_of_birth: '1990-02-03',
  email: 'anna@example.org',
  bsn: '123456782',
};

let db: Knex;

beforeEach(async () => {
  db = await memoryDatabase({
    migrants: {
      provider: 'text',
      case_number: 'text',
      current_location: 'text',
      data_key: 'text',
      bsn_index: 'text',
      name_index: 'text',
      read_bundle: 'text',
      phone: 'text',
      home_address: 'text',
      id_document_number: 'text',
      first_names: 'text',
      surname: 'text',
      date_of_birth: 'text',
      email: 'text',
      bsn: 'text',
    },
    locations: { provider: 'text' },
    directus_users: { organisation: 'text', language: 'text' },
    consents: { migrant: 'text', status: 'text' },
    tasks: { migrant: 'text', type: 'text', status: 'text', owner_organisation: 'text' },
    data_keys: { wrapped: 'text', created_at: 'timestamp' },
    reveal_log: {
      viewer: 'text',
      viewer_role: 'text',
      municipality: 'text',
      migrant: 'text',
      case_number: 'text',
      fields: 'text',
      task: 'text',
      basis: 'text',
      reason: 'text',
      occurred_at: 'timestamp',
    },
  });
});
afterEach(() => db.destroy());

/** A migrant of PROVIDER, stored as the privacy hook stores it; returns the row as a read gives it. */
async function storedMigrant(values: Row = PLAIN, provider = PROVIDER): Promise<Row> {
  const sealed = sealNewMigrant(ring, { ...values, provider });
  await db('migrants').insert({ ...sealed.payload, case_number: caseNumberOf(sealed.id) });
  await db('data_keys').insert({ id: sealed.id, wrapped: sealed.wrappedKey });
  return { ...sealed.payload };
}

/** The case number the platform would have assigned (any stable value: the log copies it). */
const caseNumberOf = (id: string): string => `AM-2026-${id.slice(0, 6)}`;

/** A user of the organisation; each gets a new id (the organisation lookup is cached per user). */
async function user(organisation: string | null, language = 'en-US'): Promise<string> {
  const id = randomUUID();
  await db('directus_users').insert({ id, organisation, language });
  return id;
}

function context(accountability: RevealContext['accountability'], extra: Partial<RevealContext> = {}): RevealContext {
  return { ring, knex: db, accountability, language: async () => 'en', ...extra };
}

const asProvider = async () => caller(await user(PROVIDER), ROLE_IDS.provider);
const asClerk = async () => caller(await user(GEMEENTE), ROLE_IDS.clerk);

describe('revealInResult', () => {
  it('decrypts a provider’s own migrant', async () => {
    const row = await storedMigrant();
    await revealInResult(context(await asProvider()), [row]);
    expect(row).toMatchObject(PLAIN);
  });

  it('logs a provider’s reveal: who, which migrant, which fields, on what basis', async () => {
    const row = await storedMigrant();
    const accountability = await asProvider();
    await revealInResult(context(accountability), [row]);
    expect(
      await db('reveal_log').select(
        'viewer',
        'viewer_role',
        'municipality',
        'migrant',
        'case_number',
        'fields',
        'task',
        'basis',
        'reason',
      ),
    ).toEqual([
      {
        viewer: accountability.user,
        viewer_role: 'provider',
        municipality: null,
        migrant: row['id'],
        case_number: caseNumberOf(String(row['id'])),
        fields: JSON.stringify(['bsn', 'date_of_birth', 'email', 'first_names', 'surname']),
        task: null,
        basis: 'own_provider',
        reason: null,
      },
    ]);
  });

  it('never hands out the sealed columns to a caller', async () => {
    const row = await storedMigrant();
    await revealInResult(context(await asProvider()), [row]);
    expect(Object.keys(row).filter((key) => (SEALED_FIELDS.migrants as readonly string[]).includes(key))).toEqual([]);
  });

  it('shields another provider’s migrant, with the reason in the caller’s language', async () => {
    const row = await storedMigrant(PLAIN, OTHER_PROVIDER);
    await revealInResult(context(await asProvider()), [row]);
    expect([row['surname'], row['bsn'], row['privacy']]).toEqual([
      SHIELDED_PLACEHOLDER,
      SHIELDED_PLACEHOLDER,
      { shielded: true, reason: 'not_permitted', notice: 'Shielded: no access to personal data' },
    ]);
  });

  it('logs nothing when nothing is revealed', async () => {
    const row = await storedMigrant(PLAIN, OTHER_PROVIDER);
    await revealInResult(context(await asProvider()), [row]);
    expect(await db('reveal_log').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('shields a migrant from a clerk without a signed consent', async () => {
    const row = await storedMigrant();
    await db('tasks').insert({
      id: randomUUID(),
      migrant: row['id'],
      type: 'register',
      status: 'open',
      owner_organisation: GEMEENTE,
    });
    await revealInResult(context(await asClerk()), [row]);
    expect(row['privacy']).toMatchObject({ shielded: true, reason: 'no_consent' });
  });

  it('shields a consented migrant from a clerk whose municipality has no open task that needs the data', async () => {
    const row = await storedMigrant();
    await db('consents').insert({ id: randomUUID(), migrant: row['id'], status: 'signed' });
    await db('tasks').insert({
      id: randomUUID(),
      migrant: row['id'],
      type: 'confirm_appointment',
      status: 'open',
      owner_organisation: GEMEENTE,
    });
    await revealInResult(context(await asClerk()), [row]);
    expect(row['privacy']).toMatchObject({ shielded: true, reason: 'no_open_task' });
  });

  it('reveals to a clerk with a signed consent and an open task, and logs the task and the municipality', async () => {
    const row = await storedMigrant();
    const task = randomUUID();
    await db('consents').insert({ id: randomUUID(), migrant: row['id'], status: 'signed' });
    await db('tasks').insert({
      id: task,
      migrant: row['id'],
      type: 'register',
      status: 'open',
      owner_organisation: GEMEENTE,
    });
    await revealInResult(context(await asClerk()), [row]);
    expect([row['surname'], await db('reveal_log').select('municipality', 'task', 'basis')]).toEqual([
      PLAIN.surname,
      [{ municipality: GEMEENTE, task, basis: 'consent_and_open_task' }],
    ]);
  });

  it('shields from an administrator without break-glass', async () => {
    const row = await storedMigrant();
    await revealInResult(context(caller(await user(null), null, true)), [row]);
    expect(row['privacy']).toMatchObject({ shielded: true, reason: 'not_permitted' });
  });

  it('reveals to an administrator’s break-glass and logs the reason', async () => {
    const row = await storedMigrant();
    await revealInResult(context(caller(await user(null), null, true), { breakGlass: { reason: 'court order 42' } }), [
      row,
    ]);
    expect([row['surname'], await db('reveal_log').select('basis', 'reason')]).toEqual([
      PLAIN.surname,
      [{ basis: 'break_glass', reason: 'court order 42' }],
    ]);
  });

  it('decrypts for the system without logging and keeps the sealed columns for it (the key is in the vault, not the row)', async () => {
    const row = await storedMigrant();
    await revealInResult(context(null), [row]);
    expect([row['surname'], typeof row['name_index'], await db('reveal_log').count({ n: '*' })]).toEqual([
      PLAIN.surname,
      'string',
      [{ n: 0 }],
    ]);
  });

  it('reaches a migrant nested in another collection’s read', async () => {
    const row = await storedMigrant();
    const stay = { id: randomUUID(), migrant: row };
    await revealInResult(context(await asProvider()), [stay]);
    expect((stay.migrant as Row)['surname']).toBe(PLAIN.surname);
  });

  it('shields personal data read without the migrant’s id (nothing to bind it to)', async () => {
    const { id: _id, ...withoutId } = await storedMigrant();
    await revealInResult(context(await asProvider()), [withoutId]);
    expect(withoutId['privacy']).toMatchObject({ shielded: true, reason: 'id_required' });
  });

  it('reports a value copied from another migrant instead of showing it', async () => {
    const first = await storedMigrant();
    const second = await storedMigrant({ ...PLAIN, surname: 'Nowak' });
    const tampered: Row = { ...first, surname: second['surname'] };
    await revealInResult(context(await asProvider()), [tampered]);
    expect([tampered['surname'], tampered['privacy']]).toEqual([
      SHIELDED_PLACEHOLDER,
      { shielded: false, errors: [{ field: 'surname', reason: 'wrong_binding' }] },
    ]);
  });

  it('reads a page of 100 migrants in a fixed number of queries, one of them the reveal log', async () => {
    const rows: Row[] = [];
    for (let i = 0; i < 100; i++) rows.push(await storedMigrant({ ...PLAIN, surname: `Kowalska ${i}` }));
    const accountability = await asProvider();
    const { queries } = await countQueries(db, () => revealInResult(context(accountability), rows));
    expect([queries.length, queries.filter((sql) => sql.startsWith('insert')).length]).toEqual([3, 1]);
  });

  it('fails a read whose reveal log cannot be written', async () => {
    const row = await storedMigrant();
    await db.schema.dropTable('reveal_log');
    await expect(revealInResult(context(await asProvider()), [row])).rejects.toThrow(/reveal_log/);
    // and what it had decrypted meanwhile is shielded again, should anything still hold the result
    expect([row['surname'], row['bsn']]).toEqual([SHIELDED_PLACEHOLDER, SHIELDED_PLACEHOLDER]);
  });

  it('logs every one of several reads made at once', async () => {
    const pages = await Promise.all(
      Array.from({ length: 4 }, async () => [await storedMigrant(), await storedMigrant()]),
    );
    const accountability = await asProvider();
    await Promise.all(pages.map((page) => revealInResult(context(accountability), page)));
    expect((await db('reveal_log').select('migrant')).map((entry: Row) => entry['migrant']).sort()).toEqual(
      pages
        .flat()
        .map((row) => row['id'])
        .sort(),
    );
  });

  it('writes the reveal logs of reads made at once in fewer inserts than reads (group commit)', async () => {
    const pages = await Promise.all(Array.from({ length: 4 }, async () => [await storedMigrant()]));
    const accountability = await asProvider();
    const { queries } = await countQueries(db, () =>
      Promise.all(pages.map((page) => revealInResult(context(accountability), page))),
    );
    expect(queries.filter((sql) => sql.startsWith('insert')).length).toBeLessThan(4);
  });
  it('reveals from the read bundle only while it covers the stored values: a field stored anew shows its new value', async () => {
    const row = await storedMigrant();
    const id = String(row['id']);
    const { wrapped } = (await db('data_keys').where({ id }).first()) as { wrapped: string };
    const key = unwrapDataKey(ring, wrapped, { collection: 'migrants', id });
    // another writer stores a field without renewing the bundle
    const surname = encryptValue(key, 'Nowak', { collection: 'migrants', field: 'surname', id });
    await db('migrants').where({ id }).update({ surname });
    const read: Row = { ...row, surname };
    await revealInResult(context(await asProvider()), [read]);
    expect(read).toMatchObject({ ...PLAIN, surname: 'Nowak' });
    expect(read['privacy']).toBeUndefined();
    // a read of every personal field: the row's own values are what the bundle must cover
    const whole = (await db('migrants').where({ id }).first()) as Row;
    await revealInResult(context(await asProvider()), [whole]);
    expect(whole).toMatchObject({ ...PLAIN, surname: 'Nowak', phone: null });
    expect(whole['privacy']).toBeUndefined();
  });

  it('reveals a read of every personal field from its read bundle', async () => {
    const row = await storedMigrant();
    const whole = (await db('migrants').where({ id: row['id'] }).first()) as Row;
    await revealInResult(context(await asProvider()), [whole]);
    expect(whole).toMatchObject({ ...PLAIN, home_address: null });
    expect(Object.keys(whole)).not.toContain('read_bundle');
  });

  it('gives migrants from before the read bundle one, once, which then opens', async () => {
    const row = await storedMigrant();
    await db('migrants').update({ read_bundle: null });
    expect([await backfillReadBundles(ring, db), await backfillReadBundles(ring, db)]).toEqual([1, 0]);
    const whole = (await db('migrants').where({ id: row['id'] }).first()) as Row;
    const { wrapped } = (await db('data_keys').where({ id: row['id'] }).first()) as { wrapped: string };
    const key = unwrapDataKey(ring, wrapped, { collection: 'migrants', id: String(row['id']) });
    const fields = PERSONAL_FIELDS.migrants;
    const values = openReadBundle(
      key,
      String(whole['read_bundle']),
      { collection: 'migrants', id: String(row['id']) },
      fields,
      whole,
    );
    expect(values[fields.indexOf('surname')]).toBe(PLAIN.surname);
  });

  it('does not use a read bundle copied from another migrant, nor one for a row read before a change', async () => {
    const row = await storedMigrant();
    const other = await storedMigrant({ ...PLAIN, surname: 'Nowak', email: 'jan@example.org' });
    await db('migrants').where({ id: row['id'] }).update({ read_bundle: other['read_bundle'] });
    const copied = { ...row };
    await revealInResult(context(await asProvider()), [copied]);
    expect(copied).toMatchObject(PLAIN);
    // the row read holds other stored values than the database now (and its bundle): field by field, as read
    const before = { ...other };
    await db('migrants').where({ id: other['id'] }).update({ surname: row['surname'] });
    await revealInResult(context(await asProvider()), [before]);
    expect(before).toMatchObject({ surname: 'Nowak', email: 'jan@example.org' });
  });
});

describe('unwrapped data keys kept briefly', () => {
  const wrappedOf = async (id: string): Promise<string> =>
    String(((await db('data_keys').where('id', id).first()) as Row)['wrapped']);

  it('unwraps a migrant’s key once for reads that follow, and only with the wrapped key the vault holds', async () => {
    const row = await storedMigrant();
    const id = String(row['id']);
    const wrapped = await wrappedOf(id);
    const key = unwrapCached(ring, wrapped, id);
    expect(unwrapCached(ring, wrapped, id)).toBe(key);
    // a key rewrapped meanwhile (rotation) is another wrapped value: unwrapped again, the old copy wiped
    const other = sealNewMigrant(ring, { id, surname: 'x' }).wrappedKey;
    const rotated = unwrapCached(ring, other, id);
    expect(rotated).not.toBe(key);
    expect(key.every((byte) => byte === 0)).toBe(true);
    forgetDataKeys([id]);
  });

  it('wipes an erased migrant’s key from memory when its vault row is destroyed', async () => {
    const row = await storedMigrant();
    const id = String(row['id']);
    await revealInResult(context(await asProvider()), [{ ...row }]);
    const key = unwrapCached(ring, await wrappedOf(id), id);
    expect(key.some((byte) => byte !== 0)).toBe(true);
    expect(await destroyDataKeys(db, [id])).toBe(1);
    expect(key.every((byte) => byte === 0)).toBe(true);
    // and a read after the erasure has nothing to unwrap: its values stay sealed
    const after = { ...row };
    await revealInResult(context(await asProvider()), [after]);
    expect([after['surname'], after['privacy']]).toEqual([
      SHIELDED_PLACEHOLDER,
      { shielded: false, errors: [{ field: 'data_key', reason: 'unknown_key' }] },
    ]);
  });

  it('does not let another key ring use a key another ring unwrapped', async () => {
    const row = await storedMigrant();
    const id = String(row['id']);
    const wrapped = await wrappedOf(id);
    unwrapCached(ring, wrapped, id);
    const otherRing = parseKeyRing({
      FIELD_ENCRYPTION_KEYS: `another:${Buffer.alloc(32, 3).toString('base64')}`,
      FIELD_ENCRYPTION_ACTIVE_KEY: 'another',
      FIELD_BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString('base64'),
    });
    expect(() => unwrapCached(otherRing, wrapped, id)).toThrow(expect.objectContaining({ reason: 'unknown_key' }));
  });
});
