/**
 * Buttons of the design system. `Button` shows a spinner and aria-busy while `busy`; `AsyncButton`
 * runs an action that answers a Result, shows progress while it runs, and shows the error in a toast
 * (or hands it to `onError`), so no failure goes unseen. The copy buttons (CredentialsCard.tsx)
 * are AsyncButtons for "main writes this to the clipboard": the value never comes to the window.
 */
import { createSignal, onCleanup, Show, splitProps, type JSX } from 'solid-js';
import type { ErrorInfo, Result } from '../../../shared/errors';
import { useErrorText } from '../error-text';
import { showToast } from '../state/toasts';

type Variant = 'default' | 'primary' | 'danger' | 'danger-solid';

export interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class'> {
  variant?: Variant;
  busy?: boolean;
  class?: string;
}

export function Button(props: ButtonProps) {
  const [own, rest] = splitProps(props, ['variant', 'busy', 'class', 'children', 'disabled', 'type']);
  return (
    <button
      {...rest}
      type={own.type ?? 'button'}
      class={`button ${own.variant && own.variant !== 'default' ? own.variant : ''} ${own.class ?? ''}`}
      disabled={own.disabled || own.busy}
      aria-busy={own.busy ? 'true' : undefined}
    >
      <Show when={own.busy}>
        <span class="spinner" aria-hidden="true" />
      </Show>
      {own.children}
    </button>
  );
}

export interface AsyncButtonProps<T> extends Omit<ButtonProps, 'onClick' | 'busy' | 'onError'> {
  run: () => Promise<Result<T>>;
  onSuccess?: (value: T) => void;
  /** Shows the error somewhere else (next to a field); by default it is a toast. */
  onError?: (error: ErrorInfo) => void;
  /** The label while running ("Removing…"); the normal label otherwise. */
  busyLabel?: string;
}

export function AsyncButton<T>(props: AsyncButtonProps<T>) {
  const [own, rest] = splitProps(props, ['run', 'onSuccess', 'onError', 'busyLabel', 'children']);
  const [busy, setBusy] = createSignal(false);
  const errorText = useErrorText();
  let alive = true;
  onCleanup(() => (alive = false));
  async function click(): Promise<void> {
    setBusy(true);
    const result = await own.run();
    if (!alive) return;
    setBusy(false);
    if (result.ok) own.onSuccess?.(result.value);
    else if (own.onError) own.onError(result.error);
    else showToast('error', errorText(result.error));
  }
  return (
    <Button {...rest} busy={busy()} onClick={() => void click()}>
      {busy() && own.busyLabel ? own.busyLabel : own.children}
    </Button>
  );
}
