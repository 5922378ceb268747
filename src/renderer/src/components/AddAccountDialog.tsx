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
          <ul class="provider-choices">
            <For each={providers}>
              {(entry) => (
                <li>
                  <button type="button" class="provider-choice" disabled={!entry.flow} onClick={() => setChosen(entry)} data-testid={`add-${entry.id}`}>
                    <span class="provider-choice-name">{PROVIDER_NAMES[entry.id]}</span>
                    <span class="provider-choice-text">{entry.description}</span>
                    <Show when={!entry.flow}>
                      <span class="provider-choice-text muted">Not available in this build yet.</span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
        }
      >
        {(entry) => (
          <>
            <button type="button" class="link-button" onClick={() => setChosen(null)}>
              ← Other providers
            </button>
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
