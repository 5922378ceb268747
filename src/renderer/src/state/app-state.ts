/**
 * The renderer's view of main: accounts, settings and keychain status, loaded over the bridge
 * and kept current by main's events. Subscriptions are cleaned up with the owner.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { DEFAULT_SETTINGS, type AccountSummary, type Settings, type VaultStatus } from '../../../shared/types';
import { showToast } from './toasts';

export interface AppState {
  readonly accounts: Accessor<readonly AccountSummary[]>;
  readonly loaded: Accessor<boolean>;
  readonly settings: Accessor<Settings>;
  readonly vault: Accessor<VaultStatus>;
  readonly loadError: Accessor<string | null>;
  reload(): Promise<void>;
  /** Asks main to try the keychain again (the banner's Retry). */
  recheckVault(): Promise<void>;
}

export function createAppState(): AppState {
  const api = window.tessera;
  // A store reconciled by id: a changed account updates its own row, not the whole list.
  const [accountStore, setAccountStore] = createStore<{ list: AccountSummary[] }>({ list: [] });
  const setAccounts = (list: readonly AccountSummary[]): void => setAccountStore('list', reconcile([...list], { key: 'id' }));
  const accounts = (): readonly AccountSummary[] => accountStore.list;
  const [loaded, setLoaded] = createSignal(false);
  const [settings, setSettings] = createSignal<Settings>(DEFAULT_SETTINGS);
  const [vault, setVault] = createSignal<VaultStatus>({ available: true, message: null });
  const [loadError, setLoadError] = createSignal<string | null>(null);

  const offs = [
    api.on('accountsChanged', (list) => setAccounts(list)),
    api.on('settingsChanged', (s) => setSettings(s)),
    api.on('vaultStatusChanged', (s) => setVault(s)),
  ];
  onCleanup(() => offs.forEach((off) => off()));

  async function reload(): Promise<void> {
    const [list, prefs] = await Promise.all([api.listAccounts(), api.getSettings()]);
    if (list.ok) {
      setAccounts(list.value);
      setLoadError(null);
    } else setLoadError(list.error.message);
    if (prefs.ok) setSettings(prefs.value);
    else showToast('error', prefs.error.message);
    setLoaded(true);
    // The keychain is probed after the list is drawn: showing the list costs no keychain access.
    await recheckVault();
  }

  async function recheckVault(): Promise<void> {
    const status = await api.getVaultStatus();
    if (status.ok) setVault(status.value);
  }

  void reload();
  return { accounts, loaded, settings, vault, loadError, reload, recheckVault };
}
