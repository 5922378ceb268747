/** The user's settings, loaded once and kept current by main's `settingsChanged` event. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { RawInputOf, TesseraApi } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/types';

export interface SettingsStore {
  readonly settings: Accessor<Settings>;
  /** Loads the settings; the failure is returned for the caller to show. */
  load(): Promise<Result<Settings>>;
  update(patch: RawInputOf<'updateSettings'>): Promise<Result<Settings>>;
}

export function createSettingsStore(api: TesseraApi): SettingsStore {
  const [settings, setSettings] = createSignal<Settings>(DEFAULT_SETTINGS);
  onCleanup(api.on('settingsChanged', setSettings));

  async function load(): Promise<Result<Settings>> {
    const result = await api.getSettings();
    if (result.ok) setSettings(result.value);
    return result;
  }

  async function update(patch: RawInputOf<'updateSettings'>): Promise<Result<Settings>> {
    const result = await api.updateSettings(patch);
    if (result.ok) setSettings(result.value);
    return result;
  }

  return { settings, load, update };
}
