/** The access export's shape (GDPR art. 15 and 20) and its readable page in the person's language. */
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages';
import {
  accessExportHtml,
  buildAccessExport,
  exportLanguage,
  labelLanguage,
  type AccessExportInput,
} from '../../extensions/labour-platform/src/domain/privacy/access-export';
import { ACCESS_EXPORT_MESSAGES } from '../../extensions/labour-platform/src/domain/privacy/access-export-i18n';

const NOW = new Date('2026-11-07T12:00:00.000Z');

function input(overrides: Partial<AccessExportInput> = {}): AccessExportInput {
  return {
    migrant: {
      id: 'm1',
      case_number: 'AM-2026-000001',
      first_names: 'Łukasz <b>',
      surname: 'Kowalski',
      bsn: '999993653',
      date_of_birth: '1990-03-01',
      nationality: 'PL',
      language: 'pl',
      brp_status: 'ingeschreven',
      data_key: 'dk1.secret',
      bsn_index: 'abc',
      name_index: 'def',
    },
    stays: [
      { location_name: 'B', location_city: 'Schagen', start_date: '2026-05-01', end_date: null },
      { location_name: 'A', location_city: 'Anna Paulowna', start_date: '2026-02-01', end_date: '2026-04-30' },
    ],
    tasks: [
      {
        type: 'assess_status',
        status: 'done',
        date_created: '2026-02-01T10:00:00.000Z',
        organisation_name: 'Gemeente A',
      },
    ],
    statusHistory: [
      {
        occurred_at: '2026-02-02T10:00:00.000Z',
        from_status: 'geen',
        to_status: 'ingeschreven',
        event: 'ASSESS_REGISTERED',
        snapshot: '{"secret":1}',
      },
    ],
    appointments: [],
    consents: [{ id: 'c1', status: 'signed', requested_at: '2026-02-01T10:00:00.000Z', channel: 'email' }],
    consentRecords: [
      {
        id: 'r2',
        consent: 'c1',
        action: 'revoke',
        created_at: '2026-03-01T10:00:00.000Z',
        channel: null,
        signature: 'sig',
      },
      { id: 'r1', consent: 'c1', action: 'sign', created_at: '2026-02-03T10:00:00.000Z', channel: 'email', chain: 'x' },
    ],
    reveals: [
      {
        occurred_at: '2026-02-04T10:00:00.000Z',
        viewer_role: 'clerk',
        viewer_organisation: 'Gemeente A',
        fields: ['bsn', 'surname'],
        basis: 'consent_and_open_task',
      },
    ],
    controller: { controller: 'Gemeente A', contact: 'privacy@a.example', dpo: 'fg@a.example' },
    ...overrides,
  };
}

describe('the access export', () => {
  it('holds the personal data decrypted, apart from the rest, and none of the platform machinery', () => {
    const data = buildAccessExport(input(), 'pl', NOW);
    expect(data.person).toMatchObject({
      id: 'm1',
      case_number: 'AM-2026-000001',
      personal: { bsn: '999993653', surname: 'Kowalski' },
      other: { nationality: 'PL' },
    });
    const json = JSON.stringify(data);
    for (const secret of ['dk1.secret', 'bsn_index', 'name_index', 'snapshot', '"sig"', 'chain'])
      expect(json).not.toContain(secret);
    expect(data.exported_at).toBe(NOW.toISOString());
  });

  it('orders everything by time and hangs each consent record under its consent', () => {
    const data = buildAccessExport(input(), 'pl', NOW);
    expect(data.stays.map((stay) => stay['location_name'])).toEqual(['A', 'B']);
    expect(data.consents).toHaveLength(1);
    expect(data.consents[0]!.records.map((record) => record['action'])).toEqual(['sign', 'revoke']);
    expect(data.reveals[0]).toMatchObject({ viewer_role: 'clerk', viewer_organisation: 'Gemeente A' });
  });

  it('speaks the person’s language, else English', () => {
    expect(exportLanguage(undefined, 'pl')).toBe('pl');
    expect(exportLanguage('ro', 'pl')).toBe('ro');
    expect(exportLanguage('xx', 'zz')).toBe('en');
    expect(labelLanguage('nl')).toBe('nl');
    expect(labelLanguage('pl')).toBe('en');
  });

  it.each(SUPPORTED_LANGUAGE_CODES)('writes a readable page in %s with every heading in that language', (language) => {
    const html = accessExportHtml(buildAccessExport(input(), language, NOW));
    const m = ACCESS_EXPORT_MESSAGES[language];
    expect(html).toContain(`<html lang="${language}"`);
    for (const heading of [
      m.title,
      m.personal,
      m.stays,
      m.tasks,
      m.history,
      m.appointments,
      m.consents,
      m.records,
      m.reveals,
      m.revealsNote,
      m.fallback,
      m.controller,
    ])
      expect(html).toContain(heading.replace(/'/g, '&#39;'));
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes every value and names values in Dutch or English', () => {
    const html = accessExportHtml(buildAccessExport(input(), 'pl', NOW));
    expect(html).toContain('Łukasz &#60;b&#62;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Registered');
    expect(html).toContain('fg@a.example');
    const dutch = accessExportHtml(buildAccessExport(input(), 'nl', NOW));
    expect(dutch).toContain('Ingeschreven');
  });

  it('says "none" for an empty part', () => {
    const html = accessExportHtml(buildAccessExport(input({ reveals: [], controller: null }), 'en', NOW));
    expect(html).toContain(ACCESS_EXPORT_MESSAGES.en.none);
    expect(html).not.toContain(ACCESS_EXPORT_MESSAGES.en.controller);
  });
});
