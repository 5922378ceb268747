/**
 * Clever Cloud in the detail pane: the token's rights next to every right a consumer may ask for,
 * the consumer, the token's dates, and a warning before it expires with "Log in again" (OAuth 1.0a
 * tokens cannot be refreshed).
 */
import { createSignal, For, Show } from 'solid-js';
import { tokenState, type CleverCloudDetail } from '../../../shared/types';
import { Expiry } from '../components/Expiry';
import { LoginProgress, newLoginId } from '../components/LoginProgress';
import { formatDate } from '../format';
import { timeFor, useClock } from '../state/clock';
import { showToast } from '../state/toasts';
import { CopyButtons } from './CopyButtons';
import type { AccountViewProps } from './providers';

const cc = (props: AccountViewProps): CleverCloudDetail | null => (props.detail?.provided?.kind === 'clever-cloud' ? props.detail.provided : null);

export function CleverCloudSections(props: AccountViewProps) {
  return (
    <Show when={cc(props)}>
      {(detail) => (
        <div class="provider-detail" data-testid="cc-detail">
          <h3 class="section-title">Token</h3>
          <dl class="facts">
            <dt>Created</dt>
            <dd>{formatDate(detail().tokenCreatedAt)}</dd>
            <dt>Last used</dt>
            <dd>{formatDate(detail().lastUsedAt)}</dd>
            <dt>Expires</dt>
            <dd>
              <Expiry at={props.account.expiresAt} />
            </dd>
          </dl>
          <h3 class="section-title">Rights</h3>
          <ul class="rights" data-testid="cc-rights">
            <For each={detail().rights}>
              {(right) => (
                <li class={right.granted ? 'right granted' : 'right'} data-granted={right.granted ? 'true' : 'false'}>
                  <span class="glyph" aria-hidden="true">
                    {right.granted ? '✓' : '–'}
                  </span>
                  <span class="right-name">{right.name}</span>
                  <span class="muted">{right.description}</span>
                  <span class="visually-hidden">{right.granted ? '(granted)' : '(not granted)'}</span>
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  );
}

export function CleverCloudActions(props: AccountViewProps) {
  const clock = useClock();
  const [loginId, setLoginId] = createSignal<string | null>(null);
  const state = () => tokenState(props.account, timeFor(clock, props.account.expiresAt), props.warnMs);
  async function again(): Promise<void> {
    const id = newLoginId();
    setLoginId(id);
    const result = await window.tessera.loginCleverCloud({ loginId: id });
    setLoginId(null);
    if (result.ok) showToast('info', result.value.id === props.account.id ? 'Logged in again: the new token replaces the old one.' : 'Logged in as another user: a new account was added.');
    else showToast('error', result.error.message);
  }
  return (
    <>
      <CopyButtons account={props.account} />
      <Show when={state() === 'expiring' || state() === 'expired'}>
        <p class="status-message" role="status" data-testid="cc-expiry-warning">
          This token {state() === 'expired' ? 'has expired' : 'expires soon'}. OAuth 1.0a tokens cannot be refreshed: log in again to get a new one.
        </p>
      </Show>
      <button type="button" class="button" onClick={() => void again()} disabled={loginId() !== null} data-testid="cc-login-again">
        Log in again
      </button>
      <Show when={loginId()}>{(id) => <LoginProgress loginId={id()} />}</Show>
    </>
  );
}
