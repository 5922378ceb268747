/**
 * "1 replaced token could not be revoked yet — Tessera retries", with why and "Retry now": in the
 * detail pane for the account's own replaced tokens, and as a banner for those whose account was
 * removed meanwhile. Main keeps the tokens in the keychain until Clever Cloud has revoked them
 * (src/main/providers/clever-cloud/retired-tokens.ts).
 */
import { Show } from 'solid-js';
import type { Result } from '../../../shared/errors';
import type { PendingRevocation, RevocationRetryResult } from '../../../shared/types';
import { showToast } from '../state/toasts';
import { AsyncButton } from './Button';
import './PendingRevocations.css';

export function PendingRevocations(props: {
  pending: readonly PendingRevocation[];
  retry: () => Promise<Result<RevocationRetryResult>>;
  /** `banner`: in the window's banners (the account is gone); `notice`: in the detail pane. */
  variant: 'banner' | 'notice';
}) {
  const count = () => props.pending.length;
  const why = () => props.pending.find((p) => p.lastError)?.lastError?.message ?? null;
  const text = () =>
    `${count()} replaced ${props.variant === 'banner' ? 'Clever Cloud ' : ''}token${count() === 1 ? '' : 's'} could not be revoked yet — Tessera retries.`;
  function done(result: RevocationRetryResult): void {
    if (result.revoked > 0) showToast('info', `${result.revoked} replaced token${result.revoked === 1 ? '' : 's'} revoked.`);
    const still = result.pending[0]?.lastError;
    if (result.pending.length > 0 && still) showToast('error', `Still not revoked: ${still.message}`);
  }
  return (
    <Show when={count() > 0}>
      <div
        class={props.variant === 'banner' ? 'banner banner-warn' : 'notice notice-warn revocation-notice'}
        role="status"
        data-testid={props.variant === 'banner' ? 'revocations-banner' : 'revocations-notice'}
      >
        <span class={props.variant === 'banner' ? 'banner-text' : undefined}>
          <strong>{text()}</strong>
          <Show when={why()}> {why()}</Show>
        </span>
        <AsyncButton run={props.retry} onSuccess={done} busyLabel="Retrying…" data-testid="revocations-retry">
          Retry now
        </AsyncButton>
      </div>
    </Show>
  );
}
