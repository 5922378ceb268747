/**
 * Pieces the window's forms share: the error line (next to the control that failed, which points
 * at it with aria-describedby and is marked aria-invalid: `describedBy`), the secret of a
 * connection or consumer (kept in the keychain, never sent back), and the Cancel / submit row.
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import type { BindingStatus } from '../../../shared/types';
import { useI18n } from '../i18n';
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

/** The aria-describedby of a control: its hints, and its error's id while it has one. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const kept = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return kept.length > 0 ? kept.join(' ') : undefined;
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
  /** The id of the error shown for this field, while there is one. */
  errorId?: string | null;
}) {
  const { t } = useI18n();
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
        placeholder={needed() ? '' : t('add.secretUnchanged')}
        aria-invalid={props.errorId ? 'true' : undefined}
        aria-describedby={describedBy(props.saved && `${props.id}-hint`, props.errorId)}
      />
      <Show when={props.saved}>
        <p id={`${props.id}-hint`} class="muted">
          {needed() ? props.hints.changedOutside : props.hints.otherwise}
        </p>
      </Show>
    </>
  );
}

/** Cancel (when the form can be left) and the submit button, busy while the form submits; stays in view at the foot of a dialog. */
export function FormActions(props: { submit: string; busy: boolean; onCancel?: () => void; submitTestId?: string }) {
  const { t } = useI18n();
  return (
    <div class="form-actions sticky-actions">
      <Show when={props.onCancel}>
        {(cancel) => (
          <Button onClick={() => cancel()()} disabled={props.busy}>
            {t('common.cancel')}
          </Button>
        )}
      </Show>
      <Button type="submit" variant="primary" busy={props.busy} data-testid={props.submitTestId}>
        {props.submit}
      </Button>
    </div>
  );
}

/**
 * An address the user must register elsewhere (a SaaS's callback URL), with a button that copies
 * it. It is no secret, so the window writes the clipboard itself; the button says once that it did.
 */
export function CopyableAddress(props: { address: string; id?: string; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(props.address);
    setCopied(true);
    clearTimeout(timer);
    timer = setTimeout(() => setCopied(false), 3000);
  }
  return (
    <div class="inline copyable" data-testid={props.testId}>
      <code id={props.id}>{props.address}</code>
      <Button onClick={() => void copy()} aria-describedby={props.id}>
        {copied() ? t('add.copied') : t('add.copy')}
      </Button>
    </div>
  );
}
