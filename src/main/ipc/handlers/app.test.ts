/**
 * The app's own channels where they decide something: the window's language. It follows the
 * system's preferred languages until Settings → Language names one, and the window hears of a
 * change (localeChanged) only when the language in use changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../shared/channels';
import type { LocaleInfo } from '../../../shared/i18n/locales';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp } from '../../../../test/support/test-app';
import type { AppServices } from '../../app-services';
import type { Sender } from '../router';

let world: TestWorld;
let app: AppServices;
let system: string[];
let heard: LocaleInfo[];
const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };
const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);

beforeEach(() => {
  world = makeTestWorld();
  system = ['fr-CA', 'en-US'];
  app = createTestApp(world, { systemLanguages: () => system });
  heard = [];
  app.events.attach((event, payload) => {
    if (event === 'localeChanged') heard.push(payload as LocaleInfo);
  });
});
afterEach(() => world.cleanup());

describe('getLocale', () => {
  it('follows the system by default, then the language chosen in Settings; the window hears each change once', async () => {
    expect(await call('getLocale')).toEqual({ ok: true, value: { locale: 'fr', system: 'fr' } });
    expect(await call('updateSettings', { language: 'ja' })).toMatchObject({ ok: true, value: { language: 'ja' } });
    expect(await call('getLocale')).toEqual({ ok: true, value: { locale: 'ja', system: 'fr' } });
    // Another setting leaves the language alone: nothing to switch.
    await call('updateSettings', { expiryWarningDays: 3 });
    await call('updateSettings', { language: 'system' });
    expect(heard).toEqual([
      { locale: 'ja', system: 'fr' },
      { locale: 'fr', system: 'fr' },
    ]);
    expect(app.locale()).toEqual({ locale: 'fr', system: 'fr' });
  });

  it('speaks English to a system whose languages Tessera does not have, and refuses a language it does not have', async () => {
    system = ['de-DE'];
    expect(await call('getLocale')).toEqual({ ok: true, value: { locale: 'en', system: 'en' } });
    expect(await call('updateSettings', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(heard).toEqual([]);
  });
});
