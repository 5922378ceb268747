import { createSignal, Show } from 'solid-js';
import type { Settings } from '../../../shared/types';
import { Dialog } from './Dialog';

export function SettingsDialog(props: { settings: Settings; onClose: () => void }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let days!: HTMLInputElement;

  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const value = Number(days.value);
    if (!Number.isInteger(value) || value < 0 || value > 365) {
      setError('Enter a whole number of days from 0 to 365.');
      return;
    }
    setBusy(true);
    const result = await window.tessera.updateSettings({ expiryWarningDays: value });
    setBusy(false);
    if (result.ok) props.onClose();
    else setError(result.error.message);
  }

  return (
    <Dialog title="Settings" testId="settings-dialog" onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} class="form">
        <label for="warn-days">Warn before a token expires (days)</label>
        <input id="warn-days" ref={days} type="number" min="0" max="365" step="1" value={props.settings.expiryWarningDays} aria-invalid={error() !== null} aria-describedby="warn-days-error" />
        <Show when={error()}>
          <p id="warn-days-error" class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="form-actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="button primary" disabled={busy()} aria-busy={busy()}>
            Save
          </button>
        </div>
      </form>
      <h3 class="section-title">Keyboard</h3>
      <dl class="shortcuts">
        <dt>
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> <kbd>N</kbd>
        </dt>
        <dd>Add an account</dd>
        <dt>
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> <kbd>,</kbd>
        </dt>
        <dd>Settings</dd>
        <dt>
          <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd>
        </dt>
        <dd>Move in the account list</dd>
        <dt>
          <kbd>F2</kbd>
        </dt>
        <dd>Rename the selected account</dd>
        <dt>
          <kbd>Delete</kbd>
        </dt>
        <dd>Remove the selected account</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close a dialog</dd>
      </dl>
    </Dialog>
  );
}
