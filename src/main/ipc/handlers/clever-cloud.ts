/**
 * The IPC handlers of Clever Cloud: logging in (the console, or the user's own consumer), the
 * user's consumers, imports of clever-tools credentials, and the replaced tokens still waiting to
 * be revoked. They call the module's entry points (src/main/providers/clever-cloud/module.ts).
 */
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
  | 'retryRevocations';

export function cleverCloudHandlers(deps: { readonly cleverCloud: CleverCloudEntryPoints }): Pick<Handlers, CleverCloudChannel> {
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
  };
}
