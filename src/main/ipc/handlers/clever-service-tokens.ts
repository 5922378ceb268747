/**
 * The IPC handlers of Clever Cloud organisations and their service tokens (the window's
 * ServiceTokens panel): they call the account's service (src/main/providers/clever-cloud/
 * service-tokens/service.ts). A token's value never crosses to the window: "copy" writes the
 * clipboard here, through the guard like every copy (concealed, cleared after the settings' delay
 * and on quit).
 */
import type { ServiceTokens } from '../../providers/clever-cloud/service-tokens/service';
import type { ClipboardGuard } from '../../clipboard/clipboard-guard';
import type { Handlers } from '../router';

export type CleverServiceTokensChannel = 'listCleverOrganisations' | 'listServiceTokens' | 'createServiceToken' | 'revokeServiceToken' | 'copyServiceToken';

/** What the clipboard status calls the copy (main's words, as every copy's label). */
const LABELS = { token: 'Service token', 'authorization-header': 'Service token Authorization header' } as const;

export function cleverServiceTokensHandlers(deps: { readonly serviceTokens: ServiceTokens; readonly guard: Pick<ClipboardGuard, 'write'> }): Pick<Handlers, CleverServiceTokensChannel> {
  const { serviceTokens } = deps;
  return {
    listCleverOrganisations: ({ id }) => serviceTokens.organisations(id),
    listServiceTokens: ({ id, orgId }) => serviceTokens.tokens(id, orgId),
    createServiceToken: ({ id, orgId, name, role, appId, ttlSeconds }) => serviceTokens.create(id, orgId, { name, role, appId: appId ?? null, ttlSeconds }),
    revokeServiceToken: async ({ id, orgId, tokenId }) => {
      await serviceTokens.revoke(id, orgId, tokenId);
      return null;
    },
    copyServiceToken: async ({ id, orgId, tokenId, format }) => {
      const held = await serviceTokens.value(id, orgId, tokenId);
      const text = format === 'authorization-header' ? `Bearer ${held.value}` : held.value;
      const hold = await deps.guard.write(text, LABELS[format]);
      return { what: LABELS[format], validUntil: held.expiresAt, clearsAt: hold.clearsAt };
    },
  };
}
