/**
 * ASSESS: what the BRP says about the migrant (GET /brp/migrants/:id/lookup), only fetched when the clerk opens
 * the step: every lookup is a query on a person.
 */
import { useApi } from '@directus/extensions-sdk';
import { reactive, type ComputedRef } from 'vue';
import type { TaskViewText } from '../texts';
import { apiMessage, httpStatus } from '../../shared/api';

export type Outcome = 'registered' | 'not_registered';

export interface LookupView {
  state: 'idle' | 'loading' | 'answer' | 'unconfigured' | 'error';
  answer: string;
  /** A warning when the BRP has registration data under investigation (`inOnderzoek`); '' otherwise. */
  investigation: string;
  proposed: Outcome | null;
}

interface LookupResult {
  kind?: string;
  municipalityCode?: string;
  municipalityName?: string;
  since?: string | null;
  date?: string | null;
  reason?: { code?: string; description?: string } | null;
  investigation?: { registration?: boolean; address?: boolean; since?: string | null } | null;
}

export function useBrpLookup(text: ComputedRef<TaskViewText>, formatDate: (value: unknown) => string) {
  const api = useApi();
  const lookup = reactive<LookupView>({ state: 'idle', answer: '', investigation: '', proposed: null });

  function describe(result: LookupResult): string {
    const t = text.value;
    const since = typeof result.since === 'string' ? formatDate(result.since) : null;
    switch (result.kind) {
      case 'registered':
        return t.brpRegistered(result.municipalityName || result.municipalityCode || '', since);
      case 'rni':
        return t.brpRni(since);
      case 'emigrated':
        return t.brpEmigrated(typeof result.date === 'string' ? formatDate(result.date) : null);
      case 'deregistered':
        return t.brpDeregistered(
          result.reason?.description ?? '',
          typeof result.date === 'string' ? formatDate(result.date) : null,
        );
      case 'not_found':
        return t.brpNotFound;
      default:
        return String(result.kind ?? '');
    }
  }

  function investigation(result: LookupResult): string {
    const found = result.investigation;
    if (!found || (!found.registration && !found.address)) return '';
    const since = typeof found.since === 'string' ? formatDate(found.since) : null;
    const t = text.value;
    const parts = [
      ...(found.registration ? [t.investigatedRegistration] : []),
      ...(found.address ? [t.investigatedAddress] : []),
    ];
    return t.brpInvestigation(parts, since);
  }

  async function load(migrantId: string): Promise<void> {
    lookup.state = 'loading';
    lookup.proposed = null;
    lookup.investigation = '';
    try {
      const response = await api.get(`/brp/migrants/${encodeURIComponent(migrantId)}/lookup`);
      const data = (response.data?.data ?? {}) as {
        configured?: boolean;
        result?: LookupResult | null;
        proposed?: string | null;
        problem?: { status?: number; title?: string } | null;
      };
      if (!data.configured) {
        lookup.state = 'unconfigured';
      } else if (!data.result) {
        // configured, but the BRP did not answer
        lookup.state = 'error';
        lookup.answer = text.value.brpProblem([data.problem?.status, data.problem?.title].filter(Boolean).join(' '));
      } else {
        lookup.state = 'answer';
        lookup.answer = describe(data.result);
        lookup.investigation = investigation(data.result);
        lookup.proposed = data.proposed === 'registered' || data.proposed === 'not_registered' ? data.proposed : null;
      }
    } catch (error) {
      if (httpStatus(error) === 404) {
        lookup.state = 'unconfigured';
      } else {
        lookup.state = 'error';
        lookup.answer = apiMessage(error, text.value.loadError);
      }
    }
  }

  return { lookup, load };
}
