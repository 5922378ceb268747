/**
 * SaaSus in the detail pane: what the user may do (tenants → environments → roles), when each
 * token expires, the ID token's claims, and the session actions (refresh now, open the SaaS as
 * this user, copy a hand-off code — valid once, for 10 seconds, with a countdown).
 */
import { createSignal, For, Show } from 'solid-js';
import type { SaasusDetail } from '../../../shared/types';
import { AsyncButton } from '../components/Button';
import { Expiry } from '../components/Expiry';
import { expiryText } from '../format';
import { timeFor, useClock } from '../state/clock';
import { showToast } from '../state/toasts';
import { CopyButtons } from './CopyButtons';
import type { AccountViewProps } from './providers';

const saasus = (props: AccountViewProps): SaasusDetail | null => (props.detail?.provided?.kind === 'saasus' ? props.detail.provided : null);

export function SaasusSections(props: AccountViewProps) {
  return (
    <Show when={saasus(props)}>
      {(detail) => (
        <div class="provider-detail" data-testid="saasus-detail">
          <h3 class="section-title">Tokens</h3>
          <dl class="facts" data-testid="saasus-expiries">
            <dt>ID token</dt>
            <dd>
              <Expiry at={detail().idTokenExpiresAt} />
            </dd>
            <dt>Access token</dt>
            <dd>
              <Expiry at={detail().accessTokenExpiresAt} />
            </dd>
            <dt>Refresh token</dt>
            <dd>
              <Show when={detail().refreshTokenExpiresAt !== null} fallback={<span>none: log in again when the tokens expire</span>}>
                <Expiry at={detail().refreshTokenExpiresAt} format={(at, now) => `${expiryText(at, now)} (estimated)`} />
              </Show>
            </dd>
          </dl>

          <h3 class="section-title">Tenants and roles</h3>
          <Show when={detail().tenants.length > 0} fallback={<p class="muted">This user belongs to no tenant.</p>}>
            <ul class="tree" data-testid="saasus-tenants">
              <For each={detail().tenants}>
                {(tenant) => (
                  <li>
                    <span class="tree-label">{tenant.name}</span>
                    <ul>
                      <For each={tenant.envs}>
                        {(env) => (
                          <li>
                            <span class="tree-label muted">{env.name}</span>{' '}
                            <For each={env.roles}>
                              {(role) => (
                                <span class="badge role" title={role.roleName}>
                                  {role.displayName || role.roleName}
                                </span>
                              )}
                            </For>
                          </li>
                        )}
                      </For>
                    </ul>
                  </li>
                )}
              </For>
            </ul>
          </Show>

          <details class="claims">
            <summary>ID token claims</summary>
            <dl class="facts">
              <For each={detail().claims}>
                {(claim) => (
                  <>
                    <dt>{claim.label}</dt>
                    <dd>
                      <code>{claim.value}</code>
                    </dd>
                  </>
                )}
              </For>
            </dl>
          </details>
        </div>
      )}
    </Show>
  );
}

export function SaasusActions(props: AccountViewProps) {
  const api = window.tessera;
  const clock = useClock();
  const [codeUntil, setCodeUntil] = createSignal<number | null>(null);
  const secondsLeft = () => {
    const until = codeUntil();
    return until === null ? 0 : Math.max(0, Math.ceil((until - timeFor(clock, until)) / 1000));
  };
  return (
    <>
      <CopyButtons account={props.account} />
      <AsyncButton run={() => api.refreshAccount({ id: props.account.id })} busyLabel="Refreshing…" onSuccess={() => showToast('info', 'Tokens refreshed.')} data-testid="refresh-account">
        Refresh now
      </AsyncButton>
      <AsyncButton
        run={() => api.openSaasusHandOff({ id: props.account.id })}
        onSuccess={() => showToast('info', 'Opened the SaaS in your browser as this user.')}
        data-testid="hand-off-open"
      >
        Open in browser as this user
      </AsyncButton>
      <AsyncButton run={() => api.copySaasusHandOff({ id: props.account.id })} onSuccess={(r) => setCodeUntil(r.expiresAt)} data-testid="hand-off-copy">
        Copy hand-off code
      </AsyncButton>
      <Show when={secondsLeft() > 0}>
        <span class="countdown" role="status" data-testid="hand-off-countdown">
          Code copied — valid for {secondsLeft()} s
        </span>
      </Show>
    </>
  );
}
