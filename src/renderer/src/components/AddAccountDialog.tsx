/**
 * "Add account": pick a provider, then its login flow takes over the dialog. The flows come from
 * providers/registry.ts; a provider without a flow is listed with its description and marked as
 * not available yet, never with a pretend login.
 *
 * Focus follows the user: choosing a provider moves it to the flow's first control (the flow
 * replaced the button that had it, which would leave focus on <body>), and "Other providers"
 * brings it back to the provider left.
 */
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { PROVIDER_NAMES, PROVIDERS, type ProviderId } from '../../../shared/types';
import { useI18n } from '../i18n';
import { providerUi } from '../providers/registry';
import { Dialog } from './Dialog';
import { focusableIn } from './focusable';
import './AddAccountDialog.css';


export function AddAccountDialog(props: { onClose: () => void; onAdded: (id: string) => void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = createSignal<ProviderId | null>(null);
  const choiceButtons = new Map<ProviderId, HTMLButtonElement>();
  let flowEl: HTMLDivElement | undefined;

  function choose(id: ProviderId): void {
    setChosen(id);
    const host = flowEl;
    if (!host) return;
    const focusFirst = (): boolean => {
      const first = focusableIn(host)[0];
      first?.focus();
      return first !== undefined;
    };
    if (focusFirst()) return;
    // The flow's saved connections are still loading: hold focus on the flow, then move it to
    // its first control as soon as there is one (unless the user went elsewhere meanwhile).
    host.focus();
    const observer = new MutationObserver(() => {
      if (document.activeElement !== host) observer.disconnect();
      else if (focusFirst()) observer.disconnect();
    });
    observer.observe(host, { childList: true, subtree: true, attributes: true });
    onCleanup(() => observer.disconnect());
  }

  function back(): void {
    const left = chosen();
    setChosen(null);
    if (left) choiceButtons.get(left)?.focus();
  }

  return (
    <Dialog title={chosen() ? t('add.titleProvider', { provider: PROVIDER_NAMES[chosen()!] }) : t('add.title')} testId="add-account-dialog" onClose={props.onClose}>
      <Show
        when={chosen()}
        fallback={
          <>
            <p class="muted">{t('add.whichService')}</p>
            <ul class="provider-choices" aria-label={t('add.providers')}>
              <For each={PROVIDERS}>
                {(id) => {
                  const available = providerUi(id).AddFlow !== undefined;
                  return (
                    <li>
                      <button
                        ref={(el) => choiceButtons.set(id, el)}
                        type="button"
                        class="provider-choice"
                        aria-disabled={available ? undefined : 'true'}
                        aria-describedby={`provider-text-${id}`}
                        onClick={() => available && choose(id)}
                        data-testid={`add-${id}`}
                        data-available={available ? 'true' : 'false'}
                      >
                        <span class="provider-choice-name">
                          <span class={`provider-dot provider-${id}`} aria-hidden="true" />
                          {PROVIDER_NAMES[id]}
                          <Show when={!available}>
                            <span class="badge muted">{t('add.notAvailable')}</span>
                          </Show>
                        </span>
                        <span id={`provider-text-${id}`} class="provider-choice-text">
                          {t(providerUi(id).descriptionKey)}
                        </span>
                      </button>
                    </li>
                  );
                }}
              </For>
            </ul>
          </>
        }
      >
        {(id) => (
          <>
            <button type="button" class="link-button" onClick={back} data-testid="add-back">
              <span aria-hidden="true">←</span> {t('add.otherProviders')}
            </button>
            {/* The provider's login flow (providers/registry.ts). */}
            <div ref={flowEl} tabindex={-1} class="flow-host">
              <Dynamic
                component={providerUi(id()).AddFlow}
                onDone={(accountId: string) => {
                  props.onAdded(accountId);
                  props.onClose();
                }}
              />
            </div>
          </>
        )}
      </Show>
    </Dialog>
  );
}
