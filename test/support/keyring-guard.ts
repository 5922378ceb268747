/**
 * The tests use a real keychain (keytar), so a test run started in a developer's own session would
 * read and write their real Secret Service. scripts/with-keyring.sh runs a command inside a private,
 * throw-away gnome-keyring in its own D-Bus session and marks it with TESSERA_KEYRING_READY=1; every
 * test entry point checks for that mark before anything touches a keychain: vitest through its
 * global setup (vitest.config.ts, the default export below), Playwright through
 * e2e/harness/global-setup.ts. `npm test`, `npm run test:unit` and `npm run test:e2e` run inside it.
 *
 * macOS and Windows have no such private keychain. There a developer may opt in, explicitly, to run
 * the tests in their own keychain with TESSERA_TEST_USER_KEYCHAIN=1: every test then uses a keychain
 * service of its own (`Tessera-test-<random>`, test/support/real-stores.ts) and deletes its
 * entries, so the user's `Tessera` entries are never listed or touched.
 */

export const KEYRING_READY_VARIABLE = 'TESSERA_KEYRING_READY';
export const USER_KEYCHAIN_OPT_IN_VARIABLE = 'TESSERA_TEST_USER_KEYCHAIN';

export type KeyringCheck = { readonly ok: true; readonly keychain: 'private' | 'user' } | { readonly ok: false; readonly message: string };

/** Whether tests may run in this environment, and if not, what to do about it. */
export function keyringCheck(env: Readonly<Partial<Record<string, string>>>, platform: string): KeyringCheck {
  if (env[KEYRING_READY_VARIABLE] === '1') return { ok: true, keychain: 'private' };
  const linux = platform !== 'darwin' && platform !== 'win32';
  if (!linux && env[USER_KEYCHAIN_OPT_IN_VARIABLE] === '1') return { ok: true, keychain: 'user' };
  const lines = [
    'Refusing to run Tessera’s tests outside a private keyring: they use a real keychain, and this one may be yours.',
    'Run them with `npm test`, `npm run test:unit` or `npm run test:e2e`, or wrap the command in scripts/with-keyring.sh,',
    'e.g. `scripts/with-keyring.sh npx vitest run src/main/net/http.test.ts` (a throw-away gnome-keyring in its own D-Bus session).',
  ];
  if (linux) {
    lines.push('It needs `dbus-run-session` and `gnome-keyring-daemon` (Debian: apt install dbus gnome-keyring).');
  } else {
    lines.push(
      `macOS and Windows have no private keyring: to run the tests in your own keychain, set ${USER_KEYCHAIN_OPT_IN_VARIABLE}=1.`,
      'Each test then uses a keychain service of its own (Tessera-test-…) and deletes its entries; your Tessera entries are never read.',
    );
  }
  return { ok: false, message: lines.join('\n') };
}

/** Throws the check's message unless tests may run here. */
export function assertTestKeyring(env: Readonly<Partial<Record<string, string>>> = process.env, platform: string = process.platform): void {
  const check = keyringCheck(env, platform);
  if (!check.ok) throw new Error(check.message);
}

/** vitest's global setup (vitest.config.ts): before any test file is loaded. */
export default function setup(): void {
  assertTestKeyring();
}
