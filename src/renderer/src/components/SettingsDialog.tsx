/**
 * Settings: the language (the system's, or one of Tessera's), how early an expiring token is
 * flagged, the clipboard, notifications and startup; the command-line grants and the shortcuts.
 * Every word comes from the `settings` namespace of the catalogue.
 */
import { For } from 'solid-js';
import { LOCALE_NAMES } from '../../../shared/i18n/locales';
import { LANGUAGE_SETTINGS, SETTING_LIMITS, type Settings } from '../../../shared/types';
import { useI18n } from '../i18n';
import type { SettingsStore } from '../state/settings';
import { createSubmission } from '../state/submission';
import { Dialog } from './Dialog';
import { FieldError, FormActions } from './FormParts';
import { GrantsList } from './GrantsList';
import { ShortcutList } from './Shortcuts';

export function SettingsDialog(props: { store: SettingsStore; onClose: () => void }) {
  const submission = createSubmission();
  const { t, fmt, system } = useI18n();
  let language!: HTMLSelectElement;
  let days!: HTMLInputElement;
  let clearSeconds!: HTMLInputElement;
  let leadSeconds!: HTMLInputElement;
  let notifyFailures!: HTMLInputElement;
  let notifyExpiries!: HTMLInputElement;
  let closeToTray!: HTMLInputElement;
  let startAtLogin!: HTMLInputElement;

  /** A whole number within bounds, or an error shown next to the form. */
  function wholeNumber(input: HTMLInputElement, max: number, what: 'days' | 'seconds'): number | null {
    const text = input.value.trim();
    const value = Number(text);
    if (text === '' || !Number.isInteger(value) || value < 0 || value > max) {
      submission.setError(t(what === 'days' ? 'settings.wholeDays' : 'settings.wholeSeconds', { max: fmt().number(max) }));
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
        language: language.value as Settings['language'],
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
    <Dialog title={t('settings.title')} testId="settings-dialog" busy={submission.busy()} onClose={props.onClose}>
      <form onSubmit={(e) => void save(e)} class="form" novalidate>
        <label for="language">{t('settings.language')}</label>
        <div class="inline">
          <select id="language" ref={language} data-testid="language">
            <For each={LANGUAGE_SETTINGS}>
              {(choice) => (
                <option value={choice} selected={props.store.settings().language === choice} lang={choice === 'system' ? undefined : choice}>
                  {choice === 'system' ? t('settings.languageSystem', { name: LOCALE_NAMES[system()] }) : LOCALE_NAMES[choice]}
                </option>
              )}
            </For>
          </select>
        </div>
        <label for="warn-days">{t('settings.warnDays')}</label>
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
          <span>{t('settings.days')}</span>
        </div>
        <p id="warn-days-hint" class="muted">
          {t('settings.warnDaysHint', { max: fmt().number(SETTING_LIMITS.expiryWarningDays) })}
        </p>
        <label for="clear-seconds">{t('settings.clearAfter')}</label>
        <div class="inline">
          <input id="clear-seconds" ref={clearSeconds} type="number" inputmode="numeric" min="0" max={SETTING_LIMITS.clipboardClearSeconds} step="1" class="input-narrow" value={props.store.settings().clipboardClearSeconds} data-testid="clear-seconds" />
          <span>{t('settings.secondsOrNever')}</span>
        </div>
        <label for="lead-seconds">{t('settings.refreshWithin')}</label>
        <div class="inline">
          <input id="lead-seconds" ref={leadSeconds} type="number" inputmode="numeric" min="0" max={SETTING_LIMITS.refreshLeadSeconds} step="1" class="input-narrow" value={props.store.settings().refreshLeadSeconds} data-testid="lead-seconds" />
          <span>{t('settings.seconds')}</span>
        </div>
        <fieldset class="checks">
          <legend>{t('settings.notificationsAndStartup')}</legend>
          <label>
            <input type="checkbox" ref={notifyFailures} checked={props.store.settings().notifyRefreshFailures} data-testid="notify-failures" /> {t('settings.notifyFailures')}
          </label>
          <label>
            <input type="checkbox" ref={notifyExpiries} checked={props.store.settings().notifyExpiries} /> {t('settings.notifyExpiries')}
          </label>
          <label>
            <input type="checkbox" ref={closeToTray} checked={props.store.settings().closeToTray} /> {t('settings.closeToTray')}
          </label>
          <label>
            <input type="checkbox" ref={startAtLogin} checked={props.store.settings().startAtLogin} /> {t('settings.startAtLogin')}
          </label>
        </fieldset>
        <FieldError message={submission.error()} id="warn-days-error" testId="settings-error" />
        <FormActions submit={t('common.save')} busy={submission.busy()} onCancel={props.onClose} submitTestId="settings-save" />
      </form>
      <GrantsList />
      <h3 class="section-title">{t('settings.shortcutsTitle')}</h3>
      <ShortcutList />
    </Dialog>
  );
}
