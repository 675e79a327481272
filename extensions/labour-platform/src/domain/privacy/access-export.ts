/**
 * A migrant's access export (GDPR art. 15, right of access, and art. 20, portability): everything the platform holds
 * on one person, decrypted, as one JSON document and as a readable, printable HTML page in the person's language.
 *
 * The glue gathers the rows (after it has established the caller's right to the person) and decrypts the personal
 * fields; this module decides the shape and writes the page. Plain module: no Directus import.
 *
 * Who saw the data: the reveal log names the role and the organisation of the viewer, the fields, the basis and the
 * time, not the individual member of staff. Art. 15(1)(c) asks for the recipients or categories of recipients; the
 * Court of Justice (C-579/21, Pankki S, 22 June 2023) held that employees acting under the controller's authority
 * are not recipients, so their identity is owed only where the person needs it to exercise their rights (then the
 * controller looks it up in the reveal log, which keeps the user). Naming staff to every migrant would put the
 * staff's own personal data in every export without a need for it.
 */
import { escapeHtml, htmlDocument } from '../html';
import type { PrivacyNoticeSettings } from '../consent/privacy-notice';
import { fill, formatDate, formatDateTime } from '../consent/i18n';
import { isSupportedLanguage, type SupportedLanguage } from '../languages';
import { choiceLabel, fieldLabel } from '../labels';
import { PERSONAL_FIELDS } from '../personal-fields';
import { localised, type LocalisedText, type UiLanguage } from '../ui-language';
import { ACCESS_EXPORT_MESSAGES } from './access-export-i18n';

export type ExportValue = string | number | boolean | null | string[];
export type ExportRow = Record<string, ExportValue>;

/** What the glue hands over: the rows as stored, the personal fields already decrypted. */
export interface AccessExportInput {
  migrant: ExportRow;
  stays: ExportRow[];
  tasks: ExportRow[];
  statusHistory: ExportRow[];
  appointments: ExportRow[];
  consents: ExportRow[];
  consentRecords: ExportRow[];
  reveals: ExportRow[];
  /** The person's documents: type, content type, size, dates (not the bytes: a copy is given on request). */
  documents?: ExportRow[];
  /** The controller: the municipality's privacy notice settings. */
  controller: PrivacyNoticeSettings | null;
}

export interface AccessExport {
  format: 'labour-platform/access-export';
  version: 1;
  exported_at: string;
  language: SupportedLanguage;
  controller: AccessExportInput['controller'];
  person: { id: string; case_number: string | null; personal: ExportRow; other: ExportRow };
  stays: ExportRow[];
  tasks: ExportRow[];
  status_history: ExportRow[];
  appointments: ExportRow[];
  /** Each consent request with the evidence records of what the person did (signed, refused, revoked). */
  consents: Array<{ consent: ExportRow; records: ExportRow[] }>;
  reveals: ExportRow[];
  documents: ExportRow[];
}

/** Columns that are the platform's own machinery (keys, indexes) or no fact about the person. */
const NOT_EXPORTED = new Set([
  'data_key',
  'bsn_index',
  'name_index',
  'read_bundle',
  'token_hash',
  'snapshot',
  'status_version',
  'brp_machine_version',
  'machine_version',
  'chain',
  'signature',
]);

const PERSONAL: readonly string[] = PERSONAL_FIELDS.migrants;

function clean(row: ExportRow): ExportRow {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !NOT_EXPORTED.has(key)));
}

/** The export's language: the migrant's own when the consent page has it, else English. */
export function exportLanguage(requested: unknown, migrantLanguage: unknown): SupportedLanguage {
  if (isSupportedLanguage(requested)) return requested;
  return isSupportedLanguage(migrantLanguage) ? migrantLanguage : 'en';
}

/** Field names and stored values exist in Dutch and English: Dutch for Dutch, English for every other language. */
export function labelLanguage(language: SupportedLanguage): UiLanguage {
  return language === 'nl' ? 'nl' : 'en';
}

const byTime = (field: string) => (a: ExportRow, b: ExportRow) =>
  String(a[field] ?? '').localeCompare(String(b[field] ?? ''));

export function buildAccessExport(input: AccessExportInput, language: SupportedLanguage, now: Date): AccessExport {
  const migrant = clean(input.migrant);
  const personal: ExportRow = {};
  const other: ExportRow = {};
  for (const [key, value] of Object.entries(migrant)) {
    if (key === 'id' || key === 'case_number') continue;
    (PERSONAL.includes(key) ? personal : other)[key] = value;
  }
  const records = input.consentRecords.map(clean);
  return {
    format: 'labour-platform/access-export',
    version: 1,
    exported_at: now.toISOString(),
    language,
    controller: input.controller,
    person: {
      id: String(input.migrant['id']),
      case_number: (input.migrant['case_number'] as string | null) ?? null,
      personal,
      other,
    },
    stays: input.stays.map(clean).sort(byTime('start_date')),
    tasks: input.tasks.map(clean).sort(byTime('date_created')),
    status_history: input.statusHistory.map(clean).sort(byTime('occurred_at')),
    appointments: input.appointments.map(clean).sort(byTime('starts_at')),
    consents: input.consents
      .map(clean)
      .sort(byTime('requested_at'))
      .map((consent) => ({
        consent,
        records: records.filter((record) => record['consent'] === consent['id']).sort(byTime('created_at')),
      })),
    reveals: input.reveals.map(clean).sort(byTime('occurred_at')),
    documents: (input.documents ?? []).map(clean).sort(byTime('uploaded_at')),
  };
}

// ------------------------------------------------------------------------------------------------ the page

/** Labels of stored values that domain/labels.ts does not hold (the reveal log's roles and bases; channels). */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, LocalisedText>>>> = {
  viewer_role: {
    administrator: localised('Beheerder', 'Administrator'),
    clerk: localised('Medewerker van de gemeente', 'Municipal clerk'),
    provider: localised('Huisvester', 'Housing provider'),
    municipality_admin: localised('Gemeentelijk beheerder', 'Municipality administrator'),
    inspector: localised('Toezichthouder', 'Inspector'),
    policy_officer: localised('Beleidsmedewerker', 'Policy officer'),
    system: localised('Het platform zelf', 'The platform itself'),
  },
  basis: {
    own_provider: localised('Eigen huisvester', 'Own housing provider'),
    consent_and_open_task: localised('Machtiging en open taak', 'Consent and open task'),
    break_glass: localised('Noodtoegang met reden', 'Break-glass with a reason'),
    access_request: localised('Inzageverzoek van de betrokkene', 'Access request of the person'),
    system: localised('Het platform zelf', 'The platform itself'),
    unknown: localised('Onbekend', 'Unknown'),
  },
  channel: { email: localised('E-mail', 'E-mail'), letter: localised('Brief', 'Letter') },
};

const EXTRA_FIELD_LABELS: Readonly<Record<string, LocalisedText>> = {
  location_name: localised('Locatie', 'Location'),
  location_city: localised('Plaats', 'Town'),
  organisation_name: localised('Organisatie', 'Organisation'),
  viewer_organisation: localised('Organisatie', 'Organisation'),
  text_version: localised('Versie van de tekst', 'Text version'),
};

function label(collection: string, field: string, lang: UiLanguage): string {
  return EXTRA_FIELD_LABELS[field]?.[lang] ?? fieldLabel(collection, field, lang);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function valueText(collection: string, field: string, value: ExportValue, language: SupportedLanguage): string {
  if (value === null || value === '') return '—';
  const lang = labelLanguage(language);
  if (Array.isArray(value))
    return value.map((name) => (field === 'fields' ? fieldLabel('migrants', name, lang) : name)).join(', ');
  const text = String(value);
  if (field === 'from_status' || field === 'to_status') return choiceLabel('migrants', 'brp_status', text, lang);
  const own = VALUE_LABELS[field]?.[text];
  if (own) return own[lang];
  if (typeof value === 'string' && DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)))
    return formatDateTime(language, text);
  if (typeof value === 'string' && DATE.test(text)) return formatDate(language, text);
  return choiceLabel(collection, field, text, lang);
}

function table(
  collection: string,
  rows: ExportRow[],
  columns: string[],
  language: SupportedLanguage,
  none: string,
): string {
  if (rows.length === 0) return `<p>${escapeHtml(none)}</p>`;
  const lang = labelLanguage(language);
  const head = columns.map((column) => `<th scope="col">${escapeHtml(label(collection, column, lang))}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${columns.map((column) => `<td>${escapeHtml(valueText(collection, column, row[column] ?? null, language))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function list(collection: string, row: ExportRow, language: SupportedLanguage): string {
  const lang = labelLanguage(language);
  return `<dl>\n${Object.entries(row)
    .map(
      ([field, value]) =>
        `<dt>${escapeHtml(label(collection, field, lang))}</dt><dd>${escapeHtml(valueText(collection, field, value, language))}</dd>`,
    )
    .join('\n')}\n</dl>`;
}

const CSS = `body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; line-height: 1.5; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; border-left: 6px solid #154273; padding-left: 0.75rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { font-weight: 700; } dd { margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.note { color: #4b4b4b; font-size: 0.9rem; }
@media print { h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

/** The readable page: a stand-alone document (no script, no external file), printable. */
export function accessExportHtml(data: AccessExport): string {
  const language = data.language;
  const m = ACCESS_EXPORT_MESSAGES[language];
  const section = (heading: string, content: string) =>
    `<section>\n<h2>${escapeHtml(heading)}</h2>\n${content}\n</section>`;
  const controller = data.controller
    ? list(
        'organisations',
        Object.fromEntries(
          Object.entries({
            controller_name: data.controller.controller,
            controller_contact: data.controller.contact,
            dpo_contact: data.controller.dpo,
          }).filter(([, value]) => value !== null),
        ),
        language,
      )
    : '';
  const consents = data.consents
    .map(({ consent, records }) => {
      return `${list('consents', consent, language)}\n<h3>${escapeHtml(m.records)}</h3>\n${table('consent_records', records, ['created_at', 'action', 'channel', 'sent_at'], language, m.none)}`;
    })
    .join('\n');
  return htmlDocument({
    language,
    title: m.title,
    head: `<style>\n${CSS}</style>`,
    body: `<main>
<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(fill(m.intro, { date: formatDateTime(language, data.exported_at) }))}</p>
<p class="note">${escapeHtml(m.fallback)} ${escapeHtml(m.portability)}</p>
<dl><dt>${escapeHtml(m.caseNumber)}</dt><dd>${escapeHtml(data.person.case_number ?? '—')}</dd></dl>
${data.controller ? section(m.controller, controller) : ''}
${section(m.personal, list('migrants', { ...data.person.personal, ...data.person.other }, language))}
${section(m.stays, table('stays', data.stays, ['location_name', 'location_city', 'start_date', 'end_date'], language, m.none))}
${section(m.tasks, table('tasks', data.tasks, ['type', 'organisation_name', 'status', 'date_created', 'due_date', 'closed_at', 'outcome'], language, m.none))}
${section(m.history, table('status_history', data.status_history, ['occurred_at', 'from_status', 'to_status', 'event'], language, m.none))}
${section(m.appointments, table('appointments', data.appointments, ['starts_at', 'ends_at', 'desk', 'status'], language, m.none))}
${section(m.consents, data.consents.length > 0 ? consents : `<p>${escapeHtml(m.none)}</p>`)}
${section(m.reveals, `<p class="note">${escapeHtml(m.revealsNote)}</p>\n${table('reveal_log', data.reveals, ['occurred_at', 'viewer_role', 'viewer_organisation', 'fields', 'basis'], language, m.none)}`)}
</main>`.replace(/\n{2,}/g, '\n'),
  });
}
