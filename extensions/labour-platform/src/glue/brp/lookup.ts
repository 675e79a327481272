/**
 * The BRP lookup on the assess task: the Haal Centraal BRP Personen API, configured by BRP_API_URL and either an
 * API key (test environments) or OAuth 2.0 client credentials with a client certificate (production); see
 * access.ts. It only reads: registering happens at the desk. Without configuration the clerk records the outcome
 * by hand. The result tells an RNI registrant from an emigrant and carries what is under investigation. Supervision
 * keeps from it the municipality code and a keyed hash of the address (../supervision/brp-address.ts).
 */
import type { Accountability } from '@directus/types';
import {
  interpretPerson,
  proposedAssessment,
  type BrpLookupResult,
  type ProposedAssessment,
} from '../../domain/brp/lookup';
import type { KeyRing } from '../../domain/privacy';
import { brpAddressFacts, rememberBrpAddress } from '../supervision/brp-address';
import { BrpLookupError } from './client';
import { brpAccessConfig, brpClientFromEnv } from './access';
import { Refused } from '../http/seam';
import { callerPartyFor } from './workflow';
import { systemItems, type DataAccess } from '../items';

export interface LookupAnswer {
  configured: boolean;
  result: BrpLookupResult | null;
  proposed: ProposedAssessment | null;
  problem: { status: number; title: string } | null;
}

export async function lookupMigrantInBrp(
  access: DataAccess,
  migrantId: string,
  accountability: Accountability | null,
  env: Record<string, unknown>,
  log: (line: string) => void,
  ring: KeyRing | null = null,
): Promise<LookupAnswer> {
  const { party, organisation } = await callerPartyFor(access, accountability, migrantId);
  if (party !== 'municipality' && party !== 'system') throw new Refused({ code: 'not_your_step', event: 'ASSESS' });
  let configured: boolean;
  try {
    configured = brpAccessConfig(env) !== null;
  } catch (error) {
    if (!(error instanceof BrpLookupError)) throw error;
    log(error.message);
    return { configured: true, result: null, proposed: null, problem: { status: error.status, title: error.title } };
  }
  if (!configured) return { configured: false, result: null, proposed: null, problem: null };

  // the id must be read too: values are decrypted only together with the row they are bound to
  const [migrant] = await systemItems(access, 'migrants').readByQuery({
    filter: { id: { _eq: migrantId } },
    fields: ['id', 'bsn'],
    limit: 1,
  });
  const bsn = typeof migrant?.['bsn'] === 'string' ? migrant['bsn'] : '';
  if (!bsn) return { configured: true, result: { kind: 'not_found' }, proposed: 'not_registered', problem: null };

  let ownMunicipalityCode: string | undefined;
  if (organisation) {
    const [org] = await systemItems(access, 'organisations').readByQuery({
      filter: { id: { _eq: organisation } },
      fields: ['municipality_code'],
      limit: 1,
    });
    ownMunicipalityCode = (org?.['municipality_code'] as string | null) ?? undefined;
  }
  try {
    const client = brpClientFromEnv(env, log);
    if (!client) return { configured: false, result: null, proposed: null, problem: null };
    const persoon = await client.fetchPerson(bsn, ownMunicipalityCode ? { ownMunicipalityCode } : {});
    const result = interpretPerson(persoon, ownMunicipalityCode ?? null);
    // supervision keeps the municipality code and a keyed hash of the address, nothing else (../supervision)
    if (ring) await rememberBrpAddress(access, migrantId, brpAddressFacts(ring, persoon, result));
    return { configured: true, result, proposed: proposedAssessment(result), problem: null };
  } catch (error) {
    if (error instanceof BrpLookupError) {
      if (error.code === 'misconfigured' || error.code === 'tokenError') log(error.message);
      return { configured: true, result: null, proposed: null, problem: { status: error.status, title: error.title } };
    }
    throw error;
  }
}
