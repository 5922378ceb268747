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
 *
 * When some accounts need attention (state/attention.ts), they come first in a group of their own
 * ("Needs attention · 3"), the others after "Other accounts": each group is an ARIA group named by
 * its heading, and each heading takes one row's place, so the arithmetic stays that of equal rows.
 * Each row tells two accounts of one person apart (consumer and rights, or SaaS and tenants) and
 * says its state in words ("Refresh failing · valid 58 min").
 */
import { createComputed, createEffect, createMemo, createSelector, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { AccountSummary } from '../../../shared/types';
import { useI18n } from '../i18n';
import { accountState, scopeLine, stateWhen } from '../state/attention';
import { timeFor, useClock } from '../state/clock';
import { drawnRows, keyTarget, layoutSlots, listHeight, positionInSet, revealScrollTop, rowOffset, rowsInView, rowsPerPage } from './account-list-window';
import { ProviderBadge, StateBadge } from './Badges';
import './AccountList.css';

/** `.account-row` height in AccountList.css; the real value is measured once a row is drawn. */
const ROW_HEIGHT_GUESS = 54;

export function AccountList(props: {
  /** In the order shown: those that need attention first (`attentionCount` of them), then the others. */
  accounts: readonly AccountSummary[];
  attentionCount: number;
  isSelected: (id: string) => boolean;
  selectedId: string | null;
  warnMs: number;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  ref?: (el: HTMLUListElement) => void;
}) {
  const { t, fmt } = useI18n();
  const clock = useClock();
  let listRef!: HTMLUListElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  // Until the list is measured, assume it is as tall as the window: enough rows for the first frame.
  const [viewport, setViewport] = createSignal(window.innerHeight);
  const [rowHeight, setRowHeight] = createSignal(ROW_HEIGHT_GUESS);

  onMount(() => {
    const measure = (): void => {
      setViewport(listRef.clientHeight);
      const row = listRef.querySelector<HTMLElement>('[role="option"]');
      if (row && row.offsetHeight > 0) setRowHeight(row.offsetHeight);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(listRef);
    onCleanup(() => observer.disconnect());
  });

  const indexOf = createMemo(() => new Map(props.accounts.map((a, i) => [a.id, i])));
  const layout = createMemo(() => layoutSlots([props.attentionCount, props.accounts.length - props.attentionCount]));
  const headed = (): boolean => layout().slots[0]?.kind === 'heading';

  // The tab stop is the selected row when it is in the (possibly filtered) list, else the first.
  const tabStop = createMemo(() => {
    const id = props.selectedId;
    return id !== null && indexOf().has(id) ? id : (props.accounts[0]?.id ?? null);
  });
  const isTabStop = createSelector(tabStop);

  const range = createMemo(() => rowsInView(layout().slots.length, { scrollTop: scrollTop(), height: viewport(), rowHeight: rowHeight() }), undefined, {
    equals: (a, b) => a.start === b.start && a.end === b.end,
  });

  // The places in view, in order, and the tab-stop row wherever it is (before or after them); a
  // group's rows go in its group.
  const drawn = createMemo(() => {
    const stop = tabStop();
    const stopIndex = stop === null ? -1 : (indexOf().get(stop) ?? -1);
    const { slots, slotOfRow } = layout();
    const places = drawnRows(range(), stopIndex < 0 ? -1 : (slotOfRow[stopIndex] ?? -1)).map((i) => slots[i]!);
    // The accounts themselves, not objects made here: <For> keys rows by item, so a row (and the
    // focus in it) lives on from one recomputation to the next (each scroll step, each list update).
    const rows = (group: number) => places.flatMap((p) => (p.kind === 'row' && p.group === group ? [props.accounts[p.index]!] : []));
    return [rows(0), rows(1)] as const;
  });
  const slotOf = (index: number): number => layout().slotOfRow[index] ?? index;
  const headingSlot = (group: number): number => layout().slots.findIndex((s) => s.kind === 'heading' && s.group === group);

  /**
   * Keeps the focus through an update of the drawn rows. Solid moves or redraws rows in the
   * document when they change (a scroll that jumps far, an account that changed place or group
   * after a list update or the minute's new states), and moving an element blurs it. Before the
   * update reaches the document, note the focused row's account; after it, focus that account's
   * row again if the focus was lost on the way.
   */
  let focusedBefore: { readonly id: string; readonly element: Element } | undefined;
  createComputed(
    on(
      drawn,
      () => {
        const active = document.activeElement;
        const id = active instanceof HTMLElement && listRef.contains(active) ? active.dataset.accountId : undefined;
        focusedBefore = id === undefined || active === null ? undefined : { id, element: active };
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      drawn,
      () => {
        if (focusedBefore && document.activeElement !== focusedBefore.element) rowOf(focusedBefore.id)?.focus({ preventScroll: true });
        focusedBefore = undefined;
      },
      { defer: true },
    ),
  );

  const rowOf = (id: string): HTMLElement | null => listRef.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"]`);

  /** Scrolls the least that shows row `index` whole. */
  function reveal(index: number): void {
    const padding = Number.parseFloat(getComputedStyle(listRef).paddingTop) || 0;
    const slot = slotOf(index);
    // The first row of a group brings its heading into view with it.
    const places = layout().slots[slot - 1]?.kind === 'heading' ? [slot - 1, slot] : [slot];
    for (const place of places) {
      const next = revealScrollTop(place, rowHeight(), padding, { scrollTop: listRef.scrollTop, height: listRef.clientHeight });
      if (next !== listRef.scrollTop) listRef.scrollTop = next;
    }
    setScrollTop(listRef.scrollTop);
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

  // Rows count through the whole list (both groups), as the keys move through it.
  const row = (account: AccountSummary) => {
    const now = (): number => timeFor(clock, account.scope?.sessionEndsAt ?? account.expiresAt);
    const state = createMemo(() => accountState(account, now(), props.warnMs));
    const scope = createMemo(() => scopeLine(account, t, fmt()));
    const when = createMemo(() => stateWhen(state(), now(), t, fmt()));
    const index = (): number => indexOf().get(account.id) ?? 0;
    return (
      <div
        role="option"
        class="account-row"
        classList={{ selected: props.isSelected(account.id) }}
        style={{ transform: `translateY(${rowOffset(slotOf(index()), rowHeight())}px)` }}
        aria-selected={props.isSelected(account.id)}
        aria-setsize={props.accounts.length}
        aria-posinset={positionInSet(index())}
        tabIndex={isTabStop(account.id) ? 0 : -1}
        data-testid="account-row"
        data-account-id={account.id}
        data-state={state().kind}
        data-tone={state().tone}
        onClick={() => select(account.id)}
        onDblClick={() => props.onOpen(account.id)}
      >
        <span class="row-name">{account.displayName}</span>
        <StateBadge state={state()} />
        <span class="row-subtitle">
          <ProviderBadge provider={account.provider} />
          <span class="row-subtitle-text">
            {account.subtitle}
            <Show when={scope()}>
              {(text) => (
                <span class="row-scope" data-testid="row-scope">
                  {t('list.scope.separator')}
                  {text()}
                </span>
              )}
            </Show>
          </span>
        </span>
        <span class="row-expiry" data-testid="row-when">
          {when() ?? ''}
        </span>
      </div>
    );
  };

  const group = (n: 0 | 1) => (
    <div
      role="group"
      class="account-group"
      aria-labelledby={headed() ? `account-group-${n}` : undefined}
      aria-label={headed() ? undefined : t('list.label')}
      data-testid={n === 0 ? 'attention-group' : 'other-group'}
    >
      <Show when={headed()}>
        <span
          id={`account-group-${n}`}
          class="list-heading"
          classList={{ attention: n === 0 }}
          style={{ transform: `translateY(${rowOffset(headingSlot(n), rowHeight())}px)`, height: `${rowHeight()}px` }}
          data-testid={n === 0 ? 'attention-heading' : 'other-heading'}
        >
          {n === 0 ? t('list.needsAttention', { count: fmt().number(props.attentionCount) }) : t('list.others')}
        </span>
      </Show>
      <For each={drawn()[n]}>{(account) => row(account)}</For>
    </div>
  );

  return (
    <ul
      ref={(el) => {
        listRef = el;
        props.ref?.(el);
      }}
      class="account-list"
      role="listbox"
      aria-label={t('list.label')}
      data-testid="account-list"
      style={{ '--list-height': `${listHeight(layout().slots.length, rowHeight())}px` }}
      onScroll={() => setScrollTop(listRef.scrollTop)}
      onKeyDown={move}
    >
      <Show when={props.attentionCount > 0}>{group(0)}</Show>
      <Show when={props.accounts.length > props.attentionCount}>{group(1)}</Show>
    </ul>
  );
}
