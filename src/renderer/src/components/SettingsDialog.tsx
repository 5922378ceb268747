/** Settings: how early an expiring token is flagged. Later settings (clipboard, tray) join this form. */
import { createSignal, Show } from 'solid-js';
import type { SettingsStore } from '../state/settings';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ShortcutList } from './Shortcuts';

export function SettingsDialog(props: { store: SettingsStore; onClose: () => void }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let days!: HTMLInputElement;

  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = days.value.trim();
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < 0 || value > 365) {
      setError('Enter a whole number of days from 0 to 365.');
      days.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await props.store.update({ expiryWarningDays: value });
    setBusy(false);
    if (result.ok) props.onClose();
    else setError(result.error.message);
  }

  return (
    <Dialog title="Settings" testId="settings-dialog" busy={busy()} onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} class="form" novalidate>
        <label for="warn-days">Warn before a token expires</label>
        <div class="inline">
          <input
            id="warn-days"
            ref={days}
            type="number"
            inputmode="numeric"
            min="0"
            max="365"
            step="1"
            class="input-narrow"
            value={props.store.settings().expiryWarningDays}
            aria-invalid={error() !== null}
            aria-describedby={error() ? 'warn-days-hint warn-days-error' : 'warn-days-hint'}
            data-testid="warn-days"
          />
          <span>days</span>
        </div>
        <p id="warn-days-hint" class="muted">
          Accounts are shown as “Expiring” this many days before their credentials stop working (0 to 365).
        </p>
        <Show when={error()}>
          <p id="warn-days-error" class="field-error" role="alert" data-testid="settings-error">
            {error()}
          </p>
        </Show>
        <div class="form-actions">
          <Button onClick={() => props.onClose()} disabled={busy()}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy()} data-testid="settings-save">
            Save
          </Button>
        </div>
      </form>
      <h3 class="section-title">Keyboard shortcuts</h3>
      <ShortcutList />
    </Dialog>
  );
}
