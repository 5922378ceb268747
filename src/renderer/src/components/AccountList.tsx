/**
 * The account list as a listbox with one tab stop (the selected row, else the first): arrows,
 * Home, End, PageUp and PageDown move and select; Enter or a double click opens the detail. Rows
 * are keyed by account and read selection through a selector, so a selection change touches two
 * rows and an account change touches one. Off-screen rows skip layout (content-visibility).
 *
 * A long list is drawn in slices: a screenful at once, the rest a few hundred rows per frame, so
 * the window shows accounts quickly even on a cold start with 1,000 of them. Windowing would
 * save more, but would cost the listbox its real rows (find in page, screen readers' counts).
 */
import { createEffect, createMemo, createSelector, createSignal, For, onCleanup } from 'solid-js';
import type { AccountSummary } from '../../../shared/types';
import { createTokenState } from '../token-state';
import { ProviderBadge, StateBadge } from './Badges';
import { Expiry } from './Expiry';

const PAGE = 10;
const FIRST_SLICE = 60;
const SLICE = 250;

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
  const [limit, setLimit] = createSignal(FIRST_SLICE);
  createEffect(() => {
    if (limit() >= props.accounts.length) return;
    const frame = requestAnimationFrame(() => setLimit((n) => n + SLICE));
    onCleanup(() => cancelAnimationFrame(frame));
  });
  const shown = createMemo(() => (props.accounts.length <= limit() ? props.accounts : props.accounts.slice(0, limit())));

  const rows = (): HTMLElement[] => [...listRef.querySelectorAll<HTMLElement>('[role="option"]')];

  function move(e: KeyboardEvent): void {
    const all = rows();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: all.length - 1,
      PageDown: index + PAGE,
      PageUp: index - PAGE,
    };
    const target = targets[e.key];
    if (target !== undefined) {
      e.preventDefault();
      const row = all[Math.max(0, Math.min(all.length - 1, target))];
      if (!row) return;
      row.focus();
      row.scrollIntoView({ block: 'nearest' });
      if (row.dataset.accountId) props.onSelect(row.dataset.accountId);
    } else if (e.key === 'Enter' && index >= 0) {
      e.preventDefault();
      const id = all[index]?.dataset.accountId;
      if (id) props.onOpen(id);
    }
  }

  // The tab stop is the selected row when it is in the (possibly filtered) list, else the first.
  const tabStop = createMemo(() => {
    const id = props.selectedId;
    return id !== null && props.accounts.some((a) => a.id === id) ? id : (props.accounts[0]?.id ?? null);
  });
  const isTabStop = createSelector(tabStop);

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
      onKeyDown={move}
    >
      <For each={shown()}>
        {(account) => {
          const state = createTokenState(
            () => account,
            () => props.warnMs,
          );
          return (
            <li
              role="option"
              class="account-row"
              classList={{ selected: props.isSelected(account.id) }}
              aria-selected={props.isSelected(account.id)}
              tabIndex={isTabStop(account.id) ? 0 : -1}
              data-testid="account-row"
              data-account-id={account.id}
              data-state={state()}
              onClick={() => props.onSelect(account.id)}
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
