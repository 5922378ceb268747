/**
 * The window: header, banner, account list, detail pane, dialogs and toasts, plus the window's
 * keyboard shortcuts.
 */
import { createMemo, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { AccountList } from './components/AccountList';
import { AddAccountDialog } from './components/AddAccountDialog';
import { DetailPane } from './components/DetailPane';
import { SettingsDialog } from './components/SettingsDialog';
import { Toasts } from './components/Toasts';
import { createAppState } from './state/app-state';
import { createClock } from './state/clock';

const DAY = 86_400_000;

export function App() {
  const app = createAppState();
  const clock = createClock();
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [dialog, setDialog] = createSignal<'add' | 'settings' | null>(null);
  const [renameRequest, setRenameRequest] = createSignal(0);
  const [removeRequest, setRemoveRequest] = createSignal(0);
  const warnMs = () => app.settings().expiryWarningDays * DAY;
  const selected = createMemo(() => app.accounts().find((a) => a.id === selectedId()) ?? null);

  const onKey = (e: KeyboardEvent): void => {
    const mod = e.ctrlKey || e.metaKey;
    if (dialog()) return;
    if (mod && e.key.toLowerCase() === 'n') {
      e.preventDefault();
      setDialog('add');
    } else if (mod && e.key === ',') {
      e.preventDefault();
      setDialog('settings');
    } else if (e.key === 'F2' && selected()) {
      e.preventDefault();
      setRenameRequest((n) => n + 1);
    } else if (e.key === 'Delete' && selected() && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      setRemoveRequest((n) => n + 1);
    }
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <div class="app">
      <header class="app-header">
        <h1 class="app-title">
          <span class="logo" aria-hidden="true">
            ◆
          </span>
          Tessera
        </h1>
        <div class="header-actions">
          <button type="button" class="button primary" onClick={() => setDialog('add')} aria-keyshortcuts="Control+N" data-testid="add-account">
            Add account
          </button>
          <button type="button" class="button" onClick={() => setDialog('settings')} aria-keyshortcuts="Control+Comma" data-testid="open-settings">
            Settings
          </button>
        </div>
      </header>

      <div class="banners">
        <Show when={!app.vault().available}>
          <div class="banner banner-error" role="alert" data-testid="banner">
            <span class="glyph" aria-hidden="true">
              !
            </span>
            <span>{app.vault().message}</span>
            <button type="button" class="button" onClick={() => void app.recheckVault()}>
              Retry
            </button>
          </div>
        </Show>
        <Show when={app.loadError()}>
          <div class="banner banner-error" role="alert" data-testid="banner">
            <span>{app.loadError()}</span>
            <button type="button" class="button" onClick={() => void app.reload()}>
              Retry
            </button>
          </div>
        </Show>
      </div>

      <main class="content">
        <Switch>
          <Match when={!app.loaded()}>
            <div class="placeholder" aria-busy="true">
              Loading accounts…
            </div>
          </Match>
          <Match when={app.accounts().length === 0}>
            <div class="empty" data-testid="empty-state">
              <p class="empty-title">No accounts yet</p>
              <p class="muted">Add a Clever Cloud or SaaSus account to see its rights, its expiry, and copy fresh tokens.</p>
              <button type="button" class="button primary" onClick={() => setDialog('add')}>
                Add account
              </button>
            </div>
          </Match>
          <Match when={true}>
            <nav class="sidebar" aria-label="Accounts">
              <AccountList
                accounts={app.accounts()}
                selectedId={selectedId()}
                warnMs={warnMs()}
                clock={clock}
                onSelect={setSelectedId}
                onOpen={setSelectedId}
              />
            </nav>
            <Show when={selected()} fallback={<div class="placeholder">Select an account to see its details.</div>}>
              {(account) => <DetailPane account={account()} warnMs={warnMs()} clock={clock} renameRequest={renameRequest()} removeRequest={removeRequest()} />}
            </Show>
          </Match>
        </Switch>
      </main>

      <Show when={dialog() === 'settings'}>
        <SettingsDialog settings={app.settings()} onClose={() => setDialog(null)} />
      </Show>
      <Show when={dialog() === 'add'}>
        <AddAccountDialog onClose={() => setDialog(null)} onAdded={(id) => setSelectedId(id)} />
      </Show>
      <Toasts />
    </div>
  );
}
