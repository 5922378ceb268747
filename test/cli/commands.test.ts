/**
 * Every `tessera` command, end to end: the built command and a real headless agent process, the
 * real keychain, both emulators over HTTP. The values handed out are checked against the providers
 * themselves (Clever Cloud's /self accepts the token, SaaSus's userinfo accepts the ID token).
 *
 * Grants, created once through a real pseudo-terminal (the user types "yes"), let the commands run
 * here without a terminal, as a script would; approval.test.ts covers asking.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSelf } from '../../src/main/providers/clever-cloud/api';
import { CLEVER_TOOLS_CONSUMER } from '../../src/main/providers/clever-cloud/constants';
import { getUserInfo } from '../../src/main/providers/saasus/api';
import type { AccountSummary } from '../../src/shared/types';
import { apiConfigFor } from '../../emulators/saasus/testing';
import { makeTestClock } from '../../emulators/test-clock';
import { makeCliWorld, until, type CliWorld } from './support/cli-world';

let world: CliWorld;
let console: AccountSummary;
let own: AccountSummary;
let saas: AccountSummary;

/** Creates a grant the way a user does: typed "yes" on a terminal. */
async function grant(account: string, extra = ''): Promise<string> {
  const run = await world.runInPty(`tessera grant ${account} ${extra} --json > grant.json`, [['Type yes', 'yes\n']]);
  expect(run.code).toBe(0);
  return (JSON.parse(readFileSync(path.join(world.dir, 'grant.json'), 'utf8')) as { id: string }).id;
}

beforeAll(async () => {
  world = await makeCliWorld({ cleverCloud: { lifetimes: { cliTokenMs: 12 * 3_600_000 } } });
  console = await world.seedCleverCloud();
  own = await world.seedCleverCloudOwnConsumer();
  saas = await world.seedSaasus(undefined, { expired: true });
  for (const account of [console, own, saas]) await grant(account.id);
}, 60_000);
afterAll(() => world.cleanup());

const json = <T>(text: string): T => JSON.parse(text) as T;

describe('tessera list and status', () => {
  it('list: every account with its provider, state and expiry, without approval and without a secret', async () => {
    const handouts = world.handoutLog().length;
    const run = await world.run(['list']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^NAME\s+PROVIDER\s+E-MAIL\s+STATE\s+EXPIRES\s+ID$/m);
    expect(run.stdout).toContain('Ada Demo');
    expect(run.stdout).toMatch(/Alice Example\s+SaaSus\s+.*refreshes when used/);
    const listed = json<{ id: string; provider: string; state: string; expiresAt: string }[]>((await world.run(['list', '--json'])).stdout);
    expect(listed.map((a) => a.id).sort()).toEqual([console.id, own.id, saas.id].sort());
    expect(listed.find((a) => a.id === console.id)).toMatchObject({ provider: 'clever-cloud', state: 'expiring', expiresAt: new Date(console.expiresAt!).toISOString() });
    expect(world.handoutLog()).toHaveLength(handouts);
  });

  it('list --names: what shell completion offers (ids where names are shared)', async () => {
    const run = await world.run(['list', '--names']);
    expect(run.code, run.stderr).toBe(0);
    // Both Clever Cloud accounts are "Ada Demo": they are offered by id.
    expect(run.stdout.trim().split('\n').sort()).toEqual([console.id, own.id, 'Alice Example'].sort());
  });

  it('status: the agent, the keychain, the accounts; exit 0 when nothing needs attention', async () => {
    const run = await world.run(['status']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Agent: {4}headless, pid \d+/m);
    expect(run.stdout).toContain('Keychain: available');
    expect(run.stdout).toContain('Grants:   3');
    const status = json<{ agent: { kind: string; pid: number }; keychain: { available: boolean }; attention: unknown[] }>((await world.run(['status', '--json'])).stdout);
    expect(status).toMatchObject({ agent: { kind: 'headless' }, keychain: { available: true }, attention: [] });
  });

  it('the help and a mistake on the command line (exit 2, with the usage)', async () => {
    const help = (await world.run(['--help'])).stdout;
    expect(help).toContain('tessera exec [--min-valid 5m] <account>');
    expect(help).toContain("credential.https://*.services.clever-cloud.com.helper '!tessera git-credential'");
    expect(help).toMatch(/Clever Cloud: authorization-header \(default\), .*api-token, clever-tools-3, clever-tools-4, service-token \(with --org\)/);
    expect((await world.run(['help', 'import'])).stdout).toContain('[--remove-plaintext]');
    const wrong = await world.run(['token']);
    expect(wrong.code, wrong.stderr).toBe(2);
    expect(wrong.stderr).toContain('Usage: tessera token <account>');
    expect((await world.run(['frobnicate'])).code).toBe(2);
  });
});

describe('tessera token', () => {
  it('prints the account’s first credential by default, and each kind it offers', async () => {
    const header = await world.run(['token', console.id]);
    expect(header.code, header.stderr).toBe(0);
    expect(header.stdout).toMatch(/^OAuth oauth_consumer_key="[^"]+", oauth_token="[^"]+", oauth_signature_method="PLAINTEXT"/);
    const lines = await world.run(['token', console.id, '--kind', 'env-lines']);
    expect(lines.stdout).toMatch(/^CLEVER_TOKEN=.+\nCLEVER_SECRET=.+\n$/);
    const profile = json<{ token: string; secret: string }>((await world.run(['token', console.id, '--kind', 'clever-tools-profile'])).stdout);
    const clock = makeTestClock();
    const self = await getSelf({ baseUrl: world.cleverCloud.config.baseUrl, consumer: CLEVER_TOOLS_CONSUMER, clock: clock.now }, { token: profile.token, secret: profile.secret });
    expect(self.email).toBe('demo@example.com');
  });

  it('finds an account by name or e-mail; an unknown one is exit 2, an ambiguous one lists the candidates', async () => {
    expect((await world.run(['token', 'alice@example.com · Demo SaaS', '--kind', 'id-token'])).code).toBe(0);
    expect((await world.run(['token', 'alice example', '--kind', 'id-token'])).code).toBe(0);
    const unknown = await world.run(['token', 'nobody']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toContain('No account is named "nobody"');
    const ambiguous = await world.run(['token', 'ada demo']);
    expect(ambiguous.code, ambiguous.stderr).toBe(2);
    expect(ambiguous.stderr).toContain(`${console.id}  Ada Demo`);
    expect(ambiguous.stderr).toContain(`${own.id}  Ada Demo`);
    const wrongKind = await world.run(['token', saas.id, '--kind', 'env-lines']);
    expect(wrongKind.code, wrongKind.stderr).toBe(2);
    expect(wrongKind.stderr).toContain('SaaSus accounts offer access-token, id-token, authorization-header');
  });

  it('SaaSus: refreshes an expired token once, then hands out the held one; --min-valid longer than its life refreshes first', async () => {
    const before = world.saasus.refreshCalls();
    const first = await world.run(['token', saas.id, '--kind', 'id-token']);
    expect(first.code, first.stderr).toBe(0);
    const idToken = first.stdout.trim();
    await expect(getUserInfo(apiConfigFor(world.saasus, makeTestClock()), idToken)).resolves.toMatchObject({ email: 'alice@example.com' });
    const refreshes = world.saasus.refreshCalls();
    expect(refreshes - before).toBeLessThanOrEqual(1);
    // Held in the agent's memory: no refresh, the same token.
    expect((await world.run(['token', saas.id, '--kind', 'id-token'])).stdout.trim()).toBe(idToken);
    expect(world.saasus.refreshCalls()).toBe(refreshes);
    const longer = await world.run(['token', saas.id, '--kind', 'id-token', '--min-valid', '2h']);
    expect(longer.code, longer.stderr).toBe(0);
    expect(world.saasus.refreshCalls()).toBe(refreshes + 1);
    expect(longer.stdout.trim()).not.toBe(idToken);
    const asJson = json<{ kind: string; value: string; validUntil: string; account: { id: string } }>((await world.run(['token', saas.id, '--json'])).stdout);
    expect(asJson).toMatchObject({ kind: 'access-token', account: { id: saas.id } });
    expect(Date.parse(asJson.validUntil)).toBeGreaterThan(Date.now());
  });

  it('Clever Cloud: a token that dies within --min-valid is exit 3 (it cannot be refreshed), and said so', async () => {
    // This world's console logins live 12 hours.
    expect((await world.run(['token', console.id, '--min-valid', '1h'])).code).toBe(0);
    const run = await world.run(['token', console.id, '--min-valid', '1d']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cannot be refreshed');
  });
});

describe('tessera env and exec', () => {
  it('env: export lines a shell evaluates to the credentials', async () => {
    const run = await world.run(['env', console.id]);
    expect(run.code, run.stderr).toBe(0);
    // A console login (clever-tools' consumer) against the emulator's API: API_HOST says which.
    const apiHost = world.cleverCloud.config.baseUrl.replace(/\/v2$/, '');
    // No API token held: CC_API_TOKEN is removed; the emulator's bridge is not the default: AUTH_BRIDGE_HOST says which.
    expect(run.stdout).toMatch(
      new RegExp(
        `^unset OAUTH_CONSUMER_KEY OAUTH_CONSUMER_SECRET CC_API_TOKEN\nexport CLEVER_TOKEN='[^']+'\nexport CLEVER_SECRET='[^']+'\nexport API_HOST='${apiHost}'\nexport AUTH_BRIDGE_HOST='${world.cleverCloud.config.bridgeUrl}'\n$`,
      ),
    );
    const fish = await world.run(['env', console.id, '--shell', 'fish']);
    expect(fish.stdout).toContain("set -gx CLEVER_TOKEN '");
    const asJson = json<{ set: Record<string, string>; unset: string[] }>((await world.run(['env', saas.id, '--json'])).stdout);
    expect(Object.keys(asJson.set)).toEqual(['SAASUS_ACCESS_TOKEN', 'SAASUS_ID_TOKEN', 'SAASUS_AUTHORIZATION']);
    expect(asJson.set.SAASUS_AUTHORIZATION).toBe(`Bearer ${asJson.set.SAASUS_ACCESS_TOKEN}`);
  });

  it('exec: clever-tools’ variables for a console login; what the environment said of another API or consumer is replaced or removed', async () => {
    const run = await world.run(['exec', console.id, '--', 'sh', '-c', 'printf "%s|%s|%s|%s" "$CLEVER_TOKEN" "$CLEVER_SECRET" "${API_HOST-unset}" "${OAUTH_CONSUMER_KEY-unset}"'], {
      env: { ...world.env, API_HOST: 'https://elsewhere.example', OAUTH_CONSUMER_KEY: 'someone-else' },
    });
    expect(run.code, run.stderr).toBe(0);
    const [token, secret, apiHost, consumerKey] = run.stdout.split('|');
    expect([apiHost, consumerKey]).toEqual([world.cleverCloud.config.baseUrl.replace(/\/v2$/, ''), 'unset']);
    const clock = makeTestClock();
    await expect(getSelf({ baseUrl: world.cleverCloud.config.baseUrl, consumer: CLEVER_TOOLS_CONSUMER, clock: clock.now }, { token: token!, secret: secret! })).resolves.toMatchObject({ email: 'demo@example.com' });
  });

  it('exec: a token of the user’s own consumer on another API brings API_HOST and the consumer, which sign for it', async () => {
    const run = await world.run(['exec', own.id, '--', 'sh', '-c', 'printf "%s|%s|%s|%s|%s" "$CLEVER_TOKEN" "$CLEVER_SECRET" "$API_HOST" "$OAUTH_CONSUMER_KEY" "$OAUTH_CONSUMER_SECRET"']);
    expect(run.code, run.stderr).toBe(0);
    const [token, secret, apiHost, key, consumerSecret] = run.stdout.split('|') as [string, string, string, string, string];
    expect(apiHost).toBe(world.cleverCloud.config.baseUrl.replace(/\/v2$/, ''));
    expect(key).toBe(world.cleverCloud.config.consumer.key);
    const clock = makeTestClock();
    await expect(getSelf({ baseUrl: `${apiHost}/v2`, consumer: { key, secret: consumerSecret }, clock: clock.now }, { token, secret })).resolves.toMatchObject({ email: 'demo@example.com' });
  });

  // The real clever-tools, both majors (devDependencies `clever-tools-3` and `clever-tools-4`), run by
  // `tessera exec` against the emulator: `clever profile` signs with what exec put in its environment
  // and shows the account's user. A console login and one of the user's own consumers, on an API that
  // is not clever-tools' default: API_HOST and the consumer come from exec too.
  it.each(['3', '4'])('exec: clever-tools %s shows the account’s user with `clever profile`', async (major) => {
    const clever = path.resolve(import.meta.dirname, `../../node_modules/clever-tools-${major}/bin/clever.js`);
    // A home of its own: clever-tools reads no profile file of the developer's, and exec alone speaks.
    const env = { ...world.env, HOME: world.dir, XDG_CONFIG_HOME: path.join(world.dir, 'xdg'), NO_UPDATE_NOTIFIER: '1' };
    for (const account of [console, own]) {
      const run = await world.run(['exec', account.id, '--', process.execPath, clever, 'profile'], { env });
      expect(run.stderr, run.stderr).not.toMatch(/error/i);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(world.cleverCloud.config.user.email);
    }
  });

  // `tessera token --kind clever-tools-4|clever-tools-3`, pasted as clever-tools' configuration file in a
  // home of its own: the real clever-tools shows the account's user. clever-tools 4's profile carries the
  // API host and the user's own consumer as overrides; clever-tools 3 reads those from the environment only.
  it.each(['3', '4'])('token --kind clever-tools-%s: pasted as the configuration file, the real clever-tools shows the user', async (major) => {
    const clever = path.resolve(import.meta.dirname, `../../node_modules/clever-tools-${major}/bin/clever.js`);
    const xdg = path.join(world.dir, `xdg-paste-${major}`);
    mkdirSync(path.join(xdg, 'clever-cloud'), { recursive: true });
    const env = { ...world.env, HOME: world.dir, XDG_CONFIG_HOME: xdg, NO_UPDATE_NOTIFIER: '1' };
    for (const account of major === '4' ? [console, own] : [console]) {
      const copy = await world.run(['token', account.id, '--kind', `clever-tools-${major}`]);
      expect(copy.code, copy.stderr).toBe(0);
      const config = major === '4' ? JSON.stringify({ version: 1, profiles: [JSON.parse(copy.stdout)] }) : copy.stdout;
      writeFileSync(path.join(xdg, 'clever-cloud', 'clever-tools.json'), config, { mode: 0o600 });
      const apiHost = major === '3' ? { API_HOST: world.cleverCloud.config.baseUrl.replace(/\/v2$/, '') } : {};
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [clever, 'profile'], { cwd: world.dir, env: { ...env, ...apiHost }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? 1 : 0, stdout, stderr }),
        ),
      );
      expect(run.stderr, run.stderr).not.toMatch(/error/i);
      expect(run.stdout).toContain(world.cleverCloud.config.user.email);
    }
  });

  it('exec: one account of each provider together; two of one provider collide on a named variable (exit 2)', async () => {
    const both = await world.run(['exec', console.id, saas.id, '--', 'sh', '-c', 'test -n "$CLEVER_TOKEN" && test -n "$SAASUS_ID_TOKEN" && echo both']);
    expect(both.stdout.trim()).toBe('both');
    const collide = await world.run(['exec', console.id, own.id, '--', 'true']);
    expect(collide.code, collide.stderr).toBe(2);
    expect(collide.stderr).toContain('would both set CLEVER_TOKEN');
  });

  it('exec: nothing secret on the command line of the command or of tessera', async () => {
    // The command prints its own command line and its parent’s (tessera's), as any user's ps would see them.
    const run = await world.run(['exec', console.id, '--', 'sh', '-c', 'tr "\\0" " " < /proc/$$/cmdline; echo; tr "\\0" " " < /proc/$PPID/cmdline; echo; printf "%s" "$CLEVER_SECRET"']);
    const [own, parent, secret] = run.stdout.split('\n') as [string, string, string];
    expect(secret.length).toBeGreaterThan(8);
    expect(parent).toContain('tessera.cjs exec');
    expect(own).not.toContain(secret);
    expect(parent).not.toContain(secret);
    const token = (await world.run(['exec', console.id, '--', 'sh', '-c', 'printf "%s" "$CLEVER_TOKEN"'])).stdout;
    expect(own + parent).not.toContain(token);
  });

  it('exec: stdio inherited, the exit status passed through, a missing command is 127', async () => {
    const run = await world.run(['exec', saas.id, '--', 'sh', '-c', 'read line; echo "got $line"; echo oops >&2; exit 7'], { input: 'hello\n' });
    expect(run).toMatchObject({ code: 7, stdout: 'got hello\n', stderr: 'oops\n' });
    const missing = await world.run(['exec', saas.id, '--', 'no-such-command-here']);
    expect(missing.code, missing.stderr).toBe(127);
    expect(missing.stderr).toContain('command not found: no-such-command-here');
  });

  it('exec: a command killed by a signal kills tessera with the same signal', async () => {
    const run = await world.run(['exec', saas.id, '--', 'sh', '-c', 'kill -TERM $$']);
    expect(run.signal).toBe('SIGTERM');
    expect(run.code).toBeNull();
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('exec: %s sent to tessera reaches the command', async (signal) => {
    const name = signal.slice(3);
    const marker = path.join(world.dir, `got-${signal}`);
    const started = path.join(world.dir, `started-${signal}`);
    const running = world.run(['exec', saas.id, '--', 'sh', '-c', `trap 'echo ${name} > ${marker}; exit 3' ${name}; touch ${started}; while :; do sleep 0.05; done`]);
    await until(() => existsSync(started), 15_000, 'the command to start');
    process.kill(tesseraExecOf(`got-${signal}`), signal);
    const result = await running;
    expect(readFileSync(marker, 'utf8').trim()).toBe(name);
    expect(result.code, result.stderr).toBe(3);
  });
});

/** The pid of the `tessera exec` process whose command line mentions `mark` (from /proc). */
function tesseraExecOf(mark: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((a) => a.endsWith('tessera.cjs')) && cmdline.includes('exec') && cmdline.some((a) => a.includes(mark))) return Number(entry);
    } catch {
      /* gone */
    }
  }
  throw new Error('tessera exec not found');
}

describe('grants', () => {
  it('grants lists them; revoke-grant ends one; an unknown id is exit 2', async () => {
    const id = await grant(saas.id, '--for 30m');
    const listed = json<{ id: string; account: { id: string }; cwd: string | null; createdBy: string }[]>((await world.run(['grants', '--json'])).stdout);
    expect(listed.find((g) => g.id === id)).toMatchObject({ account: { id: saas.id }, cwd: null, createdBy: expect.stringContaining('dash') });
    expect((await world.run(['grants'])).stdout).toContain(id);
    expect((await world.run(['revoke-grant', id])).code).toBe(0);
    expect(json<{ id: string }[]>((await world.run(['grants', '--json'])).stdout).map((g) => g.id)).not.toContain(id);
    const unknown = await world.run(['revoke-grant', 'nosuchgrant']);
    expect(unknown.code, unknown.stderr).toBe(2);
  });
});

describe('an account that needs a new login', () => {
  it('token: exit 3 with why; list and status then exit 3 and say what needs attention', async () => {
    // SaaSus no longer knows the refresh token (expired or revoked there): the next refresh fails.
    const refreshToken = (await world.keychain()).get(`account/saasus/${saas.id}/refresh-token`)!;
    expect(world.saasus.revokeRefreshToken(refreshToken)).toBe(true);
    const run = await world.run(['token', saas.id, '--min-valid', '2h']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('log in again');
    expect((await world.run(['list'])).code).toBe(3);
    const status = await world.run(['status']);
    expect(status.code, status.stderr).toBe(3);
    expect(status.stdout).toMatch(/Needs attention:\n {2}Alice Example \(SaaSus\): SaaSus refused the refresh token/);
    expect((await world.run(['list', '--names'])).code).toBe(0);
  });
});
