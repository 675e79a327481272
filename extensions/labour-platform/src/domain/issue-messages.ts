/**
 * The sentence for each validation issue, in Dutch and English: it names the field and says what is expected.
 * Messages about personal fields (./personal-fields) never contain the submitted value. Plain module.
 */

import { choiceLabel, fieldLabel, midSentence } from './labels';
import { SUPPORTED_LANGUAGES } from './languages';
import { isPersonalField } from './personal-fields';
import type { UiLanguage } from './ui-language';
import type { IssueCode, ValidationIssue } from './validation-issues';
import { FIELD_CHOICES } from './vocabulary';

function lookup<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function joinList(items: readonly string[], lang: UiLanguage): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'of' : 'or'} ${items[items.length - 1]!}`;
}

interface MessageContext {
  /** The field's label. */
  label: string;
  /** The label followed by the submitted value in quotes, unless the field holds personal data. */
  subject: string;
  /** The label of params.other, for mid-sentence use. */
  other: string;
  /** The allowed values, for invalid_choice. */
  choices: string;
  params: Record<string, string | number>;
}

type Template = (c: MessageContext) => string;

const LANGUAGE_LIST = SUPPORTED_LANGUAGES.map((language) => `${language.code} (${language.endonym})`).join(', ');

const MESSAGES: Readonly<Record<IssueCode, Readonly<Record<UiLanguage, Template>>>> = {
  required: {
    nl: (c) => `${c.label} is verplicht.`,
    en: (c) => `${c.label} is required.`,
  },
  required_for_gemeente: {
    nl: (c) => `${c.label} is verplicht voor een gemeente: vul de gemeentecode van vier cijfers in, zoals 0363.`,
    en: (c) => `${c.label} is required for a municipality: enter the four-digit municipality code, such as 0363.`,
  },
  malformed_text: {
    nl: (c) => `${c.label} bevat ongeldige tekens (een half Unicode-teken of een nul-teken): gebruik gewone tekst.`,
    en: (c) => `${c.label} contains invalid characters (half a Unicode character or a NUL character): use plain text.`,
  },
  invalid_type: {
    nl: (c) =>
      c.params.expected === 'boolean'
        ? `${c.subject} is ongeldig: kies ja of nee (true of false).`
        : `${c.subject} is ongeldig: vul tekst in.`,
    en: (c) =>
      c.params.expected === 'boolean'
        ? `${c.subject} is invalid: choose yes or no (true or false).`
        : `${c.subject} is invalid: enter text.`,
  },
  invalid_choice: {
    nl: (c) => `${c.subject} is geen geldige keuze: kies ${c.choices}.`,
    en: (c) => `${c.subject} is not a valid choice: choose ${c.choices}.`,
  },
  too_long: {
    nl: (c) => `${c.label} is te lang: gebruik hoogstens ${c.params.max ?? 255} tekens.`,
    en: (c) => `${c.label} is too long: use at most ${c.params.max ?? 255} characters.`,
  },
  invalid_postcode: {
    nl: (c) =>
      c.params.reason === 'never_issued'
        ? `${c.subject} bestaat niet: postcodes met de letters SA, SD of SS worden niet uitgegeven.`
        : `${c.subject} is ongeldig: gebruik vier cijfers en twee letters, zoals 1234 AB.`,
    en: (c) =>
      c.params.reason === 'never_issued'
        ? `${c.subject} does not exist: postcodes with the letters SA, SD or SS are never issued.`
        : `${c.subject} is invalid: use four digits and two letters, such as 1234 AB.`,
  },
  invalid_bsn: {
    nl: (c) =>
      c.params.reason === 'checksum'
        ? `${c.subject} is ongeldig: het nummer voldoet niet aan de elfproef. Controleer of het goed is overgenomen.`
        : `${c.subject} is ongeldig: een BSN bestaat uit 9 cijfers (een nummer van 8 cijfers krijgt een 0 ervoor).`,
    en: (c) =>
      c.params.reason === 'checksum'
        ? `${c.subject} is invalid: the number fails the eleven test (elfproef). Check that it was copied correctly.`
        : `${c.subject} is invalid: a BSN has 9 digits (an 8-digit number gets a leading 0).`,
  },
  invalid_bag_id: {
    nl: (c) => `${c.subject} is ongeldig: een BAG-id bestaat uit precies 16 cijfers.`,
    en: (c) => `${c.subject} is invalid: a BAG ID has exactly 16 digits.`,
  },
  invalid_kvk_number: {
    nl: (c) => `${c.subject} is ongeldig: een KvK-nummer bestaat uit precies 8 cijfers.`,
    en: (c) => `${c.subject} is invalid: a KvK number has exactly 8 digits.`,
  },
  invalid_branch_number: {
    nl: (c) => `${c.subject} is ongeldig: een vestigingsnummer bestaat uit precies 12 cijfers.`,
    en: (c) => `${c.subject} is invalid: a branch number (vestigingsnummer) has exactly 12 digits.`,
  },
  invalid_municipality_code: {
    nl: (c) => `${c.subject} is ongeldig: gebruik precies 4 cijfers, zoals 1783 voor Westland.`,
    en: (c) => `${c.subject} is invalid: use exactly 4 digits, such as 1783 for Westland.`,
  },
  invalid_country: {
    nl: (c) => `${c.subject} is ongeldig: gebruik een landcode van twee letters (ISO 3166-1), zoals PL voor Polen.`,
    en: (c) => `${c.subject} is invalid: use a two-letter country code (ISO 3166-1), such as PL for Poland.`,
  },
  invalid_language: {
    nl: (c) => `${c.subject} wordt niet ondersteund: kies een van ${LANGUAGE_LIST}.`,
    en: (c) => `${c.subject} is not supported: choose one of ${LANGUAGE_LIST}.`,
  },
  invalid_email: {
    nl: (c) => `${c.subject} is ongeldig: gebruik een e-mailadres zoals naam@voorbeeld.nl.`,
    en: (c) => `${c.subject} is invalid: use an email address such as name@example.com.`,
  },
  invalid_phone: {
    nl: (c) =>
      `${c.subject} is ongeldig: gebruik 6 tot 15 cijfers, eventueel met + en landcode ervoor, zoals +48 601 234 567.`,
    en: (c) =>
      `${c.subject} is invalid: use 6 to 15 digits, optionally preceded by + and the country code, such as +48 601 234 567.`,
  },
  invalid_date: {
    nl: (c) => `${c.subject} is geen geldige datum: gebruik het formaat JJJJ-MM-DD, zoals 2025-03-31.`,
    en: (c) => `${c.subject} is not a valid date: use the format YYYY-MM-DD, such as 2025-03-31.`,
  },
  invalid_datetime: {
    nl: (c) => `${c.subject} is geen geldig tijdstip: gebruik datum en tijd, zoals 2025-03-31T09:30.`,
    en: (c) => `${c.subject} is not a valid date and time: use a date and time such as 2025-03-31T09:30.`,
  },
  invalid_reference: {
    nl: (c) => `${c.subject} is geen geldige verwijzing: kies een bestaand item.`,
    en: (c) => `${c.subject} is not a valid reference: choose an existing item.`,
  },
  not_integer: {
    nl: (c) => `${c.subject} is ongeldig: vul een geheel getal in.`,
    en: (c) => `${c.subject} is invalid: enter a whole number.`,
  },
  not_a_number: {
    nl: (c) => `${c.subject} is ongeldig: vul een getal in.`,
    en: (c) => `${c.subject} is invalid: enter a number.`,
  },
  out_of_range: {
    nl: (c) =>
      c.params.max === undefined
        ? `${c.subject} is ongeldig: vul ${c.params.min ?? 0} of meer in.`
        : `${c.subject} is ongeldig: vul een waarde tussen ${c.params.min ?? 0} en ${c.params.max} in.`,
    en: (c) =>
      c.params.max === undefined
        ? `${c.subject} is invalid: enter ${c.params.min ?? 0} or more.`
        : `${c.subject} is invalid: enter a value between ${c.params.min ?? 0} and ${c.params.max}.`,
  },
  in_future: {
    nl: (c) => `${c.subject} mag niet in de toekomst liggen.`,
    en: (c) => `${c.subject} cannot be in the future.`,
  },
  must_be_before: {
    nl: (c) => `${c.label} moet vóór de ${c.other} liggen.`,
    en: (c) => `${c.label} must be before the ${c.other}.`,
  },
  must_be_on_or_before: {
    nl: (c) => `${c.label} moet op of vóór de ${c.other} liggen.`,
    en: (c) => `${c.label} must be on or before the ${c.other}.`,
  },
  must_be_after: {
    nl: (c) => `${c.label} moet na de ${c.other} liggen.`,
    en: (c) => `${c.label} must be after the ${c.other}.`,
  },
  must_be_on_or_after: {
    nl: (c) => `${c.label} moet op of na de ${c.other} liggen.`,
    en: (c) => `${c.label} must be on or after the ${c.other}.`,
  },
  invalid_transition: {
    nl: (c) => `${c.label} kan niet van "${c.params.from}" naar "${c.params.to}" gaan.`,
    en: (c) => `${c.label} cannot go from "${c.params.from}" to "${c.params.to}".`,
  },
  incomplete_checklist: {
    nl: () => `Bevindingen: beantwoord elk controlepunt van de checklist precies één keer (voldoet of niet).`,
    en: () => `Findings: answer every item of the checklist exactly once (met or not).`,
  },
  duplicate_item: {
    nl: (c) => `${c.label}: dit controlepunt is voor deze inspectie al vastgelegd.`,
    en: (c) => `${c.label}: this item has already been recorded for this inspection.`,
  },
  answer_required: {
    nl: (c) => `${c.label}: schrijf wat u aan deze bevinding hebt gedaan.`,
    en: (c) => `${c.label}: write what you have done about this finding.`,
  },
  finding_not_open: {
    nl: (c) => `${c.label}: deze bevinding is niet (meer) open; alleen een open bevinding krijgt een antwoord.`,
    en: (c) => `${c.label}: this finding is not open (any more); only an open finding can be answered.`,
  },
};

function describeChoices(collection: string, field: string, lang: UiLanguage): string {
  const values = lookup(lookup(FIELD_CHOICES, collection), field) ?? [];
  const described = values.map((value) => {
    const label = choiceLabel(collection, field, value, lang);
    return label.toLowerCase() === value.replace(/_/g, ' ').toLowerCase() ? value : `${value} (${label})`;
  });
  return joinList(described, lang);
}

/**
 * One sentence that names the field in the given language and says what is expected. The submitted value is
 * quoted only for fields that do not hold personal data.
 */
export function formatIssue(collection: string, issue: ValidationIssue, lang: UiLanguage): string {
  const params = issue.params ?? {};
  const label = fieldLabel(collection, issue.field, lang);
  const value = params.value;
  const mayEcho = value !== undefined && String(value) !== '' && !isPersonalField(collection, issue.field);
  const other = typeof params.other === 'string' ? midSentence(fieldLabel(collection, params.other, lang)) : '';
  const context: MessageContext = {
    label,
    subject: mayEcho ? `${label} "${String(value)}"` : label,
    other,
    choices: issue.code === 'invalid_choice' ? describeChoices(collection, issue.field, lang) : '',
    params,
  };
  const template = lookup(MESSAGES, issue.code)?.[lang];
  return template ? template(context) : lang === 'nl' ? `${label} is ongeldig.` : `${label} is invalid.`;
}

/** All issues as one text, one sentence per issue. */
export function formatIssues(collection: string, issues: readonly ValidationIssue[], lang: UiLanguage): string {
  return issues.map((issue) => formatIssue(collection, issue, lang)).join(' ');
}

/** What a form shows at one field: the field, its issue codes and one text. */
export interface FieldMessage {
  field: string;
  codes: IssueCode[];
  message: string;
}

/**
 * One message per field, in the order of each field's first issue: the sentences of a field's issues joined.
 * This is what the admin app shows at each field (Directus's failed-validation shape is one error per field).
 */
export function issuesByField(
  collection: string,
  issues: readonly ValidationIssue[],
  lang: UiLanguage,
): FieldMessage[] {
  const byField = new Map<string, ValidationIssue[]>();
  for (const issue of issues) byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue]);
  return [...byField].map(([field, own]) => ({
    field,
    codes: own.map((issue) => issue.code),
    message: formatIssues(collection, own, lang),
  }));
}
