/**
 * "Copy a fresh token": the credential service produces the value, refreshed first when the token
 * would expire within the lead time of the settings (src/main/credentials/credential-service.ts),
 * and main writes the clipboard itself through the guard (concealed, cleared after the settings'
 * delay and on quit: clipboard-guard.ts). The window gets back what was copied and until when it
 * works, never the value.
 */
import type { CopyKind, CopyResult } from '../../shared/types';
import type { CredentialService } from '../credentials/credential-service';
import type { ClipboardGuard } from './clipboard-guard';

export interface ClipboardCopy {
  copy(accountId: string, kind: CopyKind): Promise<CopyResult>;
}

export function makeClipboardCopy(deps: {
  readonly credentials: Pick<CredentialService, 'credential'>;
  readonly guard: Pick<ClipboardGuard, 'write'>;
  /** The settings' lead time: a token expiring sooner is refreshed before it is copied. */
  readonly leadMs: () => number;
}): ClipboardCopy {
  return {
    copy: async (accountId, kind) => {
      const credential = await deps.credentials.credential(accountId, kind, { minValidMs: deps.leadMs() });
      const hold = await deps.guard.write(credential.value, credential.label);
      return { what: credential.label, validUntil: credential.validUntil, clearsAt: hold.clearsAt };
    },
  };
}
