/** The privacy notice in the consent text (GDPR art. 7, 13): its markers, its sentences in 14 languages, filled in. */
import { describe, expect, it } from 'vitest';
import { CONSENT_MESSAGES } from '../../extensions/labour-platform/src/domain/consent/i18n';
import {
  fillPrivacyNotice,
  missingNoticeElements,
  withNoticeMarkers,
  NOTICE_ELEMENTS,
  noticeMarker,
  noticeSection,
  PRIVACY_NOTICE_MESSAGES,
  storedNoticeSettings,
} from '../../extensions/labour-platform/src/domain/consent/privacy-notice';
import { DEFAULT_CONSENT_TEXTS } from '../../extensions/labour-platform/src/domain/consent/texts';
import { SUPPORTED_LANGUAGE_CODES } from '../../extensions/labour-platform/src/domain/languages';

const SETTINGS = {
  controller: 'College van B&W Hollands Kroon',
  contact: 'privacy-a@example.org',
  dpo: 'fg-a@example.org',
};

describe('the privacy notice', () => {
  it('is in every shipped consent text, every element once', () => {
    for (const language of SUPPORTED_LANGUAGE_CODES) {
      const { title, body } = DEFAULT_CONSENT_TEXTS[language];
      expect(missingNoticeElements(title, body), language).toEqual([]);
      for (const element of NOTICE_ELEMENTS)
        expect(body.split(noticeMarker(element)).length - 1, `${language} ${element}`).toBe(1);
    }
  });

  it('names what a text lacks', () => {
    const body = DEFAULT_CONSENT_TEXTS.en.body.replace(noticeMarker('dpo'), '').replace(noticeMarker('complaint'), '');
    expect(missingNoticeElements('Title', body)).toEqual(['dpo', 'complaint']);
    expect(missingNoticeElements('Title', 'Nothing here')).toEqual([...NOTICE_ELEMENTS]);
  });

  it.each(SUPPORTED_LANGUAGE_CODES)(
    'reads in %s with the municipality’s controller, contact and DPO, no marker or placeholder left',
    (language) => {
      const shown = fillPrivacyNotice(noticeSection(language), language, SETTINGS);
      expect(shown).toContain(PRIVACY_NOTICE_MESSAGES[language].heading);
      for (const value of Object.values(SETTINGS)) expect(shown, language).toContain(value);
      expect(shown).toContain('Autoriteit Persoonsgegevens');
      expect(shown).not.toMatch(/\{\{?\w+\}\}?/);
      // the sentences are short and plain
      for (const element of NOTICE_ELEMENTS)
        expect(PRIVACY_NOTICE_MESSAGES[language][element].length, `${language} ${element}`).toBeLessThan(260);
      // no vue-i18n syntax in them
      for (const element of NOTICE_ELEMENTS) expect(PRIVACY_NOTICE_MESSAGES[language][element]).not.toMatch(/[@|$]/);
    },
  );

  it('falls back on "the municipality" and on the controller’s contact when settings are missing', () => {
    const shown = fillPrivacyNotice(`${noticeMarker('controller')}\n${noticeMarker('dpo')}`, 'pl', null);
    expect(shown).toContain(CONSENT_MESSAGES.pl.page.theMunicipality);
    expect(shown).not.toContain('{');
    const noDpo = fillPrivacyNotice(noticeMarker('dpo'), 'en', { ...SETTINGS, dpo: null });
    expect(noDpo).toContain('privacy-a@example.org');
  });

  it('leaves unknown markers as written', () => {
    expect(fillPrivacyNotice('{{something}}', 'en', SETTINGS)).toBe('{{something}}');
  });

  it('completes an older text for its new version, leaving a complete one as it is', () => {
    const completed = withNoticeMarkers('pl', 'Zgoda', 'Stary tekst.');
    expect(missingNoticeElements('Zgoda', completed)).toEqual([]);
    expect(completed).toContain(PRIVACY_NOTICE_MESSAGES.pl.heading);
    const partial = withNoticeMarkers('pl', 'Zgoda', `Tekst.\n\n${noticeMarker('dpo')}`);
    expect(partial.startsWith(`Tekst.\n\n${noticeMarker('dpo')}\n\n${noticeMarker('controller')}`)).toBe(true);
    expect(withNoticeMarkers('pl', DEFAULT_CONSENT_TEXTS.pl.title, DEFAULT_CONSENT_TEXTS.pl.body)).toBe(
      DEFAULT_CONSENT_TEXTS.pl.body,
    );
  });
});

describe('the notice settings kept beside a consent record', () => {
  it('reads back what was stored, and nothing from what is not of its shape', () => {
    const settings = { controller: 'College van B&W', contact: 'privacy@example.org', dpo: null };
    expect(storedNoticeSettings(JSON.stringify(settings))).toEqual(settings);
    for (const value of [
      null,
      undefined,
      '',
      'not json',
      '[]',
      'null',
      '{"controller":1,"contact":null,"dpo":null}',
      '{"controller":null}',
      42,
    ])
      expect(storedNoticeSettings(value), String(value)).toBeNull();
  });
});
