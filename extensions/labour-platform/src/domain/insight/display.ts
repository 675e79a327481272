/**
 * A published figure (GET /insights/figures/:name) as what the panel shows: a table with its hidden cells marked
 * and the chart's series, in the reader's language. Plain functions (no Vue, no request), so the panel is only the
 * fetch and the drawing. A hidden cell is text ("–", with a note under the table), never a colour alone; in the
 * chart it is a gap.
 */
import type { UiLanguage } from '../ui-language';
import type { FigureName, FigureRow, PublishedFigure } from './figures';
import { BRP_STATUSES } from '../vocabulary';
import { INSIGHT_TEXT as TEXT } from './display-texts';

export interface Cell {
  text: string;
  hidden: boolean;
}

export interface DisplayRow {
  label: string;
  total: boolean;
  cells: Cell[];
}

export interface DisplayTable {
  head: string;
  columns: string[];
  rows: DisplayRow[];
}

export interface Series {
  label: string;
  data: Array<number | null>;
}

export interface DisplayChart {
  kind: 'bar' | 'line';
  stacked: boolean;
  labels: string[];
  series: Series[];
}

export interface Display {
  table: DisplayTable;
  chart: DisplayChart;
  /** A line under the table (the median of the length of stay). */
  footnote: string | null;
  /** Whether any cell is hidden (the note on hiding is shown). */
  anyHidden: boolean;
}

export interface Labels {
  lang: UiLanguage;
  status(code: string): string;
  country(code: string): string;
}

const TOTAL = 'total';

function numberText(value: number | null, lang: UiLanguage, suffix = ''): string {
  return value === null ? '' : `${new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(value)}${suffix}`;
}

function cell(row: Pick<FigureRow, 'value' | 'suppressed'>, lang: UiLanguage): Cell {
  return row.suppressed || row.value === null
    ? { text: TEXT[lang].hidden, hidden: true }
    : { text: numberText(row.value as number, lang), hidden: false };
}

/** The text of one dimension value of a row. */
export function dimensionLabel(dimension: string, row: FigureRow, labels: Labels): string {
  const text = TEXT[labels.lang];
  const value = row[dimension];
  if (value === TOTAL) return text.total;
  if (typeof value !== 'string') return text.unknown;
  if (value === 'unknown') return text.unknown;
  switch (dimension) {
    case 'location':
      return typeof row['location_name'] === 'string' ? row['location_name'] : text.unknown;
    case 'brp_status':
      return labels.status(value);
    case 'nationality':
      return labels.country(value);
    case 'age_band':
      return text.ageBands[value] ?? value;
    case 'length_band':
      return text.lengthBands[value] ?? value;
    case 'month': {
      const [year, month] = value.split('-').map(Number) as [number, number];
      return new Intl.DateTimeFormat(labels.lang === 'nl' ? 'nl-NL' : 'en-GB', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(year, month - 1, 1)));
    }
    case 'week': {
      const match = /^(\d{4})-W(\d{2})$/.exec(value);
      return match ? text.week(match[1]!, String(Number(match[2]))) : value;
    }
    default:
      return value;
  }
}

const TRENDS: ReadonlySet<FigureName> = new Set([
  'arrivals-by-month',
  'departures-by-month',
  'arrivals-by-week',
  'departures-by-week',
  'registered-within-5-days-by-month',
]);

function statusTable(figure: PublishedFigure, labels: Labels): Display {
  const text = TEXT[labels.lang];
  const statuses = [...BRP_STATUSES, 'unknown', TOTAL];
  const locations = [...new Set(figure.rows.map((row) => String(row['location'])))];
  const find = (location: string, status: string) =>
    figure.rows.find((row) => row['location'] === location && row['brp_status'] === status);
  const rows: DisplayRow[] = locations.map((location) => {
    const first = figure.rows.find((row) => row['location'] === location)!;
    return {
      label: dimensionLabel('location', first, labels),
      total: location === TOTAL,
      cells: statuses.map((status) => {
        const row = find(location, status);
        return row ? cell(row, labels.lang) : { text: '', hidden: false };
      }),
    };
  });
  return {
    table: {
      head: HEADS['location']![labels.lang],
      columns: statuses.map((status) =>
        status === TOTAL ? text.total : status === 'unknown' ? text.unknown : labels.status(status),
      ),
      rows,
    },
    // the chart: the municipality's people per status (the column totals), which a hidden cell hides the least of
    chart: {
      kind: 'bar',
      stacked: false,
      labels: statuses.slice(0, -1).map((status) => (status === 'unknown' ? text.unknown : labels.status(status))),
      series: [
        {
          label: text.value,
          data: statuses.slice(0, -1).map((status) => {
            const row = find(TOTAL, status);
            return row && !row.suppressed ? (row.value as number | null) : null;
          }),
        },
      ],
    },
    footnote: null,
    anyHidden: figure.rows.some((row) => row.suppressed),
  };
}

const HEADS: Record<string, { nl: string; en: string }> = {
  location: { nl: 'Locatie', en: 'Location' },
  nationality: { nl: 'Nationaliteit', en: 'Nationality' },
  age_band: { nl: 'Leeftijd', en: 'Age' },
  month: { nl: 'Maand', en: 'Month' },
  week: { nl: 'Week', en: 'Week' },
  length_band: { nl: 'Verblijfsduur', en: 'Length of stay' },
};

/** The table and chart of a published figure. */
export function display(figure: PublishedFigure, labels: Labels): Display {
  if (figure.name === 'brp-status-by-location') return statusTable(figure, labels);
  const text = TEXT[labels.lang];
  const dimension = figure.dimensions[0]!;
  const head = HEADS[dimension]?.[labels.lang] ?? dimension;
  const anyHidden = figure.rows.some((row) => row.suppressed);
  const total = figure.rows.filter((row) => row[dimension] === TOTAL);
  const body = figure.rows.filter((row) => row[dimension] !== TOTAL);
  // nationalities by their name in the reader's language (the server sends them by code)
  if (dimension === 'nationality') {
    const name = (row: FigureRow) => dimensionLabel(dimension, row, labels);
    body.sort((a, b) => name(a).localeCompare(name(b), labels.lang));
  }
  const ordered = [...body, ...total];
  const chartLabels = body.map((row) => dimensionLabel(dimension, row, labels));
  const plotted = (row: FigureRow) => (row.suppressed ? null : (row.value as number | null));

  if (figure.name === 'occupancy') {
    return {
      table: {
        head,
        columns: [text.capacity, text.occupied, text.state],
        rows: figure.rows.map((row) => ({
          label: dimensionLabel(dimension, row, labels),
          total: row[dimension] === TOTAL,
          cells: [
            { text: numberText(row['capacity'] as number | null, labels.lang), hidden: false },
            cell(row, labels.lang),
            { text: typeof row['state'] === 'string' ? (text.states[row['state']] ?? '') : '', hidden: false },
          ],
        })),
      },
      chart: {
        kind: 'bar',
        stacked: false,
        labels: chartLabels,
        series: [
          { label: text.capacity, data: body.map((row) => row['capacity'] as number | null) },
          { label: text.occupied, data: body.map(plotted) },
        ],
      },
      footnote: null,
      anyHidden,
    };
  }
  if (figure.name === 'registered-within-5-days' || figure.name === 'registered-within-5-days-by-month') {
    return {
      table: {
        head,
        columns: [text.people, `${text.share} (%)`],
        rows: figure.rows.map((row) => {
          const share = row['share_percent'] as number | null;
          return {
            label: dimensionLabel(dimension, row, labels),
            total: row[dimension] === TOTAL,
            cells: [
              cell(row, labels.lang),
              share === null
                ? { text: text.hidden, hidden: true }
                : { text: numberText(share, labels.lang, '%'), hidden: false },
            ],
          };
        }),
      },
      chart: {
        kind: TRENDS.has(figure.name) ? 'line' : 'bar',
        stacked: false,
        labels: chartLabels,
        series: [{ label: `${text.share} (%)`, data: body.map((row) => row['share_percent'] as number | null) }],
      },
      footnote: null,
      anyHidden: anyHidden || figure.rows.some((row) => row['share_percent'] === null),
    };
  }
  const footnote =
    figure.name === 'length-of-stay'
      ? figure.median_days === null || figure.median_days === undefined
        ? text.noMedian
        : text.median(numberText(figure.median_days, labels.lang))
      : null;
  return {
    table: {
      head,
      columns: [text.value],
      rows: ordered.map((row) => ({
        label: dimensionLabel(dimension, row, labels),
        total: row[dimension] === TOTAL,
        cells: [cell(row, labels.lang)],
      })),
    },
    chart: {
      kind: TRENDS.has(figure.name) ? 'line' : 'bar',
      stacked: false,
      labels: chartLabels,
      series: [{ label: text.value, data: body.map(plotted) }],
    },
    footnote,
    anyHidden,
  };
}
