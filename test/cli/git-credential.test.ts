/**
 * `tessera git-credential` end to end: a real `git push` to the Clever Cloud emulator's git remote
 * (smart HTTP, Basic auth whose user name must be a live service token of the app's organisation),
 * with git asking the built `tessera` command as its credential helper, through a real headless
 * agent over the real keychain. The token is created through Tessera's own service (as the window
 * does) and never appears in `.git/config`, in a credentials file, or on any process's command line.
 * A grant (typed "yes" on a real pseudo-terminal) lets git's helper have it without a terminal.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../emulators/clever-cloud/demo-data';
import type { AccountSummary } from '../../src/shared/types';
import { makeCliWorld, type CliWorld } from './support/cli-world';

const exec = promisify(execFile);
const acme = DEMO_ORGANISATIONS[0]!;
const acmeWeb = acme.applications[0]!.id;

let world: CliWorld;
let account: AccountSummary;
let token: { id: string; value: string };
let repo: string;
let gitEnv: NodeJS.ProcessEnv;

const git = (args: readonly string[]) => exec('git', ['-C', repo, ...args], { env: gitEnv });
const remote = (): string => `${world.cleverCloud.server.url}/${acmeWeb}.git`;
const HELPER = ['-c', 'credential.helper=', '-c', 'credential.helper=!tessera git-credential', '-c', 'credential.useHttpPath=true'];

/** Every process's command line while `during` runs (what `ps` shows), sampled every few milliseconds. */
async function commandLinesDuring<T>(during: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; lines: Set<string> }> {
  const lines = new Set<string>();
  let running = true;
  const sample = async (): Promise<void> => {
    while (running) {
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          lines.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
        } catch {
          // gone already
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const sampling = sample();
  const [result] = await Promise.allSettled([during()]);
  running = false;
  await sampling;
  return { result: result!, lines };
}

async function commit(file: string): Promise<string> {
  writeFileSync(path.join(repo, file), `${file}\n`);
  await git(['add', '.']);
  await git(['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-qm', file]);
  return (await git(['rev-parse', 'HEAD'])).stdout.trim();
}

const landed = async (): Promise<string> =>
  (await exec('git', ['--git-dir', world.cleverCloud.organisations.repositoryOf(acmeWeb), 'rev-parse', 'refs/heads/main'], { env: gitEnv })).stdout.trim();

beforeAll(async () => {
  world = await makeCliWorld();
  account = await world.seedCleverCloud();
  const made = await world.services().cleverCloud.serviceTokens.create(account.id, acme.id, { name: 'deploy', role: 'DEVELOPER', appId: acmeWeb, ttlSeconds: 3600 });
  token = { id: made.id, value: (await world.services().cleverCloud.serviceTokens.value(account.id, acme.id, made.id)).value };
  world.release();
  const granted = await world.runInPty(`tessera grant ${account.id}`, [['Type yes', 'yes\n']]);
  expect(granted.code).toBe(0);
  repo = path.join(world.dir, 'repo');
  // No global or system git configuration: only what each command line says.
  gitEnv = { ...world.env, HOME: world.dir, XDG_CONFIG_HOME: path.join(world.dir, 'xdg'), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  delete gitEnv.GIT_ASKPASS;
  delete gitEnv.SSH_ASKPASS;
  await exec('git', ['init', '-q', '-b', 'main', repo], { env: gitEnv });
}, 90_000);
afterAll(() => world.cleanup());

describe('tessera git-credential', () => {
  it('git push to a Clever Cloud deployment remote gets the service token from Tessera; it lands nowhere on disk or on a command line', async () => {
    const head = await commit('one.js');
    const { result, lines } = await commandLinesDuring(() => git([...HELPER, 'push', '-q', remote(), 'main']));
    expect(result.status, result.status === 'rejected' ? String(result.reason) : '').toBe('fulfilled');
    expect(await landed()).toBe(head);
    expect([...lines].some((l) => l.includes('git-credential'))).toBe(true);
    expect([...lines].filter((l) => l.includes(token.value))).toEqual([]);
    expect(readFileSync(path.join(repo, '.git/config'), 'utf8')).not.toContain(token.value);
    expect(existsSync(path.join(world.dir, '.git-credentials'))).toBe(false);
    const handout = world.handoutLog().find((e) => e.method === 'gitCredential' && e.event === 'hand-out');
    expect(handout).toMatchObject({ kinds: ['service-token'] });
    expect(JSON.stringify(world.handoutLog())).not.toContain(token.value);
  }, 60_000);

  it('prints nothing for any other host, without asking the agent', async () => {
    const before = world.handoutLog().length;
    for (const input of ['protocol=https\nhost=github.com\npath=owner/repo.git\n\n', `protocol=https\nhost=evil.example\npath=${acmeWeb}.git\n\n`, `protocol=http\nhost=127.0.0.1:1\npath=${acmeWeb}.git\n\n`]) {
      const run = await world.run(['git-credential', 'get'], { input });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('');
    }
    expect(world.handoutLog()).toHaveLength(before);
    for (const action of ['store', 'erase']) {
      const run = await world.run(['git-credential', action], { input: `protocol=http\nhost=${new URL(remote()).host}\npath=${acmeWeb}.git\nusername=x\npassword=y\n\n` });
      expect(run).toMatchObject({ code: 0, stdout: '' });
    }
  });

  it('tessera token --kind service-token hands out the same token by organisation and application name', async () => {
    const run = await world.run(['token', account.id, '--kind', 'service-token', '--org', 'Acme', '--app', 'acme-web', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ orgId: acme.id, tokenId: token.id, appId: acmeWeb, value: token.value });
    const none = await world.run(['token', account.id, '--kind', 'service-token', '--org', 'Globex']);
    // not_found: as an unknown account, a usage mistake (src/cli/exit-codes.ts).
    expect(none.code, none.stderr).toBe(2);
    expect(none.stderr).toContain('no live service token');
    expect(none.stderr).not.toContain(token.value);
  });

  it('without a grant, a helper with no terminal is refused (exit 4), prints nothing, and git cannot push', async () => {
    const grants = JSON.parse((await world.run(['grants', '--json'])).stdout) as { id: string }[];
    for (const g of grants) expect((await world.run(['revoke-grant', g.id])).code).toBe(0);
    const input = `protocol=http\nhost=${new URL(remote()).host}\npath=${acmeWeb}.git\n\n`;
    const refused = await world.run(['git-credential', 'get'], { input });
    expect(refused).toMatchObject({ code: 4, stdout: '' });
    const before = await landed();
    await commit('refused.js');
    await expect(git([...HELPER, 'push', '-q', remote(), 'main'])).rejects.toThrow();
    expect(await landed()).toBe(before);
    expect(world.handoutLog().some((e) => e.method === 'gitCredential' && e.event === 'denied')).toBe(true);
    const again = await world.runInPty(`tessera grant ${account.id}`, [['Type yes', 'yes\n']]);
    expect(again.code).toBe(0);
  }, 60_000);

  it('once the token is revoked, the push fails and nothing lands', async () => {
    const before = await landed();
    await world.services().cleverCloud.serviceTokens.revoke(account.id, acme.id, token.id);
    world.release();
    await commit('two.js');
    await expect(git([...HELPER, 'push', '-q', remote(), 'main'])).rejects.toThrow();
    expect(await landed()).toBe(before);
  }, 60_000);
});
