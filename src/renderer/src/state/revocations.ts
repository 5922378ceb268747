/**
 * Replaced Clever Cloud tokens that main could not revoke yet (it retries them on its own): loaded
 * once, kept current by main's `revocationsChanged` event. The detail pane shows an account's own;
 * the window's banner shows those whose account is gone. Never a token: what they were for and why
 * the last attempt failed.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { TesseraApi } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { PendingRevocation, RevocationRetryResult } from '../../../shared/types';

export interface RevocationsStore {
  readonly pending: Accessor<readonly PendingRevocation[]>;
  load(): Promise<Result<readonly PendingRevocation[]>>;
  /** "Retry now": every pending revocation. */
  retry(): Promise<Result<RevocationRetryResult>>;
}

export function createRevocationsStore(api: TesseraApi): RevocationsStore {
  const [pending, setPending] = createSignal<readonly PendingRevocation[]>([]);
  onCleanup(api.on('revocationsChanged', setPending));

  async function load(): Promise<Result<readonly PendingRevocation[]>> {
    const result = await api.listPendingRevocations();
    if (result.ok) setPending(result.value);
    return result;
  }

  async function retry(): Promise<Result<RevocationRetryResult>> {
    const result = await api.retryRevocations();
    if (result.ok) setPending(result.value.pending);
    return result;
  }

  return { pending, load, retry };
}
