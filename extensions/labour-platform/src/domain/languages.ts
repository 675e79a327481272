/**
 * The languages the consent page (machtigingsformulier) is offered in, as ISO 639-1 codes.
 * Plain module: no Directus import.
 */

export const SUPPORTED_LANGUAGE_CODES = [
  'nl',
  'en',
  'pl',
  'ro',
  'bg',
  'uk',
  'hu',
  'lt',
  'lv',
  'sk',
  'cs',
  'pt',
  'es',
  'el',
] as const;

export type SupportedLanguage = (typeof SUPPORTED_LANGUAGE_CODES)[number];

export interface LanguageInfo {
  code: SupportedLanguage;
  /** The language's name in the language itself, for the language picker. */
  endonym: string;
  englishName: string;
}

export const SUPPORTED_LANGUAGES: readonly LanguageInfo[] = Object.freeze([
  { code: 'nl', endonym: 'Nederlands', englishName: 'Dutch' },
  { code: 'en', endonym: 'English', englishName: 'English' },
  { code: 'pl', endonym: 'Polski', englishName: 'Polish' },
  { code: 'ro', endonym: 'Română', englishName: 'Romanian' },
  { code: 'bg', endonym: 'Български', englishName: 'Bulgarian' },
  { code: 'uk', endonym: 'Українська', englishName: 'Ukrainian' },
  { code: 'hu', endonym: 'Magyar', englishName: 'Hungarian' },
  { code: 'lt', endonym: 'Lietuvių', englishName: 'Lithuanian' },
  { code: 'lv', endonym: 'Latviešu', englishName: 'Latvian' },
  { code: 'sk', endonym: 'Slovenčina', englishName: 'Slovak' },
  { code: 'cs', endonym: 'Čeština', englishName: 'Czech' },
  { code: 'pt', endonym: 'Português', englishName: 'Portuguese' },
  { code: 'es', endonym: 'Español', englishName: 'Spanish' },
  { code: 'el', endonym: 'Ελληνικά', englishName: 'Greek' },
] satisfies LanguageInfo[]);

/** Exact match on a lower-case code: 'pl' yes, 'PL', 'pl-PL' and 'de' no. */
export function isSupportedLanguage(code: unknown): code is SupportedLanguage {
  return typeof code === 'string' && (SUPPORTED_LANGUAGE_CODES as readonly string[]).includes(code);
}

export function languageInfo(code: SupportedLanguage): LanguageInfo {
  return SUPPORTED_LANGUAGES.find((language) => language.code === code)!;
}

/** The language of each nationality whose language the platform has (ISO 3166-1 alpha-2 → ISO 639-1). */
export const NATIONALITY_LANGUAGES: Readonly<Record<string, SupportedLanguage>> = Object.freeze({
  PL: 'pl',
  RO: 'ro',
  BG: 'bg',
  UA: 'uk',
  HU: 'hu',
  LT: 'lt',
  LV: 'lv',
  SK: 'sk',
  CZ: 'cs',
  PT: 'pt',
  ES: 'es',
  GR: 'el',
  CY: 'el',
  NL: 'nl',
  BE: 'nl',
  SR: 'nl',
  GB: 'en',
  IE: 'en',
});

/** The invitation's language when none is chosen: the nationality's own language when the platform has it, else English. */
export function languageOfNationality(nationality: unknown): SupportedLanguage {
  const code = typeof nationality === 'string' ? nationality.trim().toUpperCase() : '';
  return Object.prototype.hasOwnProperty.call(NATIONALITY_LANGUAGES, code) ? NATIONALITY_LANGUAGES[code]! : 'en';
}
