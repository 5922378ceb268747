/**
 * "1 replaced token could not be revoked yet — Tessera retries", with why and "Retry now": in the
 * detail pane for the account's own replaced tokens, and as a banner for those whose account was
 * removed meanwhile. Main keeps the tokens in the keychain until Clever Cloud has revoked them
 * (src/main/providers/clever-cloud/retired-tokens.ts).
 */
import { Show } from 'solid-js';
import type { Result } from '../../../shared/errors';
import type { PendingRevocation, RevocationRetryResult } from '../../../shared/types';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n';
import { showToast } from '../state/toasts';
import { AsyncButton } from './Button';
import './PendingRevocations.css';

export function PendingRevocations(props: {
  pending: readonly PendingRevocation[];
  retry: () => Promise<Result<RevocationRetryResult>>;
  /** `banner`: in the window's banners (the account is gone); `notice`: in the detail pane. */
  variant: 'banner' | 'notice';
}) {
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const count = () => props.pending.length;
  const counted = (n: number) => ({ n, count: fmt().number(n) });
  const why = () => {
    const error = props.pending.find((p) => p.lastError)?.lastError;
    return error ? errorText(error) : null;
  };
  const text = () => t(props.variant === 'banner' ? 'common.revocations.pendingCleverCloud' : 'common.revocations.pending', counted(count()));
  function done(result: RevocationRetryResult): void {
    if (result.revoked > 0) showToast('info', t('common.revocations.revoked', counted(result.revoked)));
    const still = result.pending[0]?.lastError;
    if (result.pending.length > 0 && still) showToast('error', t('common.revocations.stillPending', { why: errorText(still) }));
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
        <AsyncButton run={props.retry} onSuccess={done} busyLabel={t('common.revocations.retrying')} data-testid="revocations-retry">
          {t('common.revocations.retryNow')}
        </AsyncButton>
      </div>
    </Show>
  );
}
