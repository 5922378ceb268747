/**
 * The saved connections of an add flow (SaaSus connections, Clever Cloud OAuth consumers): while
 * there is none, or one is being added or edited, the provider's form; otherwise radio choices,
 * each marked when it was changed outside Tessera, the flow's word on the chosen one (`status`),
 * links to add one or edit the chosen one, the rest of the flow (`children`), then the flow's
 * `actions` (kept in view at the foot of the dialog).
 */
import { For, Show, type Component, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { useI18n } from '../i18n';
import type { ConnectionChoice, SavedConnection } from '../state/connections';
import type { SavedConnectionFormProps } from './SavedConnectionForm';

export function ConnectionChoices<T extends SavedConnection>(props: {
  choice: ConnectionChoice<T>;
  form: Component<SavedConnectionFormProps<T>>;
  legend: string;
  /** "consumer", "connection": in the test ids and the radio group's name. */
  noun: string;
  /** The link that opens the form for a new one ("New consumer…"). */
  newLabel: string;
  /** After the name, muted: what tells one from another. */
  note: (connection: T) => string;
  disabled: boolean;
  onChoose?: () => void;
  /** After the form saved one (and it was chosen). */
  onSaved?: (connection: T) => void;
  editTestId?: string;
  status?: JSX.Element;
  actions?: JSX.Element;
  children?: JSX.Element;
}) {
  const { t } = useI18n();
  const choice = props.choice;
  let container!: HTMLDivElement;
  /**
   * The form is gone once saved: focus goes to the flow's main action, not to <body>. While that
   * button is busy (SaaSus tests the connection it just saved), focus waits on the chosen radio and
   * moves on once the button is enabled, unless the user has gone elsewhere meanwhile.
   */
  function focusAfterSave(): void {
    requestAnimationFrame(() => {
      const primary = container.querySelector<HTMLButtonElement>('.sticky-actions .primary');
      const radio = container.querySelector<HTMLElement>('input[type="radio"]:checked');
      if (!primary || !primary.disabled) return void (primary ?? radio)?.focus();
      radio?.focus();
      const waiting = radio ?? document.body;
      const observer = new MutationObserver(() => {
        if (primary.disabled) return;
        observer.disconnect();
        const now = document.activeElement;
        if (now === waiting || now === document.body || now === null) primary.focus();
      });
      observer.observe(primary, { attributes: true, attributeFilter: ['disabled'] });
    });
  }
  return (
    <div ref={container} class="connection-choices">
      <Show when={choice.loaded()} fallback={<span class="spinner" aria-hidden="true" />}>
        <Show
          when={!choice.formOpen()}
          fallback={
            <Dynamic
              component={props.form}
              saved={choice.editing() ?? null}
              onSaved={(connection: T) => {
                choice.saved(connection);
                props.onSaved?.(connection);
                focusAfterSave();
              }}
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
                        {t('add.changedOutside')}
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
              {props.newLabel}
            </button>
            <button type="button" class="link-button" onClick={() => choice.edit(choice.chosen())} data-testid={props.editTestId}>
              {t('add.edit', { name: choice.chosen()?.name ?? '' })}
            </button>
          </div>
          {props.children}
          <Show when={props.actions}>
            <div class="actions sticky-actions">{props.actions}</div>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
