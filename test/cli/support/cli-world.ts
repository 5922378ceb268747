/**
 * The world of a command-line test: the real `tessera` command and headless agent, built by
 * scripts/build-cli.mjs into out/cli (as `npm run build` does), run as processes over a data
 * folder and keychain service of the test's own (TESSERA_DATA_DIR, TESSERA_KEYCHAIN_SERVICE: a
 * source checkout honours them), against both emulators over HTTP.
 *
 * Accounts are seeded through the app's real services in this process (a console login, a pasted
 * token with the user's own consumer, a SaaSus code), then let go (metadata flushed) before an
 * agent opens the same files. A seeded SaaSus session lives in this process's memory only, so the
 * agent's first hand-out refreshes, as the app's first copy after a restart does.
 *
 * Approvals typed by a user go through a real pseudo-terminal (test/cli/support/pty-run.py,
 * python3's pty module): the command runs as `sh -c '…'` in a new session whose controlling
 * terminal is the pty, so the caller (sh) has a terminal session and /dev/tty works.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { startCleverCloudEmulator, type CleverCloudEmulator, type CleverCloudEmulatorOptions } from '../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator, type SaasusEmulatorOptions } from '../../../emulators/saasus/server';
import type { AppServices } from '../../../src/main/app-services';
import { systemClock } from '../../../src/main/util/clock';
import type { AccountSummary } from '../../../src/shared/types';
import { makeTestWorld, type TestWorld } from '../../support/real-stores';
import { createTestApp, testDesktop } from '../../support/test-app';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const CLI = path.join(ROOT, 'out/cli/tessera.cjs');
export const AGENT = path.join(ROOT, 'out/cli/tessera-agent.cjs');
const PTY_RUN = path.join(import.meta.dirname, 'pty-run.py');

let built: Promise<void> | undefined;
/** Builds the command and the agent once per test process (scripts/build-cli.mjs, as `npm run build`). */
export function buildCli(): Promise<void> {
  built ??= new Promise((resolve, reject) =>
    execFile(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT }, (error, _stdout, stderr) => (error ? reject(new Error(`build-cli failed: ${stderr}`)) : resolve())),
  );
  return built;
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PtyRun {
  /** Everything the terminal showed (the questions, what was typed back, the command's output). */
  readonly screen: string;
  readonly code: number | null;
  readonly signal: string | null;
  /** How many of the answers were typed (a question that never came leaves its answer untyped). */
  readonly answered: number;
}

export interface CliWorld extends TestWorld {
  readonly cleverCloud: CleverCloudEmulator;
  readonly saasus: SaasusEmulator;
  /** The environment the command runs with (the test's data folder and keychain service). */
  readonly env: NodeJS.ProcessEnv;
  readonly agentDir: string;
  /** The app's real services over the test's files, for seeding; `release()` lets go of them. */
  services(): AppServices;
  release(): void;
  seedCleverCloud(): Promise<AccountSummary>;
  seedCleverCloudOwnConsumer(): Promise<AccountSummary>;
  seedSaasus(email?: string, opts?: { expired?: boolean }): Promise<AccountSummary>;
  /** The demo SaaS connection (as `seedSaasus` makes it), without an account; its id. */
  seedSaasusConnection(): Promise<string>;
  /** Runs `tessera <args>` without a terminal (stdin closed: a script, a CI job). */
  run(args: readonly string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string }): Promise<Run>;
  /** Runs a shell command line without a terminal (its own session, stdin closed), like a script run by cron or an AI agent's tool. */
  runShell(shellCommand: string, opts?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Run>;
  /** Runs a shell command line in a pseudo-terminal, typing each answer when its prompt appears. */
  runInPty(shellCommand: string, answers: readonly (readonly [prompt: string, typed: string])[], opts?: { cwd?: string; timeoutMs?: number }): Promise<PtyRun>;
  /** The agent's pid, from `tessera agent start` (which starts one if needed). */
  startAgent(): Promise<number>;
  agentLog(): string;
  handoutLog(): Record<string, unknown>[];
  cleanup(): Promise<void>;
}

/** Offset of the SaaSus emulator's clock and of the seeding services' (negative: the past). */
interface Offset {
  ms: number;
}

export async function makeCliWorld(
  opts: {
    saasus?: SaasusEmulatorOptions;
    cleverCloud?: CleverCloudEmulatorOptions;
    idleMs?: number;
    /** The agent logs in and imports against the Clever Cloud emulator (the demo's configuration, src/main/demo.ts). */
    agentOnEmulators?: boolean;
  } = {},
): Promise<CliWorld> {
  await buildCli();
  const world = makeTestWorld();
  const offset: Offset = { ms: 0 };
  const clock = () => Date.now() + offset.ms;
  const [cleverCloud, saasus] = await Promise.all([startCleverCloudEmulator(opts.cleverCloud), startSaasusEmulator({ clock, ...opts.saasus })]);
  // `tessera` on the PATH, as `npm link` would put it.
  const bin = path.join(world.dir, 'bin');
  mkdirSync(bin);
  symlinkSync(CLI, path.join(bin, 'tessera'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    TESSERA_DATA_DIR: world.dir,
    TESSERA_KEYCHAIN_SERVICE: world.service,
    TESSERA_AGENT_IDLE_MS: String(opts.idleMs ?? 120_000),
  };
  delete env.TESSERA_DEMO;
  if (opts.agentOnEmulators) {
    env.TESSERA_DEMO = '1';
    env.TESSERA_DEMO_CONFIG = JSON.stringify({ cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, bridgeUrl: cleverCloud.config.bridgeUrl } });
  }
  const children = new Set<ChildProcess>();
  let app: AppServices | undefined;
  let connectionId: string | undefined;

  const services = (): AppServices => {
    app ??= createTestApp(world, {
      clock: { ...systemClock, now: clock },
      loginTimeoutMs: 10_000,
      cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, bridgeUrl: cleverCloud.config.bridgeUrl, pollIntervalMs: 50 },
      desktop: testDesktop(async (url) => void (await new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password }).open(url))),
    });
    return app;
  };
  const release = (): void => {
    if (!app) return;
    app.scheduler.stop();
    app.cleverCloud.retired.stop();
    app.metadata.flush();
    app = undefined;
  };

  const connect = async (s: AppServices): Promise<string> => {
    connectionId ??= (
      await s.saasus.connections.save({
        name: 'Demo SaaS',
        saasId: saasus.config.saasId,
        apiKey: saasus.config.apiKey,
        secretKey: saasus.config.secretKey,
        apiBaseUrl: saasus.config.baseUrl,
        loginUrl: saasus.config.loginUrl,
        callbackPort: 28992,
      })
    ).id;
    return connectionId;
  };

  let logins = 0;
  const world2: CliWorld = {
    ...world,
    cleverCloud,
    saasus,
    env,
    agentDir: path.join(world.dir, 'agent'),
    services,
    release,
    async seedCleverCloud() {
      const account = await services().cleverCloud.loginWithConsole(`cli-test-login-${++logins}`);
      release();
      return account;
    },
    async seedCleverCloudOwnConsumer() {
      const s = services();
      const consumer = await s.cleverCloud.consumers.save({ name: 'My consumer', key: cleverCloud.config.consumer.key, secret: cleverCloud.config.consumer.secret, callbackPort: 28991 });
      const account = await s.cleverCloud.importPasted(cleverCloud.config.token.token, cleverCloud.config.token.secret, consumer.id);
      release();
      return account;
    },
    async seedSaasusConnection() {
      const id = await connect(services());
      release();
      return id;
    },
    async seedSaasus(email = saasus.config.users[0]!.email, seed = {}) {
      const s = services();
      await connect(s);
      // An expired account: logged in two hours ago (one-hour tokens), as both clocks then said.
      if (seed.expired) offset.ms = -2 * 3_600_000;
      try {
        return await s.saasus.exchangePastedCode(connectionId!, saasus.issueTempCode(email));
      } finally {
        offset.ms = 0;
        release();
      }
    },
    run(args, runOpts = {}) {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: runOpts.env ?? env, cwd: runOpts.cwd ?? world.dir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        children.add(child);
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.stdin.end(runOpts.input ?? '');
        child.on('close', (code, signal) => {
          children.delete(child);
          resolve({ code, signal, stdout, stderr });
        });
      });
    },
    runShell(shellCommand, shellOpts = {}) {
      return new Promise((resolve) => {
        const child = spawn('sh', ['-c', shellCommand], { env: shellOpts.env ?? env, cwd: shellOpts.cwd ?? world.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        children.add(child);
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('close', (code, signal) => {
          children.delete(child);
          resolve({ code, signal, stdout, stderr });
        });
      });
    },
    runInPty(shellCommand, answers, ptyOpts = {}) {
      return new Promise((resolve, reject) => {
        const config = { argv: ['sh', '-c', shellCommand], env, cwd: ptyOpts.cwd ?? world.dir, answers, timeoutMs: ptyOpts.timeoutMs ?? 30_000 };
        const child = execFile('python3', [PTY_RUN], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
          if (error && !stdout) return reject(new Error(`pty-run failed: ${stderr}`));
          resolve(JSON.parse(stdout) as PtyRun);
        });
        child.stdin!.end(JSON.stringify(config));
      });
    },
    async startAgent() {
      const started = await world2.run(['agent', 'start', '--json']);
      if (started.code !== 0) throw new Error(`agent start failed: ${started.stderr}`);
      return (JSON.parse(started.stdout) as { pid: number }).pid;
    },
    agentLog() {
      const file = path.join(world.dir, 'tessera-agent.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    handoutLog() {
      const file = path.join(world.dir, 'tessera-handouts.jsonl');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async cleanup() {
      release();
      for (const child of children) child.kill('SIGKILL');
      await stopAgents(world.dir);
      await Promise.all([cleverCloud.close(), saasus.close()]);
      await world.cleanup();
    },
  };
  return world2;
}

/** Pids of the headless agents serving this data folder (from /proc: their environment names it). */
export function agentPids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('tessera-agent.cjs')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`TESSERA_DATA_DIR=${dataDir}`)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `check` holds (polling), failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Ends the agents this test started (by their pids), and waits for them to go. */
export async function stopAgents(dataDir: string): Promise<void> {
  const pids = agentPids(dataDir);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  await until(() => pids.every((pid) => !alive(pid)), 10_000, 'the agents to stop').catch(() => pids.forEach((pid) => alive(pid) && process.kill(pid, 'SIGKILL')));
}
