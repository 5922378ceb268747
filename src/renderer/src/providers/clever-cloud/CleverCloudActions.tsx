/**
 * Clever Cloud's actions in the detail pane: the copy buttons, and a warning before the token
 * expires with "Log in again" (OAuth 1.0a tokens cannot be refreshed).
 */
import { Show } from 'solid-js';
import { tokenState } from '../../../../shared/types';
import { CopyButtons } from '../../components/CopyButtons';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { timeFor, useClock } from '../../state/clock';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import type { AccountViewProps } from '../provider-ui';

export function CleverCloudActions(props: AccountViewProps) {
  const api = useTessera();
  const clock = useClock();
  const login = createLogin();
  const state = () => tokenState(props.account, timeFor(clock, props.account.expiresAt), props.warnMs);
  async function again(): Promise<void> {
    const result = await login.run((loginId) => api.loginCleverCloud({ loginId }));
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
      <button type="button" class="button" onClick={() => void again()} disabled={login.id() !== null} data-testid="cc-login-again">
        Log in again
      </button>
      <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>
    </>
  );
}
