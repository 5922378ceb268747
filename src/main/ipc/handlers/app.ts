/**
 * The IPC handlers of the app itself: what it is, whether the keychain answers, the settings, and
 * links the window asks main to open in the system browser (src/main/security/window-policy.ts
 * decides which).
 */
import type { LocaleInfo } from '../../../shared/i18n/locales';
import type { AppInfo, VaultStatus } from '../../../shared/types';
import type { AccountsService } from '../../accounts/accounts-service';
import type { ExternalBrowser } from '../../desktop/ports';
import { AppError } from '../../errors';
import { externalLinkDecision } from '../../security/window-policy';
import type { KeytarSecretStore } from '../../vault/secret-store';
import type { Handlers } from '../router';

export type AppChannel = 'getAppInfo' | 'getLocale' | 'getVaultStatus' | 'getSettings' | 'updateSettings' | 'openExternal';

export function appHandlers(deps: {
  readonly info: AppInfo;
  /** The effective language (src/shared/i18n/locales.ts resolveLocale). */
  readonly locale: () => LocaleInfo;
  readonly secrets: Pick<KeytarSecretStore, 'probe'>;
  /** The keychain's state as the last keychain call found it. */
  readonly vaultStatus: () => VaultStatus;
  readonly accounts: Pick<AccountsService, 'settings' | 'updateSettings'>;
  readonly browser: ExternalBrowser;
}): Pick<Handlers, AppChannel> {
  return {
    getAppInfo: () => deps.info,
    getLocale: () => deps.locale(),
    getVaultStatus: async () => {
      // A probe reads no secret; its outcome updates the status through the store's onStatus.
      await deps.secrets.probe().catch(() => undefined);
      return deps.vaultStatus();
    },
    getSettings: () => deps.accounts.settings(),
    updateSettings: (patch) => deps.accounts.updateSettings(patch),
    openExternal: async ({ url }) => {
      const decision = externalLinkDecision(url);
      if (!decision.open) throw new AppError('invalid_input', decision.reason, { key: 'net.linkRefused' });
      await deps.browser.open(decision.url);
      return null;
    },
  };
}
