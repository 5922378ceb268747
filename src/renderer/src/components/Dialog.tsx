/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the window inert
 * (focus cannot leave it), Escape closes it through onClose (which may refuse while busy), and
 * focus returns to whatever had it before, or to `returnFocus()` when that element is gone.
 *
 * Tab wraps around every focusable kind (focusable.ts: `<summary>` included). Because a modal
 * dialog makes everything outside it inert, the toasts raised while one is open are drawn inside
 * the topmost open dialog, under its title (App.tsx draws them in the window otherwise), where
 * Tab and screen readers reach them and they cover none of the dialog's controls.
 *
 * The body scrolls and a view's main actions (`.sticky-actions`) stay visible at its foot, so a
 * long form still shows its button at 800×600 and below.
 */
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { useI18n } from '../i18n';
import { focusableIn } from './focusable';
import { Toasts } from './Toasts';
import './Dialog.css';

let nextDialog = 1;

const [openDialogs, setOpenDialogs] = createSignal<readonly number[]>([]);
/** Whether any dialog is open (the window's own toasts then give way to the dialog's). */
export const dialogOpen = (): boolean => openDialogs().length > 0;

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
  const { t } = useI18n();
  let ref!: HTMLDialogElement;
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const serial = nextDialog++;
  const titleId = `dialog-title-${serial}`;
  const isTop = (): boolean => openDialogs()[openDialogs().length - 1] === serial;
  onMount(() => {
    ref.showModal();
    setOpenDialogs((open) => [...open, serial]);
    const first = ref.querySelector<HTMLElement>('[autofocus]:not([disabled])') ?? focusableIn(ref).find((el) => !el.hasAttribute('data-close'));
    first?.focus();
  });
  onCleanup(() => {
    setOpenDialogs((open) => open.filter((n) => n !== serial));
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
        const all = focusableIn(ref);
        const first = all[0];
        const last = all[all.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && (document.activeElement === first || !ref.contains(document.activeElement))) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !ref.contains(document.activeElement))) {
          e.preventDefault();
          first.focus();
        }
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon-button" data-close aria-label={t('common.close')} disabled={props.busy} onClick={close}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <Show when={isTop()}>
        <Toasts />
      </Show>
      <div class="dialog-body">{props.children}</div>
      {props.footer && <footer class="dialog-footer">{props.footer}</footer>}
    </dialog>
  );
}
