/**
 * The list side of the window: the filter, the state chips and the account list. The filter
 * matches names, e-mails, providers, scopes and the words of each account's state in the window's
 * language ("expired", "期限切れ"); a chip narrows the list to one state. Accounts that need
 * attention come first (state/attention.ts decides which, and in what order).
 *
 * States are worked out here on the minute clock: which group an account belongs to changes at
 * most once a minute, while each row's words follow the second clock near their instant.
 */
import { createMemo, createSignal, Show } from 'solid-js';
import type { AccountSummary } from '../../../shared/types';
import { useI18n } from '../i18n';
import { accountState, arrange, chipCounts, inChip, matchesQuery, type AccountState, type ChipId } from '../state/attention';
import { useClock } from '../state/clock';
import { AccountList } from './AccountList';
import { StateChips } from './StateChips';

export function AccountSidebar(props: {
  accounts: readonly AccountSummary[];
  isSelected: (id: string) => boolean;
  selectedId: string | null;
  warnMs: number;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  listRef: (el: HTMLUListElement) => void;
  filterRef: (el: HTMLInputElement) => void;
  /** Gives the owner a way to show every account again (an account just added must be visible). */
  resetRef?: (reset: () => void) => void;
}) {
  const { t, fmt } = useI18n();
  const clock = useClock();
  const [query, setQuery] = createSignal('');
  const [chip, setChip] = createSignal<ChipId | null>(null);
  props.resetRef?.(() => {
    setQuery('');
    setChip(null);
  });
  let listEl: HTMLUListElement | undefined;

  const states = createMemo(() => {
    const now = clock.minute();
    return new Map<string, AccountState>(props.accounts.map((a) => [a.id, accountState(a, now, props.warnMs)]));
  });
  const stateOf = (a: AccountSummary): AccountState => states().get(a.id) ?? accountState(a, clock.minute(), props.warnMs);
  const counts = createMemo(() => chipCounts([...states().values()]));
  const shown = createMemo(() => {
    const q = query().trim();
    const c = chip();
    const matching = props.accounts.filter((a) => (c === null || inChip(stateOf(a), c)) && (q === '' || matchesQuery(a, stateOf(a), q, t, fmt())));
    // A chip shows one state: no groups then.
    if (c !== null) return { list: matching, attentionCount: 0 };
    const { attention, others } = arrange(matching, stateOf);
    return { list: [...attention, ...others], attentionCount: attention.length };
  });

  /** Into the list: to the selected row when it is shown, else the first. */
  function enterList(): void {
    const list = shown().list;
    const first = list[0];
    if (first && !list.some((a) => props.isSelected(a.id))) props.onSelect(first.id);
    requestAnimationFrame(() => {
      const id = props.selectedId;
      const row = id === null ? null : listEl?.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"]`);
      (row ?? listEl?.querySelector<HTMLElement>('[role="option"]'))?.focus();
    });
  }

  return (
    <nav class="sidebar" aria-label={t('list.label')}>
      <div class="filter">
        <label for="account-filter" class="visually-hidden">
          {t('list.filterLabel')}
        </label>
        <input
          id="account-filter"
          ref={props.filterRef}
          type="search"
          placeholder={t('list.filterPlaceholder', { count: fmt().number(props.accounts.length) })}
          autocomplete="off"
          spellcheck={false}
          aria-keyshortcuts="Control+F Meta+F"
          aria-controls="account-listbox"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              enterList();
            } else if (e.key === 'Escape' && query() !== '') {
              e.preventDefault();
              setQuery('');
            }
          }}
          data-testid="account-filter"
        />
      </div>
      <StateChips counts={counts()} total={props.accounts.length} chip={chip()} onChip={setChip} />
      <Show
        when={shown().list.length > 0}
        fallback={
          <p class="placeholder small" data-testid="no-match">
            {query().trim() === '' ? t('list.noneInChip') : t('list.noMatch', { query: query().trim() })}
          </p>
        }
      >
        <AccountList
          ref={(el) => {
            listEl = el;
            el.id = 'account-listbox';
            props.listRef(el);
          }}
          accounts={shown().list}
          attentionCount={shown().attentionCount}
          isSelected={props.isSelected}
          selectedId={props.selectedId}
          warnMs={props.warnMs}
          onSelect={props.onSelect}
          onOpen={props.onOpen}
        />
      </Show>
    </nav>
  );
}
