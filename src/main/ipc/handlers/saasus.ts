/**
 * The IPC handlers of SaaSus: its connections, logging in (hosted page or pasted code), and
 * handing a session to the browser or, as a 10-second code, to the clipboard. They call the
 * module's entry points (src/main/providers/saasus/module.ts).
 */
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import type { SaasusEntryPoints } from '../../providers/saasus/module';
import type { Handlers } from '../router';

export type SaasusChannel =
  | 'listSaasusConnections'
  | 'saveSaasusConnection'
  | 'removeSaasusConnection'
  | 'testSaasusConnection'
  | 'loginSaasus'
  | 'exchangeSaasusCode'
  | 'openSaasusHandOff'
  | 'copySaasusHandOff';

export function saasusHandlers(deps: {
  readonly saasus: SaasusEntryPoints;
  readonly guard: Pick<ClipboardGuard, 'write'>;
  readonly now?: () => number;
}): Pick<Handlers, SaasusChannel> {
  const { saasus } = deps;
  const now = deps.now ?? Date.now;
  return {
    listSaasusConnections: () => saasus.connections.list(),
    saveSaasusConnection: (input) => saasus.connections.save(input),
    removeSaasusConnection: async ({ id }) => {
      await saasus.connections.remove(id);
      return null;
    },
    testSaasusConnection: ({ id }) => saasus.connections.test(id),
    loginSaasus: ({ loginId, connectionId }) => saasus.login(loginId, connectionId),
    exchangeSaasusCode: ({ connectionId, code }) => saasus.exchangePastedCode(connectionId, code),
    openSaasusHandOff: ({ id }) => saasus.openInBrowser(id),
    copySaasusHandOff: async ({ id }) => {
      const { code, expiresAt } = await saasus.handOff(id);
      // Through the guard like every copy: concealed, shown in the clipboard status, cleared on
      // quit, and cleared when the code dies (10 s) unless the user copied something else.
      await deps.guard.write(code, 'Hand-off code', { clearAfterMs: expiresAt - now() });
      return { expiresAt };
    },
  };
}
