/**
 * What a clever-tools import brought, shown after it: the overrides each profile came with (names
 * only, never their values), and the offer to remove the imported tokens from clever-tools.json,
 * since Tessera now keeps them in the keychain. Removing is the user's choice; main keeps a backup
 * (0600) beside the file and refuses when the file changed since the import
 * (src/main/providers/clever-cloud/clever-tools-plaintext.ts).
 */
import { createSignal, For, Show } from 'solid-js';
import type { ImportResult, PlaintextRemovalResult } from '../../../../shared/types';
import { AsyncButton } from '../../components/Button';
import { FieldError } from '../../components/FormParts';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { useTessera } from '../../tessera';

/** Whether an import has something for this component to show. */
export function hasProfileNews(result: ImportResult): boolean {
  return (result.overrides?.length ?? 0) > 0 || result.plaintext !== undefined;
}

export function ProfileImportResult(props: { result: ImportResult; onDone: (accountId: string) => void }) {
  const api = useTessera();
  const { t } = useI18n();
  const errorText = useErrorText();
  const [removed, setRemoved] = createSignal<PlaintextRemovalResult | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const done = (): void => props.onDone(props.result.imported[0]?.id ?? '');
  return (
    <section class="notice" role="status" data-testid="cc-profile-import">
      <h3 class="section-title">{t('cleverProfiles.importedTitle')}</h3>
      <For each={props.result.overrides ?? []}>
        {(o) => <p data-testid="cc-profile-overrides">{t('cleverProfiles.overridesBrought', { alias: o.alias, names: o.names.join(', ') })}</p>}
      </For>
      <Show when={(props.result.overrides?.length ?? 0) > 0}>
        <p class="muted">{t('cleverProfiles.overridesNote')}</p>
      </Show>
      <Show when={props.result.plaintext}>
        {(plaintext) => (
          <Show
            when={removed()}
            fallback={
              <div data-testid="cc-plaintext-offer">
                <p>{t('cleverProfiles.plaintextOffer', { path: plaintext().path })}</p>
                <p class="muted">{t('cleverProfiles.plaintextProfiles', { aliases: plaintext().aliases.map((a) => `“${a}”`).join(', ') })}</p>
                <FieldError message={error()} testId="cc-plaintext-error" />
                <div class="actions">
                  <AsyncButton
                    run={() => api.removeCleverToolsPlaintext({ importId: plaintext().importId })}
                    busyLabel={t('cleverProfiles.removingPlaintext')}
                    onSuccess={(r) => (setError(null), setRemoved(r))}
                    onError={(e) => setError(errorText(e))}
                    data-testid="cc-remove-plaintext"
                  >
                    {t('cleverProfiles.removePlaintext')}
                  </AsyncButton>
                  <button type="button" class="button" onClick={done} data-testid="cc-keep-plaintext">
                    {t('cleverProfiles.keepPlaintext')}
                  </button>
                </div>
              </div>
            }
          >
            {(r) => <p data-testid="cc-plaintext-removed">{t('cleverProfiles.plaintextRemoved', { backup: r().backupPath })}</p>}
          </Show>
        )}
      </Show>
      <Show when={!props.result.plaintext || removed()}>
        <div class="actions">
          <button type="button" class="button primary" onClick={done} disabled={props.result.imported.length === 0} data-testid="cc-profile-import-done">
            {t('cleverProfiles.done')}
          </button>
        </div>
      </Show>
    </section>
  );
}
