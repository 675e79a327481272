import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextVersionName,
  planNewVersion,
  refusalText,
  type ConsentTextRow,
} from '../../extensions/labour-platform/src/domain/consent/new-version';
import { REQUIRED_CONSENT_LANGUAGES } from '../../extensions/labour-platform/src/domain/consent/texts';
import { missingNoticeElements } from '../../extensions/labour-platform/src/domain/consent/privacy-notice';

const published = (version: string): ConsentTextRow[] =>
  REQUIRED_CONSENT_LANGUAGES.map((language) => ({
    version,
    language,
    title: `T ${language}`,
    body: `B ${language}`,
    status: 'published',
  }));

describe('new version of the consent texts', () => {
  it('copies every language of the published version into drafts of a new version', () => {
    const plan = planNewVersion(
      [...published('2026-01'), { version: '2025-06', language: 'nl', title: 'x', body: 'y', status: 'archived' }],
      '2026-11-26',
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.version).toBe('2026-11');
    expect(plan.drafts).toHaveLength(14);
    // a text from before the privacy notice gets its markers at the end (domain/consent/privacy-notice.ts)
    expect(
      plan.drafts.every(
        (d) =>
          d.status === 'draft' &&
          d.version === '2026-11' &&
          d.title === `T ${d.language}` &&
          d.body.startsWith(`B ${d.language}\n\n## `),
      ),
    ).toBe(true);
    expect(plan.drafts.every((d) => missingNoticeElements(d.title, d.body).length === 0)).toBe(true);
  });

  it('refuses when a version is being drafted, or nothing is published', () => {
    expect(
      planNewVersion(
        [...published('2026-01'), { version: '2026-02', language: 'nl', title: '', body: '', status: 'draft' }],
        '2026-03-01',
      ),
    ).toEqual({ ok: false, refusal: { code: 'draft_exists', version: '2026-02' } });
    expect(planNewVersion([], '2026-03-01')).toEqual({ ok: false, refusal: { code: 'nothing_published' } });
    expect(refusalText({ code: 'draft_exists', version: '2026-02' }, 'en')).toContain('2026-02');
  });

  it('property: the new version name is never one that exists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('2026-11', '2026-11.2', '2026-11.3', '2026-10', '2026-11.5'), { maxLength: 6 }),
        (taken) => {
          expect(taken).not.toContain(nextVersionName(taken, '2026-11-26'));
        },
      ),
    );
  });
});
