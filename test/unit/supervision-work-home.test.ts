/**
 * Work and home inconsistent, and a warning's task (issue 12): the address keys a BRP answer and a location give, their
 * keyed hashes and how they are compared; the Locatieserver's request and answer, and the geocoder's process cache;
 * who works a warning's task.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  addressMatches,
  brpAddressKey,
  locationAddressKeys,
  municipalityCodeOf,
  storedAddressKey,
} from '../../extensions/labour-platform/src/domain/supervision/address-match';
import {
  locatieserverUrl,
  parseLocatieserverAnswer,
  PDOK_LOCATIESERVER,
} from '../../extensions/labour-platform/src/domain/supervision/geocode';
import {
  PROVIDER_WARNING_TYPES,
  WARNING_TASK_OWNER,
  WARNING_TYPES,
  warningTaskOwner,
  warningTaskStep,
  workFarFromHome,
} from '../../extensions/labour-platform/src/domain/supervision/warnings';
import { DEFAULT_TASK_DEADLINES, dueDate } from '../../extensions/labour-platform/src/domain/brp/due-dates';
import { blindIndex, parseKeyRing } from '../../extensions/labour-platform/src/domain/privacy';
import type { BrpPersoon } from '../../extensions/labour-platform/src/domain/brp/lookup';
import { brpAddressFacts, hashedLocationKeys } from '../../extensions/labour-platform/src/glue/supervision/brp-address';
import {
  forgetGeocodes,
  geocodePostcodes,
  locatieserverBase,
  type GeocodeFetch,
} from '../../extensions/labour-platform/src/glue/supervision/geocode';
import { MOCK_POSTCODE_AREAS, startLocatieserverMock } from '../../scripts/lib/locatieserver-mock';

const ring = parseKeyRing({
  FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  FIELD_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
});

const persoon = (verblijfplaats: BrpPersoon['verblijfplaats']): BrpPersoon => ({ verblijfplaats });

describe('address keys', () => {
  it('a BRP address gives its BAG id, else postcode and house number; abroad or unknown none', () => {
    expect(
      brpAddressKey(
        persoon({
          type: 'Adres',
          adresseerbaarObjectIdentificatie: '1911010000900002',
          verblijfadres: { postcode: '1775AB', huisnummer: 7 },
        }),
      ),
    ).toEqual({ kind: 'bag', key: 'bag:1911010000900002' });
    expect(
      brpAddressKey(persoon({ type: 'Adres', verblijfadres: { postcode: '1775 ab', huisnummer: 7, huisletter: 'a' } })),
    ).toEqual({ kind: 'pc', key: 'pc:1775AB:7A' });
    expect(brpAddressKey(persoon({ type: 'VerblijfplaatsBuitenland', verblijfadres: { regel1: 'Str 1' } }))).toBeNull();
    expect(brpAddressKey(persoon({ type: 'VerblijfplaatsOnbekend' }))).toBeNull();
    expect(brpAddressKey(undefined)).toBeNull();
  });

  it('a location gives both keys it has', () => {
    expect(
      locationAddressKeys({
        bag_id: '1911010000900002',
        postcode: '1775AB',
        house_number: '7',
        house_number_addition: 'A',
      }),
    ).toEqual([
      { kind: 'bag', key: 'bag:1911010000900002' },
      { kind: 'pc', key: 'pc:1775AB:7A' },
    ]);
    expect(locationAddressKeys({ bag_id: null, postcode: 'nonsense', house_number: '7' })).toEqual([]);
  });

  it('compares a stored key only with a key of its own kind', () => {
    const location = ['bag:aa', 'pc:bb'];
    expect(addressMatches('bag:aa', location)).toBe(true);
    expect(addressMatches('bag:cc', location)).toBe(false);
    expect(addressMatches('pc:cc', ['bag:aa'])).toBeNull();
    expect(addressMatches(null, location)).toBeNull();
    expect(storedAddressKey('bag', 'ff')).toBe('bag:ff');
    expect(municipalityCodeOf('363')).toBe('0363');
    expect(municipalityCodeOf('12345')).toBeNull();
  });

  it('keeps of a lookup a municipality code and a keyed hash that matches the location at that address', () => {
    const answer = persoon({ type: 'Adres', adresseerbaarObjectIdentificatie: '1911010000900002' });
    const facts = brpAddressFacts(
      ring,
      answer,
      {
        kind: 'registered',
        municipalityCode: '1911',
        municipalityName: 'Hollands Kroon',
        since: null,
        suspended: false,
        inOwnMunicipality: true,
      },
      new Date('2026-03-01T10:00:00Z'),
    );
    expect(facts.brp_municipality_code).toBe('1911');
    expect(facts.brp_address_key).toBe(`bag:${blindIndex(ring, 'address', 'bag:1911010000900002')}`);
    expect(facts.brp_address_key).not.toContain('1911010000900002');
    expect(addressMatches(facts.brp_address_key, hashedLocationKeys(ring, { bag_id: '1911010000900002' }))).toBe(true);
    expect(addressMatches(facts.brp_address_key, hashedLocationKeys(ring, { bag_id: '1911010000900003' }))).toBe(false);
    // not registered in a municipality: nothing kept
    expect(brpAddressFacts(ring, answer, { kind: 'rni', since: null })).toMatchObject({
      brp_municipality_code: null,
      brp_address_key: null,
    });
    expect(() => blindIndex(ring, 'address', 'Proefweg 7A')).toThrow(/address key/);
  });
});

describe('the Locatieserver', () => {
  afterEach(() => forgetGeocodes());

  it('asks for a postcode only and reads the centroid', () => {
    const url = new URL(locatieserverUrl(PDOK_LOCATIESERVER, '1761 ab')!);
    expect(url.pathname).toBe('/bzk/locatieserver/search/v3_1/free');
    expect(url.searchParams.get('q')).toBe('postcode:1761AB');
    expect(url.searchParams.get('fq')).toBe('type:postcode');
    expect(locatieserverUrl(PDOK_LOCATIESERVER, 'Grote Markt 1')).toBeNull();
    expect(
      parseLocatieserverAnswer({ response: { numFound: 1, docs: [{ centroide_ll: 'POINT(4.8722 52.8675)' }] } }),
    ).toEqual({ latitude: 52.8675, longitude: 4.8722 });
    expect(parseLocatieserverAnswer({ response: { numFound: 0, docs: [] } })).toBeNull();
    expect(parseLocatieserverAnswer({ response: { docs: [{ centroide_ll: 'POINT(400 52)' }] } })).toBeNull();
    expect(parseLocatieserverAnswer('nonsense')).toBeNull();
    expect(locatieserverBase({})).toBe(PDOK_LOCATIESERVER);
    expect(locatieserverBase({ LOCATIESERVER_URL: 'off' })).toBeNull();
  });

  it('geocodes through the stand-in, asks each postcode once, and gives the distance', async () => {
    const mock = await startLocatieserverMock();
    try {
      const env = { LOCATIESERVER_URL: mock.url };
      const found = await geocodePostcodes(['9711AB', '1761 AB', '1761AB', '9999ZZ', 'nonsense'], env);
      expect(found.get('9711AB')).toEqual({
        latitude: MOCK_POSTCODE_AREAS['9711']![0],
        longitude: MOCK_POSTCODE_AREAS['9711']![1],
      });
      expect(found.has('9999ZZ')).toBe(false);
      expect(mock.queries()).toBe(3);
      await geocodePostcodes(['9711AB', '1761AB', '9999ZZ'], env);
      expect(mock.queries()).toBe(3); // kept; the unknown one is asked again only after a day
      const cause = workFarFromHome('m1', found.get('9711AB')!, found.get('1761AB')!);
      expect(cause?.details.km).toBeGreaterThan(100);
      expect(workFarFromHome('m1', found.get('1761AB')!, { latitude: 52.8124, longitude: 5.0008 })).toBeNull();
    } finally {
      await mock.close();
    }
  });

  it('stops asking for the run after a failure, and asks nothing when off', async () => {
    let calls = 0;
    const failing: GeocodeFetch = async () => {
      calls++;
      throw new Error('unreachable');
    };
    const lines: string[] = [];
    const found = await geocodePostcodes(
      ['1761AB', '1775TA', '9711AB'],
      { LOCATIESERVER_URL: 'http://x' },
      (line) => lines.push(line),
      failing,
    );
    expect(found.size).toBe(0);
    expect(calls).toBe(1);
    expect(lines.join()).not.toMatch(/1761|1775|9711/);
    await geocodePostcodes(['1761AB'], { LOCATIESERVER_URL: 'off' }, () => undefined, failing);
    expect(calls).toBe(1);
  });
});

describe('a warning’s task', () => {
  it('is worked by the municipality or the provider by type, the provider only for what it may read', () => {
    const where = { municipality: 'g', provider: 'p' };
    for (const type of WARNING_TYPES) {
      const owner = warningTaskOwner(type, where);
      expect(owner).toBe(WARNING_TASK_OWNER[type] === 'provider' ? 'p' : 'g');
      if (owner === 'p') expect(PROVIDER_WARNING_TYPES).toContain(type);
    }
    expect(warningTaskOwner('work_far_from_home', where)).toBe('g');
    expect(warningTaskOwner('brp_address_mismatch', where)).toBe('g');
    expect(warningTaskOwner('overcrowded', { municipality: 'g', provider: null })).toBe('g');
    expect(warningTaskOwner('not_registered_in_time', { municipality: null, provider: 'p' })).toBeNull();
    expect(warningTaskStep('w1')).toBe('warning:w1');
  });

  it('is due a working week after it opens', () => {
    expect(
      dueDate('handle_warning', DEFAULT_TASK_DEADLINES, {
        opened: '2026-03-02',
        arrivalDate: null,
        expectedDepartureDate: null,
      }),
    ).toBe('2026-03-09');
  });
});
