/**
 * The window: header, banners, the account list with its filter, the detail pane, dialogs and
 * toasts, and the window's keyboard shortcuts (listed in components/Shortcuts.tsx). The stores
 * and the one shared clock are created here, so they live and are cleaned up with the app.
 *
 * With the keychain out of reach nothing can be added (secrets live there): "Add account" is
 * disabled with the reason (aria-describedby), and an empty list says so with "Try again". After
 * an account is added, focus lands on its row once main's list has it (the dialog closes first and
 * hands focus back to "Add account"; the row arrives with the next accountsChanged event).
 */
import { createEffect, createMemo, createSignal, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { AccountSidebar } from './components/AccountSidebar';
import { AddAccountDialog } from './components/AddAccountDialog';
import { ApprovalDialog } from './components/ApprovalDialog';
import { Button } from './components/Button';
import { DetailPane } from './components/DetailPane';
import { Dialog, dialogOpen } from './components/Dialog';
import { SettingsDialog } from './components/SettingsDialog';
import { PendingRevocations } from './components/PendingRevocations';
import { MOD, ShortcutList } from './components/Shortcuts';
import { COPY_KINDS } from '../../shared/types';
import { ClipboardStatus } from './components/ClipboardStatus';
import { Toasts } from './components/Toasts';
import { daysToMs } from './format';
import { useI18n } from './i18n';
import { createAccountsStore } from './state/accounts';
import { ClockContext, createClock } from './state/clock';
import { createRevocationsStore } from './state/revocations';
import { createSettingsStore } from './state/settings';
import { showToast } from './state/toasts';
import { createVaultStore } from './state/vault';
import { useErrorText } from './error-text';
import { useTessera } from './tessera';

type DialogName = 'add' | 'settings' | 'shortcuts';

const isEditable = (el: EventTarget | null): boolean =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable);

/** Key chords, the same in every language. */
const ADD_SHORTCUT = `${MOD}+N`;
const SETTINGS_SHORTCUT = `${MOD}+,`;

export function App() {
  const api = useTessera();
  const { t } = useI18n();
  const errorText = useErrorText();
  const clock = createClock();
  const accounts = createAccountsStore(api);
  const settings = createSettingsStore(api);
  const vault = createVaultStore(api);
  const revocations = createRevocationsStore(api);
  const [vaultChecking, setVaultChecking] = createSignal(false);
  const [reloading, setReloading] = createSignal(false);

  const [dialog, setDialog] = createSignal<DialogName | null>(null);
  const [renameRequest, setRenameRequest] = createSignal(0);
  const [removeRequest, setRemoveRequest] = createSignal(0);
  const warnMs = () => daysToMs(settings.settings().expiryWarningDays);
  const keychainDown = () => !vault.status().available;
  /** An account just added, whose row takes focus as soon as the list has it. */
  const [arriving, setArriving] = createSignal<string | null>(null);

  let listEl: HTMLUListElement | undefined;
  let detailEl: HTMLElement | undefined;
  let filterEl: HTMLInputElement | undefined;
  let addButton: HTMLButtonElement | undefined;

  // Replaced tokens are shown with their account; those whose account is gone, in a banner.
  const orphanRevocations = createMemo(() => {
    const ids = new Set(accounts.accounts().map((a) => a.id));
    return revocations.pending().filter((p) => p.accountId === null || !ids.has(p.accountId));
  });

  async function checkVault(): Promise<void> {
    setVaultChecking(true);
    const result = await vault.check();
    setVaultChecking(false);
    if (!result.ok) showToast('error', errorText(result.error));
  }

  async function start(): Promise<void> {
    setReloading(true);
    const [, prefs] = await Promise.all([accounts.reload(), settings.load(), revocations.load()]);
    setReloading(false);
    if (!prefs.ok) showToast('error', t('common.app.settingsLoadFailed', { reason: errorText(prefs.error) }));
    // The keychain is probed after the list is drawn: showing the list needs no keychain access.
    await checkVault();
  }
  void start();

  let resetFilter: (() => void) | undefined;

  function focusSelectedRow(): void {
    requestAnimationFrame(() => {
      const id = accounts.selectedId();
      const row = id === null ? null : listEl?.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"]`);
      (row ?? listEl?.querySelector<HTMLElement>('[role="option"]') ?? addButton)?.focus();
    });
  }

  // Focus the added account's row once it is listed and no dialog holds focus.
  createEffect(
    on([arriving, () => accounts.accounts(), dialogOpen], ([id, list, open]) => {
      if (id === null || open || !list.some((a) => a.id === id)) return;
      setArriving(null);
      accounts.select(id);
      resetFilter?.();
      focusSelectedRow();
    }),
  );

  function openDetail(id: string): void {
    accounts.select(id);
    requestAnimationFrame(() => detailEl?.focus());
  }

  const onKey = (e: KeyboardEvent): void => {
    if (dialog() || e.defaultPrevented) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const editing = isEditable(e.target);
    if (mod && key === 'n') {
      e.preventDefault();
      if (!keychainDown()) setDialog('add');
    } else if (mod && key === ',') {
      e.preventDefault();
      setDialog('settings');
    } else if (mod && key === 'f' && accounts.accounts().length > 0) {
      e.preventDefault();
      filterEl?.focus();
      filterEl?.select();
    } else if (e.key === '?' && !editing) {
      e.preventDefault();
      setDialog('shortcuts');
    } else if (mod && e.shiftKey && key === 'c' && accounts.selected()) {
      // Copy the selected account's main credential (main refreshes it first if needed).
      e.preventDefault();
      const account = accounts.selected()!;
      // The clipboard indicator (ClipboardStatus) says what was copied: no toast repeats it.
      void api.copyCredential({ id: account.id, kind: COPY_KINDS[account.provider][0].kind }).then((r) => {
        if (!r.ok) showToast('error', errorText(r.error));
      });
    } else if (e.key === 'F2' && accounts.selected()) {
      e.preventDefault();
      setRenameRequest((n) => n + 1);
    } else if ((e.key === 'Delete' || (e.metaKey && e.key === 'Backspace')) && !editing && accounts.selected()) {
      e.preventDefault();
      setRemoveRequest((n) => n + 1);
    }
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <ClockContext.Provider value={clock}>
      <div class="app">
        <header class="app-header">
          <h1 class="app-title">
            <span class="logo" aria-hidden="true">
              ◆
            </span>
            {t('common.app.productName')}
          </h1>
          <div class="header-actions">
            <button
              ref={addButton}
              type="button"
              class="button primary"
              onClick={() => !keychainDown() && setDialog('add')}
              aria-disabled={keychainDown() ? 'true' : undefined}
              aria-describedby={keychainDown() ? 'add-disabled-reason' : undefined}
              aria-keyshortcuts="Control+N Meta+N"
              title={t('common.app.addAccountTitle', { shortcut: ADD_SHORTCUT })}
              data-testid="add-account"
            >
              <span aria-hidden="true">+</span> {t('add.title')}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => setDialog('settings')}
              aria-keyshortcuts="Control+Comma Meta+Comma"
              title={t('common.app.settingsTitle', { shortcut: SETTINGS_SHORTCUT })}
              data-testid="open-settings"
            >
              {t('common.app.settings')}
            </button>
            <button
              type="button"
              class="icon-button bordered"
              onClick={() => setDialog('shortcuts')}
              aria-label={t('common.app.shortcuts')}
              aria-keyshortcuts="?"
              title={t('common.app.shortcutsTitle')}
              data-testid="open-shortcuts"
            >
              <span aria-hidden="true">?</span>
            </button>
          </div>
        </header>

        <div class="banners" data-testid="banners">
          <Show when={!vault.status().available}>
            <div class="banner banner-error" role="alert" data-testid="banner" data-kind="vault">
              <span class="banner-icon" aria-hidden="true">
                !
              </span>
              <span class="banner-text">
                <strong>{t('add.keychainUnavailable')}</strong> {t('errors.vault.keychainUnavailable')}{' '}
                <span id="add-disabled-reason">{t('add.addDisabled')}</span>
              </span>
              <Button onClick={() => void checkVault()} busy={vaultChecking()} data-testid="banner-retry">
                {t('common.retry')}
              </Button>
            </div>
          </Show>
          <PendingRevocations pending={orphanRevocations()} retry={revocations.retry} variant="banner" />
          <Show when={accounts.loadFailure()}>
            <div class="banner banner-error" role="alert" data-testid="load-error-banner" data-kind="load">
              <span class="banner-icon" aria-hidden="true">
                !
              </span>
              <span class="banner-text">
                <strong>{t('common.app.loadFailed')}</strong> {errorText(accounts.loadFailure()!)}
              </span>
              <Button onClick={() => void start()} busy={reloading()}>
                {t('common.retry')}
              </Button>
            </div>
          </Show>
        </div>

        <main class="content">
          <Switch>
            <Match when={!accounts.loaded()}>
              <div class="placeholder wide" aria-busy="true" data-testid="loading">
                <span class="spinner" aria-hidden="true" /> {t('common.app.loading')}
              </div>
            </Match>
            <Match when={accounts.accounts().length === 0 && keychainDown()}>
              <div class="empty wide" data-testid="empty-state" data-kind="keychain">
                <div class="empty-art" aria-hidden="true">
                  !
                </div>
                <h2 class="empty-title">{t('common.app.emptyKeychainTitle')}</h2>
                <p class="muted">{t('common.app.emptyKeychainText')}</p>
                <Button variant="primary" onClick={() => void checkVault()} busy={vaultChecking()} data-testid="empty-retry">
                  {t('common.retry')}
                </Button>
              </div>
            </Match>
            <Match when={accounts.accounts().length === 0}>
              <div class="empty wide" data-testid="empty-state">
                <div class="empty-art" aria-hidden="true">
                  ◆
                </div>
                <h2 class="empty-title">{t('common.app.emptyTitle')}</h2>
                <p class="muted">{t('common.app.emptyText')}</p>
                <button type="button" class="button primary" onClick={() => setDialog('add')} data-testid="empty-add-account">
                  {t('add.title')}
                </button>
              </div>
            </Match>
            <Match when={true}>
              <AccountSidebar
                accounts={accounts.accounts()}
                isSelected={accounts.isSelected}
                selectedId={accounts.selectedId()}
                warnMs={warnMs()}
                onSelect={accounts.select}
                onOpen={openDetail}
                listRef={(el) => (listEl = el)}
                filterRef={(el) => (filterEl = el)}
                resetRef={(reset) => (resetFilter = reset)}
              />
              <Show
                when={accounts.selected()}
                keyed
                fallback={
                  <div class="placeholder" data-testid="no-selection">
                    {t('common.app.noSelection')}
                  </div>
                }
              >
                {(account) => (
                  <DetailPane
                    ref={(el) => (detailEl = el)}
                    account={account}
                    warnMs={warnMs()}
                    renameRequest={renameRequest()}
                    removeRequest={removeRequest()}
                    rename={(name) => accounts.rename(account.id, name)}
                    revocations={revocations.pending().filter((p) => p.accountId === account.id)}
                    retryRevocations={revocations.retry}
                    remove={(localOnly) => accounts.remove(account.id, localOnly)}
                    onRemoved={(name) => {
                      showToast('info', t('common.app.removed', { name }));
                      focusSelectedRow();
                    }}
                  />
                )}
              </Show>
            </Match>
          </Switch>
        </main>

        <Show when={dialog() === 'settings'}>
          <SettingsDialog store={settings} onClose={() => setDialog(null)} />
        </Show>
        <Show when={dialog() === 'add'}>
          <AddAccountDialog
            onClose={() => setDialog(null)}
            onAdded={(id) => setArriving(id)}
          />
        </Show>
        <Show when={dialog() === 'shortcuts'}>
          <Dialog title={t('common.app.shortcuts')} testId="shortcuts-dialog" onClose={() => setDialog(null)}>
            <ShortcutList />
          </Dialog>
        </Show>
        <ApprovalDialog />
        <Show when={!dialogOpen()}>
          <Toasts />
        </Show>
        <ClipboardStatus />
      </div>
    </ClockContext.Provider>
  );
}
