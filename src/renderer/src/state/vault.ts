/**
 * Whether the keychain can be used, for the banner. Probed after the first list is drawn (showing
 * the list costs no keychain access), then kept current by main's `vaultStatusChanged` event.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { TesseraApi } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/types';

export interface VaultStore {
  readonly status: Accessor<VaultStatus>;
  check(): Promise<Result<VaultStatus>>;
}

export function createVaultStore(api: TesseraApi): VaultStore {
  const [status, setStatus] = createSignal<VaultStatus>({ available: true, message: null });
  onCleanup(api.on('vaultStatusChanged', setStatus));

  async function check(): Promise<Result<VaultStatus>> {
    const result = await api.getVaultStatus();
    if (result.ok) setStatus(result.value);
    return result;
  }

  return { status, check };
}
