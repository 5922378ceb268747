import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'emulators/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The tests use a real keychain: they refuse to start outside scripts/with-keyring.sh's private one.
    globalSetup: ['test/support/keyring-guard.ts'],
    // The keychain is one shared daemon: files run one after another so that a test that lists
    // every Tessera entry never sees another file's entries half-written.
    fileParallelism: false,
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
