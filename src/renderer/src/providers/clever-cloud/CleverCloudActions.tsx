/**
 * Clever Cloud's actions in the account view: "Log in again" (OAuth 1.0a tokens cannot be
 * refreshed), the primary action when the token has expired, needs a login or is expiring, with
 * why. The credentials are copied from the credentials card.
 */
import { Show } from 'solid-js';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { accountState } from '../../state/attention';
import { timeFor, useClock } from '../../state/clock';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import type { AccountViewProps } from '../provider-ui';

export function CleverCloudActions(props: AccountViewProps) {
  const api = useTessera();
  const clock = useClock();
  const { t } = useI18n();
  const errorText = useErrorText();
  const login = createLogin();
  const state = () => accountState(props.account, timeFor(clock, props.account.expiresAt), props.warnMs);
  const urgent = () => state().tone === 'danger' || state().kind === 'expiring';
  async function again(): Promise<void> {
    const result = await login.run((loginId) => api.loginCleverCloud({ loginId }));
    if (result.ok) showToast('info', result.value.id === props.account.id ? t('cleverAccount.loggedInAgain') : t('cleverAccount.loggedInAsAnother'));
    else showToast('error', errorText(result.error));
  }
  return (
    <>
      <button
        type="button"
        class="button"
        classList={{ primary: urgent() }}
        onClick={() => void again()}
        disabled={login.id() !== null}
        aria-describedby={urgent() ? 'cc-expiry-warning' : undefined}
        data-testid="cc-login-again"
      >
        {t('account.loginAgain')}
      </button>
      <Show when={urgent()}>
        <p id="cc-expiry-warning" class="status-message" data-testid="cc-expiry-warning">
          {t('cleverAccount.cannotRefresh')}
        </p>
      </Show>
      <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>
    </>
  );
}
