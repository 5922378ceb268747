/**
 * The app's real services for a test: createAppServices over the test's own keychain service and
 * temp folder. Only the desktop ports are test doubles (they are Electron's part): the browser is
 * whatever the test says, the clipboard a plain variable, notifications a list.
 */
import keytar from 'keytar';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../src/main/app-services';
import type { DesktopPorts } from '../../src/main/desktop/ports';
import { confFactory, type TestWorld } from './real-stores';

export interface TestDesktop extends DesktopPorts {
  readonly opened: string[];
  readonly notified: { title: string; body: string }[];
  clipboardText(): string;
}

export function testDesktop(open?: (url: string) => Promise<void>): TestDesktop {
  const opened: string[] = [];
  const notified: { title: string; body: string }[] = [];
  let clipboard = '';
  return {
    opened,
    notified,
    clipboardText: () => clipboard,
    browser: { open: async (url) => (opened.push(url), open ? open(url) : undefined) },
    clipboard: {
      writeText: async (text) => void (clipboard = text),
      readText: async () => clipboard,
      clear: async () => void (clipboard = ''),
    },
    notifier: { notify: (n) => void notified.push(n) },
  };
}

export function createTestApp(world: TestWorld, extra: Partial<AppServicesOptions> = {}): AppServices {
  return createAppServices({
    dataDir: world.dir,
    keytar,
    keychainService: world.service,
    storeFactory: confFactory,
    trustedOrigins: ['app://tessera'],
    info: { version: 'test', platform: process.platform, demo: false },
    desktop: testDesktop(),
    ...extra,
  });
}
