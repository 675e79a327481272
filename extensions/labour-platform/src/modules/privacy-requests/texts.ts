/**
 * Every text of the module "Inzage en verwijdering / Access and erasure" in Dutch and English. The English table is
 * typed by the Dutch one, so a text missing in one language does not compile.
 */
const nl = {
  title: 'Inzage en verwijdering',
  intro:
    'Vraagt iemand om inzage in zijn gegevens of om verwijdering? Zoek de persoon op zaaknummer of BSN. U ziet alleen mensen die in uw gemeente wonen of woonden, of voor wie uw gemeente een taak heeft.',
  query: 'Zaaknummer of BSN',
  queryPlaceholder: 'AM-2026-000123 of 999993653',
  search: 'Zoeken',
  searching: 'Bezig met zoeken…',
  nothingFound: 'Niemand gevonden met dit zaaknummer of BSN in uw gemeente.',
  caseNumber: 'Zaaknummer',
  provider: 'Huisvester',
  erasureDate: 'Wordt verwijderd op',
  noDate: 'nog niet bekend (woont er nog of is nog ingeschreven)',
  held: 'wettelijke bewaarplicht: wordt niet verwijderd',
  openHtml: 'Inzage-export openen',
  downloadJson: 'Download als JSON',
  exportReady: 'De inzage-export is geopend in een nieuw tabblad. Het inzien is vastgelegd in het inzagelog.',
  jsonReady: 'Het JSON-bestand is gedownload. Het inzien is vastgelegd in het inzagelog.',
  exportBlocked: 'De browser blokkeerde het nieuwe tabblad. Sta pop-ups toe voor deze site en probeer opnieuw.',
  noExport: 'Inzage is hier niet mogelijk: de persoon woont niet meer in uw gemeente.',
  erase: 'Verwijderen op verzoek…',
  eraseTitle: (caseNumber: string) => `Gegevens van ${caseNumber} verwijderen`,
  eraseExplain:
    'Alle persoonsgegevens worden direct en onherroepelijk verwijderd: eerst de sleutel, dan de gegevens. Alleen anonieme cijfers blijven over. Dit kan niet ongedaan worden gemaakt.',
  reason: 'Kenmerk van het verzoek',
  reasonHelp:
    'Bijvoorbeeld het zaaknummer van het verzoek in uw eigen systeem; niet de naam van de persoon (5 tot 500 tekens).',
  confirm: (caseNumber: string) => `Ik heb het verzoek beoordeeld en wil de gegevens van ${caseNumber} nu verwijderen.`,
  cancel: 'Annuleren',
  eraseNow: 'Nu verwijderen',
  erasing: 'Bezig met verwijderen…',
  erased: (caseNumber: string) => `De gegevens van ${caseNumber} zijn verwijderd.`,
  report: 'Verklaring van vernietiging openen',
  failed: 'Dat lukte niet. Probeer het opnieuw of neem contact op met de beheerder.',
};

export type RequestsText = typeof nl;

const en: RequestsText = {
  title: 'Access and erasure',
  intro:
    'Has someone asked to see their data, or to have it erased? Find the person by case number or BSN. You see only people who live or lived in your municipality, or for whom your municipality has a task.',
  query: 'Case number or BSN',
  queryPlaceholder: 'AM-2026-000123 or 999993653',
  search: 'Search',
  searching: 'Searching…',
  nothingFound: 'Nobody with this case number or BSN in your municipality.',
  caseNumber: 'Case number',
  provider: 'Housing provider',
  erasureDate: 'To be erased on',
  noDate: 'not known yet (still housed or still registered)',
  held: 'legal hold: not erased',
  openHtml: 'Open access export',
  downloadJson: 'Download as JSON',
  exportReady: 'The access export is open in a new tab. Viewing it is recorded in the reveal log.',
  jsonReady: 'The JSON file has been downloaded. Viewing it is recorded in the reveal log.',
  exportBlocked: 'The browser blocked the new tab. Allow pop-ups for this site and try again.',
  noExport: 'Access is not possible here: the person no longer lives in your municipality.',
  erase: 'Erase on request…',
  eraseTitle: (caseNumber: string) => `Erase the data of ${caseNumber}`,
  eraseExplain:
    'All personal data is erased at once and for good: first the key, then the data. Only anonymous figures remain. This cannot be undone.',
  reason: 'Reference of the request',
  reasonHelp: 'For example the request’s number in your own system; not the person’s name (5 to 500 characters).',
  confirm: (caseNumber: string) => `I have assessed the request and want to erase the data of ${caseNumber} now.`,
  cancel: 'Cancel',
  eraseNow: 'Erase now',
  erasing: 'Erasing…',
  erased: (caseNumber: string) => `The data of ${caseNumber} has been erased.`,
  report: 'Open the destruction report',
  failed: 'That did not work. Try again or contact the administrator.',
};

export const TEXT: Record<'nl' | 'en', RequestsText> = { nl, en };
