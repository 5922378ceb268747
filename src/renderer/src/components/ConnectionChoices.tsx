/**
 * The saved connections of an add flow (SaaSus connections, Clever Cloud OAuth consumers): while
 * there is none, or one is being added or edited, the provider's form; otherwise radio choices,
 * each marked when it was changed outside Tessera, the flow's word on the chosen one (`status`),
 * links to add one or edit the chosen one next to the flow's `actions`, then the rest of the flow
 * (`children`).
 */
import { For, Show, type Component, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { ConnectionChoice, SavedConnection } from '../state/connections';
import type { SavedConnectionFormProps } from './SavedConnectionForm';

export function ConnectionChoices<T extends SavedConnection>(props: {
  choice: ConnectionChoice<T>;
  form: Component<SavedConnectionFormProps<T>>;
  legend: string;
  /** "consumer", "connection": in "New …" and in the test ids. */
  noun: string;
  /** After the name, muted: what tells one from another. */
  note: (connection: T) => string;
  disabled: boolean;
  onChoose?: () => void;
  editTestId?: string;
  status?: JSX.Element;
  actions?: JSX.Element;
  children?: JSX.Element;
}) {
  const choice = props.choice;
  return (
    <Show
      when={!choice.formOpen()}
      fallback={
        <Dynamic
          component={props.form}
          saved={choice.editing() ?? null}
          onSaved={choice.saved}
          onCancel={choice.list().length > 0 ? () => choice.edit(undefined) : undefined}
        />
      }
    >
      <fieldset class="choices" disabled={props.disabled}>
        <legend>{props.legend}</legend>
        <For each={choice.list()}>
          {(c) => (
            <label class="choice">
              <input
                type="radio"
                name={`${props.noun}-choice`}
                checked={choice.chosen()?.id === c.id}
                onChange={() => {
                  choice.choose(c.id);
                  props.onChoose?.();
                }}
              />
              <span>
                <strong>{c.name}</strong> <span class="muted">{props.note(c)}</span>
                <Show when={c.status === 'changed-outside'}>
                  {' '}
                  <span class="badge state-needs-login" data-testid={`${props.noun}-changed-outside`}>
                    changed outside Tessera
                  </span>
                </Show>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      {props.status}
      <div class="row-actions">
        <button type="button" class="link-button" onClick={() => choice.edit(null)}>
          New {props.noun}…
        </button>
        <button type="button" class="link-button" onClick={() => choice.edit(choice.chosen())} data-testid={props.editTestId}>
          Edit “{choice.chosen()?.name}”
        </button>
        {props.actions}
      </div>
      {props.children}
    </Show>
  );
}
