/**
 * Adding accounts from the command line, end to end: `tessera import clever-tools`, `tessera
 * import clever-cloud --from-env`, `tessera login clever-cloud` and `tessera login saasus`, run as
 * the built command against a real headless agent process (pointed at the emulators by the demo's
 * configuration), the real keychain, and both emulators over HTTP. The "browser" is the emulators'
 * test client, given the address the command printed, as a person would paste it.
 *
 * Each success is checked where a user would: the account appears in `tessera list`, and its token
 * works at the emulator. Each refusal leaves `tessera list` as it was.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate } from '../../emulators/browser-requests';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { apiConfigFor } from '../../emulators/saasus/testing';
import { makeTestClock } from '../../emulators/test-clock';
import { getSelf } from '../../src/main/providers/clever-cloud/api';
import { CLEVER_TOOLS_CONSUMER } from '../../src/main/providers/clever-cloud/constants';
import { getUserInfo } from '../../src/main/providers/saasus/api';
import { CLI, makeCliWorld, until, type CliWorld } from './support/cli-world';

let world: CliWorld;
/** A token issued to clever-tools' consumer by the emulator, as clever-tools would hold it. */
let cliToken: { token: string; secret: string };
let file: string;
const CALLBACK_PORT = 28992;

beforeAll(async () => {
  world = await makeCliWorld({ agentOnEmulators: true });
  // A console login's token, its account removed from Tessera (not revoked): what a clever-tools user has.
  const seeded = await world.seedCleverCloud();
  const services = world.services();
  cliToken = (await services.cleverCloud.readCredentials(seeded.id))!;
  await services.accounts.remove(seeded.id);
  world.release();
  await world.seedSaasusConnection();
  world.saasus.setCallbackUrl(`http://127.0.0.1:${CALLBACK_PORT}/callback`);
  file = path.join(world.dir, 'clever-tools.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      profiles: [
        { alias: 'work', token: cliToken.token, secret: cliToken.secret },
        { alias: 'stale', token: 'not-a-token', secret: 'not-a-secret' },
      ],
    }),
  );
}, 60_000);
afterAll(() => world.cleanup());

const listed = async (): Promise<{ id: string; provider: string; subtitle: string }[]> => {
  const run = await world.run(['list', '--json']);
  // The agent's log too (it holds no value: the secrets audit reads it), to say why a list failed.
  expect(run.code, `${run.stderr}\nagent log:\n${world.agentLog().slice(-2000)}`).toBe(0);
  return JSON.parse(run.stdout) as never;
};

/** `tessera token` approved once on a terminal, as a user would: the value. */
async function tokenOnce(account: string, kind: string): Promise<string> {
  const run = await world.runInPty(`tessera token ${account} --kind ${kind} > token.out`, [['Allow?', 'o\n']]);
  expect(run.code).toBe(0);
  return readFileSync(path.join(world.dir, 'token.out'), 'utf8').trim();
}

async function cleverSelf(account: string): Promise<string> {
  const profile = JSON.parse(await tokenOnce(account, 'clever-tools-profile')) as { token: string; secret: string };
  const self = await getSelf({ baseUrl: world.cleverCloud.config.baseUrl, consumer: CLEVER_TOOLS_CONSUMER, clock: makeTestClock().now }, profile);
  return self.email;
}

/** A command that keeps running (a login): its stderr as it comes, and its end. */
function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { env: world.env, cwd: world.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let ended = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      resolve({ code, stdout, stderr });
    }),
  );
  const address = /Open this address in your browser to log in: (\S+)/;
  return {
    child,
    done,
    stderr: () => stderr,
    /** The address the command printed for the user to open; a command that ended without one says why. */
    async url(): Promise<string> {
      await until(() => address.test(stderr) || ended, 15_000, 'the login address');
      const found = address.exec(stderr);
      if (!found) throw new Error(`The command ended without a login address: ${stderr}`);
      return found[1]!;
    },
  };
}

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

/** The SaaSus hosted page filled in as a user, then its redirect followed to Tessera's loopback callback. */
async function saasusBrowser(url: string): Promise<void> {
  const user = world.saasus.config.users[0]!;
  await fetch(url);
  const posted = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
    redirect: 'manual',
  });
  await navigate(posted.headers.get('location')!);
}

describe('tessera import clever-tools', () => {
  it('an unknown --profile is refused with the file’s aliases (exit 2), and nothing is saved', async () => {
    const run = await world.run(['import', 'clever-tools', '--file', file, '--profile', 'personal']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('no profile "personal": its profiles are "work", "stale"');
    expect(await listed()).toEqual([]);
  });

  it('--profile imports that profile alone; the account is listed and its token works', async () => {
    const run = await world.run(['import', 'clever-tools', '--file', file, '--profile', 'work', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { imported: { id: string }[]; failed: unknown[] };
    expect(answer.failed).toEqual([]);
    expect(answer.imported).toHaveLength(1);
    expect((await listed()).map((a) => a.id)).toEqual([answer.imported[0]!.id]);
    expect(await cleverSelf(answer.imported[0]!.id)).toBe(world.cleverCloud.config.user.email);
  });

  it('without --file: clever-tools’ own location in the command’s environment; a profile that fails is reported (exit 3), the others imported', async () => {
    const config = path.join(world.dir, 'xdg');
    mkdirSync(path.join(config, 'clever-cloud'), { recursive: true });
    writeFileSync(path.join(config, 'clever-cloud', 'clever-tools.json'), readFileSync(file));
    const run = await world.run(['import', 'clever-tools'], { env: { ...world.env, XDG_CONFIG_HOME: config } });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(/^Imported "Ada Demo" \(demo@example\.com, Clever Cloud\), id \S+\.$/m);
    expect(run.stderr).toMatch(/Not imported: profile "stale": .*log in again/);
    // The same user on the same consumer and API: the account is replaced in place, not doubled.
    expect(await listed()).toHaveLength(1);
  });
});

describe('tessera import clever-tools: a clever-tools 4 profile with overrides', () => {
  it('imports it with its own consumer and API host, says which overrides came, and --remove-plaintext removes its token (backup kept)', async () => {
    const own = path.join(world.dir, 'own-clever-tools.json');
    const original = JSON.stringify({
      version: 1,
      profiles: [
        {
          alias: 'own',
          token: world.cleverCloud.config.token.token,
          secret: world.cleverCloud.config.token.secret,
          overrides: {
            API_HOST: world.cleverCloud.config.baseUrl.replace(/\/v2$/, ''),
            OAUTH_CONSUMER_KEY: world.cleverCloud.config.consumer.key,
            OAUTH_CONSUMER_SECRET: world.cleverCloud.config.consumer.secret,
          },
        },
        { alias: 'kept', token: 'another-token', secret: 'another-secret' },
      ],
    });
    writeFileSync(own, original);
    const first = await world.run(['import', 'clever-tools', '--file', own, '--profile', 'own']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('profile "own" brought its overrides: API_HOST, OAUTH_CONSUMER_KEY, OAUTH_CONSUMER_SECRET');
    expect(first.stderr).toContain('add --remove-plaintext');
    expect(first.stdout + first.stderr).not.toContain(world.cleverCloud.config.consumer.secret);
    expect(readFileSync(own, 'utf8')).toBe(original);
    const second = await world.run(['import', 'clever-tools', '--file', own, '--profile', 'own', '--remove-plaintext', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const answer = JSON.parse(second.stdout) as { imported: { id: string }[]; plaintextRemoved: { path: string; backupPath: string; removed: string[] } };
    expect(answer.plaintextRemoved).toMatchObject({ path: own, removed: ['own'] });
    expect(JSON.parse(readFileSync(own, 'utf8'))).toEqual({ version: 1, profiles: [{ alias: 'kept', token: 'another-token', secret: 'another-secret' }] });
    expect(readFileSync(answer.plaintextRemoved.backupPath, 'utf8')).toBe(original);
    // The account works: its header, handed out once, is accepted by the API.
    const header = await tokenOnce(answer.imported[0]!.id, 'authorization-header');
    const res = await fetch(`${world.cleverCloud.config.baseUrl}/self`, { headers: { authorization: header } });
    expect(res.status).toBe(200);
  });
});

describe('tessera import clever-cloud --from-env', () => {
  const variables = () => ({ ...world.env, CLEVER_TOKEN: cliToken.token, CLEVER_SECRET: cliToken.secret });

  it('fails, naming the variable, an API_HOST or a consumer that cannot be used; nothing is saved', async () => {
    const before = await listed();
    const otherHost = await world.run(['import', 'clever-cloud', '--from-env'], { env: { ...variables(), API_HOST: 'http://api.example.org' } });
    expect(otherHost.code, otherHost.stderr).toBe(2);
    expect(otherHost.stderr).toContain('Not imported: profile "environment": The override API_HOST must be an https address');
    const halfConsumer = await world.run(['import', 'clever-cloud', '--from-env'], { env: { ...variables(), OAUTH_CONSUMER_KEY: 'my-own-consumer' } });
    expect(halfConsumer.code, halfConsumer.stderr).toBe(2);
    expect(halfConsumer.stderr).toContain('OAUTH_CONSUMER_SECRET is missing while OAUTH_CONSUMER_KEY is set');
    expect(halfConsumer.stderr).not.toContain('my-own-consumer');
    const unset = await world.run(['import', 'clever-cloud', '--from-env']);
    expect(unset.code, unset.stderr).toBe(2);
    expect(unset.stderr).toContain('CLEVER_TOKEN and CLEVER_SECRET are not both set in the command’s environment');
    expect(await listed()).toEqual(before);
  });

  it('imports a token of the user’s own consumer with the command’s API_HOST and OAUTH_CONSUMER_* (as clever-tools reads them); its token works', async () => {
    const { config } = world.cleverCloud;
    const env = {
      ...world.env,
      CLEVER_TOKEN: config.token.token,
      CLEVER_SECRET: config.token.secret,
      API_HOST: config.baseUrl.replace(/\/v2$/, ''),
      OAUTH_CONSUMER_KEY: config.consumer.key,
      OAUTH_CONSUMER_SECRET: config.consumer.secret,
    };
    const run = await world.run(['import', 'clever-cloud', '--from-env'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('profile "environment" brought its overrides: API_HOST, OAUTH_CONSUMER_KEY, OAUTH_CONSUMER_SECRET');
    expect(run.stdout + run.stderr).not.toContain(config.consumer.secret);
    const id = /id (\S+)\.$/m.exec(run.stdout)![1]!;
    const header = await tokenOnce(id, 'authorization-header');
    const res = await fetch(`${config.baseUrl}/self`, { headers: { authorization: header } });
    expect(res.status).toBe(200);
  });

  it('takes no secret on the command line', async () => {
    const run = await world.run(['import', 'clever-cloud', '--token', cliToken.token]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('Unknown option --token');
  });

  it('imports the command’s CLEVER_TOKEN / CLEVER_SECRET (an API_HOST equal to Tessera’s is fine); its token works', async () => {
    // The agent runs already, started without these variables: they can only come from this command.
    const apiHost = world.cleverCloud.config.baseUrl.replace(/\/v2$/, '');
    const run = await world.run(['import', 'clever-cloud', '--from-env', '--json'], { env: { ...variables(), API_HOST: `${apiHost}/` } });
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { imported: { id: string }[] };
    expect(answer.imported).toHaveLength(1);
    expect(await cleverSelf(answer.imported[0]!.id)).toBe(world.cleverCloud.config.user.email);
  });
});

describe('tessera login', () => {
  it('clever-cloud: prints the console address, shows progress, and adds the account once the user approves', async () => {
    const before = (await listed()).length;
    const login = start(['login', 'clever-cloud', '--json']);
    const url = await login.url();
    expect(url.startsWith(world.cleverCloud.config.consoleUrl)).toBe(true);
    const { email, password } = world.cleverCloud.config.user;
    await new TestBrowser(world.cleverCloud.config.consoleUrl, { email, password }).open(url);
    const run = await login.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/gives up in 5 min; Ctrl-C cancels/);
    const { account } = JSON.parse(run.stdout) as { account: { id: string } };
    // A second console login of the same user replaces the imported account's token in place.
    expect(await listed()).toHaveLength(before);
    expect(await cleverSelf(account.id)).toBe(email);
  });

  it('saasus: prints the login page, waits for the loopback callback, and adds the account', async () => {
    const login = start(['login', 'saasus', '--connection', 'demo saas']);
    const url = await login.url();
    await saasusBrowser(url);
    const run = await login.done;
    expect(run.code, run.stderr).toBe(0);
    const id = /id (\S+?)[;.]/.exec(run.stdout)![1]!;
    expect((await listed()).find((a) => a.id === id)).toMatchObject({ provider: 'saasus', subtitle: `${world.saasus.config.users[0]!.email} · Demo SaaS` });
    await expect(getUserInfo(apiConfigFor(world.saasus, makeTestClock()), await tokenOnce(id, 'id-token'))).resolves.toMatchObject({ email: world.saasus.config.users[0]!.email });
  });

  it('saasus: an unknown connection is refused with the connections there are (exit 2)', async () => {
    const run = await world.run(['login', 'saasus', '--connection', 'nope']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('No SaaS connection is named "nope"');
    expect(run.stderr).toContain('Demo SaaS');
  });

  it('times out when nobody logs in (exit 1), and saves nothing', async () => {
    const before = await listed();
    const run = await world.run(['login', 'clever-cloud', '--timeout', '2s']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('Nobody logged in within 2 s');
    expect(await listed()).toEqual(before);
  });

  it('Ctrl-C on the command cancels the login in the agent: its callback port is let go, and nothing is saved', async () => {
    const before = await listed();
    const login = start(['login', 'saasus', '--connection', 'Demo SaaS']);
    const url = await login.url();
    expect(await portFree(CALLBACK_PORT)).toBe(false);
    process.kill(login.child.pid!, 'SIGINT');
    const run = await login.done;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Login cancelled');
    await until(() => portFree(CALLBACK_PORT), 5_000, 'the agent to let go of the callback port');
    // The user finishing in the browser afterwards adds nothing.
    await saasusBrowser(url).catch(() => undefined);
    expect(await listed()).toEqual(before);
  });
});
