import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The keychain is one shared daemon: files run one after another so that a test that lists
    // every Tessera entry never sees another file's entries half-written.
    fileParallelism: false,
    testTimeout: 20_000,
    // Dates are written in the machine's time zone (src/shared/i18n/format.ts): the tests pin one,
    // so that "29 Nov" is the day they expect wherever the suite runs (Tokyo, Los Angeles, CI).
    env: { TZ: 'UTC' },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'emulators/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/renderer/**', '**/node_modules/**'],
          environment: 'node',
          // The tests use a real keychain: they refuse to start outside scripts/with-keyring.sh's private one.
          globalSetup: ['test/support/keyring-guard.ts'],
        },
      },
      {
        // The renderer's stores and plain modules, in Node, with no keychain and no DOM. Solid's
        // reactive core runs there when solid-js resolves to its browser build, which the Solid
        // plugin asks for in test mode (without it, Node gets the server build, where nothing reacts).
        extends: true,
        plugins: [solid()],
        test: {
          name: 'renderer',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
});
