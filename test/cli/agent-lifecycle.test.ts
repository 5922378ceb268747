/**
 * The agent's life, with real processes and real sockets: one agent however many commands start
 * at once; a crashed agent's socket replaced; the handover between two agents (a refresh in flight
 * finishes first, the rotated refresh token is not spent twice, grants carry over); the idle exit;
 * and the paths a command refuses (another user's, or open to others), and an app holding the
 * data folder.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserInfo } from '../../src/main/providers/saasus/api';
import { apiConfigFor } from '../../emulators/saasus/testing';
import { makeTestClock } from '../../emulators/test-clock';
import { AGENT, agentPids, alive, makeCliWorld, until, type CliWorld } from './support/cli-world';

const NOBODY = 65534;
let world: CliWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function grant(w: CliWorld, account: string): Promise<void> {
  const run = await w.runInPty(`tessera grant ${account} > /dev/null`, [['Type yes', 'yes\n']]);
  expect(run.code).toBe(0);
}

describe('one agent at a time', () => {
  it('ten commands started at once, with no agent running, share the one agent that wins the socket', async () => {
    world = await makeCliWorld();
    await world.seedCleverCloud();
    const runs = await Promise.all(Array.from({ length: 10 }, () => world!.run(['list', '--json'])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    await until(() => agentPids(world!.dir).length === 1, 10_000, 'the losing agents to leave');
    const [pid] = agentPids(world.dir);
    const status = JSON.parse((await world.run(['status', '--json'])).stdout) as { agent: { pid: number } };
    expect(status.agent.pid).toBe(pid);
  });

  it('an agent killed with SIGKILL leaves its socket; the next command replaces it with a new agent', async () => {
    world = await makeCliWorld();
    await world.seedCleverCloud();
    const first = await world.startAgent();
    process.kill(first, 'SIGKILL');
    await until(() => !alive(first), 5_000, 'the agent to die');
    const socket = path.join(world.agentDir, 'agent.sock');
    expect(lstatSync(socket).isSocket()).toBe(true);
    const run = await world.run(['list']);
    expect(run.code, run.stderr).toBe(0);
    const second = await world.startAgent();
    expect(second).not.toBe(first);
    expect(agentPids(world.dir)).toEqual([second]);
  });
});

describe('handing over', () => {
  it('a refresh in flight finishes first, its rotated refresh token reaches the next agent, grants carry over', async () => {
    world = await makeCliWorld({ saasus: { rotateRefreshTokens: true } });
    const w = world;
    const saas = await w.seedSaasus();
    const old = await w.startAgent();
    await grant(w, saas.id);
    // The old agent's refresh (its first hand-out: it holds no token yet) is slow.
    const refreshes = () => w.saasus.server.log.filter((r) => r.path.endsWith('/credentials')).length;
    const before = refreshes();
    w.saasus.server.faults.add({ fault: { kind: 'delay', ms: 1_500 }, path: '/v1/auth/credentials', times: 1 });
    const inFlight = w.runShell(`tessera token ${saas.id} --kind id-token`);
    await until(() => refreshes() > before, 10_000, 'the refresh to reach SaaSus');

    // A second agent takes over (what the app will do when it starts).
    const log = openSync(path.join(w.dir, 'tessera-agent.log'), 'a');
    const next = spawn(process.execPath, [AGENT, '--take-over'], { env: w.env, stdio: ['ignore', log, log, 'pipe'], detached: true });
    closeSync(log);
    const ready = new Promise<string>((resolve) => next.stdio[3]!.once('data', (d: Buffer) => resolve(d.toString().trim())));
    // Once the new agent holds the socket path, a command reaches it and waits while the old one
    // finishes; the new one then serves it, and knows the grant.
    await until(() => w.agentLog().includes(`[agent ${next.pid}] taking over from agent ${old}`), 15_000, 'the new agent to take the socket');
    expect(alive(old)).toBe(true);
    const during = w.runShell(`tessera token ${saas.id} --kind id-token --min-valid 2h`);
    expect(await ready).toBe('ready');

    const first = await inFlight;
    expect(first.code, first.stderr).toBe(0);
    const second = await during;
    expect(second.stderr).toBe('');
    expect(second.code, second.stderr).toBe(0);
    await until(() => !alive(old), 10_000, 'the old agent to exit');
    // Two refreshes, each with the refresh token the one before it left: the second one used the
    // token the first rotated, so SaaSus accepted it (a reused refresh token would log the user out).
    expect(w.saasus.refreshCalls()).toBe(2);
    const clock = makeTestClock();
    for (const token of [first.stdout.trim(), second.stdout.trim()]) await expect(getUserInfo(apiConfigFor(w.saasus, clock), token)).resolves.toMatchObject({ email: 'alice@example.com' });
    const status = JSON.parse((await w.run(['status', '--json'])).stdout) as { agent: { pid: number }; grants: number; attention: unknown[] };
    expect(status).toMatchObject({ agent: { pid: next.pid }, grants: 1, attention: [] });
    expect(w.agentLog()).toMatch(new RegExp(`\\[agent ${old}\\] stopped \\(handover\\)`));
  });
});

describe('idle exit', () => {
  it('a headless agent exits after its idle time, taking its socket and key with it', async () => {
    world = await makeCliWorld({ idleMs: 1_500 });
    await world.seedCleverCloud();
    const pid = await world.startAgent();
    await until(() => !alive(pid), 15_000, 'the idle agent to exit');
    expect(existsSync(path.join(world.agentDir, 'agent.sock'))).toBe(false);
    expect(existsSync(path.join(world.agentDir, 'session-key'))).toBe(false);
    expect(world.agentLog()).toContain(`[agent ${pid}] stopped (idle)`);
  });

  it('…but not while a grant is in force', async () => {
    world = await makeCliWorld({ idleMs: 1_500 });
    const w = world;
    const saas = await w.seedSaasus();
    const pid = await w.startAgent();
    await grant(w, saas.id);
    const grants = JSON.parse((await w.run(['grants', '--json'])).stdout) as { id: string }[];
    // Twice the idle time with no command: still there.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(alive(pid)).toBe(true);
    await w.run(['revoke-grant', grants[0]!.id]);
    await until(() => !alive(pid), 15_000, 'the agent to exit once the grant is gone');
  });
});

describe('no keychain', () => {
  it('status says so with exit 5; a hand-out the user approved fails with exit 5, nothing stored', async () => {
    world = await makeCliWorld();
    const w = world;
    const account = await w.seedCleverCloud();
    // An agent whose Secret Service cannot be reached (a session bus that is not there).
    const env: NodeJS.ProcessEnv = { ...w.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(w.dir, 'no-bus')}` };
    const status = await w.run(['status'], { env });
    expect(status.code, status.stderr).toBe(5);
    expect(status.stdout).toContain('Keychain: unavailable');
    const run = await w.runInPty(`DBUS_SESSION_BUS_ADDRESS=unix:path=${path.join(w.dir, 'no-bus')} tessera token ${account.id} > out.txt; echo "code=$?"`, [['Allow?', 'o\n']]);
    expect(run.screen).toContain('code=5');
    expect(readFileSync(path.join(w.dir, 'out.txt'), 'utf8')).toBe('');
  }, 60_000);
});

describe('paths the command refuses', () => {
  it.each([
    ['the agent directory open to others', (w: CliWorld) => chmodSync(w.agentDir, 0o755), 'chmod 700'],
    ['the agent directory owned by another user', (w: CliWorld) => chownSync(w.agentDir, NOBODY, NOBODY), `belongs to user ${NOBODY}`],
    ['the socket open to others', (w: CliWorld) => chmodSync(path.join(w.agentDir, 'agent.sock'), 0o666), 'chmod 600'],
    ['the socket owned by another user', (w: CliWorld) => chownSync(path.join(w.agentDir, 'agent.sock'), NOBODY, NOBODY), `belongs to user ${NOBODY}`],
    ['the session key readable by others', (w: CliWorld) => chmodSync(path.join(w.agentDir, 'session-key'), 0o644), 'chmod 600'],
    ['the session key owned by another user', (w: CliWorld) => chownSync(path.join(w.agentDir, 'session-key'), NOBODY, NOBODY), `belongs to user ${NOBODY}`],
  ])('%s: exit 6, saying what to fix, and nothing sent', async (_what, spoil, fix) => {
    world = await makeCliWorld();
    const w = world;
    const saas = await w.seedSaasus();
    await w.startAgent();
    await grant(w, saas.id);
    const handouts = w.handoutLog().length;
    spoil(w);
    const run = await w.run(['token', saas.id]);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(fix);
    expect(w.handoutLog()).toHaveLength(handouts);
  });

  it('the agent refuses to start in a directory open to others', async () => {
    world = await makeCliWorld();
    const w = world;
    mkdirSync(w.agentDir, { mode: 0o755 });
    chmodSync(w.agentDir, 0o755);
    const direct = await new Promise<{ code: number | null; said: string }>((resolve) => {
      const child = spawn(process.execPath, [AGENT], { env: w.env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      let said = '';
      child.stdio[3]!.on('data', (d: Buffer) => (said += d.toString()));
      child.on('close', (code) => resolve({ code, said }));
    });
    expect(direct.code, direct.said).toBe(1);
    expect(direct.said).toMatch(/^error agent_unavailable .*chmod 700/);
    expect(existsSync(path.join(w.agentDir, 'agent.sock'))).toBe(false);
  });

  it('while the app holds the data folder, no headless agent opens it', async () => {
    world = await makeCliWorld();
    const home = mkdtempSync(path.join(os.tmpdir(), 'tessera-home-'));
    try {
      const userData = path.join(home, '.config', 'Tessera');
      mkdirSync(userData, { recursive: true, mode: 0o700 });
      // Chromium's single-instance lock, as the running app leaves it: <host>-<pid>.
      symlinkSync(`${os.hostname()}-${process.pid}`, path.join(userData, 'SingletonLock'));
      const env: NodeJS.ProcessEnv = { ...world.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), TESSERA_DEMO: '1' };
      delete env.TESSERA_DATA_DIR;
      const run = await world.run(['list'], { env });
      expect(run.code, run.stderr).toBe(6);
      expect(run.stderr).toContain('The Tessera app is running');
      expect(readFileSync(path.join(userData, 'demo', 'tessera-agent.log'), 'utf8')).toContain('could not start');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
