/**
 * The account list as a listbox with one tab stop (the selected row, else the first): arrows,
 * Home, End, PageUp and PageDown move and select; Enter or a double click opens the detail. Rows
 * are keyed by account and read selection through a selector, so a selection change touches two
 * rows and an account change touches one.
 *
 * Only the rows in view (and a few either side) exist: every row has the same height, so which
 * rows are in view follows from the scroll position, and a spacer keeps the scroll bar the size of
 * the whole list. With 1,000 accounts the first frame draws about twenty rows instead of 1,000,
 * and the clock's tick updates the countdowns of those twenty only. What windowing would cost is
 * kept: each row says its place (`aria-posinset` of `aria-setsize`) so screen readers count the
 * whole list; the tab-stop row is always drawn, so focus is never lost when it scrolls away; the
 * keys move through the whole list, not just the drawn rows; and Ctrl/⌘+F goes to the filter,
 * which searches every account (find in page would only see the drawn rows). The arithmetic of
 * it is in account-list-window.ts.
 */
import { createMemo, createSelector, createSignal, For, onCleanup, onMount } from 'solid-js';
import type { AccountSummary } from '../../../shared/types';
import { createTokenState } from '../token-state';
import { drawnRows, keyTarget, listHeight, positionInSet, revealScrollTop, rowOffset, rowsInView, rowsPerPage } from './account-list-window';
import { ProviderBadge, StateBadge } from './Badges';
import { Expiry } from './Expiry';
import './AccountList.css';

/** `.account-row` height in AccountList.css; the real value is measured once a row is drawn. */
const ROW_HEIGHT_GUESS = 54;

export function AccountList(props: {
  accounts: readonly AccountSummary[];
  isSelected: (id: string) => boolean;
  selectedId: string | null;
  warnMs: number;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  ref?: (el: HTMLUListElement) => void;
}) {
  let listRef!: HTMLUListElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  // Until the list is measured, assume it is as tall as the window: enough rows for the first frame.
  const [viewport, setViewport] = createSignal(window.innerHeight);
  const [rowHeight, setRowHeight] = createSignal(ROW_HEIGHT_GUESS);

  onMount(() => {
    const measure = (): void =>
      keepingFocus(() => {
        setViewport(listRef.clientHeight);
        const row = listRef.querySelector<HTMLElement>('[role="option"]');
        if (row && row.offsetHeight > 0) setRowHeight(row.offsetHeight);
      });
    const observer = new ResizeObserver(measure);
    observer.observe(listRef);
    onCleanup(() => observer.disconnect());
  });

  const indexOf = createMemo(() => new Map(props.accounts.map((a, i) => [a.id, i])));

  // The tab stop is the selected row when it is in the (possibly filtered) list, else the first.
  const tabStop = createMemo(() => {
    const id = props.selectedId;
    return id !== null && indexOf().has(id) ? id : (props.accounts[0]?.id ?? null);
  });
  const isTabStop = createSelector(tabStop);

  const range = createMemo(() => rowsInView(props.accounts.length, { scrollTop: scrollTop(), height: viewport(), rowHeight: rowHeight() }), undefined, {
    equals: (a, b) => a.start === b.start && a.end === b.end,
  });

  // The rows in view, in order, and the tab-stop row wherever it is (before or after them).
  const drawn = createMemo(() => {
    const stop = tabStop();
    return drawnRows(range(), stop === null ? -1 : (indexOf().get(stop) ?? -1)).map((i) => props.accounts[i]!);
  });

  /**
   * Runs an update of the drawn rows without losing focus: when a scroll jumps far, Solid may move
   * the focused row in the document while it adds the new rows, and moving an element blurs it.
   */
  function keepingFocus(update: () => void): void {
    const active = document.activeElement;
    const id = active instanceof HTMLElement && listRef.contains(active) ? active.dataset.accountId : undefined;
    update();
    if (id !== undefined && document.activeElement !== active) rowOf(id)?.focus({ preventScroll: true });
  }

  const rowOf = (id: string): HTMLElement | null => listRef.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"]`);

  /** Scrolls the least that shows row `index` whole. */
  function reveal(index: number): void {
    const padding = Number.parseFloat(getComputedStyle(listRef).paddingTop) || 0;
    const next = revealScrollTop(index, rowHeight(), padding, { scrollTop: listRef.scrollTop, height: listRef.clientHeight });
    if (next !== listRef.scrollTop) listRef.scrollTop = next;
    keepingFocus(() => setScrollTop(listRef.scrollTop));
  }

  /** Selects a row and focuses it (the new tab stop, drawn even when out of view). */
  function select(id: string): void {
    props.onSelect(id);
    rowOf(id)?.focus({ preventScroll: true });
  }

  function move(e: KeyboardEvent): void {
    const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.accountId : undefined;
    const index = focusedId === undefined ? -1 : (indexOf().get(focusedId) ?? -1);
    const target = keyTarget(e.key, index, props.accounts.length, rowsPerPage(viewport(), rowHeight()));
    const account = target === undefined ? undefined : props.accounts[target];
    if (account && target !== undefined) {
      e.preventDefault();
      select(account.id);
      reveal(target);
    } else if (e.key === 'Enter' && focusedId !== undefined) {
      e.preventDefault();
      props.onOpen(focusedId);
    }
  }

  return (
    <ul
      ref={(el) => {
        listRef = el;
        props.ref?.(el);
      }}
      class="account-list"
      role="listbox"
      aria-label="Accounts"
      data-testid="account-list"
      style={{ '--list-height': `${listHeight(props.accounts.length, rowHeight())}px` }}
      onScroll={() => keepingFocus(() => setScrollTop(listRef.scrollTop))}
      onKeyDown={move}
    >
      <For each={drawn()}>
        {(account) => {
          const state = createTokenState(
            () => account,
            () => props.warnMs,
          );
          const index = (): number => indexOf().get(account.id) ?? 0;
          return (
            <li
              role="option"
              class="account-row"
              classList={{ selected: props.isSelected(account.id) }}
              style={{ transform: `translateY(${rowOffset(index(), rowHeight())}px)` }}
              aria-selected={props.isSelected(account.id)}
              aria-setsize={props.accounts.length}
              aria-posinset={positionInSet(index())}
              tabIndex={isTabStop(account.id) ? 0 : -1}
              data-testid="account-row"
              data-account-id={account.id}
              data-state={state()}
              onClick={() => select(account.id)}
              onDblClick={() => props.onOpen(account.id)}
            >
              <span class="row-name">{account.displayName}</span>
              <StateBadge state={state()} />
              <span class="row-subtitle">
                <ProviderBadge provider={account.provider} />
                <span class="row-subtitle-text">{account.subtitle}</span>
              </span>
              <Expiry at={account.expiresAt} class="row-expiry" noTitle />
            </li>
          );
        }}
      </For>
    </ul>
  );
}
