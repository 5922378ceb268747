/**
 * "Add account": pick a provider, then its login flow takes over the dialog. The flows come from
 * providers/registry.ts; a provider without a flow is listed with its description and marked as
 * not available yet, never with a pretend login.
 */
import { createSignal, For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { PROVIDER_NAMES, PROVIDERS, type ProviderId } from '../../../shared/types';
import { providerUi } from '../providers/registry';
import { Dialog } from './Dialog';
import './AddAccountDialog.css';

export function AddAccountDialog(props: { onClose: () => void; onAdded: (id: string) => void }) {
  const [chosen, setChosen] = createSignal<ProviderId | null>(null);
  return (
    <Dialog title={chosen() ? `Add a ${PROVIDER_NAMES[chosen()!]} account` : 'Add account'} testId="add-account-dialog" onClose={props.onClose}>
      <Show
        when={chosen()}
        fallback={
          <>
            <p class="muted">Which service is the account on?</p>
            <ul class="provider-choices" aria-label="Providers">
              <For each={PROVIDERS}>
                {(id) => {
                  const available = providerUi(id).AddFlow !== undefined;
                  return (
                    <li>
                      <button
                        type="button"
                        class="provider-choice"
                        aria-disabled={available ? undefined : 'true'}
                        aria-describedby={`provider-text-${id}`}
                        onClick={() => available && setChosen(id)}
                        data-testid={`add-${id}`}
                        data-available={available ? 'true' : 'false'}
                      >
                        <span class="provider-choice-name">
                          <span class={`provider-dot provider-${id}`} aria-hidden="true" />
                          {PROVIDER_NAMES[id]}
                          <Show when={!available}>
                            <span class="badge muted">Not available yet</span>
                          </Show>
                        </span>
                        <span id={`provider-text-${id}`} class="provider-choice-text">
                          {providerUi(id).description}
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
            <button type="button" class="link-button" onClick={() => setChosen(null)} data-testid="add-back">
              ← Other providers
            </button>
            {/* The provider's login flow (providers/registry.ts). */}
            <Dynamic
              component={providerUi(id()).AddFlow}
              onDone={(accountId: string) => {
                props.onAdded(accountId);
                props.onClose();
              }}
            />
          </>
        )}
      </Show>
    </Dialog>
  );
}
