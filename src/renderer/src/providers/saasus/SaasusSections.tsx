/**
 * SaaSus's sections of the account view: what the user may do (tenants → environments → roles, in
 * SaaSus's own words) and the ID token's claims. When each token expires is said once: the
 * credentials card gives each token's validity, the state line the session's end.
 */
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n';
import type { SectionsProps } from '../provider-ui';
import './saasus.css';

export function SaasusSections(props: SectionsProps<'saasus'>) {
  const { t } = useI18n();
  return (
    <div class="provider-detail" data-testid="saasus-detail">
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
