/**
 * Inspection findings as plain rules (issue 12): a finding's state (met, open, answered, closed), which findings a
 * re-inspection closes, what a provider's answer needs; and the glue's reading of an inspection's nested checklist.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerProblem,
  CHECKLIST_ITEMS,
  findingsClosedBy,
  findingState,
  FINDING_STATES,
  isOpenFinding,
  type ChecklistItem,
  type OpenFinding,
} from '../../extensions/labour-platform/src/domain/supervision/inspections';
import { FINDING_STATE_LABELS } from '../../extensions/labour-platform/src/domain/supervision/messages';
import { formatIssue } from '../../extensions/labour-platform/src/domain/issue-messages';
import { validateRecord } from '../../extensions/labour-platform/src/domain/validation';
import { newFindingsOf } from '../../extensions/labour-platform/src/glue/supervision/findings';
import {
  checkPhoto,
  PHOTO_MAX_BYTES,
  PHOTOS_PER_FINDING,
} from '../../extensions/labour-platform/src/domain/supervision/photos';
import { refusalText } from '../../extensions/labour-platform/src/domain/refusals';

describe('a finding’s state', () => {
  it('met, open, answered, closed', () => {
    expect(findingState({ met: true, answer: null, closedBy: null })).toBe('met');
    expect(findingState({ met: false, answer: null, closedBy: null })).toBe('open');
    expect(findingState({ met: false, answer: '  ', closedBy: null })).toBe('open');
    expect(findingState({ met: false, answer: 'Extra douche geplaatst', closedBy: null })).toBe('answered');
    expect(findingState({ met: false, answer: 'Extra douche geplaatst', closedBy: 'i2' })).toBe('closed');
    expect(findingState({ met: false, answer: null, closedBy: 'i2' })).toBe('closed');
    expect(isOpenFinding({ met: false, answer: 'x', closedBy: null })).toBe(true);
    expect(isOpenFinding({ met: false, answer: null, closedBy: 'i2' })).toBe(false);
    expect(isOpenFinding({ met: true, answer: null, closedBy: null })).toBe(false);
    for (const state of FINDING_STATES) {
      expect(FINDING_STATE_LABELS[state].nl.length).toBeGreaterThan(0);
      expect(FINDING_STATE_LABELS[state].en.length).toBeGreaterThan(0);
    }
  });
});

describe('a re-inspection closes the findings it finds met', () => {
  const open: OpenFinding[] = [
    { id: 'f1', item: 'showers', inspection: 'i1', inspectedOn: '2026-10-01' },
    { id: 'f2', item: 'wardrobe_per_resident', inspection: 'i1', inspectedOn: '2026-10-01' },
    { id: 'f3', item: 'showers', inspection: 'i3', inspectedOn: '2026-12-01' },
    { id: 'f4', item: 'showers', inspection: 'i2', inspectedOn: '2026-11-01' },
  ];
  const all = (met: (item: ChecklistItem) => boolean) => CHECKLIST_ITEMS.map((item) => ({ item, met: met(item) }));

  it('closes earlier open findings of a met item, never its own nor later ones', () => {
    const closed = findingsClosedBy(open, {
      inspection: 'i2',
      inspectedOn: '2026-11-01',
      results: all((item) => item !== 'wardrobe_per_resident'),
    });
    expect(closed).toEqual(['f1']);
  });

  it('closes nothing when the item is still not met', () => {
    expect(findingsClosedBy(open, { inspection: 'i9', inspectedOn: '2027-01-01', results: all(() => false) })).toEqual(
      [],
    );
  });

  it('an inspection on the same day as the finding’s (a second visit) closes it', () => {
    expect(
      findingsClosedBy(open.slice(0, 1), { inspection: 'i5', inspectedOn: '2026-10-01', results: all(() => true) }),
    ).toEqual(['f1']);
  });

  it('property: a closed finding is of another, not later inspection, and its item was found met', () => {
    const item = fc.constantFrom(...CHECKLIST_ITEMS);
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ item, inspection: fc.constantFrom('a', 'b', 'c'), inspectedOn: day }), { maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: CHECKLIST_ITEMS.length, maxLength: CHECKLIST_ITEMS.length }),
        day,
        (rows, mets, on) => {
          const findings = rows.map((row, index) => ({ ...row, id: `f${index}` }));
          const results = CHECKLIST_ITEMS.map((i, index) => ({ item: i, met: mets[index]! }));
          const closed = new Set(findingsClosedBy(findings, { inspection: 'b', inspectedOn: on, results }));
          for (const finding of findings) {
            const should =
              finding.inspection !== 'b' &&
              finding.inspectedOn <= on &&
              results.some((r) => r.item === finding.item && r.met);
            expect(closed.has(finding.id)).toBe(should);
          }
        },
      ),
    );
  });
});

describe('a provider’s answer', () => {
  it('needs a text, and an open finding', () => {
    expect(answerProblem('open', 'Tweede douche geplaatst')).toBeNull();
    expect(answerProblem('answered', 'Aangevuld')).toBeNull();
    expect(answerProblem('open', '  ')).toBe('answer_required');
    expect(answerProblem('open', null)).toBe('answer_required');
    expect(answerProblem('open', 3)).toBe('answer_required');
    expect(answerProblem('closed', 'te laat')).toBe('finding_not_open');
    expect(answerProblem('met', 'x')).toBe('finding_not_open');
  });

  it('says so in Dutch and English', () => {
    for (const code of ['answer_required', 'finding_not_open', 'duplicate_item'] as const) {
      const field = code === 'duplicate_item' ? 'item' : 'answer';
      expect(formatIssue('inspection_findings', { field, code }, 'nl')).toMatch(/bevinding|controlepunt/);
      expect(formatIssue('inspection_findings', { field, code }, 'en')).toMatch(/finding|item/);
    }
    expect(formatIssue('inspections', { field: 'findings', code: 'incomplete_checklist' }, 'nl')).toContain(
      'controlepunt',
    );
  });
});

describe('validation of a finding', () => {
  it('knows the checklist’s items and wants inspection, item and met', () => {
    const inspection = '6f1c1f0e-8a9b-4c2d-9e3f-0a1b2c3d4e5f';
    expect(validateRecord('inspection_findings', { inspection, item: 'showers', met: false }, null).issues).toEqual([]);
    expect(
      validateRecord('inspection_findings', { inspection, item: 'fire_escape', met: false }, null).issues.map(
        (i) => `${i.field}:${i.code}`,
      ),
    ).toEqual(['item:invalid_choice']);
    expect(validateRecord('inspection_findings', {}, null).issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'inspection:required',
      'item:required',
      'met:required',
    ]);
  });

  it('a remedy deadline is not before the inspection', () => {
    const issues = validateRecord(
      'inspections',
      {
        location: '6f1c1f0e-8a9b-4c2d-9e3f-0a1b2c3d4e5f',
        inspected_on: '2026-11-26',
        outcome: 'deficiencies',
        remedy_deadline: '2026-11-01',
      },
      null,
    ).issues;
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['remedy_deadline:must_be_on_or_after']);
  });
});

describe('an inspection’s nested checklist', () => {
  it('reads the new findings of an array or of Directus’s { create } form', () => {
    expect(newFindingsOf(undefined)).toBeNull();
    expect(
      newFindingsOf([
        { item: 'showers', met: true },
        { id: 'x', note: 'y' },
      ]),
    ).toEqual([{ item: 'showers', met: true }]);
    expect(newFindingsOf({ create: [{ item: 'toilets', met: false }], update: [], delete: [] })).toEqual([
      { item: 'toilets', met: false },
    ]);
    expect(newFindingsOf('nonsense')).toEqual([]);
  });
});

describe('a finding’s photos', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
  const pdf = new TextEncoder().encode('%PDF-1.7 ...');

  it('takes a JPEG or PNG by its content, up to the size and the count', () => {
    expect(checkPhoto(png, 0)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkPhoto(jpeg, PHOTOS_PER_FINDING - 1)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkPhoto(pdf, 0)).toEqual({ ok: false, problem: { code: 'photo_wrong_type' } });
    expect(checkPhoto(new Uint8Array(), 0)).toEqual({ ok: false, problem: { code: 'document_empty' } });
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(png);
    expect(checkPhoto(big, 0)).toMatchObject({ ok: false, problem: { code: 'document_too_large' } });
    expect(checkPhoto(png, PHOTOS_PER_FINDING)).toEqual({
      ok: false,
      problem: { code: 'photo_limit', maxPhotos: PHOTOS_PER_FINDING },
    });
  });

  it('says why in Dutch and English', () => {
    expect(refusalText({ code: 'photo_wrong_type' }, 'nl')).toContain('JPEG of PNG');
    expect(refusalText({ code: 'photo_limit', maxPhotos: 10 }, 'en')).toContain('10 photos');
    expect(refusalText({ code: 'photos_inspector_only' }, 'nl')).toContain('toezichthouder');
    expect(refusalText({ code: 'finding_closed' }, 'en')).toContain('re-inspection');
  });
});
