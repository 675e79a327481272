/**
 * Door 1 of the intake: real files (an .xlsx made without exceljs, CSVs in Windows-1252 with semicolons and UTF-8 with
 * commas), dry run, commit, re-upload without change, full list with a missing person, every refusal reason, the
 * mapping correction remembered per provider, and who may import for whom.
 */
import ExcelJS from 'exceljs';
import { createItem, readItems } from '@directus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { as, demoData } from '../support/as-user.js';
import { closeTestDatabase, rowCount, testDatabase } from '../support/database.js';
import { fixture, intakeRequest, upload } from '../support/intake.js';

const molenvaart = () => demoData().locations.find((l) => l.name === 'Logies Molenvaart')!;
const breezand = () => demoData().locations.find((l) => l.name === 'Pension Breezand')!;

let locationCount = 0;

afterAll(async () => {
  await closeTestDatabase();
});

/** A location of provider A in gemeente A that only this test uses (a confirmed full list departs all others there). */
async function ownLocation(prefix: string): Promise<{ id: string; name: string }> {
  const name = `${prefix} ${Date.now().toString(36)}${locationCount++}`;
  const created = (await (
    await as('providerA')
  ).request(
    createItem('locations', {
      name,
      street: 'Molenvaart',
      house_number: String(100 + locationCount),
      postcode: '1761 AB',
      city: 'Anna Paulowna',
      capacity: 10,
      provider: ORG.providerA,
      bag_id: `1911010000998${String(100 + locationCount).padStart(3, '0')}`,
    }),
  )) as { id: string };
  return { id: created.id, name };
}

async function migrantsWithReference(reference: string): Promise<Array<Record<string, unknown>>> {
  const provider = await as('providerA');
  return (await provider.request(
    readItems('migrants', {
      filter: { external_reference: { _eq: reference } },
      fields: [
        'id',
        'bsn',
        'first_names',
        'surname',
        'date_of_birth',
        'nationality',
        'current_location',
        'case_number',
      ],
    }),
  )) as Array<Record<string, unknown>>;
}

describe('intake: a spreadsheet upload', () => {
  let xlsxImport = '';

  it('dry run of an .xlsx: columns matched on the second sheet below a title row, rows classified, nothing written', async () => {
    const answer = await upload('providerA', { name: 'residents.xlsx', data: fixture('residents.xlsx') });
    expect(answer.status).toBe(200);
    const result = answer.data!;
    xlsxImport = result.id;
    expect(result).toMatchObject({
      status: 'dry_run',
      dry_run: true,
      mode: 'additions',
      provider: ORG.providerA,
      same_file_as: null,
    });
    expect(result.counts).toEqual({ rows: 5, new: 3, changed: 0, unchanged: 0, refused: 2 });
    expect(result.columns.filter((c) => c.field !== null).map((c) => [c.header, c.field])).toEqual([
      ['Personeelsnr.', 'external_reference'],
      ['BSN-nummer', 'bsn'],
      ['Voornaam', 'first_names'],
      ['Achternaam', 'surname'],
      ['Geb. datum', 'date_of_birth'],
      ['Nationaliteit', 'nationality'],
      ['Locatie', 'location'],
      ['Aankomstdatum', 'arrival_date'],
    ]);
    expect(result.ignored_columns).toEqual(['Opmerkingen']);
    expect(result.refused.map((r) => [r.row, r.reference, r.column, r.code])).toEqual([
      [8, 'X-4', 'BSN-nummer', 'invalid_bsn'],
      [9, 'X-5', 'Nationaliteit', 'invalid_country'],
    ]);
    expect(result.refused[0]!.message).toBe(result.refused[0]!.messages.nl);
    expect(result.refused[0]!.messages.en).toMatch(/BSN/);
    expect(JSON.stringify(result)).not.toContain('999993654');
    expect(await migrantsWithReference('X-1')).toEqual([]);
  });

  it('an .ods (OpenDocument, as LibreOffice writes it) reads as the .xlsx with the same rows', async () => {
    const ods = await upload('providerA', { name: 'residents.ods', data: fixture('residents.ods') });
    expect(ods.status, ods.message ?? '').toBe(200);
    const xlsx = await upload('providerA', { name: 'residents.xlsx', data: fixture('residents.xlsx') });
    expect(ods.data!.counts).toEqual(xlsx.data!.counts);
    expect(ods.data!.columns).toEqual(xlsx.data!.columns);
    expect(ods.data!.refused).toEqual(xlsx.data!.refused);
    expect(ods.data!.rows.map((r) => [r.row, r.reference, r.outcome])).toEqual(
      xlsx.data!.rows.map((r) => [r.row, r.reference, r.outcome]),
    );
    // a file that only looks like one is refused as unreadable
    const broken = await upload('providerA', { name: 'broken.ods', data: fixture('residents.ods').subarray(0, 300) });
    expect(broken).toMatchObject({ status: 400, code: 'INTAKE_UNREADABLE_FILE' });
    expect(broken.message).toMatch(/\.ods/);
  });

  it('commit writes every valid row in one go, encrypted, with its stay, task and case number', async () => {
    const answer = await intakeRequest('providerA', 'POST', `/intake/imports/${xlsxImport}/commit`);
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ status: 'committed', dry_run: false, counts: { new: 3, refused: 2 } });
    expect(
      answer
        .data!.rows.filter((r) => r.outcome === 'new')
        .every((r) => typeof r.migrant === 'string' && /^AM-/.test(String(r.case_number))),
    ).toBe(true);
    const [x1] = await migrantsWithReference('X-1');
    expect(x1).toMatchObject({
      bsn: '012345672',
      first_names: 'Łukasz',
      surname: 'Wójcik',
      date_of_birth: '1990-02-01',
      nationality: 'PL',
    });
    await expect.poll(async () => (await migrantsWithReference('X-1'))[0]?.['current_location']).toBe(molenvaart().id);
    const [x3] = await migrantsWithReference('X-3');
    expect(x3).toMatchObject({ first_names: 'Иван', surname: 'Петров', nationality: 'BG' });
    // the first task opens as for the form
    const admin = await as('admin');
    await expect
      .poll(async () =>
        (
          (await admin.request(
            readItems('tasks', { filter: { migrant: { _eq: String(x1!['id']) } }, fields: ['type'] }),
          )) as Array<{ type: string }>
        ).map((t) => t.type),
      )
      .toContain('assess_status');
    // stored encrypted
    const raw = (await admin.request(
      readItems('migrants', { filter: { id: { _eq: String(x1!['id']) } }, fields: ['bsn'] }),
    )) as Array<{ bsn: string }>;
    expect(raw[0]!.bsn).not.toBe('012345672');
    // a second commit is refused
    expect((await intakeRequest('providerA', 'POST', `/intake/imports/${xlsxImport}/commit`)).code).toBe(
      'INTAKE_ALREADY_COMMITTED',
    );
  });

  it('the refused rows download as a spreadsheet with a reason column', async () => {
    const answer = await intakeRequest<Buffer>('providerA', 'GET', `/intake/imports/${xlsxImport}/refused.xlsx`);
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.data! as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown as unknown[][];
    expect(rows[0]!.slice(1)).toEqual([
      'Personeelsnr.',
      'BSN-nummer',
      'Voornaam',
      'Achternaam ',
      'Geb. datum',
      'Nationaliteit',
      'Locatie',
      'Aankomstdatum',
      'Opmerkingen',
      'Reden van weigering',
    ]);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['X-4', 'X-5']);
    expect(String(rows[1]![10])).toMatch(/Regel 8:.*BSN/);
  });

  it('an imported person is written as the form writes one (sealed, key in the vault, case number, activity, stay with revision, outbox)', async () => {
    const db = testDatabase();
    const location = await ownLocation('Intake as form');
    const today = new Date().toISOString().slice(0, 10);
    const viaForm = (await (
      await as('providerA')
    ).request(
      createItem('migrants', {
        external_reference: 'AS-FORM-1',
        first_names: 'Zofia',
        surname: 'Formularz',
        date_of_birth: '1991-05-06',
        nationality: 'PL',
        arrival_date: today,
        stays: { create: [{ location: location.id, start_date: today }] },
      } as never),
    )) as { id: string };
    const upload1 = await upload(
      'providerA',
      {
        name: 'as-form.csv',
        data: Buffer.from(
          `Referentie;Voornaam;Achternaam;Geboortedatum;Nationaliteit;Locatie;Aankomstdatum\nAS-IMPORT-1;Zofia;Import;06-05-1991;Polen;${location.name};${today}\n`,
        ),
      },
      { dry_run: 'false' },
    );
    expect(upload1.data).toMatchObject({ status: 'committed', counts: { new: 1 } });
    const viaImport = String(upload1.data!.rows[0]!.migrant);
    const user = ((await db('directus_users').where('email', 'provider-a@example.org').first('id')) as { id: string })
      .id;
    const shape = async (id: string) => {
      const row = (await db('migrants').where('id', id).first()) as Record<string, unknown>;
      const stay = (await db('stays').where('migrant', id).first()) as Record<string, unknown>;
      const kinds = (await db('outbox').where('subject', id).select('kind')) as Array<{ kind: string }>;
      return {
        sealed: typeof row['surname'] === 'string' && !/Formularz|Import/.test(String(row['surname'])),
        nameIndex: typeof row['name_index'] === 'string' && String(row['name_index']) !== '',
        caseNumber: /^AM-\d{4}-\d{6}$/.test(String(row['case_number'])),
        keyInVault: await rowCount(db('data_keys').where('id', id)),
        keyInRow: row['data_key'] ?? null,
        provider: row['provider'],
        status: row['brp_status'],
        created: row['date_created'] !== null,
        migrantActivity: await rowCount(
          db('directus_activity').where({ collection: 'migrants', item: id, action: 'create', user }),
        ),
        migrantRevisions: await rowCount(db('directus_revisions').where({ collection: 'migrants', item: id })),
        stay: { location: stay['location'], created: stay['date_created'] !== null, open: stay['end_date'] === null },
        stayActivity: await rowCount(
          db('directus_activity').where({ collection: 'stays', item: String(stay['id']), action: 'create', user }),
        ),
        stayRevisions: await rowCount(
          db('directus_revisions').where({ collection: 'stays', item: String(stay['id']) }),
        ),
        outbox: kinds.map((entry) => entry.kind).sort(),
      };
    };
    const form = await shape(viaForm.id);
    expect(form).toMatchObject({ sealed: true, caseNumber: true, keyInVault: 1, provider: ORG.providerA });
    expect(await shape(viaImport)).toEqual(form);
  });

  it('re-uploading the same file changes nothing and says so', async () => {
    const answer = await upload(
      'providerA',
      { name: 'residents.xlsx', data: fixture('residents.xlsx') },
      { dry_run: 'false' },
    );
    expect(answer.data).toMatchObject({
      status: 'unchanged',
      same_file_as: xlsxImport,
      counts: { new: 0, changed: 0, unchanged: 3, refused: 2 },
    });
    expect(answer.data!.notice).toMatch(/al eerder verwerkt/);
    expect(await migrantsWithReference('X-1')).toHaveLength(1);
  });

  it('CSVs in UTF-8 with commas and in Windows-1252 with semicolons; the second changes only what differs', async () => {
    const utf8 = await upload(
      'providerA',
      { name: 'residents-utf8-comma.csv', data: fixture('residents-utf8-comma.csv') },
      { dry_run: 'false' },
    );
    expect(utf8.data).toMatchObject({ status: 'committed', counts: { new: 2, refused: 0 } });
    expect((await migrantsWithReference('C-2'))[0]).toMatchObject({
      first_names: 'Renée',
      surname: 'Dvořák',
      nationality: 'CZ',
    });
    const cp1252 = await upload('providerA', {
      name: 'residents-cp1252-semicolon.csv',
      data: fixture('residents-cp1252-semicolon.csv'),
    });
    expect(cp1252.data!.counts).toEqual({ rows: 2, new: 0, changed: 1, unchanged: 1, refused: 0 });
    expect(cp1252.data!.rows.find((r) => r.reference === 'C-2')).toMatchObject({
      outcome: 'changed',
      fields: ['surname'],
    });
  });

  it('full list: people at a listed location missing from the list are proposed departures, others untouched', async () => {
    const csv =
      'Referentie;Voornaam;Achternaam;Geboortedatum;Locatie;Aankomstdatum\nX-1;Łukasz;Wójcik;01-02-1990;Logies Molenvaart;03-03-2025\n';
    const answer = await upload('providerA', { name: 'week.csv', data: csv }, { mode: 'full_list' });
    expect(answer.data!.counts).toMatchObject({ unchanged: 1, refused: 0 });
    const [x2] = await migrantsWithReference('X-2');
    const [x3] = await migrantsWithReference('X-3');
    const [x1] = await migrantsWithReference('X-1');
    const proposed = answer.data!.proposed_departures.map((p) => p.migrant);
    expect(proposed).toContain(String(x2!['id']));
    expect(proposed).not.toContain(String(x1!['id']));
    expect(proposed).not.toContain(String(x3!['id'])); // at Pension Breezand, not on this list
    expect(answer.data!.proposed_departures.every((p) => p.location === molenvaart().id)).toBe(true);
    expect(
      (await upload('providerA', { name: 'week.csv', data: csv }, { mode: 'additions' })).data!.proposed_departures,
    ).toEqual([]);
  });

  it('full list: the commit reports the proposed departures only when the caller confirms, with the rows, on the commit day', async () => {
    // a location of its own: a confirmed full list departs everyone else there, and the demo's people stay put
    const location = await ownLocation('Logies Vertrek');
    const header = 'Referentie;Voornaam;Achternaam;Geboortedatum;Locatie;Aankomstdatum\n';
    const d1 = `D-1;Łukasz;Wójcik;01-02-1990;${location.name};03-03-2025\n`;
    const added = await upload(
      'providerA',
      { name: 'start.csv', data: `${header}${d1}D-2;Jan;Kowalski;02-03-1989;${location.name};03-03-2025\n` },
      { dry_run: 'false' },
    );
    expect(added.data?.counts).toMatchObject({ new: 2, refused: 0 });
    const [onList, missing] = added.data!.rows.map((row) => String(row.migrant)) as [string, string];
    const provider = await as('providerA');
    const admin = await as('admin');
    const occupied = async () =>
      Number(
        (
          (await provider.request(
            readItems('locations', { filter: { id: { _eq: location.id } }, fields: ['occupied_beds'] }),
          )) as Array<{ occupied_beds: number | null }>
        )[0]!.occupied_beds ?? 0,
      );
    const stateOf = async (id: string) =>
      (
        (await admin.request(
          readItems('migrants', {
            filter: { id: { _eq: id } },
            fields: ['brp_status', 'current_location', 'departure_date', { stays: ['location', 'end_date'] }],
          }),
        )) as Array<Record<string, unknown>>
      )[0]!;
    // the current location and the bed count follow the stays after the commit (the outbox)
    await expect.poll(async () => (await stateOf(missing))['current_location']).toBe(location.id);
    await expect.poll(occupied).toBe(2);
    const csv = `${header}${d1}`;

    // without confirmation nobody departs
    const unconfirmed = await upload('providerA', { name: 'week.csv', data: csv }, { mode: 'full_list' });
    expect(unconfirmed.data!.proposed_departures.map((p) => p.migrant)).toEqual([missing]);
    expect(
      (
        await intakeRequest(
          'providerA',
          'POST',
          `/intake/imports/${unconfirmed.data!.id}/commit`,
          JSON.stringify({ confirm_departures: 'yes' }),
        )
      ).code,
    ).toBe('INVALID_INPUT');
    const kept = await intakeRequest(
      'providerA',
      'POST',
      `/intake/imports/${unconfirmed.data!.id}/commit`,
      JSON.stringify({ confirm_departures: false }),
    );
    expect(kept.data).toMatchObject({ departures_recorded: 0, departure_date: null });
    expect(await stateOf(missing)).toMatchObject({ current_location: location.id, departure_date: null });

    // confirmed: the departure is reported through the BRP workflow in the commit's transaction
    const confirmed = await upload('providerA', { name: 'week.csv', data: csv }, { mode: 'full_list' });
    expect(confirmed.data!.proposed_departures.map((p) => p.migrant)).toEqual([missing]);
    const answer = await intakeRequest(
      'providerA',
      'POST',
      `/intake/imports/${confirmed.data!.id}/commit`,
      JSON.stringify({ confirm_departures: true }),
    );
    expect(answer.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    expect(answer.data).toMatchObject({ status: 'committed', departures_recorded: 1, departure_date: today });
    const after = await stateOf(missing);
    expect(after).toMatchObject({ brp_status: 'vertrokken', current_location: null, departure_date: today });
    expect(
      (after['stays'] as Array<{ location: string; end_date: string | null }>).filter((stay) => stay.end_date === null),
    ).toEqual([]);
    await expect.poll(occupied).toBe(1);
    const history = (await admin.request(
      readItems('status_history', {
        filter: { migrant: { _eq: missing } },
        fields: ['event', 'to_status'],
        sort: ['occurred_at'],
      }),
    )) as Array<Record<string, unknown>>;
    expect(history.at(-1)).toEqual({ event: 'REPORT_DEPARTURE', to_status: 'vertrokken' });
    const open = (await admin.request(
      readItems('tasks', {
        filter: { _and: [{ migrant: { _eq: missing } }, { status: { _eq: 'open' } }] },
        fields: ['type'],
      }),
    )) as Array<Record<string, unknown>>;
    expect(open).toEqual([]);
    // the person on the list stays; the read-back report says the same
    expect((await stateOf(onList))['current_location']).toBe(location.id);
    expect((await intakeRequest('providerA', 'GET', `/intake/imports/${confirmed.data!.id}`)).data).toMatchObject({
      departures_recorded: 1,
    });
  });

  it('refuses each bad row with its reason, in the user’s language (provider B reads English)', async () => {
    const location = demoData().locations.find((l) => l.provider === ORG.providerB)!.name;
    const rows = [
      'Reference,BSN,First name,Surname,Date of birth,Gender,Location,Arrival date,Work postcode',
      `R-1,999993654,Ann,Lee,01-02-1990,F,${location},2025-03-03,`,
      `R-2,,Ann,Lee,31-02-1990,F,${location},2025-03-03,`,
      `R-3,,Ann,Lee,01-02-1990,F,Nowhere,2025-03-03,`,
      `R-4,,,Lee,01-02-1990,F,${location},2025-03-03,`,
      `R-5,,Ann,Lee,01-02-2090,F,${location},2025-03-03,`,
      `,,Ann,Lee,01-02-1990,F,${location},2025-03-03,`,
      `R-7,,Ann,Lee,01-02-1990,F,${location},2025-03-03,`,
      `R-7,,Ann,Lee,01-02-1990,F,${location},2025-03-03,`,
      `R-9,,Ann,Lee,01-02-1990,F,${location},1980-01-01,`,
      `R-10,,Ann,Lee,01-02-1990,F,${location},2025-03-03,0123AB`,
      `R-11,,Ann,Lee,01-02-1990,banana,${location},2025-03-03,`,
    ].join('\n');
    const answer = await upload('providerB', { name: 'bad.csv', data: rows });
    expect(answer.data!.refused.map((r) => [r.row, r.code])).toEqual([
      [2, 'invalid_bsn'],
      [3, 'invalid_date'],
      [4, 'unknown_location'],
      [5, 'required'],
      [6, 'in_future'],
      [7, 'no_identifier'],
      [8, 'duplicate_in_file'],
      [9, 'duplicate_in_file'],
      [10, 'must_be_before'],
      [11, 'invalid_postcode'],
      [12, 'unreadable_value'],
    ]);
    for (const refused of answer.data!.refused) expect(refused.message).toBe(refused.messages.en);
    expect(answer.data!.counts).toMatchObject({ new: 0, refused: 11 });
  });

  it('a corrected mapping is used and remembered for the provider’s next file', async () => {
    const csv =
      'Referentie;Voornaam;Achternaam;Geboortedatum;Kamer;Aankomstdatum\nM-1;Jan;Nowak;01-02-1990;Pension Breezand;03-03-2025\n';
    const without = await upload('providerA', { name: 'kamer.csv', data: csv });
    expect(without).toMatchObject({ status: 400, code: 'INTAKE_MISSING_COLUMNS' });
    expect(without.message).toMatch(/Locatie/);
    // the column table: which required fields are missing, and every header found with the field it matched
    const extensions = (without.body as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0]!
      .extensions;
    expect(extensions['fields']).toEqual(['location']);
    expect(extensions['found']).toEqual([
      { index: 0, header: 'Referentie', field: 'external_reference' },
      { index: 1, header: 'Voornaam', field: 'first_names' },
      { index: 2, header: 'Achternaam', field: 'surname' },
      { index: 3, header: 'Geboortedatum', field: 'date_of_birth' },
      { index: 4, header: 'Kamer', field: null },
      { index: 5, header: 'Aankomstdatum', field: 'arrival_date' },
    ]);
    expect(without.message).toMatch(/"Kamer"/);
    expect(without.message).toMatch(/"Voornaam" \(Voorna/);
    const corrected = await upload(
      'providerA',
      { name: 'kamer.csv', data: csv },
      { mapping: JSON.stringify({ Kamer: 'location' }) },
    );
    expect(corrected.data!.columns.find((c) => c.header === 'Kamer')).toMatchObject({
      field: 'location',
      source: 'mapping',
    });
    const remembered = await upload('providerA', { name: 'kamer.csv', data: csv });
    expect(remembered.data!.columns.find((c) => c.header === 'Kamer')).toMatchObject({
      field: 'location',
      source: 'remembered',
    });
    expect(remembered.data!.rows[0]).toMatchObject({ outcome: 'new' });
    expect((await upload('providerB', { name: 'kamer.csv', data: csv })).code).toBe('INTAKE_MISSING_COLUMNS');
  });

  it('whole-file refusals: no header, not a spreadsheet, no file, a bad mapping or mode', async () => {
    expect((await upload('providerA', { name: 'x.csv', data: 'a;b\n1;2\n' })).code).toBe('INTAKE_NO_HEADER');
    expect(
      (await upload('providerA', { name: 'x.xlsx', data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).code,
    ).toBe('INTAKE_UNREADABLE_FILE');
    expect((await upload('providerA', { name: 'x.bin', data: Buffer.from([0, 1, 2, 0]) })).code).toBe(
      'INTAKE_UNREADABLE_FILE',
    );
    expect((await intakeRequest('providerA', 'POST', '/intake/imports', '{}')).status).toBe(400);
    expect(
      (
        await upload(
          'providerA',
          { name: 'residents.xlsx', data: fixture('residents.xlsx') },
          { mapping: '{"Voornaam":"salary"}' },
        )
      ).code,
    ).toBe('INTAKE_INVALID_MAPPING');
    expect(
      (await upload('providerA', { name: 'residents.xlsx', data: fixture('residents.xlsx') }, { mode: 'everything' }))
        .status,
    ).toBe(400);
  });
});

describe('intake: who imports for whom', () => {
  it('a provider cannot import into another provider’s locations, nor name another provider', async () => {
    const other = await upload('providerB', { name: 'residents.xlsx', data: fixture('residents.xlsx') });
    expect(other.data!.counts).toMatchObject({ new: 0 });
    expect(other.data!.refused.filter((r) => r.code === 'unknown_location').map((r) => r.row)).toEqual([4, 5, 7, 8, 9]);
    expect(
      (
        await upload(
          'providerB',
          { name: 'residents.xlsx', data: fixture('residents.xlsx') },
          { provider: ORG.providerA },
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('a clerk imports only for a provider with a location in its municipality', async () => {
    const forA = await upload(
      'clerkA',
      { name: 'residents.xlsx', data: fixture('residents.xlsx') },
      { provider: ORG.providerA },
    );
    expect(forA.status).toBe(200);
    expect(forA.data!.provider).toBe(ORG.providerA);
    expect((await upload('clerkA', { name: 'residents.xlsx', data: fixture('residents.xlsx') })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await upload('clerkB', { name: 'residents.xlsx', data: fixture('residents.xlsx') }, { provider: ORG.providerA }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await upload('clerkA', { name: 'residents.xlsx', data: fixture('residents.xlsx') }, { provider: ORG.gemeenteA }))
        .code,
    ).toBe('NOT_FOUND');
    // another user's import is invisible, also to the provider it is not for
    expect((await intakeRequest('providerB', 'GET', `/intake/imports/${forA.data!.id}`)).code).toBe('NOT_FOUND');
    expect((await intakeRequest('providerB', 'POST', `/intake/imports/${forA.data!.id}/commit`)).code).toBe(
      'NOT_FOUND',
    );
    expect((await intakeRequest('providerA', 'GET', `/intake/imports/${forA.data!.id}`)).status).toBe(200);
  });

  it('an upload committed at once (dry_run=false) confirms its full list’s departures with confirm_departures=true', async () => {
    const location = await ownLocation('Logies Direct');
    const header = 'Referentie;Voornaam;Achternaam;Geboortedatum;Nationaliteit;Locatie;Aankomstdatum\n';
    const stamp = Date.now().toString(36);
    const d2 = `DIR-2-${stamp};Dana;Direct;07-08-1987;RO;${location.name};03-03-2025\n`;
    const added = await upload(
      'providerA',
      {
        name: 'd.csv',
        data: `${header}DIR-1-${stamp};Dirk;Direct;05-06-1988;RO;${location.name};03-03-2025\n${d2}`,
      },
      { dry_run: 'false' },
    );
    expect(added.data?.counts).toMatchObject({ new: 2 });
    const [d1, stays] = added.data!.rows.map((row) => String(row.migrant)) as [string, string];
    const admin = await as('admin');
    const stateOf = async () =>
      (await admin.request(
        readItems('migrants', {
          filter: { id: { _in: [d1, stays] } },
          fields: ['id', 'brp_status', 'current_location'],
        }),
      )) as Array<Record<string, unknown>>;
    await expect
      .poll(async () => (await stateOf()).filter((m) => m['current_location'] === location.id).length)
      .toBe(2);
    const wrong = await upload(
      'providerA',
      { name: 'week.csv', data: `${header}${d2}` },
      { mode: 'full_list', dry_run: 'false', confirm_departures: 'ja' },
    );
    expect(wrong).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    const list = await upload(
      'providerA',
      { name: 'week.csv', data: `${header}${d2}` },
      { mode: 'full_list', dry_run: 'false', confirm_departures: 'true' },
    );
    expect(list.data).toMatchObject({ status: 'committed', departures_recorded: 1, counts: { unchanged: 1 } });
    expect(list.data!.proposed_departures.map((p) => p.migrant)).toEqual([d1]);
    await expect
      .poll(async () => (await stateOf()).find((m) => m['id'] === d1))
      .toMatchObject({ brp_status: 'vertrokken', current_location: null });
    expect((await stateOf()).find((m) => m['id'] === stays)).toMatchObject({ current_location: location.id });
  });

  it('a clerk acting for a provider writes as itself: the activity, revisions and status history name the clerk', async () => {
    const location = await ownLocation('Logies Namens');
    const header = 'Referentie;Voornaam;Achternaam;Geboortedatum;Nationaliteit;Locatie;Aankomstdatum\n';
    const answer = await upload(
      'clerkA',
      {
        name: 'namens.csv',
        data: `${header}NAM-${Date.now().toString(36)};Nina;Namens;05-06-1990;PL;${location.name};03-03-2025\n`,
      },
      { provider: ORG.providerA, dry_run: 'false' },
    );
    expect(answer.data).toMatchObject({ status: 'committed', counts: { new: 1 } });
    const migrant = String(answer.data!.rows[0]!.migrant);
    const db = testDatabase();
    const clerk = (await db('directus_users').where('email', 'clerk-a@example.org').first('id')) as { id: string };
    const created = (await db('directus_activity')
      .where({ collection: 'migrants', item: migrant, action: 'create' })
      .select('user')) as Array<{ user: string | null }>;
    expect(created.map((entry) => entry.user)).toEqual([clerk.id]);
    const [stay] = (await db('stays').where('migrant', migrant).select('id')) as Array<{ id: string }>;
    const stayActivity = (await db('directus_activity')
      .where({ collection: 'stays', item: stay!.id, action: 'create' })
      .select('id', 'user')) as Array<{ id: number; user: string | null }>;
    expect(stayActivity.map((entry) => entry.user)).toEqual([clerk.id]);
    // stays keep revisions too: the revision hangs off the clerk's activity
    expect(await rowCount(db('directus_revisions').where({ collection: 'stays', item: stay!.id }))).toBeGreaterThan(0);
    // the migrant is provider A's, not the clerk's municipality's
    expect(((await db('migrants').where('id', migrant).first('provider')) as { provider: string }).provider).toBe(
      ORG.providerA,
    );
  });

  it('a clerk acting for a provider confirms a full list’s departures within its municipality (the history names the clerk)', async () => {
    // a location of its own: a confirmed full list departs everyone else there, and the demo's people stay put
    const location = await ownLocation('Logies Klerk');
    const header = 'Referentie;Voornaam;Achternaam;Geboortedatum;Nationaliteit;Locatie;Aankomstdatum\n';
    const k2 = `K-2;Klaas;Klerk;07-08-1987;PL;${location.name};03-03-2025\n`;
    const added = await upload(
      'providerA',
      { name: 'k.csv', data: `${header}K-1;Kees;Klerk;05-06-1988;PL;${location.name};03-03-2025\n${k2}` },
      { dry_run: 'false' },
    );
    expect(added.data?.counts).toMatchObject({ new: 2, refused: 0 });
    const [k1, stays] = added.data!.rows.map((row) => String(row.migrant)) as [string, string];
    const admin = await as('admin');
    const stateOf = async () =>
      (await admin.request(
        readItems('migrants', {
          filter: { id: { _in: [k1, stays] } },
          fields: ['id', 'brp_status', 'current_location'],
        }),
      )) as Array<Record<string, unknown>>;
    // the current location follows the stays after the commit (the outbox)
    await expect
      .poll(async () => (await stateOf()).filter((m) => m['current_location'] === location.id).length)
      .toBe(2);
    const list = await upload(
      'clerkA',
      { name: 'week.csv', data: `${header}${k2}` },
      { provider: ORG.providerA, mode: 'full_list' },
    );
    expect(list.data?.counts).toMatchObject({ unchanged: 1 });
    expect(list.data!.proposed_departures.map((p) => p.migrant)).toEqual([k1]);
    const answer = await intakeRequest(
      'clerkA',
      'POST',
      `/intake/imports/${list.data!.id}/commit`,
      JSON.stringify({ confirm_departures: true }),
    );
    expect(answer.code).toBeNull();
    expect(answer.data).toMatchObject({ status: 'committed', departures_recorded: 1 });
    const state = await stateOf();
    expect(state.find((m) => m['id'] === k1)).toMatchObject({ brp_status: 'vertrokken', current_location: null });
    const db = testDatabase();
    const clerk = (await db('directus_users').where('email', 'clerk-a@example.org').first('id')) as { id: string };
    const history = (await db('status_history')
      .where({ migrant: k1, event: 'REPORT_DEPARTURE' })
      .select('actor')) as Array<{ actor: string | null }>;
    expect(history.map((entry) => entry.actor)).toEqual([clerk.id]);
    expect(state.find((m) => m['id'] === stays)).toMatchObject({ current_location: location.id });
  });

  it('anonymous and roles without intake are refused', async () => {
    expect((await upload('public', { name: 'residents.xlsx', data: fixture('residents.xlsx') })).status).toBe(401);
    expect((await upload('inspectorA', { name: 'residents.xlsx', data: fixture('residents.xlsx') })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await upload(
          'policyA',
          { name: 'residents.xlsx', data: fixture('residents.xlsx') },
          { provider: ORG.providerA },
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});
