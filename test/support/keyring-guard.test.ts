import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyringCheck, KEYRING_READY_VARIABLE, USER_KEYCHAIN_OPT_IN_VARIABLE } from './keyring-guard';

const root = path.resolve(import.meta.dirname, '../..');
const REFUSAL = 'Refusing to run Tessera’s tests outside a private keyring';

describe('keyringCheck', () => {
  it('lets tests run inside scripts/with-keyring.sh', () => {
    for (const platform of ['linux', 'darwin', 'win32']) expect(keyringCheck({ [KEYRING_READY_VARIABLE]: '1' }, platform)).toEqual({ ok: true, keychain: 'private' });
  });

  it('refuses everywhere else, saying how to run them', () => {
    const check = keyringCheck({ HOME: '/home/dev', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, 'linux');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain(REFUSAL);
    expect(check.message).toContain('scripts/with-keyring.sh');
    expect(check.message).toContain('gnome-keyring');
    expect(keyringCheck({ [KEYRING_READY_VARIABLE]: 'yes' }, 'linux').ok).toBe(false);
  });

  it('on macOS and Windows, runs in the user keychain only when asked to, explicitly', () => {
    for (const platform of ['darwin', 'win32']) {
      const refused = keyringCheck({}, platform);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.message).toContain(`${USER_KEYCHAIN_OPT_IN_VARIABLE}=1`);
      expect(keyringCheck({ [USER_KEYCHAIN_OPT_IN_VARIABLE]: '1' }, platform)).toEqual({ ok: true, keychain: 'user' });
    }
  });

  it('on Linux, where a private keyring exists, the opt-in does not apply', () => {
    expect(keyringCheck({ [USER_KEYCHAIN_OPT_IN_VARIABLE]: '1' }, 'linux').ok).toBe(false);
  });
});

/** Runs a test tool the way a developer would, without the private keyring's mark. */
function runOutsideKeyring(args: string[]): { status: number | null; output: string } {
  const env = { ...process.env };
  delete env[KEYRING_READY_VARIABLE];
  delete env[USER_KEYCHAIN_OPT_IN_VARIABLE];
  // Whatever else may differ, vitest must not think it is already inside a worker.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  // Plain text, so that the summaries below can be matched.
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  const run = spawnSync(args[0]!, args.slice(1), { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('the test entry points, started outside the private keyring', () => {
  it('vitest refuses before running any test file', () => {
    const { status, output } = runOutsideKeyring([path.join(root, 'node_modules/.bin/vitest'), 'run', 'src/main/launch-options.test.ts']);
    expect(output).toContain(REFUSAL);
    expect(status).not.toBe(0);
    expect(output).not.toMatch(/\d+ passed/);
  }, 60_000);

  it('Playwright refuses in its global setup, before any test', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tessera-guard-'));
    try {
      const { status, output } = runOutsideKeyring([path.join(root, 'node_modules/.bin/playwright'), 'test', 'e2e/electron.spec.ts', '--reporter=line', `--output=${out}`]);
      expect(output).toContain(REFUSAL);
      expect(status).not.toBe(0);
      expect(output).not.toMatch(/\d+ (passed|skipped)/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
