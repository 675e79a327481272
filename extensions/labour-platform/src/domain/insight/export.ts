/**
 * The figures as files (issue 11): one figure as a table with a header row, for CSV and XLSX, and the texts of the
 * monthly report. Every number is the published one: a hidden cell stays hidden (empty, marked "hidden" in its own
 * column), nothing is recomputed. Labels in the reader's language. Plain module: no Directus import.
 */
import { countryName } from '../countries';
import { choiceLabel } from '../labels';
import { localised, type UiLanguage } from '../ui-language';
import { dimensionLabel, type Labels } from './display';
import { FIGURES, type FigureRow, type PublishedFigure } from './figures';
import { INSIGHT_TEXT } from './display-texts';

export type ExportCell = string | number | null;

export interface ExportTable {
  title: string;
  header: string[];
  rows: ExportCell[][];
  /** The lines under the table: the period, the median, what a hidden cell is. */
  notes: string[];
}

/** The labels of the server's files: BRP statuses and countries from the platform's own tables. */
export function serverLabels(lang: UiLanguage): Labels {
  return {
    lang,
    status: (code) => choiceLabel('migrants', 'brp_status', code, lang),
    country: (code) => (/^[A-Z]{2}$/.test(code) ? countryName(code, lang) : code),
  };
}

const HEADERS: Record<string, { nl: string; en: string }> = {
  location: localised('Locatie', 'Location'),
  brp_status: localised('BRP-status', 'BRP status'),
  nationality: localised('Nationaliteit', 'Nationality'),
  age_band: localised('Leeftijd', 'Age'),
  month: localised('Maand', 'Month'),
  week: localised('Week', 'Week'),
  length_band: localised('Verblijfsduur', 'Length of stay'),
  capacity: localised('Capaciteit', 'Capacity'),
  value: localised('Aantal personen', 'Number of people'),
  hidden: localised('Verborgen', 'Hidden'),
  share_percent: localised('Binnen 5 dagen ingeschreven (%)', 'Registered within 5 days (%)'),
  state: localised('Stand', 'State'),
};

/** The extra columns a figure publishes beside its value, in order. */
const EXTRAS = ['capacity', 'share_percent', 'state'] as const;

/** One published figure as a table: its dimensions (labelled), its extra columns, the value and whether hidden. */
export function exportTable(figure: PublishedFigure, labels: Labels): ExportTable {
  const { lang } = labels;
  const text = INSIGHT_TEXT[lang];
  const extras = EXTRAS.filter((extra) => figure.rows.some((row) => extra in row));
  const yes = lang === 'nl' ? 'ja' : 'yes';
  const no = lang === 'nl' ? 'nee' : 'no';
  const rows = figure.rows.map((row: FigureRow) => [
    ...figure.dimensions.map((dimension) => dimensionLabel(dimension, row, labels)),
    ...extras.map((extra): ExportCell => {
      const value = row[extra];
      if (extra === 'state') return typeof value === 'string' ? (text.states[value] ?? value) : null;
      return typeof value === 'number' ? value : null;
    }),
    row.suppressed ? null : (row.value as number | null),
    row.suppressed ? yes : no,
  ]);
  const notes = [`${text.period}: ${FIGURES[figure.name].period[lang]} (${figure.date})`];
  if (figure.name === 'length-of-stay')
    notes.push(
      figure.median_days === null || figure.median_days === undefined
        ? text.noMedian
        : text.median(String(figure.median_days)),
    );
  notes.push(text.hiddenNote);
  return {
    title: FIGURES[figure.name].title[lang],
    header: [...figure.dimensions, ...extras, 'value', 'hidden'].map((key) => HEADERS[key]?.[lang] ?? key),
    rows,
    notes,
  };
}

function csvCell(value: ExportCell): string {
  if (value === null) return '';
  const text = String(value);
  // a leading =, +, - or @ would be a formula to a spreadsheet program: quoted with a leading apostrophe
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",;\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV (comma, CRLF) with a byte order mark, so spreadsheet programs read it as UTF-8; notes after a blank line. */
export function toCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${[...lines, '', ...table.notes.map((note) => csvCell(note))].join('\r\n')}\r\n`;
}

/** A file name for a figure: `aanwezig-per-locatie-2026-11-26.csv`. */
export function exportFileName(figure: PublishedFigure, lang: UiLanguage, extension: 'csv' | 'xlsx'): string {
  const slug = FIGURES[figure.name].title[lang]
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}-${figure.date}.${extension}`;
}
