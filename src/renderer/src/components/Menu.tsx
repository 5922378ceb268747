/**
 * A menu button (WAI-ARIA Authoring Practices, "Menu Button"): Enter, Space or ArrowDown opens the
 * menu on its first item, ArrowUp on its last; in the menu the arrows move (and wrap), Home and End
 * jump, Escape closes it and returns focus to the button, Tab closes it and moves on. A click
 * outside closes it. Choosing an item closes the menu and gives focus back to the button before
 * the item runs, so an item that moves focus (Rename to its field) keeps it.
 */
import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly keyshortcuts?: string;
}

export function Menu(props: {
  /** The button's accessible name; it must contain its visible text. */
  label: string;
  children: JSX.Element;
  items: readonly MenuItem[];
  testId?: string;
  buttonRef?: (el: HTMLButtonElement) => void;
}) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let button!: HTMLButtonElement;
  let menu: HTMLDivElement | undefined;

  const items = (): HTMLElement[] => (menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')] : []);
  function openAt(which: 'first' | 'last'): void {
    setOpen(true);
    const list = items();
    (which === 'first' ? list[0] : list[list.length - 1])?.focus();
  }
  function close(returnFocus: boolean): void {
    setOpen(false);
    if (returnFocus) button.focus();
  }
  const outside = (e: PointerEvent): void => {
    if (open() && !menu?.contains(e.target as Node) && !button.contains(e.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', outside);
  onCleanup(() => document.removeEventListener('pointerdown', outside));

  function onMenuKey(e: KeyboardEvent): void {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number): void => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') {
      // The menu is closed, not the dialog or view around it.
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
  }

  function choose(item: MenuItem): void {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  }

  return (
    <div class="menu-anchor">
      <button
        ref={(el) => {
          button = el;
          props.buttonRef?.(el);
        }}
        type="button"
        class="button"
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={open() ? id : undefined}
        aria-label={props.label}
        data-testid={props.testId}
        onClick={() => (open() ? close(false) : requestAnimationFrame(() => openAt('first')))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            requestAnimationFrame(() => openAt(e.key === 'ArrowUp' ? 'last' : 'first'));
            setOpen(true);
          }
        }}
      >
        {props.children}
      </button>
      <Show when={open()}>
        <div ref={menu} id={id} role="menu" class="menu" aria-label={props.label} onKeyDown={onMenuKey} data-testid={props.testId ? `${props.testId}-menu` : undefined}>
          <For each={props.items}>
            {(item) => (
              <div
                role="menuitem"
                tabIndex={-1}
                class="menu-item"
                classList={{ danger: item.danger === true }}
                aria-disabled={item.disabled ? 'true' : undefined}
                aria-keyshortcuts={item.keyshortcuts}
                data-testid={item.id}
                onClick={() => choose(item)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    choose(item);
                  }
                }}
              >
                {item.label}
              </div>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
