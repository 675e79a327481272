/**
 * A stand-in eHerkenning broker for the sign-in tests: oidc-provider (a certified OpenID Connect provider) on a free
 * local port, issuing what a broker issues for a person acting for a company: a pseudonymous `sub`, the name, and
 * the KvK number and (when the authorisation is for one branch) the vestigingsnummer under eHerkenning's own
 * attribute names. Its login page is oidc-provider's development form: the login typed there is the account.
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import {
  EHERKENNING_BRANCH_CLAIM,
  EHERKENNING_KVK_CLAIM,
} from '../../extensions/labour-platform/src/domain/sign-in/eherkenning.js';

export interface BrokerAccount {
  /** The login typed on the broker's page, and the pseudonymous `sub` the broker issues for it. */
  login: string;
  givenName: string;
  familyName: string;
  kvkNumber: string;
  branchNumber?: string;
}

export interface Broker {
  /** The issuer URL (Directus's AUTH_<NAME>_ISSUER_URL). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startBroker(options: {
  port: number;
  redirectUri: string;
  accounts: readonly BrokerAccount[];
}): Promise<Broker> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const clientId = 'labour-platform';
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}`;
  const accounts = new Map(options.accounts.map((account) => [account.login, account]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    scopes: ['openid', 'profile', 'eherkenning'],
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name'],
      eherkenning: [EHERKENNING_KVK_CLAIM, EHERKENNING_BRANCH_CLAIM],
    },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: account.login,
        claims: () => ({
          sub: account.login,
          given_name: account.givenName,
          family_name: account.familyName,
          [EHERKENNING_KVK_CLAIM]: account.kvkNumber,
          ...(account.branchNumber ? { [EHERKENNING_BRANCH_CLAIM]: account.branchNumber } : {}),
        }),
      };
    },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error('broker:', error));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
