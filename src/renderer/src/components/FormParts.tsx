/**
 * Pieces the window's forms share: the error line, the secret of a connection or consumer (kept
 * in the keychain, never sent back), and the Cancel / submit row.
 */
import { Show } from 'solid-js';
import type { BindingStatus } from '../../../shared/types';
import { Button } from './Button';

export function FieldError(props: { message: string | null; id?: string; testId?: string }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="field-error" role="alert" data-testid={props.testId}>
        {props.message}
      </p>
    </Show>
  );
}

/**
 * Required for a new connection and for one changed outside Tessera (only its secret mends it:
 * src/main/vault/bindings.ts); otherwise left empty to keep the stored one.
 */
export function StoredSecretField(props: {
  id: string;
  name: string;
  label: string;
  /** The saved connection or consumer being edited; null for a new one. */
  saved: { readonly status: BindingStatus } | null;
  /** Under the field while editing: for one changed outside Tessera, and for any other. */
  hints: { readonly changedOutside: string; readonly otherwise: string };
}) {
  const needed = () => !props.saved || props.saved.status === 'changed-outside';
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="password"
        autocomplete="off"
        required={needed()}
        placeholder={needed() ? '' : 'Unchanged — stored in the keychain'}
        aria-describedby={props.saved ? `${props.id}-hint` : undefined}
      />
      <Show when={props.saved}>
        <p id={`${props.id}-hint`} class="muted">
          {needed() ? props.hints.changedOutside : props.hints.otherwise}
        </p>
      </Show>
    </>
  );
}

/** Cancel (when the form can be left) and the submit button, busy while the form submits. */
export function FormActions(props: { submit: string; busy: boolean; onCancel?: () => void; submitTestId?: string }) {
  return (
    <div class="form-actions">
      <Show when={props.onCancel}>
        {(cancel) => (
          <Button onClick={() => cancel()()} disabled={props.busy}>
            Cancel
          </Button>
        )}
      </Show>
      <Button type="submit" variant="primary" busy={props.busy} data-testid={props.submitTestId}>
        {props.submit}
      </Button>
    </div>
  );
}
