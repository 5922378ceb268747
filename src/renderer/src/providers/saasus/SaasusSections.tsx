/**
 * SaaSus's sections of the account view: when each token expires (with the exact date as text),
 * what the user may do (tenants → environments → roles, in SaaSus's own words) and the ID token's
 * claims.
 */
import { For, Show } from 'solid-js';
import { Expiry } from '../../components/Expiry';
import { useI18n } from '../../i18n';
import type { SectionsProps } from '../provider-ui';
import './saasus.css';

export function SaasusSections(props: SectionsProps<'saasus'>) {
  const { t } = useI18n();
  return (
    <div class="provider-detail" data-testid="saasus-detail">
      <h3 class="section-title">{t('saasusAccount.tokens')}</h3>
      <dl class="facts" data-testid="saasus-expiries">
        <dt>{t('saasusAccount.idToken')}</dt>
        <dd>
          <Expiry at={props.detail.idTokenExpiresAt} exact />
        </dd>
        <dt>{t('saasusAccount.accessToken')}</dt>
        <dd>
          <Expiry at={props.detail.accessTokenExpiresAt} exact />
        </dd>
        <dt>{t('saasusAccount.refreshToken')}</dt>
        <dd>
          <Show when={props.detail.refreshTokenExpiresAt !== null} fallback={<span>{t('saasusAccount.noRefreshToken')}</span>}>
            <Expiry at={props.detail.refreshTokenExpiresAt} exact format={(when) => t('saasusAccount.estimated', { when })} />
          </Show>
        </dd>
      </dl>

      <h3 class="section-title">{t('saasusAccount.tenantsAndRoles')}</h3>
      <Show when={props.detail.tenants.length > 0} fallback={<p class="muted">{t('saasusAccount.noTenant')}</p>}>
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
        <summary>{t('saasusAccount.claims')}</summary>
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
