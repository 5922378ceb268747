/**
 * A modal dialog on the native <dialog> element: the rest of the window is inert while it is
 * open, Escape closes it, and focus returns to whatever had it before.
 */
import { onCleanup, onMount, type JSX } from 'solid-js';

export function Dialog(props: { title: string; testId: string; onClose: () => void; children: JSX.Element; footer?: JSX.Element }) {
  let ref!: HTMLDialogElement;
  const previous = document.activeElement as HTMLElement | null;
  onMount(() => {
    ref.showModal();
    const first = ref.querySelector<HTMLElement>('[autofocus], input, button:not([data-close])');
    first?.focus();
  });
  onCleanup(() => {
    if (ref.open) ref.close();
    previous?.focus?.();
  });
  const titleId = `dialog-title-${props.testId}`;
  return (
    <dialog
      ref={ref}
      class="dialog"
      data-testid={props.testId}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon-button" data-close aria-label="Close" onClick={() => props.onClose()}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div class="dialog-body">{props.children}</div>
      {props.footer && <footer class="dialog-footer">{props.footer}</footer>}
    </dialog>
  );
}
