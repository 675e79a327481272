/**
 * The monthly report of a municipality's figures (issue 11): a printable page with every figure as published on
 * the last day of the month (its tables, hidden cells as "–"), in the reader's language. Plain module.
 */
import { addDays, addMonths } from '../dates';
import { escapeHtml, htmlDocument } from '../html';
import { localised, type UiLanguage } from '../ui-language';
import type { Labels } from './display';
import { exportTable, type ExportCell } from './export';
import type { PublishedFigure } from './figures';

const TEXT = {
  title: localised('Maandrapport arbeidsmigranten', 'Monthly report labour migrants'),
  intro: localised(
    'Anonieme cijfers van de gemeente. Aantallen van 1 tot 4 (1 tot 9 in kruistabellen) en cellen die daaruit te herleiden zijn, zijn verborgen (–); de andere zijn afgerond op 5. Een gemiddelde of mediaan wordt alleen over 10 of meer personen getoond.',
    'Anonymous figures of the municipality. Counts of 1 to 4 (1 to 9 in cross-tables) and cells that could be worked out from them are hidden (–); the others are rounded to 5. An average or median is only shown over 10 or more people.',
  ),
  municipality: localised('Gemeente', 'Municipality'),
  month: localised('Maand', 'Month'),
  date: localised('Stand op', 'As of'),
  print: localised('Afdrukken', 'Print'),
};

/** The month a report covers (YYYY-MM): by default the last complete month before `today`. */
export function reportMonth(month: string | undefined, today: string): string | null {
  const latest = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  if (month === undefined) return latest;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
  const earliest = addMonths(`${today.slice(0, 7)}-01`, -24).slice(0, 7);
  return month >= earliest && month <= latest ? month : null;
}

/** The last day of a month (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

function cellHtml(value: ExportCell, lang: UiLanguage): string {
  if (value === null) return '';
  return escapeHtml(
    typeof value === 'number' ? new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(value) : value,
  );
}

export function monthlyReportPage(input: {
  lang: UiLanguage;
  municipality: string;
  month: string;
  figures: readonly PublishedFigure[];
  labels: Labels;
}): string {
  const { lang } = input;
  const monthName = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${input.month}-01T00:00:00Z`));
  const sections = input.figures.map((figure) => {
    const table = exportTable(figure, input.labels);
    const hiddenColumn = table.header.length - 1;
    const head = table.header
      .slice(0, hiddenColumn)
      .map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`)
      .join('');
    const rows = table.rows
      .map((row) => {
        const hidden = row[hiddenColumn] === 'ja' || row[hiddenColumn] === 'yes';
        const cells = row.slice(0, hiddenColumn).map((cell, i) => {
          if (i === 0) return `<th scope="row">${cellHtml(cell, lang)}</th>`;
          if (i === hiddenColumn - 1 && hidden) return '<td class="n hidden">–</td>';
          return `<td${typeof cell === 'number' ? ' class="n"' : ''}>${cellHtml(cell, lang)}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      })
      .join('');
    const notes = table.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('');
    return `<section data-figure="${escapeHtml(figure.name)}"><h2>${escapeHtml(table.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${notes}</section>`;
  });
  const style = `<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;break-after:avoid}
table{border-collapse:collapse;margin-top:.5rem}th,td{padding:2px 8px;border-bottom:1px solid #ccc;text-align:left}
td.n{text-align:right}td.hidden{color:#555}.note{color:#444;font-size:.85rem;margin:.25rem 0}
section{break-inside:avoid-page}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}
@media print{body{margin:0}}
</style>`;
  return htmlDocument({
    language: lang,
    title: `${TEXT.title[lang]} ${monthName}`,
    head: style,
    body:
      `<main><h1>${escapeHtml(TEXT.title[lang])}</h1>` +
      `<dl><dt>${TEXT.municipality[lang]}</dt><dd>${escapeHtml(input.municipality)}</dd>` +
      `<dt>${TEXT.month[lang]}</dt><dd>${escapeHtml(monthName)}</dd>` +
      `<dt>${TEXT.date[lang]}</dt><dd>${escapeHtml(lastDayOf(input.month))}</dd></dl>` +
      `<p>${escapeHtml(TEXT.intro[lang])}</p>${sections.join('')}</main>`,
  });
}
