/**
 * SaaSus's actions in the account view: "Log in again" first and primary when the session cannot
 * go on (needs a login, expired, failed with no valid token), then the session's own: refresh now,
 * open the SaaS as this user, and copy a hand-off code (valid once, for 10 seconds). The code's
 * countdown keeps its place whether shown or not (no layout shift) and is not a live region: a
 * status says once that the code was copied and once that it expired.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import { AsyncButton } from '../../components/Button';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { accountState } from '../../state/attention';
import { timeFor, useClock } from '../../state/clock';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import type { AccountViewProps } from '../provider-ui';
import './saasus.css';

export function SaasusActions(props: AccountViewProps) {
  const api = useTessera();
  const clock = useClock();
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const login = createLogin();
  const state = () => accountState(props.account, timeFor(clock, props.account.scope?.sessionEndsAt ?? props.account.expiresAt), props.warnMs);
  const connectionId = (): string | null => (props.detail?.provided?.kind === 'saasus' ? props.detail.provided.connectionId : null);
  const mustLogIn = () => state().tone === 'danger';

  async function again(): Promise<void> {
    const id = connectionId();
    if (id === null) return;
    const result = await login.run((loginId) => api.loginSaasus({ loginId, connectionId: id }));
    if (result.ok) showToast('info', t('saasusAccount.loggedInAgain'));
    else showToast('error', errorText(result.error));
  }

  const [codeUntil, setCodeUntil] = createSignal<number | null>(null);
  const msLeft = () => {
    const until = codeUntil();
    return until === null ? 0 : Math.max(0, until - timeFor(clock, until));
  };
  const live = () => msLeft() > 0;
  const [announcement, setAnnouncement] = createSignal('');
  createEffect(on(live, (now, before) => setAnnouncement(now ? t('saasusAccount.handOffAnnounce') : before ? t('saasusAccount.handOffExpired') : ''), { defer: true }));
  const onError = (error: Parameters<typeof errorText>[0]) => showToast('error', errorText(error));

  return (
    <>
      <Show when={mustLogIn() && connectionId() !== null}>
        <button type="button" class="button primary" onClick={() => void again()} disabled={login.id() !== null} data-testid="saasus-login-again">
          {t('account.loginAgain')}
        </button>
      </Show>
      <AsyncButton
        run={() => api.refreshAccount({ id: props.account.id })}
        busyLabel={t('saasusAccount.refreshing')}
        onSuccess={() => showToast('info', t('saasusAccount.refreshed'))}
        onError={onError}
        data-testid="refresh-account"
      >
        {t('saasusAccount.refreshNow')}
      </AsyncButton>
      <AsyncButton run={() => api.openSaasusHandOff({ id: props.account.id })} onSuccess={() => showToast('info', t('saasusAccount.opened'))} onError={onError} data-testid="hand-off-open">
        {t('saasusAccount.openInBrowser')}
      </AsyncButton>
      <AsyncButton run={() => api.copySaasusHandOff({ id: props.account.id })} onSuccess={(r) => setCodeUntil(r.expiresAt)} onError={onError} data-testid="hand-off-copy">
        {t('saasusAccount.copyHandOff')}
      </AsyncButton>
      <span class="countdown" classList={{ idle: !live() }} aria-hidden={!live()} data-testid={live() ? 'hand-off-countdown' : undefined}>
        {live() ? t('saasusAccount.handOffLeft', { left: fmt().duration(msLeft()) }) : ''}
      </span>
      <span class="visually-hidden" role="status" data-testid="hand-off-announcement">
        {announcement()}
      </span>
      <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>
    </>
  );
}
