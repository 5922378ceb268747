/**
 * The account list as a listbox: one tab stop (the selected or first row), arrows, Home and End
 * move, Enter or a click opens the detail. Rows are keyed by account, so an update re-renders only
 * what changed.
 */
import { createMemo, For } from 'solid-js';
import { tokenState, type AccountSummary } from '../../../shared/types';
import { expiryText, isUrgent } from '../format';
import type { Clock } from '../state/clock';
import { ProviderBadge, StateBadge } from './Badges';

export function AccountList(props: {
  accounts: readonly AccountSummary[];
  selectedId: string | null;
  warnMs: number;
  clock: Clock;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  let listRef!: HTMLUListElement;
  const focusRow = (index: number): void => {
    const rows = listRef.querySelectorAll<HTMLElement>('[role="option"]');
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    row?.focus();
    if (row?.dataset.accountId) props.onSelect(row.dataset.accountId);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const rows = [...listRef.querySelectorAll<HTMLElement>('[role="option"]')];
    const index = rows.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1, PageDown: index + 10, PageUp: index - 10 };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      focusRow(target);
    } else if (e.key === 'Enter' && index >= 0) {
      e.preventDefault();
      const id = rows[index]?.dataset.accountId;
      if (id) props.onOpen(id);
    }
  };
  const tabStop = createMemo(() => props.selectedId ?? props.accounts[0]?.id ?? null);

  return (
    <ul ref={listRef} class="account-list" role="listbox" aria-label="Accounts" data-testid="account-list" onKeyDown={onKeyDown}>
      <For each={props.accounts}>
        {(account) => {
          // Seconds matter only within the hour; otherwise the row follows the minute clock.
          const now = () => (isUrgent(account.expiresAt, props.clock.minute()) ? props.clock.now() : props.clock.minute());
          const state = createMemo(() => tokenState(account, now(), props.warnMs));
          const expiry = createMemo(() => expiryText(account.expiresAt, now()));
          return (
            <li
              role="option"
              class="account-row"
              classList={{ selected: props.selectedId === account.id }}
              aria-selected={props.selectedId === account.id}
              tabIndex={tabStop() === account.id ? 0 : -1}
              data-testid="account-row"
              data-account-id={account.id}
              onClick={() => {
                props.onSelect(account.id);
                props.onOpen(account.id);
              }}
            >
              <div class="row-main">
                <span class="row-name">{account.displayName}</span>
                <span class="row-subtitle">{account.subtitle}</span>
              </div>
              <div class="row-meta">
                <ProviderBadge provider={account.provider} />
                <StateBadge state={state()} />
                <span class="row-expiry">{expiry()}</span>
              </div>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
