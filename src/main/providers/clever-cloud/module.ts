/**
 * Clever Cloud as the rest of main sees it (src/main/providers/provider-module.ts):
 * clever-cloud-accounts.ts behind the provider interface.
 *
 * Its credentials are the account's token and secret in the three forms people paste elsewhere
 * (account.ts, `credentialsToCopy`), read from the keychain at each request: one entry
 * (token-entry.ts), plus the consumer's secret for the user's own consumer. OAuth 1.0a tokens
 * cannot be refreshed, so the module has no `refresh`: a token is handed out until it has expired,
 * then refused with `needs_login`. Removing an account revokes its token at Clever Cloud first
 * (clever-cloud-accounts.ts, `logout`).
 */
import { offeredKinds, type COPY_KINDS, type NAMED_COPY_KINDS } from '../../../shared/types';
import { AppError } from '../../errors';
import { producerOf, type ProviderContext, type ProviderModule } from '../provider-module';
import type { CopyableCredentials } from './account';
import { CleverCloudAccounts, type CleverCloudOptions } from './clever-cloud-accounts';

/** What the Clever Cloud IPC handlers call (src/main/ipc/handlers/clever-cloud.ts). */
export type CleverCloudEntryPoints = Pick<
  CleverCloudAccounts,
  'loginWithConsole' | 'loginWithOwnConsumer' | 'importCleverTools' | 'importEnvironment' | 'importPasted' | 'consumers' | 'retired' | 'removePlaintext' | 'detectCleverToolsVersion' | 'serviceTokens' | 'apiTokens'
>;

export interface CleverCloudModule extends ProviderModule<CleverCloudEntryPoints, 'clever-cloud'> {
  /** The service itself, for the composition root and the tests. */
  readonly service: CleverCloudAccounts;
}

type CleverCloudKind = (typeof COPY_KINDS)['clever-cloud'][number]['kind'] | (typeof NAMED_COPY_KINDS)['clever-cloud'][number]['kind'];
/** The kinds made from the account's OAuth 1.0a token (the API token is the bridge's own). */
type OAuthKind = Exclude<CleverCloudKind, 'api-token'>;

const VALUES: Readonly<Record<OAuthKind, (forms: CopyableCredentials) => string>> = {
  'authorization-header': (forms) => forms.authorizationHeader,
  'env-lines': (forms) => forms.envLines,
  'clever-tools-profile': (forms) => forms.cleverToolsProfile,
  'clever-tools-3': (forms) => forms.cleverTools3,
  'clever-tools-4': (forms) => forms.cleverToolsProfile,
};

export function createCleverCloudModule(ctx: ProviderContext, options: CleverCloudOptions = {}): CleverCloudModule {
  const now = ctx.clock.now;
  const service = new CleverCloudAccounts({ ...ctx, options: { loginTimeoutMs: ctx.loginTimeoutMs, ...options } });
  return {
    id: 'clever-cloud',
    credentialKinds: offeredKinds('clever-cloud'),
    describe: (record) => service.describe(record),
    scope: (record) => service.scope(record),
    credential: async (accountId, kind, request) => {
      if (kind === 'api-token') {
        // Lives on its own: the OAuth token's expiry does not bound it.
        const { value, expiresAt } = await service.apiTokens.value(accountId, { minValidMs: request.minValidMs, name: request.name });
        return { value, validUntil: expiresAt };
      }
      const produce = producerOf(VALUES, kind);
      const { expiresAt } = ctx.accounts.record(accountId);
      if (expiresAt !== null && expiresAt <= now())
        throw new AppError('needs_login', 'This Clever Cloud token has expired: log in again (OAuth 1.0a tokens cannot be refreshed).', { key: 'cleverCloud.expired' });
      return { value: produce(await service.copyable(accountId)), validUntil: expiresAt };
    },
    remove: (accountId, { localOnly }) => service.logout(accountId, localOnly),
    reviewAccounts: () => service.reviewAccounts(),
    // Replaced tokens a previous run could not revoke (then retried with a backoff).
    start: () => service.retired.start(),
    entryPoints: service,
    service,
  };
}
