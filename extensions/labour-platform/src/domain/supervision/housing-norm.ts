/**
 * The housing norm of the Stichting Normering Flexwonen (SNF), as arithmetic on what a location records: how
 * many people a location may house by each norm, and which norm an occupancy exceeds and by how much.
 *
 * The norm (see DOMAIN.md): living space at least 12 m² per person in a dwelling or housing unit, 10 m² in
 * lodging (pension, hotel); a bedroom at least 3.5 m² per person (existing recreational housing may temporarily
 * have 2.7 m², then at most 2 people a bedroom); a bed per resident; at least 1 toilet and 1 shower per 8
 * persons. A municipality may add its own cap per location. Areas are compared in whole cm² so that 3.5 m² and
 * 7.0 m² give exactly 2 people, never 1.9999. Plain module: no Directus import.
 */

import type { HousingType } from '../vocabulary';

export { HOUSING_TYPES, type HousingType } from '../vocabulary';

/** The norms a location's capacity is judged by, in the order an inspector reads them. */
export const HOUSING_NORMS = [
  'living_space',
  'bedroom_area',
  'beds',
  'toilets',
  'showers',
  'municipal_cap',
  'declared_capacity',
] as const;
export type HousingNorm = (typeof HOUSING_NORMS)[number];

export interface Bedroom {
  /** Floor area in m². */
  areaM2: number;
  beds: number;
}

/** What a location records about its housing, as the SNF norm asks. */
export interface HousingLayout {
  type: HousingType;
  /** Living space (usable floor area for living) in m². */
  livingAreaM2: number;
  bedrooms: readonly Bedroom[];
  toilets: number;
  showers: number;
  /** Existing recreational housing may use the temporary bedroom minimum (2.7 m², at most 2 a bedroom). */
  temporaryRecreationalException?: boolean;
  /** A municipality's own cap on people at this location, if any. */
  municipalCap?: number | null;
}

/** The norm's numbers; a municipality may be stricter, never laxer (see `stricterThanSnf`). */
export interface HousingNormNumbers {
  livingM2PerPersonDwelling: number;
  livingM2PerPersonLodging: number;
  bedroomM2PerPerson: number;
  temporaryBedroomM2PerPerson: number;
  temporaryMaxPerBedroom: number;
  personsPerToilet: number;
  personsPerShower: number;
}

export const SNF_NORM: Readonly<HousingNormNumbers> = Object.freeze({
  livingM2PerPersonDwelling: 12,
  livingM2PerPersonLodging: 10,
  bedroomM2PerPerson: 3.5,
  temporaryBedroomM2PerPerson: 2.7,
  temporaryMaxPerBedroom: 2,
  personsPerToilet: 8,
  personsPerShower: 8,
});

/** Whether `numbers` asks at least what the SNF norm asks on every count (more space, fewer people per facility). */
export function stricterThanSnf(numbers: HousingNormNumbers): boolean {
  return (
    numbers.livingM2PerPersonDwelling >= SNF_NORM.livingM2PerPersonDwelling &&
    numbers.livingM2PerPersonLodging >= SNF_NORM.livingM2PerPersonLodging &&
    numbers.bedroomM2PerPerson >= SNF_NORM.bedroomM2PerPerson &&
    numbers.temporaryBedroomM2PerPerson >= SNF_NORM.temporaryBedroomM2PerPerson &&
    numbers.temporaryMaxPerBedroom <= SNF_NORM.temporaryMaxPerBedroom &&
    numbers.personsPerToilet <= SNF_NORM.personsPerToilet &&
    numbers.personsPerShower <= SNF_NORM.personsPerShower
  );
}

/** m² to whole cm², so that division by a norm area is exact for areas given to the centimetre. */
function toCm2(m2: number): number {
  return Math.round(m2 * 10_000);
}

function wholeNonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** People an area holds at `perPersonM2` each (whole people, rounding down). */
function personsForArea(areaM2: number, perPersonM2: number): number {
  const per = toCm2(perPersonM2);
  if (per <= 0) return 0;
  return wholeNonNegative(toCm2(Math.max(0, areaM2)) / per);
}

/** People one bedroom may hold: by its area, its beds, and the temporary exception's cap. */
export function bedroomCapacity(
  bedroom: Bedroom,
  temporaryException: boolean,
  numbers: HousingNormNumbers = SNF_NORM,
): number {
  const beds = wholeNonNegative(bedroom.beds);
  const byArea = personsForArea(bedroom.areaM2, numbers.bedroomM2PerPerson);
  if (!temporaryException) return Math.min(beds, byArea);
  const byTemporaryArea = Math.min(
    personsForArea(bedroom.areaM2, numbers.temporaryBedroomM2PerPerson),
    numbers.temporaryMaxPerBedroom,
  );
  return Math.min(beds, Math.max(byArea, byTemporaryArea));
}

export interface NormLimit {
  norm: HousingNorm;
  /** People this norm allows at the location. */
  persons: number;
}

export interface NormCapacity {
  /** The lowest of the limits: the people the location may house by the norm. */
  persons: number;
  limits: readonly NormLimit[];
  /** The norm(s) that set `persons`. */
  binding: readonly HousingNorm[];
}

/** The capacity of a location by each norm, and the binding one(s). */
export function normCapacity(layout: HousingLayout, numbers: HousingNormNumbers = SNF_NORM): NormCapacity {
  const temporary = layout.type === 'recreational' && layout.temporaryRecreationalException === true;
  const livingPerPerson =
    layout.type === 'lodging' ? numbers.livingM2PerPersonLodging : numbers.livingM2PerPersonDwelling;
  const limits: NormLimit[] = [
    { norm: 'living_space', persons: personsForArea(layout.livingAreaM2, livingPerPerson) },
    {
      norm: 'bedroom_area',
      persons: layout.bedrooms.reduce((sum, room) => sum + bedroomCapacity(room, temporary, numbers), 0),
    },
    { norm: 'beds', persons: layout.bedrooms.reduce((sum, room) => sum + wholeNonNegative(room.beds), 0) },
    { norm: 'toilets', persons: wholeNonNegative(layout.toilets) * numbers.personsPerToilet },
    { norm: 'showers', persons: wholeNonNegative(layout.showers) * numbers.personsPerShower },
  ];
  if (layout.municipalCap !== undefined && layout.municipalCap !== null) {
    limits.push({ norm: 'municipal_cap', persons: wholeNonNegative(layout.municipalCap) });
  }
  const persons = Math.min(...limits.map((limit) => limit.persons));
  return {
    persons,
    limits,
    binding: limits.filter((limit) => limit.persons === persons).map((limit) => limit.norm),
  };
}

export interface Overcrowding {
  norm: HousingNorm;
  /** People the norm allows. */
  allowed: number;
  /** People present. */
  present: number;
  /** present − allowed (> 0). */
  excess: number;
}

/**
 * Which norms `occupancy` exceeds at a location: each exceeded norm limit, and the declared capacity (the
 * provider's own number) when exceeded. Empty when the location is not overcrowded.
 */
export function overcrowding(
  layout: HousingLayout,
  declaredCapacity: number | null,
  occupancy: number,
  numbers: HousingNormNumbers = SNF_NORM,
): Overcrowding[] {
  const present = wholeNonNegative(occupancy);
  const limits: NormLimit[] = [...normCapacity(layout, numbers).limits];
  if (declaredCapacity !== null)
    limits.push({ norm: 'declared_capacity', persons: wholeNonNegative(declaredCapacity) });
  return limits
    .filter((limit) => present > limit.persons)
    .map((limit) => ({ norm: limit.norm, allowed: limit.persons, present, excess: present - limit.persons }));
}
