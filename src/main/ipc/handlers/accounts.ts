/**
 * The IPC handlers of accounts, whatever their provider: the list, one account's detail, rename,
 * remove (= log out), refresh, copy a credential, and cancelling a login in progress. Each call
 * that depends on the provider goes to the account's module (src/main/providers/registry.ts).
 */
import type { AccountsService } from '../../accounts/accounts-service';
import type { Avatars } from '../../avatars/avatars';
import type { ClipboardCopy } from '../../clipboard/copy';
import type { LoginRegistry } from '../../logins/login-registry';
import type { ProviderRegistry } from '../../providers/registry';
import type { Handlers } from '../router';

export type AccountChannel =
  | 'listAccounts'
  | 'getAccount'
  | 'renameAccount'
  | 'removeAccount'
  | 'logoutAccount'
  | 'refreshAccount'
  | 'copyCredential'
  | 'cancelLogin';

export function accountHandlers(deps: {
  readonly accounts: AccountsService;
  readonly providers: Pick<ProviderRegistry, 'get' | 'of' | 'refresh'>;
  readonly avatars: Pick<Avatars, 'dataUrl'>;
  readonly copies: ClipboardCopy;
  readonly logins: Pick<LoginRegistry, 'cancel'>;
}): Pick<Handlers, AccountChannel> {
  const remove = async ({ id, localOnly }: { id: string; localOnly?: boolean }): Promise<null> => {
    await deps.providers.of(id).remove(id, { localOnly: localOnly ?? false });
    return null;
  };
  return {
    listAccounts: () => deps.accounts.list(),
    getAccount: async ({ id }) => {
      const record = deps.accounts.record(id);
      const base = deps.accounts.get(id);
      const provided = deps.providers.get(record.provider).describe(record);
      return { ...base, ...provided, avatar: await deps.avatars.dataUrl(base.avatarUrl) };
    },
    renameAccount: ({ id, name }) => deps.accounts.rename(id, name),
    removeAccount: remove,
    logoutAccount: remove,
    refreshAccount: ({ id }) => deps.providers.refresh(id),
    copyCredential: ({ id, kind }) => deps.copies.copy(id, kind),
    cancelLogin: ({ loginId }) => deps.logins.cancel(loginId),
  };
}
