/**
 * Every text of the insight panels in Dutch and English. The English table is typed by the Dutch one, so a text
 * missing in one language does not compile.
 */
import type { UiLanguage } from '../ui-language';

const nl = {
  loading: 'De cijfers worden geladen…',
  failed: 'De cijfers konden niet worden geladen. Probeer het later opnieuw.',
  hidden: '–',
  hiddenLabel: 'verborgen',
  hiddenNote:
    '– = verborgen om personen te beschermen: minder dan 5 personen (minder dan 10 in een kruistabel), of een cel die anders uit de totalen te herleiden zou zijn. Getoonde aantallen zijn afgerond op 5.',
  total: 'Totaal',
  unknown: 'Onbekend',
  value: 'Aantal personen',
  capacity: 'Capaciteit',
  occupied: 'Bezet',
  state: 'Stand',
  states: { free: 'Plaats vrij', about_full: 'Ongeveer vol', over: 'Boven capaciteit' } as Record<string, string>,
  share: 'Binnen 5 dagen ingeschreven',
  people: 'Inschrijfplichtig aangekomen',
  median: (days: string) => `Mediaan: ${days} dagen`,
  noMedian: 'Mediaan: verborgen (minder dan 10 personen)',
  week: (year: string, week: string) => `week ${week} ${year}`,
  lengthBands: {
    '<1m': 'korter dan 1 maand',
    '1-3m': '1 tot 3 maanden',
    '3-6m': '3 tot 6 maanden',
    '6-12m': '6 tot 12 maanden',
    '12m+': '12 maanden of langer',
  } as Record<string, string>,
  ageBands: { '<20': 'jonger dan 20', '60+': '60 of ouder' } as Record<string, string>,
  period: 'Periode',
  downloadCsv: 'Download CSV',
  downloadXlsx: 'Download Excel',
  monthlyReport: 'Maandrapport',
  chartOf: (title: string) => `Grafiek: ${title}`,
  tableOf: (title: string) => `Tabel: ${title}`,
  date: 'Peildatum',
  dateRange: 'Kies een datum van vandaag tot 24 maanden terug.',
};

export type InsightText = typeof nl;

const en: InsightText = {
  loading: 'Loading the figures…',
  failed: 'The figures could not be loaded. Please try again later.',
  hidden: '–',
  hiddenLabel: 'hidden',
  hiddenNote:
    '– = hidden to protect people: fewer than 5 people (fewer than 10 in a cross-table), or a cell that could otherwise be worked out from the totals. Numbers shown are rounded to 5.',
  total: 'Total',
  unknown: 'Unknown',
  value: 'Number of people',
  capacity: 'Capacity',
  occupied: 'Occupied',
  state: 'State',
  states: { free: 'Beds free', about_full: 'About full', over: 'Over capacity' },
  share: 'Registered within 5 days',
  people: 'Arrived, required to register',
  median: (days: string) => `Median: ${days} days`,
  noMedian: 'Median: hidden (fewer than 10 people)',
  week: (year: string, week: string) => `week ${week} ${year}`,
  lengthBands: {
    '<1m': 'less than 1 month',
    '1-3m': '1 to 3 months',
    '3-6m': '3 to 6 months',
    '6-12m': '6 to 12 months',
    '12m+': '12 months or more',
  },
  ageBands: { '<20': 'under 20', '60+': '60 or over' },
  period: 'Period',
  downloadCsv: 'Download CSV',
  downloadXlsx: 'Download Excel',
  monthlyReport: 'Monthly report',
  chartOf: (title: string) => `Chart: ${title}`,
  tableOf: (title: string) => `Table: ${title}`,
  date: 'Reference date',
  dateRange: 'Choose a date from today up to 24 months back.',
};

export const INSIGHT_TEXT: Readonly<Record<UiLanguage, InsightText>> = { nl, en };
