/**
 * Haal Centraal BRP Personen API v2 (RvIG): the subset of the request and response we use, and how a looked-up
 * person turns into a BRP status proposal for the clerk ("Beoordelen status onbekend").
 *
 * Shapes follow the public OpenAPI specification (BRP-API/Haal-Centraal-BRP-bevragen, `POST /personen`,
 * `RaadpleegMetBurgerservicenummer`) and its feature files. Notes from the spec that matter here:
 * - `opschortingBijhouding`, `geheimhoudingPersoonsgegevens`, `rni`, `verificatie` and `inOnderzoek` are delivered
 *   automatically when they apply; asking for them in `fields` is a 400 ("niet toegestane veldnaam").
 * - Dates are polymorphic (`type`: Datum | JaarMaandDatum | JaarDatum | DatumOnbekend) with a Dutch `langFormaat`.
 * - A person registered in the RNI has `gemeenteVanInschrijving.code` 1999 and, as the PL was created in the RNI,
 *   usually `opschortingBijhouding.reden.code` 'R' ("pl is aangelegd in de rni").
 * - A person who emigrated also has `gemeenteVanInschrijving.code` 1999 (the person list moves to the RNI), but with
 *   `opschortingBijhouding.reden.code` 'E' ("emigratie"): municipality 1999 alone does not make someone an RNI
 *   registrant; the reason tells an emigrant apart.
 * - `inOnderzoek` marks data the municipality is investigating (LO BRP groups 83.10/83.20): the person's own
 *   `inOnderzoek` (`gemeenteVanInschrijving`, `datumInschrijvingInGemeente`, with `datumIngangOnderzoekGemeente`)
 *   and the `inOnderzoek` of `verblijfplaats` and of its `verblijfadres` (with `datumIngangOnderzoek`).
 *
 * Plain module: no Directus import.
 */

/** BRP municipality code of the Registratie Niet-Ingezetenen. */
export const RNI_MUNICIPALITY_CODE = '1999';

/** Reasons for `opschortingBijhouding` (Tabel "reden opschorting bijhouding", LO BRP element 67.20). */
export const OPSCHORTING_REDEN = {
  overlijden: 'O',
  emigratie: 'E',
  ministerieelBesluit: 'M',
  aangelegdInRni: 'R',
  fout: 'F',
  onbekend: '.',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Request and response types (the subset we use)
// ---------------------------------------------------------------------------------------------------------------

/** Code/description pair from a national table (`Waardetabel` in the spec). Both are optional there. */
export interface BrpWaardetabel {
  code?: string;
  omschrijving?: string;
}

interface BrpDatumBase {
  /** Dutch long form, e.g. "1 juli 2018", "juli 2018", "onbekend". */
  langFormaat?: string;
}
export interface BrpVolledigeDatum extends BrpDatumBase {
  type: 'Datum';
  /** ISO 8601 date, YYYY-MM-DD. */
  datum: string;
}
export interface BrpJaarMaandDatum extends BrpDatumBase {
  type: 'JaarMaandDatum';
  jaar: number;
  maand: number;
}
export interface BrpJaarDatum extends BrpDatumBase {
  type: 'JaarDatum';
  jaar: number;
}
export interface BrpDatumOnbekend extends BrpDatumBase {
  type: 'DatumOnbekend';
  onbekend: true;
}
/** `AbstractDatum` in the spec. */
export type BrpDatum = BrpVolledigeDatum | BrpJaarMaandDatum | BrpJaarDatum | BrpDatumOnbekend;

/** Which fields of a group are under investigation (`inOnderzoek`), plus when the investigation started. */
export interface BrpInOnderzoek {
  [field: string]: boolean | BrpDatum | undefined;
  datumIngangOnderzoek?: BrpDatum;
}

export interface BrpNaam {
  voornamen?: string;
  voorvoegsel?: string;
  geslachtsnaam?: string;
  voorletters?: string;
  volledigeNaam?: string;
  adellijkeTitelPredicaat?: BrpWaardetabel & { soort?: 'titel' | 'predicaat' };
  aanduidingNaamgebruik?: BrpWaardetabel;
  inOnderzoek?: BrpInOnderzoek;
}

export interface BrpGeboorte {
  datum?: BrpDatum;
  land?: BrpWaardetabel;
  /** A Dutch municipality (with code) or, abroad, only a place name. */
  plaats?: BrpWaardetabel;
  inOnderzoek?: BrpInOnderzoek;
}

export interface BrpNationaliteit {
  type:
    'Nationaliteit' | 'BehandeldAlsNederlander' | 'VastgesteldNietNederlander' | 'Staatloos' | 'NationaliteitOnbekend';
  /** Tabel 32, e.g. 0072 Poolse. */
  nationaliteit?: BrpWaardetabel;
  datumIngangGeldigheid?: BrpDatum;
  redenOpname?: BrpWaardetabel;
  inOnderzoek?: BrpInOnderzoek;
}

export interface BrpOpschortingBijhouding {
  reden: BrpWaardetabel;
  datum?: BrpDatum;
}

export interface BrpVerblijfadres {
  officieleStraatnaam?: string;
  korteStraatnaam?: string;
  huisnummer?: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  aanduidingBijHuisnummer?: BrpWaardetabel;
  postcode?: string;
  woonplaats?: string;
  locatiebeschrijving?: string;
  /** Address lines of a foreign address (`VerblijfplaatsBuitenland`). */
  regel1?: string;
  regel2?: string;
  regel3?: string;
  land?: BrpWaardetabel;
  inOnderzoek?: BrpInOnderzoek;
}

export interface BrpVerblijfplaats {
  type: 'Adres' | 'Locatie' | 'VerblijfplaatsBuitenland' | 'VerblijfplaatsOnbekend';
  /** BAG id of the verblijfsobject/standplaats/ligplaats (16 digits). */
  adresseerbaarObjectIdentificatie?: string;
  /** BAG id of the nummeraanduiding (16 digits). */
  nummeraanduidingIdentificatie?: string;
  functieAdres?: BrpWaardetabel;
  datumVan?: BrpDatum;
  datumIngangGeldigheid?: BrpDatum;
  verblijfadres?: BrpVerblijfadres;
  inOnderzoek?: BrpInOnderzoek;
}

/** `Persoon` in the spec, restricted to what we ask for (plus the automatically delivered fields). */
export interface BrpPersoon {
  burgerservicenummer?: string;
  naam?: BrpNaam;
  geboorte?: BrpGeboorte;
  geslacht?: BrpWaardetabel;
  nationaliteiten?: BrpNationaliteit[];
  gemeenteVanInschrijving?: BrpWaardetabel;
  datumInschrijvingInGemeente?: BrpDatum;
  verblijfplaats?: BrpVerblijfplaats;
  /** Delivered automatically (never requested through `fields`). */
  opschortingBijhouding?: BrpOpschortingBijhouding;
  /** Delivered automatically. */
  geheimhoudingPersoonsgegevens?: boolean;
  /** Delivered automatically. */
  inOnderzoek?: BrpInOnderzoek;
}

/** Request body of `POST /personen` for a lookup by BSN. */
export interface BrpRaadpleegMetBurgerservicenummerQuery {
  type: 'RaadpleegMetBurgerservicenummer';
  /** Field paths, 1–130 items, each `^[a-zA-Z0-9._]{1,200}$`. */
  fields: string[];
  /** 1–20 items, each nine digits. */
  burgerservicenummer: string[];
  /** Optional filter: only persons registered in this municipality (4 digits) are returned. */
  gemeenteVanInschrijving?: string;
}

export interface BrpRaadpleegMetBurgerservicenummerResponse {
  type: 'RaadpleegMetBurgerservicenummer';
  personen: BrpPersoon[];
}

/** One entry of `invalidParams` in a 400 problem. */
export interface BrpInvalidParam {
  type?: string;
  name: string;
  code: string;
  reason: string;
}

/** RFC 7807 problem object (`Foutbericht` / `BadRequestFoutbericht`), served as application/problem+json. */
export interface BrpProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  invalidParams?: BrpInvalidParam[];
}

// ---------------------------------------------------------------------------------------------------------------
// Interpretation
// ---------------------------------------------------------------------------------------------------------------

/** Which registration data the BRP has under investigation, and since when (the earliest start date given). */
export interface BrpInvestigation {
  /** `gemeenteVanInschrijving` and/or `datumInschrijvingInGemeente`. */
  registration: boolean;
  /** Anything of `verblijfplaats` or its `verblijfadres`. */
  address: boolean;
  since: string | null;
}

/** Present on a found person only when some of the registration data is under investigation. */
interface UnderInvestigation {
  investigation?: BrpInvestigation;
}

export type BrpLookupResult =
  | ({
      kind: 'registered';
      municipalityCode: string;
      municipalityName: string;
      /** Registration date in the municipality: YYYY-MM-DD, or YYYY-MM / YYYY when the BRP only knows part of it. */
      since: string | null;
      suspended: false;
      /** Registered in the municipality whose code was passed as `ownMunicipalityCode`. */
      inOwnMunicipality: boolean;
    } & UnderInvestigation)
  | ({ kind: 'rni'; since: string | null } & UnderInvestigation)
  /** Left the Netherlands: `opschortingBijhouding` reason 'E', whatever the municipality (usually 1999). */
  | ({ kind: 'emigrated'; date: string | null } & UnderInvestigation)
  | ({ kind: 'deregistered'; reason: { code: string; description: string }; date: string | null } & UnderInvestigation)
  | { kind: 'not_found' };

export type ProposedAssessment = 'registered' | 'not_registered';

/**
 * A BRP date as text: the ISO date for a full date, `YYYY-MM` or `YYYY` when only part is known, null when
 * unknown or absent.
 */
export function brpDateToString(datum: BrpDatum | undefined): string | null {
  if (!datum) return null;
  switch (datum.type) {
    case 'Datum':
      return datum.datum;
    case 'JaarMaandDatum':
      return `${String(datum.jaar).padStart(4, '0')}-${String(datum.maand).padStart(2, '0')}`;
    case 'JaarDatum':
      return String(datum.jaar).padStart(4, '0');
    case 'DatumOnbekend':
      return null;
    default:
      return null;
  }
}

/** Four-digit municipality code: '363' → '0363'. */
function municipalityCode(code: string): string {
  return code.trim().padStart(4, '0');
}

function isTrue(value: unknown): boolean {
  return value === true;
}

function investigationFlags(inOnderzoek: BrpInOnderzoek | undefined, fields: readonly string[] | null): boolean {
  if (!inOnderzoek) return false;
  return Object.entries(inOnderzoek).some(
    ([field, value]) => isTrue(value) && (fields === null || fields.includes(field)),
  );
}

/** The earliest of the given start dates, as text; partial dates compare by their known part. */
function earliest(dates: (BrpDatum | undefined)[]): string | null {
  const known = dates.map(brpDateToString).filter((date): date is string => date !== null);
  return known.length === 0 ? null : [...known].sort()[0]!;
}

/**
 * What of the registration the BRP has under investigation: the municipality of registration or its date, and
 * the address. Null when nothing is (a start date without a flagged field does not count).
 */
export function registrationInvestigation(persoon: BrpPersoon): BrpInvestigation | null {
  const own = persoon.inOnderzoek;
  const verblijfplaats = persoon.verblijfplaats;
  const adres = verblijfplaats?.verblijfadres?.inOnderzoek;
  const registration = investigationFlags(own, ['gemeenteVanInschrijving', 'datumInschrijvingInGemeente']);
  const address = investigationFlags(verblijfplaats?.inOnderzoek, null) || investigationFlags(adres, null);
  if (!registration && !address) return null;
  const ownSince = own?.['datumIngangOnderzoekGemeente'];
  return {
    registration,
    address,
    since: earliest([
      registration && isDatumValue(ownSince) ? ownSince : undefined,
      address ? verblijfplaats?.inOnderzoek?.datumIngangOnderzoek : undefined,
      address ? adres?.datumIngangOnderzoek : undefined,
    ]),
  };
}

function isDatumValue(value: unknown): value is BrpDatum {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/**
 * What the BRP says about one person, for the clerk's assessment.
 *
 * - no person → `not_found` (the BSN is not in the BRP, or was filtered out by `gemeenteVanInschrijving`);
 * - `opschortingBijhouding` with reason 'E' (emigration) → `emigrated`, also when the municipality is 1999: the
 *   BRP moves an emigrant's person list to the RNI, which does not make them an RNI registrant;
 * - `opschortingBijhouding` with reason 'R' (PL created in the RNI), or municipality 1999 without a suspension
 *   → `rni`;
 * - any other `opschortingBijhouding` (O death, M ministerial decision, F error, '.' unknown) → `deregistered`:
 *   the BRP no longer keeps this person's record current;
 * - otherwise `registered` in `gemeenteVanInschrijving`.
 *
 * A found person's result carries `investigation` when the municipality, its date or the address is under
 * investigation (`inOnderzoek`): the clerk must know the data may change.
 *
 * Throws when a found person carries no `gemeenteVanInschrijving` and no `opschortingBijhouding`: every BRP
 * person list has a municipality, so the field was not requested (a programming error, not a BRP answer).
 * The thrown message never contains the BSN.
 */
export function interpretPerson(persoon: BrpPersoon | undefined, ownMunicipalityCode: string | null): BrpLookupResult {
  if (!persoon) return { kind: 'not_found' };
  const investigation = registrationInvestigation(persoon);
  const marked = investigation ? { investigation } : {};

  const gemeente = persoon.gemeenteVanInschrijving?.code;
  const since = brpDateToString(persoon.datumInschrijvingInGemeente);
  const opschorting = persoon.opschortingBijhouding;
  const redenCode = opschorting?.reden.code;

  if (redenCode === OPSCHORTING_REDEN.emigratie) {
    return { kind: 'emigrated', date: brpDateToString(opschorting?.datum), ...marked };
  }
  if (
    redenCode === OPSCHORTING_REDEN.aangelegdInRni ||
    (!opschorting && gemeente !== undefined && municipalityCode(gemeente) === RNI_MUNICIPALITY_CODE)
  ) {
    return { kind: 'rni', since, ...marked };
  }
  if (opschorting) {
    return {
      kind: 'deregistered',
      reason: { code: redenCode ?? OPSCHORTING_REDEN.onbekend, description: opschorting.reden.omschrijving ?? '' },
      date: brpDateToString(opschorting.datum),
      ...marked,
    };
  }
  if (gemeente === undefined) {
    throw new Error('BRP person has no gemeenteVanInschrijving: request that field to interpret the registration.');
  }
  const code = municipalityCode(gemeente);
  return {
    kind: 'registered',
    municipalityCode: code,
    municipalityName: persoon.gemeenteVanInschrijving?.omschrijving ?? '',
    since,
    suspended: false,
    inOwnMunicipality: ownMunicipalityCode !== null && municipalityCode(ownMunicipalityCode) === code,
    ...marked,
  };
}

/**
 * The BRP status the clerk is offered after a lookup: registered in a Dutch municipality → 'registered'
 * (Ingeschreven); RNI, emigrated, deregistered or not found → 'not_registered' (Niet ingeschreven: schedule the migrant).
 */
export function proposedAssessment(result: BrpLookupResult): ProposedAssessment {
  return result.kind === 'registered' ? 'registered' : 'not_registered';
}
