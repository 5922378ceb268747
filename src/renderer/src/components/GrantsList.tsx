/**
 * Settings → "Command-line grants": what `tessera grant` allowed (account, until when, which
 * directory), each with "Revoke". Main keeps them in its agent (src/main/agent/app-agent.ts) and
 * says when they change (`grantsChanged`); quitting Tessera revokes them all.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { GrantView } from '../../../shared/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useTessera } from '../tessera';
import { AsyncButton } from './Button';

export function GrantsList() {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const [grants, setGrants] = createSignal<readonly GrantView[]>([]);
  onCleanup(api.on('grantsChanged', setGrants));
  onMount(() => {
    void api.listGrants().then((result) => {
      if (result.ok) setGrants(result.value);
    });
  });
  return (
    <>
      <h3 class="section-title">{t('settings.grants.title')}</h3>
      <Show when={grants().length > 0} fallback={<p class="muted" data-testid="grants-empty">{t('settings.grants.none')}</p>}>
        <ul class="grants" data-testid="grants">
          <For each={grants()}>
            {(grant) => (
              <li data-testid="grant">
                <span>
                  <strong>{grant.account}</strong>
                  {t('settings.grants.until', {
                    date: formatDate(grant.expiresAt, fmt()),
                    where: grant.cwd ? t('settings.grants.inDirectory', { dir: grant.cwd }) : t('settings.grants.anyDirectory'),
                  })}
                </span>{' '}
                <AsyncButton run={() => api.revokeGrant({ id: grant.id })} busyLabel={t('settings.grants.revoking')} data-testid="grant-revoke">
                  {t('settings.grants.revoke')}
                </AsyncButton>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
