/**
 * The IPC handlers of Clever Cloud: logging in (the console, or the user's own consumer), the
 * user's consumers, imports of clever-tools credentials, and the replaced tokens still waiting to
 * be revoked. They call the module's entry points (src/main/providers/clever-cloud/module.ts).
 */
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import { apiTokenCopy } from '../../providers/clever-cloud/api-tokens/api-token-copy';
import type { CleverCloudEntryPoints } from '../../providers/clever-cloud/module';
import type { Handlers } from '../router';

export type CleverCloudChannel =
  | 'loginCleverCloud'
  | 'loginCleverCloudConsumer'
  | 'listCleverCloudConsumers'
  | 'saveCleverCloudConsumer'
  | 'removeCleverCloudConsumer'
  | 'importCleverTools'
  | 'importCleverCloudEnvironment'
  | 'importCleverCloudToken'
  | 'removeCleverToolsPlaintext'
  | 'detectCleverToolsVersion'
  | 'listPendingRevocations'
  | 'retryRevocations'
  | 'getCleverApiTokens'
  | 'createCleverApiToken'
  | 'revokeCleverApiToken'
  | 'copyCleverApiToken';

export function cleverCloudHandlers(deps: {
  readonly cleverCloud: CleverCloudEntryPoints;
  /** Where copies of API tokens go (main writes the clipboard; the window never holds a value). */
  readonly guard: Pick<ClipboardGuard, 'write'>;
}): Pick<Handlers, CleverCloudChannel> {
  const { cleverCloud } = deps;
  return {
    loginCleverCloud: ({ loginId }) => cleverCloud.loginWithConsole(loginId),
    loginCleverCloudConsumer: ({ loginId, consumerId }) => cleverCloud.loginWithOwnConsumer(loginId, consumerId),
    listCleverCloudConsumers: () => cleverCloud.consumers.list(),
    saveCleverCloudConsumer: (input) => cleverCloud.consumers.save(input),
    removeCleverCloudConsumer: async ({ id }) => {
      await cleverCloud.consumers.remove(id);
      return null;
    },
    importCleverTools: ({ path }) => cleverCloud.importCleverTools(path || undefined),
    importCleverCloudEnvironment: () => cleverCloud.importEnvironment(),
    importCleverCloudToken: ({ token, secret, consumerId }) => cleverCloud.importPasted(token, secret, consumerId),
    removeCleverToolsPlaintext: ({ importId }) => cleverCloud.removePlaintext(importId),
    detectCleverToolsVersion: () => cleverCloud.detectCleverToolsVersion(),
    listPendingRevocations: () => cleverCloud.retired.list(),
    retryRevocations: () => cleverCloud.retired.retryNow(),
    getCleverApiTokens: ({ id }) => cleverCloud.apiTokens.overview(id),
    createCleverApiToken: ({ id, name, lifetimeDays, password, mfaCode }) =>
      cleverCloud.apiTokens.create(id, { name, lifetimeMs: lifetimeDays * 86_400_000, password, mfaCode }),
    revokeCleverApiToken: async ({ id, apiTokenId }) => {
      await cleverCloud.apiTokens.revoke(id, apiTokenId);
      return null;
    },
    copyCleverApiToken: async ({ id, apiTokenId, form }) => {
      const { value, expiresAt } = await cleverCloud.apiTokens.value(id, { apiTokenId, minValidMs: 0 });
      const copy = apiTokenCopy(value, form);
      const hold = await deps.guard.write(copy.text, copy.label);
      return { what: copy.label, validUntil: expiresAt, clearsAt: hold.clearsAt };
    },
  };
}
