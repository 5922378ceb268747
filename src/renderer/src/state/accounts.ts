/**
 * The account list as the window sees it: loaded over the bridge, kept current by main's
 * `accountsChanged` event, plus which account is selected. Rename and remove go through here so
 * the list is right as soon as main answers, whichever of the answer and the event comes first.
 *
 * The list lives in a store reconciled by id: an account that changes updates its own row, and an
 * unchanged account keeps its object (and its row) across events.
 */
import { createMemo, createSelector, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { TesseraApi } from '../../../shared/contract';
import type { ErrorInfo, Result } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/types';

export interface AccountsStore {
  readonly accounts: Accessor<readonly AccountSummary[]>;
  /** False until the first answer (or failure) of listAccounts. */
  readonly loaded: Accessor<boolean>;
  /** Why the list could not be loaded, for the banner: the error itself, worded with useErrorText(). */
  readonly loadFailure: Accessor<ErrorInfo | null>;
  readonly selectedId: Accessor<string | null>;
  readonly selected: Accessor<AccountSummary | null>;
  /** `isSelected(id)` notifies only the rows whose answer changed (two per selection change). */
  readonly isSelected: (id: string) => boolean;
  select(id: string | null): void;
  reload(): Promise<void>;
  rename(id: string, name: string): Promise<Result<AccountSummary>>;
  /** Removes: a Clever Cloud token is revoked at Clever Cloud first (unless `localOnly`); SaaSus is removed here. */
  remove(id: string, localOnly?: boolean): Promise<Result<null>>;
}

export function createAccountsStore(api: TesseraApi): AccountsStore {
  const [state, setState] = createStore<{ list: AccountSummary[] }>({ list: [] });
  const [loaded, setLoaded] = createSignal(false);
  const [loadFailure, setLoadFailure] = createSignal<ErrorInfo | null>(null);
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  // Bumped by every event, so a slow listAccounts answer never overwrites a newer event.
  let generation = 0;

  /** Replaces the list; when the selected account is gone, its neighbour is selected instead. */
  function setList(list: readonly AccountSummary[]): void {
    const current = selectedId();
    const index = current === null ? -1 : state.list.findIndex((a) => a.id === current);
    // Nothing to keep on the first load: set the list as is (reconciling 1,000 new items costs).
    if (state.list.length === 0) setState('list', [...list]);
    else setState('list', reconcile([...list], { key: 'id', merge: false }));
    if (current !== null && !list.some((a) => a.id === current)) {
      setSelectedId(index < 0 ? null : (list[Math.min(index, list.length - 1)]?.id ?? null));
    }
  }

  onCleanup(
    api.on('accountsChanged', (list) => {
      generation++;
      setList(list);
    }),
  );

  async function reload(): Promise<void> {
    const seen = generation;
    const result = await api.listAccounts();
    if (result.ok) {
      if (seen === generation) setList(result.value);
      setLoadFailure(null);
    } else {
      setLoadFailure(result.error);
    }
    setLoaded(true);
  }

  async function rename(id: string, name: string): Promise<Result<AccountSummary>> {
    const result = await api.renameAccount({ id, name });
    if (result.ok) {
      const index = state.list.findIndex((a) => a.id === id);
      if (index >= 0) setState('list', index, reconcile(result.value));
    }
    return result;
  }

  async function remove(id: string, localOnly = false): Promise<Result<null>> {
    const result = await api.removeAccount({ id, localOnly });
    if (result.ok) setList(state.list.filter((a) => a.id !== id));
    return result;
  }

  const selected = createMemo(() => {
    const id = selectedId();
    return id === null ? null : (state.list.find((a) => a.id === id) ?? null);
  });

  return {
    accounts: () => state.list,
    loaded,
    loadFailure,
    selectedId,
    selected,
    isSelected: createSelector(selectedId),
    select: setSelectedId,
    reload,
    rename,
    remove,
  };
}
