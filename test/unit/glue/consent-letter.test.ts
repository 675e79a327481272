/**
 * The printable consent letter: the page in the migrant's language, its print button (not printed) in the language of
 * the provider who prints it, one language and not "Afdrukken / Print".
 */
import { describe, expect, it } from 'vitest';
import { letterHtml } from '../../../extensions/labour-platform/src/glue/consent/http';
import type { Letter } from '../../../extensions/labour-platform/src/glue/consent/letters';

const letter: Letter = {
  consent: '00000000-0000-4000-8000-000000000001',
  language: 'pl',
  firstName: 'Anna',
  providerName: 'Huisvester A',
  link: 'https://platform.example/consent/#t=token',
  expiresAt: new Date(Date.UTC(2026, 11, 1)),
};

describe('the consent letter', () => {
  for (const [reader, label] of [
    ['nl', 'Afdrukken'],
    ['en', 'Print'],
  ] as const) {
    it(`has its print button in the reader's language (${reader}) and the letter in the migrant's`, async () => {
      const html = await letterHtml(letter, reader);
      expect(html).toContain(`data-print>${label}</button>`);
      expect(html).not.toContain(' / Print');
      expect(html).toContain('<html lang="pl"');
    });
  }
});
