/**
 * The providers Tessera knows, by id: the one place that lists them (one line each in
 * `createProviders`), and the way from an account to its provider's module
 * (provider-module.ts). The type of the table makes a provider without a module, or a module
 * filed under another provider's id, a compile error.
 */
import { PROVIDER_NAMES, PROVIDERS, type AccountSummary, type ProviderId } from '../../shared/types';
import type { AccountsService } from '../accounts/accounts-service';
import { AppError } from '../errors';
import { createCleverCloudModule } from './clever-cloud/module';
import type { CleverCloudOptions } from './clever-cloud/clever-cloud-accounts';
import type { ProviderContext, ProviderModule } from './provider-module';
import { createSaasusModule, type SaasusOptions } from './saasus/module';

/** Each provider's own options (its base URLs, test knobs). */
export interface ProviderOptions {
  readonly cleverCloud?: CleverCloudOptions;
  readonly saasus?: SaasusOptions;
}

/** One module per provider id, filed under its own id. */
export type ProviderModules = { readonly [P in ProviderId]: ProviderModule<unknown, P> };

export interface ProviderRegistry<M extends ProviderModules = ProviderModules> {
  /** The modules by id, with their own types (their entry points, for the handlers of their domain). */
  readonly modules: M;
  /** Every module, in the order of PROVIDERS. */
  all(): readonly ProviderModule[];
  get(provider: ProviderId): ProviderModule;
  /** The module of an account's provider; `not_found` when there is no such account. */
  of(accountId: string): ProviderModule;
  /** Whether the provider's tokens can be refreshed (the scheduler refreshes them before they expire). */
  refreshable(provider: ProviderId): boolean;
  /** One account's refresh; `invalid_input` when its provider cannot refresh. */
  refresh(accountId: string): Promise<AccountSummary>;
}

export function createProviders(ctx: ProviderContext, options: ProviderOptions = {}) {
  return makeProviderRegistry(ctx.accounts, {
    'clever-cloud': createCleverCloudModule(ctx, options.cleverCloud),
    saasus: createSaasusModule(ctx, options.saasus),
  });
}

export type Providers = ReturnType<typeof createProviders>;

export function makeProviderRegistry<M extends ProviderModules>(accounts: Pick<AccountsService, 'record'>, modules: M): ProviderRegistry<M> {
  const get = (provider: ProviderId): ProviderModule => modules[provider];
  const of = (accountId: string): ProviderModule => get(accounts.record(accountId).provider);
  return {
    modules,
    all: () => PROVIDERS.map(get),
    get,
    of,
    refreshable: (provider) => get(provider).refresh !== undefined,
    refresh: async (accountId) => {
      const module = of(accountId);
      if (!module.refresh) throw new AppError('invalid_input', `${PROVIDER_NAMES[module.id]} tokens cannot be refreshed: log in again before they expire.`, {
        key: 'account.cannotRefresh',
        params: { provider: PROVIDER_NAMES[module.id] },
      });
      return module.refresh(accountId);
    },
  };
}
