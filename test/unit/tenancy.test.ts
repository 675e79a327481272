import { describe, expect, it } from 'vitest';
import {
  decideLocationMunicipality,
  municipalityCodeOfBagId,
  platformOnlyFieldsIn,
  TENANCY_FIELDS,
} from '../../extensions/labour-platform/src/domain/tenancy';

describe('tenancy fields', () => {
  it('reads the municipality code from a BAG id', () => {
    expect(municipalityCodeOfBagId('1911010000412367')).toBe('1911');
    expect(municipalityCodeOfBagId('0441 0100 0007 1835')).toBe('0441');
    expect(municipalityCodeOfBagId('12345')).toBeNull();
    expect(municipalityCodeOfBagId(null)).toBeNull();
  });

  it('refuses platform fields in a payload', () => {
    expect(platformOnlyFieldsIn('locations', { name: 'x', municipality: 'm' })).toEqual(['municipality']);
    expect(platformOnlyFieldsIn('migrants', { current_location: null })).toEqual(['current_location']);
    expect(platformOnlyFieldsIn('stays', { location: 'l' })).toEqual([]);
  });

  it('derives a new location’s municipality from its BAG id and never moves an existing one', () => {
    expect(
      decideLocationMunicipality({
        creating: true,
        bagId: undefined,
        bagIdGiven: false,
        currentMunicipalities: [],
        derived: null,
      }),
    ).toEqual({ refusal: 'bag_id_required' });
    expect(
      decideLocationMunicipality({
        creating: true,
        bagId: '9999010000000001',
        bagIdGiven: true,
        currentMunicipalities: [],
        derived: null,
      }),
    ).toEqual({ refusal: 'unknown_municipality' });
    expect(
      decideLocationMunicipality({
        creating: true,
        bagId: '1911010000000001',
        bagIdGiven: true,
        currentMunicipalities: [],
        derived: 'A',
      }),
    ).toEqual({ municipality: 'A' });
    expect(
      decideLocationMunicipality({
        creating: false,
        bagId: '0441010000000001',
        bagIdGiven: true,
        currentMunicipalities: ['A'],
        derived: 'B',
      }),
    ).toEqual({ refusal: 'municipality_change' });
    expect(
      decideLocationMunicipality({
        creating: false,
        bagId: '1911010000000002',
        bagIdGiven: true,
        currentMunicipalities: ['A'],
        derived: 'A',
      }),
    ).toEqual({});
    expect(
      decideLocationMunicipality({
        creating: false,
        bagId: undefined,
        bagIdGiven: false,
        currentMunicipalities: ['A'],
        derived: null,
      }),
    ).toEqual({});
  });

  it('lists every field that decides tenancy', () => {
    const names = TENANCY_FIELDS.map((f) => `${f.collection}.${f.field}`);
    for (const name of [
      'directus_users.organisation',
      'locations.municipality',
      'locations.provider',
      'migrants.provider',
      'migrants.current_location',
      'appointments.municipality',
      'tasks.owner_organisation',
    ])
      expect(names).toContain(name);
  });
});
