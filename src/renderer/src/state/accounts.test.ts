/**
 * The accounts store (accounts.ts), real, over a small in-memory bridge: the test plays main,
 * answering calls from its own list of accounts and sending `accountsChanged` when it likes.
 * Each store lives in a Solid root that the test disposes, as the window's App does on close.
 */
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/channels';
import type { PayloadOf, TesseraApi } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/types';
import '../../../shared/i18n/all-catalogues';
import { errorText } from '../../../shared/i18n/error-text';
import { ja } from '../../../shared/i18n/catalogue/ja';
import { createAccountsStore, type AccountsStore } from './accounts';

const account = (id: string, displayName = `Account ${id}`): AccountSummary => ({
  id,
  provider: 'saasus',
  displayName,
  subtitle: `${id}@example.com`,
  avatarUrl: null,
  expiresAt: null,
  status: 'ok',
  statusMessage: null,
  updatedAt: 1,
});

const notFound = { ok: false, error: { code: 'not_found', message: 'This account no longer exists.' } } as const;

/** Main, as far as the accounts store sees it: a list of accounts, the calls on it, and events. */
function memoryMain(initial: readonly AccountSummary[]) {
  let accounts = [...initial];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  /** Answers listAccounts; a test replaces it to answer late, or to fail. */
  let listAccounts = (): Promise<Result<readonly AccountSummary[]>> => Promise.resolve({ ok: true, value: [...accounts] });
  const handlers: Partial<TesseraApi> = {
    listAccounts: () => listAccounts(),
    renameAccount: async ({ id, name }) => {
      const found = accounts.find((a) => a.id === id);
      if (!found) return notFound;
      if (name.trim() === '') return { ok: false, error: { code: 'invalid_input', message: 'A name cannot be empty.' } };
      const renamed = { ...found, displayName: name.trim(), updatedAt: found.updatedAt + 1 };
      accounts = accounts.map((a) => (a.id === id ? renamed : a));
      return { ok: true, value: renamed };
    },
    removeAccount: async ({ id }) => {
      if (!accounts.some((a) => a.id === id)) return notFound;
      accounts = accounts.filter((a) => a.id !== id);
      return { ok: true, value: null };
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
  // Any other call is not part of these tests: it answers an error rather than pretending.
  const api = new Proxy(handlers, {
    get: (target, name: string) =>
      target[name as keyof TesseraApi] ?? (() => Promise.resolve({ ok: false, error: { code: 'internal', message: `${name} is not part of this test.` } })),
  }) as TesseraApi;
  return {
    api,
    /** Main's list changes on its own (another window, the scheduler) and says so. */
    change(next: readonly AccountSummary[]): void {
      accounts = [...next];
      for (const listener of listeners.get('accountsChanged') ?? []) (listener as (payload: PayloadOf<'accountsChanged'>) => void)([...next]);
    },
    answerListWith(answer: () => Promise<Result<readonly AccountSummary[]>>): void {
      listAccounts = answer;
    },
    subscribers: (event: EventName): number => listeners.get(event)?.size ?? 0,
  };
}

const roots: (() => void)[] = [];
afterEach(() => roots.splice(0).forEach((dispose) => dispose()));

function storeOver(main: ReturnType<typeof memoryMain>): AccountsStore {
  return createRoot((dispose) => {
    roots.push(dispose);
    return createAccountsStore(main.api);
  });
}

const ids = (store: AccountsStore): string[] => store.accounts().map((a) => a.id);

describe('loading the list', () => {
  it('shows main’s list once it answers', async () => {
    const store = storeOver(memoryMain([account('a'), account('b')]));
    expect(store.loaded()).toBe(false);
    await store.reload();
    expect(store.loaded()).toBe(true);
    expect(ids(store)).toEqual(['a', 'b']);
  });

  it('a slow listAccounts answer never overwrites a newer accountsChanged event', async () => {
    const main = memoryMain([account('a'), account('b')]);
    const store = storeOver(main);
    let answer!: (result: Result<readonly AccountSummary[]>) => void;
    main.answerListWith(() => new Promise((resolve) => (answer = resolve)));
    const loading = store.reload();
    // While the list is on its way, main says an account was added and another renamed.
    main.change([account('a', 'Renamed'), account('b'), account('c')]);
    answer({ ok: true, value: [account('a'), account('b')] });
    await loading;
    expect(ids(store)).toEqual(['a', 'b', 'c']);
    expect(store.accounts()[0]?.displayName).toBe('Renamed');
    expect(store.loaded()).toBe(true);
  });

  it('says why the list could not be loaded (the error, to be worded in the window’s language), and forgets it once it loads', async () => {
    const main = memoryMain([account('a')]);
    const store = storeOver(main);
    const failure = { code: 'metadata_error', message: 'Tessera cannot open its settings file.', key: 'vault.cannotOpen' } as const;
    main.answerListWith(() => Promise.resolve({ ok: false, error: failure }));
    await store.reload();
    expect(store.loaded()).toBe(true);
    expect(store.loadFailure()).toEqual(failure);
    expect(errorText('ja', store.loadFailure()!)).toBe(ja.errors.vault.cannotOpen);
    expect(ids(store)).toEqual([]);
    main.answerListWith(() => Promise.resolve({ ok: true, value: [account('a')] }));
    await store.reload();
    expect(store.loadFailure()).toBeNull();
    expect(ids(store)).toEqual(['a']);
  });

  it('an account that did not change keeps its object across events, so its row is not drawn again', async () => {
    const main = memoryMain([account('a'), account('b')]);
    const store = storeOver(main);
    await store.reload();
    const [before] = store.accounts();
    main.change([account('a'), account('b', 'Renamed')]);
    expect(store.accounts()[0]).toBe(before);
    expect(store.accounts()[1]?.displayName).toBe('Renamed');
  });

  it('stops listening to main when the window’s root is disposed', () => {
    const main = memoryMain([]);
    const dispose = createRoot((dispose) => {
      createAccountsStore(main.api);
      return dispose;
    });
    expect(main.subscribers('accountsChanged')).toBe(1);
    dispose();
    expect(main.subscribers('accountsChanged')).toBe(0);
  });
});

describe('rename and remove', () => {
  it('a rename shows as soon as main answers, before any event', async () => {
    const store = storeOver(memoryMain([account('a'), account('b')]));
    await store.reload();
    const result = await store.rename('b', '  Production  ');
    expect(result).toMatchObject({ ok: true, value: { id: 'b', displayName: 'Production' } });
    expect(store.accounts().map((a) => a.displayName)).toEqual(['Account a', 'Production']);
  });

  it('a refused rename is answered with its reason and changes nothing', async () => {
    const store = storeOver(memoryMain([account('a')]));
    await store.reload();
    expect(await store.rename('a', '   ')).toEqual({ ok: false, error: { code: 'invalid_input', message: 'A name cannot be empty.' } });
    expect(store.accounts()[0]?.displayName).toBe('Account a');
  });

  it('a removed account leaves the list as soon as main answers', async () => {
    const store = storeOver(memoryMain([account('a'), account('b')]));
    await store.reload();
    expect(await store.remove('a')).toEqual({ ok: true, value: null });
    expect(ids(store)).toEqual(['b']);
  });

  it('a failed removal is answered with its reason and keeps the account', async () => {
    const main = memoryMain([account('a')]);
    const store = storeOver(main);
    await store.reload();
    // Removed behind the window's back (no event reached it): main cannot find it any more.
    await main.api.removeAccount({ id: 'a' });
    expect(await store.remove('a')).toEqual(notFound);
    expect(ids(store)).toEqual(['a']);
  });
});

describe('selection', () => {
  async function selecting(id: string, list = ['a', 'b', 'c', 'd']) {
    const main = memoryMain(list.map((x) => account(x)));
    const store = storeOver(main);
    await store.reload();
    store.select(id);
    return { main, store };
  }

  it('follows the selected account', async () => {
    const { store } = await selecting('b');
    expect(store.selected()?.id).toBe('b');
    expect(store.isSelected('b')).toBe(true);
    expect(store.isSelected('a')).toBe(false);
  });

  it('moves to the next account when the selected one is removed', async () => {
    const { store } = await selecting('b');
    await store.remove('b');
    expect(store.selectedId()).toBe('c');
  });

  it('moves to the previous account when the selected one was the last', async () => {
    const { store } = await selecting('d');
    await store.remove('d');
    expect(store.selectedId()).toBe('c');
  });

  it('moves to the neighbour when the selected account disappears in an event', async () => {
    const { main, store } = await selecting('c');
    main.change([account('a'), account('b'), account('d')]);
    expect(store.selectedId()).toBe('d');
  });

  it('is cleared when the last account goes', async () => {
    const { main, store } = await selecting('a', ['a']);
    main.change([]);
    expect(store.selectedId()).toBeNull();
    expect(store.selected()).toBeNull();
  });

  it('stays on its account when others come and go, wherever it moves in the list', async () => {
    const { main, store } = await selecting('c');
    main.change([account('c'), account('e')]);
    expect(store.selectedId()).toBe('c');
    await store.rename('c', 'Still here');
    expect(store.selected()?.displayName).toBe('Still here');
  });
});
