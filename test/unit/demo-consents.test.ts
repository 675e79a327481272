/** Which demo migrants sign their consent (scripts/lib/demo-consents.ts): a clerk of gemeente A has real records. */
import { describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_ORGANISATION_IDS as ORG } from '../../scripts/demo-data.js';
import { demoConsentPlan } from '../../scripts/lib/demo-consents.js';

describe('demo consents', () => {
  const data = buildDemoData({ referenceDate: '2026-03-02' });
  const plan = demoConsentPlan(data);
  const municipalityOf = new Map(data.locations.map((location) => [location.id, location.municipality]));

  it('signs for migrants of provider A housed in gemeente A, whose open task is the municipality’s, the same ones every time', () => {
    expect(plan.sign.map((migrant) => migrant.brp_status).sort()).toEqual([
      'afspraak_bevestigd',
      'geen',
      'geen',
      'geen',
      'geen',
      'niet_ingeschreven',
      'niet_ingeschreven',
      'niet_ingeschreven',
    ]);
    for (const migrant of plan.sign) {
      expect(migrant.provider).toBe(ORG.providerA);
      expect(municipalityOf.get(migrant.current_location!)).toBe(ORG.gemeenteA);
      expect(migrant.email).toBeTruthy();
    }
    expect(demoConsentPlan(buildDemoData({ referenceDate: '2026-03-02' })).sign.map((migrant) => migrant.id)).toEqual(
      plan.sign.map((migrant) => migrant.id),
    );
  });

  it('has one of them revoke again', () => {
    expect(plan.revoke).toHaveLength(1);
    expect(plan.sign).toContain(plan.revoke[0]);
  });
});
