/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the window inert
 * (focus cannot leave it), Escape closes it through onClose (which may refuse while busy), and
 * focus returns to whatever had it before, or to `returnFocus()` when that element is gone.
 */
import { onCleanup, onMount, type JSX } from 'solid-js';
import './Dialog.css';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not([data-close]):not([aria-disabled="true"]), [tabindex="0"]';

let nextDialog = 1;

export function Dialog(props: {
  title: string;
  testId: string;
  onClose: () => void;
  children: JSX.Element;
  footer?: JSX.Element;
  /** Whether closing is refused for now (an action is running). */
  busy?: boolean;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  let ref!: HTMLDialogElement;
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `dialog-title-${nextDialog++}`;
  onMount(() => {
    ref.showModal();
    const first = ref.querySelector<HTMLElement>('[autofocus]:not([disabled])') ?? ref.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE}), .dialog-footer :is(${FOCUSABLE})`);
    first?.focus();
  });
  onCleanup(() => {
    if (ref.open) ref.close();
    const target = previous?.isConnected ? previous : props.returnFocus?.();
    target?.focus();
  });
  const close = (): void => {
    if (!props.busy) props.onClose();
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      data-testid={props.testId}
      aria-labelledby={titleId}
      aria-busy={props.busy ? 'true' : undefined}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onKeyDown={(e) => {
        // showModal() keeps focus out of the window behind, but Tab past the last control would
        // leave the page; wrap it around instead.
        if (e.key !== 'Tab') return;
        const all = [...ref.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex="0"]')].filter((el) => el.offsetParent !== null);
        const first = all[0];
        const last = all[all.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon-button" data-close aria-label="Close" disabled={props.busy} onClick={close}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div class="dialog-body">{props.children}</div>
      {props.footer && <footer class="dialog-footer">{props.footer}</footer>}
    </dialog>
  );
}
