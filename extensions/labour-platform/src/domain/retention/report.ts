/**
 * The destruction report ("verklaring van vernietiging") of one batch for one municipality: what was destroyed,
 * when, on which rule, by which run; counts only, never a person. As an HTML page and as CSV, in Dutch or English.
 * Plain module: no Directus import.
 */
import { escapeHtml, htmlDocument } from '../html';
import type { UiLanguage } from '../ui-language';

export interface DestructionReport {
  batch: string;
  run: string;
  trigger: 'schedule' | 'request' | 'manual';
  rule: string;
  ranAt: string;
  municipality: string;
  migrants: number;
  stays: number;
  tasks: number;
  appointments: number;
  consents: number;
  statusHistory: number;
  revealLog: number;
}

const TEXT = {
  title: { nl: 'Verklaring van vernietiging', en: 'Destruction report' },
  intro: {
    nl: 'De onderstaande persoonsgegevens van arbeidsmigranten zijn vernietigd volgens de bewaartermijn. De sleutels van de versleutelde gegevens zijn eerst vernietigd, zodat ook kopieën onleesbaar zijn. Anonieme cijfers zijn bewaard.',
    en: 'The personal data of labour migrants listed below was destroyed under the retention rule. The keys of the encrypted data were destroyed first, so copies are unreadable too. Anonymous figures were kept.',
  },
  batch: { nl: 'Batch', en: 'Batch' },
  run: { nl: 'Uitvoering', en: 'Run' },
  trigger: { nl: 'Aanleiding', en: 'Trigger' },
  rule: { nl: 'Regel', en: 'Rule' },
  ranAt: { nl: 'Uitgevoerd op', en: 'Carried out at' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  what: { nl: 'Vernietigd', en: 'Destroyed' },
  count: { nl: 'Aantal', en: 'Count' },
  migrants: { nl: 'Arbeidsmigranten (persoonsgegevens en sleutel)', en: 'Labour migrants (personal data and key)' },
  stays: { nl: 'Verblijven', en: 'Stays' },
  tasks: { nl: 'Taken (ontkoppeld van de persoon)', en: 'Tasks (unlinked from the person)' },
  appointments: { nl: 'Afspraken', en: 'Appointments' },
  consents: {
    nl: 'Machtigingsverzoeken (ontkoppeld; ondertekend bewijs blijft zonder persoonsgegevens)',
    en: 'Consent requests (unlinked; signed evidence stays without personal data)',
  },
  statusHistory: { nl: 'Statusgeschiedenis', en: 'Status history' },
  revealLog: { nl: 'Inzagelog', en: 'Reveal log' },
} as const;

const TRIGGERS = {
  schedule: { nl: 'geplande uitvoering', en: 'scheduled run' },
  request: { nl: 'verzoek tot verwijdering', en: 'erasure on request' },
  manual: { nl: 'handmatige uitvoering', en: 'manual run' },
} as const;

const ROWS = ['migrants', 'stays', 'tasks', 'appointments', 'consents', 'statusHistory', 'revealLog'] as const;

/** The rule as the destruction log keeps it (`end+12m`, `request`), in words. */
export function ruleText(rule: string, lang: UiLanguage): string {
  const months = /^end\+(\d+)m$/.exec(rule);
  if (months) {
    return lang === 'nl'
      ? `${months[1]} maanden na het einde van het laatste verblijf of na uitschrijving`
      : `${months[1]} months after the end of the last stay or after deregistration`;
  }
  if (rule === 'request')
    return lang === 'nl' ? 'verzoek tot verwijdering (art. 17 AVG)' : 'erasure on request (GDPR art. 17)';
  return rule;
}

function csvCell(text: string): string {
  // a leading =, +, - or @ would be a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function header(report: DestructionReport, lang: UiLanguage): Array<[string, string]> {
  return [
    [TEXT.municipality[lang], report.municipality],
    [TEXT.batch[lang], report.batch],
    [TEXT.run[lang], report.run],
    [TEXT.trigger[lang], TRIGGERS[report.trigger][lang]],
    [TEXT.rule[lang], ruleText(report.rule, lang)],
    [TEXT.ranAt[lang], report.ranAt],
  ];
}

export function destructionReportHtml(report: DestructionReport, lang: UiLanguage): string {
  const meta = header(report, lang)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const rows = ROWS.map((row) => `<tr><td>${escapeHtml(TEXT[row][lang])}</td><td>${report[row]}</td></tr>`).join('');
  return htmlDocument({
    language: lang,
    title: TEXT.title[lang],
    head: '',
    body:
      `<main><h1>${TEXT.title[lang]}</h1><p>${escapeHtml(TEXT.intro[lang])}</p><table>${meta}</table>` +
      `<table><thead><tr><th scope="col">${TEXT.what[lang]}</th><th scope="col">${TEXT.count[lang]}</th></tr></thead><tbody>${rows}</tbody></table></main>`,
  });
}

/** CSV with semicolons (as Dutch spreadsheets read it), a header block and one line per kind of row. */
export function destructionReportCsv(report: DestructionReport, lang: UiLanguage): string {
  const lines = [
    ...header(report, lang).map(([k, v]) => `${csvCell(k)};${csvCell(v)}`),
    `${csvCell(TEXT.what[lang])};${csvCell(TEXT.count[lang])}`,
    ...ROWS.map((row) => `${csvCell(TEXT[row][lang])};${report[row]}`),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
