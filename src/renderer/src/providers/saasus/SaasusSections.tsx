/**
 * SaaSus's sections of the detail pane: when each token expires, what the user may do (tenants →
 * environments → roles) and the ID token's claims.
 */
import { For, Show } from 'solid-js';
import { Expiry } from '../../components/Expiry';
import { expiryText } from '../../format';
import { useI18n } from '../../i18n';
import type { SectionsProps } from '../provider-ui';
import './saasus.css';

export function SaasusSections(props: SectionsProps<'saasus'>) {
  const { locale } = useI18n();
  return (
    <div class="provider-detail" data-testid="saasus-detail">
      <h3 class="section-title">Tokens</h3>
      <dl class="facts" data-testid="saasus-expiries">
        <dt>ID token</dt>
        <dd>
          <Expiry at={props.detail.idTokenExpiresAt} />
        </dd>
        <dt>Access token</dt>
        <dd>
          <Expiry at={props.detail.accessTokenExpiresAt} />
        </dd>
        <dt>Refresh token</dt>
        <dd>
          <Show when={props.detail.refreshTokenExpiresAt !== null} fallback={<span>none: log in again when the tokens expire</span>}>
            <Expiry at={props.detail.refreshTokenExpiresAt} format={(at, now) => `${expiryText(at, now, locale())} (estimated)`} />
          </Show>
        </dd>
      </dl>

      <h3 class="section-title">Tenants and roles</h3>
      <Show when={props.detail.tenants.length > 0} fallback={<p class="muted">This user belongs to no tenant.</p>}>
        <ul class="tree" data-testid="saasus-tenants">
          <For each={props.detail.tenants}>
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
          <For each={props.detail.claims}>
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
  );
}
