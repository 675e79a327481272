/** Every text of the housing map panel in Dutch and English (the English table typed by the Dutch one). */
import type { UiLanguage } from '../../domain/ui-language';

const nl = {
  loading: 'De kaart wordt geladen…',
  failed: 'De kaart kon niet worden geladen. Probeer het later opnieuw.',
  map: 'Kaart van de huisvestingslocaties',
  location: 'Locatie',
  capacity: 'Capaciteit',
  occupied: 'Bezet',
  state: 'Stand',
  states: { free: 'Plaats vrij', about_full: 'Ongeveer vol', over: 'Boven capaciteit' } as Record<string, string>,
  symbols: { free: '○', about_full: '◐', over: '●' } as Record<string, string>,
  unknownState: 'Onbekend',
  hidden: '–',
  noPosition: 'geen coördinaten',
  unnamed: 'Locatie zonder naam',
  note: '– = verborgen om personen te beschermen (minder dan 5 personen). Getoonde aantallen zijn afgerond op 5.',
  legend: '○ plaats vrij · ◐ ongeveer vol · ● boven capaciteit · ? onbekend · een groep toont het aantal locaties',
  cluster: (count: number) => `${count} locaties`,
  zoomIn: 'klik om in te zoomen',
};

export type MapText = typeof nl;

const en: MapText = {
  loading: 'Loading the map…',
  failed: 'The map could not be loaded. Please try again later.',
  map: 'Map of the housing locations',
  location: 'Location',
  capacity: 'Capacity',
  occupied: 'Occupied',
  state: 'State',
  states: { free: 'Beds free', about_full: 'About full', over: 'Over capacity' },
  symbols: { free: '○', about_full: '◐', over: '●' },
  unknownState: 'Unknown',
  hidden: '–',
  noPosition: 'no coordinates',
  unnamed: 'Unnamed location',
  note: '– = hidden to protect people (fewer than 5 people). Numbers shown are rounded to 5.',
  legend: '○ beds free · ◐ about full · ● over capacity · ? unknown · a group shows its number of locations',
  cluster: (count: number) => `${count} locations`,
  zoomIn: 'click to zoom in',
};

export const TEXT: Readonly<Record<UiLanguage, MapText>> = { nl, en };
