/**
 * "Copy as clever-tools profile": in the format of the clever-tools the user has (main finds it
 * from the configuration file's shape, else `clever version`; when it cannot, the user chooses),
 * clever-tools 3's flat file or a clever-tools 4 profile with the account's overrides
 * (src/main/providers/clever-cloud/clever-tools-export.ts). Main writes the clipboard through its
 * guard (cleared after the delay, concealed): the value never comes to the window.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { AccountSummary } from '../../../../shared/types';
import { AsyncButton } from '../../components/Button';
import { useI18n } from '../../i18n';
import { useTessera } from '../../tessera';

export function CopyAsProfile(props: { account: AccountSummary }) {
  const api = useTessera();
  const { t } = useI18n();
  const [detected] = createResource(async () => {
    const result = await api.detectCleverToolsVersion();
    return result.ok ? result.value : { version: null, from: null };
  });
  const [chosen, setChosen] = createSignal<3 | 4 | null>(null);
  const version = (): 3 | 4 | null => chosen() ?? detected()?.version ?? null;
  return (
    <section class="copy-as-profile" data-testid="cc-copy-as-profile">
      <h3 class="section-title">{t('cleverProfiles.copyTitle')}</h3>
      <Show when={detected()}>
        {(d) => (
          <p class="muted" data-testid="cc-profile-version">
            {d().version === null
              ? t('cleverProfiles.notDetected')
              : `${t('cleverProfiles.detected', { version: String(d().version) })} ${d().from === 'config-file' ? t('cleverProfiles.detectedFromFile') : t('cleverProfiles.detectedFromCommand')}`}
          </p>
        )}
      </Show>
      <fieldset class="choices">
        <legend class="visually-hidden">{t('cleverProfiles.versionLegend')}</legend>
        <For each={[4, 3] as const}>
          {(v) => (
            <label>
              <input type="radio" name={`cc-profile-version-${props.account.id}`} checked={version() === v} onChange={() => setChosen(v)} data-testid={`cc-profile-v${v}`} />
              {v === 4 ? t('cleverProfiles.version4') : t('cleverProfiles.version3')}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={version()}>
        {(v) => <p class="muted">{v() === 3 ? t('cleverProfiles.v3Note') : t('cleverProfiles.v4Note')}</p>}
      </Show>
      <AsyncButton
        run={() => api.copyCredential({ id: props.account.id, kind: version() === 3 ? 'clever-tools-3' : 'clever-tools-4' })}
        busyLabel={t('cleverProfiles.copying')}
        disabled={version() === null}
        data-testid="cc-copy-profile"
      >
        {t('cleverProfiles.copy')}
      </AsyncButton>
    </section>
  );
}
