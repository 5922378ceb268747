/**
 * "Add account": pick a provider, then its login flow takes over the dialog. The flows live in
 * add-account/providers.ts (the extension point); a provider without a flow is listed with its
 * description and marked as not available yet, never with a pretend login.
 */
import { createSignal, For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { PROVIDER_NAMES } from '../../../shared/types';
import { providers, type ProviderEntry } from '../add-account/providers';
import { Dialog } from './Dialog';

export function AddAccountDialog(props: { onClose: () => void; onAdded: (id: string) => void }) {
  const [chosen, setChosen] = createSignal<ProviderEntry | null>(null);
  return (
    <Dialog title={chosen() ? `Add a ${PROVIDER_NAMES[chosen()!.id]} account` : 'Add account'} testId="add-account-dialog" onClose={props.onClose}>
      <Show
        when={chosen()}
        fallback={
          <>
            <p class="muted">Which service is the account on?</p>
            <ul class="provider-choices" aria-label="Providers">
              <For each={providers}>
                {(entry) => (
                  <li>
                    <button
                      type="button"
                      class="provider-choice"
                      aria-disabled={entry.flow ? undefined : 'true'}
                      aria-describedby={`provider-text-${entry.id}`}
                      onClick={() => entry.flow && setChosen(entry)}
                      data-testid={`add-${entry.id}`}
                      data-available={entry.flow ? 'true' : 'false'}
                    >
                      <span class="provider-choice-name">
                        <span class={`provider-dot provider-${entry.id}`} aria-hidden="true" />
                        {PROVIDER_NAMES[entry.id]}
                        <Show when={!entry.flow}>
                          <span class="badge muted">Not available yet</span>
                        </Show>
                      </span>
                      <span id={`provider-text-${entry.id}`} class="provider-choice-text">
                        {entry.description}
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </>
        }
      >
        {(entry) => (
          <>
            <button type="button" class="link-button" onClick={() => setChosen(null)} data-testid="add-back">
              ← Other providers
            </button>
            {/* Extension point: the provider's login flow (add-account/providers.ts). */}
            <Dynamic
              component={entry().flow}
              onDone={(id: string) => {
                props.onAdded(id);
                props.onClose();
              }}
            />
          </>
        )}
      </Show>
    </Dialog>
  );
}
