/** Settings: how early an expiring token is flagged. Later settings (clipboard, tray) join this form. */
import { SETTING_LIMITS } from '../../../shared/types';
import type { SettingsStore } from '../state/settings';
import { createSubmission } from '../state/submission';
import { Dialog } from './Dialog';
import { FieldError, FormActions } from './FormParts';
import { GrantsList } from './GrantsList';
import { ShortcutList } from './Shortcuts';

export function SettingsDialog(props: { store: SettingsStore; onClose: () => void }) {
  const submission = createSubmission();
  let days!: HTMLInputElement;
  let clearSeconds!: HTMLInputElement;
  let leadSeconds!: HTMLInputElement;
  let notifyFailures!: HTMLInputElement;
  let notifyExpiries!: HTMLInputElement;
  let closeToTray!: HTMLInputElement;
  let startAtLogin!: HTMLInputElement;

  /** A whole number within bounds, or an error shown next to the form. */
  function wholeNumber(input: HTMLInputElement, max: number, what: string): number | null {
    const text = input.value.trim();
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < 0 || value > max) {
      submission.setError(`Enter a whole number of ${what} from 0 to ${max}.`);
      input.focus();
      return null;
    }
    return value;
  }

  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const expiryWarningDays = wholeNumber(days, SETTING_LIMITS.expiryWarningDays, 'days');
    if (expiryWarningDays === null) return;
    const clipboardClearSeconds = wholeNumber(clearSeconds, SETTING_LIMITS.clipboardClearSeconds, 'seconds');
    if (clipboardClearSeconds === null) return;
    const refreshLeadSeconds = wholeNumber(leadSeconds, SETTING_LIMITS.refreshLeadSeconds, 'seconds');
    if (refreshLeadSeconds === null) return;
    const result = await submission.run('submit', () =>
      props.store.update({
        expiryWarningDays,
        clipboardClearSeconds,
        refreshLeadSeconds,
        notifyRefreshFailures: notifyFailures.checked,
        notifyExpiries: notifyExpiries.checked,
        closeToTray: closeToTray.checked,
        startAtLogin: startAtLogin.checked,
      }),
    );
    if (result.ok) props.onClose();
  }

  return (
    <Dialog title="Settings" testId="settings-dialog" busy={submission.busy()} onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} class="form" novalidate>
        <label for="warn-days">Warn before a token expires</label>
        <div class="inline">
          <input
            id="warn-days"
            ref={days}
            type="number"
            inputmode="numeric"
            min="0"
            max={SETTING_LIMITS.expiryWarningDays}
            step="1"
            class="input-narrow"
            value={props.store.settings().expiryWarningDays}
            aria-invalid={submission.error() !== null}
            aria-describedby={submission.error() ? 'warn-days-hint warn-days-error' : 'warn-days-hint'}
            data-testid="warn-days"
          />
          <span>days</span>
        </div>
        <p id="warn-days-hint" class="muted">
          Accounts are shown as “Expiring” this many days before their credentials stop working (0 to {SETTING_LIMITS.expiryWarningDays}).
        </p>
        <label for="clear-seconds">Clear copied secrets from the clipboard after</label>
        <div class="inline">
          <input id="clear-seconds" ref={clearSeconds} type="number" inputmode="numeric" min="0" max={SETTING_LIMITS.clipboardClearSeconds} step="1" class="input-narrow" value={props.store.settings().clipboardClearSeconds} data-testid="clear-seconds" />
          <span>seconds (0: never)</span>
        </div>
        <label for="lead-seconds">Refresh before copying when a token expires within</label>
        <div class="inline">
          <input id="lead-seconds" ref={leadSeconds} type="number" inputmode="numeric" min="0" max={SETTING_LIMITS.refreshLeadSeconds} step="1" class="input-narrow" value={props.store.settings().refreshLeadSeconds} data-testid="lead-seconds" />
          <span>seconds</span>
        </div>
        <fieldset class="checks">
          <legend>Notifications and startup</legend>
          <label>
            <input type="checkbox" ref={notifyFailures} checked={props.store.settings().notifyRefreshFailures} data-testid="notify-failures" /> Notify when a refresh fails
          </label>
          <label>
            <input type="checkbox" ref={notifyExpiries} checked={props.store.settings().notifyExpiries} /> Notify before a token that cannot be refreshed expires
          </label>
          <label>
            <input type="checkbox" ref={closeToTray} checked={props.store.settings().closeToTray} /> Closing the window keeps Tessera in the system tray
          </label>
          <label>
            <input type="checkbox" ref={startAtLogin} checked={props.store.settings().startAtLogin} /> Start Tessera when I log in
          </label>
        </fieldset>
        <FieldError message={submission.error()} id="warn-days-error" testId="settings-error" />
        <FormActions submit="Save" busy={submission.busy()} onCancel={props.onClose} submitTestId="settings-save" />
      </form>
      <GrantsList />
      <h3 class="section-title">Keyboard shortcuts</h3>
      <ShortcutList />
    </Dialog>
  );
}
