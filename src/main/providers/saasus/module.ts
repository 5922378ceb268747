/**
 * SaaSus as the rest of main sees it (src/main/providers/provider-module.ts): saasus-accounts.ts
 * and connections.ts behind the provider interface.
 *
 * Its credentials are the ID and access tokens held in main's memory (held-tokens.ts): one that
 * works for `minValidMs` more is handed out as it is, reading neither the keychain nor the network;
 * otherwise (expiring, or none held after a restart) a refresh comes first, shared with any refresh
 * running for the account, and the value is the refresh's own. SaaSus has no endpoint that ends a
 * session: removing an account deletes its tokens here, and the session ends on this device.
 */
import { COPY_KINDS } from '../../../shared/types';
import { producerOf, type ProviderContext, type ProviderModule } from '../provider-module';
import type { SaasusApiConfig } from './api';
import type { SaasusConnections } from './connections';
import type { Session } from './held-tokens';
import { SaasusAccounts } from './saasus-accounts';

export interface SaasusOptions {
  /** Test and benchmark knobs for every SaaSus call. */
  readonly api?: Pick<SaasusApiConfig, 'fetch' | 'timeoutMs'>;
}

/** What the SaaSus IPC handlers call (src/main/ipc/handlers/saasus.ts). */
export interface SaasusEntryPoints extends Pick<SaasusAccounts, 'login' | 'exchangePastedCode' | 'openInBrowser' | 'handOff'> {
  readonly connections: SaasusConnections;
}

export interface SaasusModule extends ProviderModule<SaasusEntryPoints, 'saasus'> {
  /** The service itself, for the composition root and the tests. */
  readonly service: SaasusAccounts;
}

type SaasusKind = (typeof COPY_KINDS.saasus)[number]['kind'];

const VALUES: Readonly<Record<SaasusKind, (session: Session) => string>> = {
  'access-token': (session) => session.accessToken,
  'id-token': (session) => session.idToken,
  'authorization-header': (session) => `Bearer ${session.accessToken}`,
};

export function createSaasusModule(ctx: ProviderContext, options: SaasusOptions = {}): SaasusModule {
  const service = new SaasusAccounts({ ...ctx, api: options.api });
  return {
    id: 'saasus',
    credentialKinds: COPY_KINDS.saasus,
    describe: (record) => service.describe(record),
    scope: (record) => service.scope(record),
    credential: async (accountId, kind, { minValidMs }) => {
      const produce = producerOf(VALUES, kind);
      // The single flight makes this one request however many copies, tray clicks and scheduler runs ask at once.
      const session = await service.freshTokens(accountId, minValidMs);
      return { value: produce(session), validUntil: session.expiresAt };
    },
    refresh: (accountId) => service.refresh(accountId),
    remove: (accountId) => ctx.accounts.remove(accountId),
    reviewAccounts: () => service.reviewAccounts(),
    entryPoints: service,
    service,
  };
}
