/**
 * Scenarios 1–3: what a user feels of the network paths, each next to its limit from the same run.
 *
 * 1. Copy a valid token: from the IPC call (`router.dispatch` of the copy channel) to the moment
 *    the desktop clipboard port's `writeText` is called, p50 and p95, next to a bare keychain read
 *    (`keytar.getPassword` of an entry of the same size, same keyring, interleaved with the copies
 *    so both see the same load). Goal: p50 ratio ≤ 1.5. Twice: a SaaSus access token (held in
 *    memory) and a Clever Cloud Authorization header (its token and token secret, one keychain
 *    entry, are read on every copy: src/main/providers/clever-cloud/token-entry.ts says why one entry).
 * 2. Copy a token that must be refreshed first, with L = 50 ms of provider latency: next to L + a
 *    bare keychain write of a token-sized value. Goal: ratio ≤ 1.3.
 * 3. Refresh all at 10, 100 and 1,000 SaaSus accounts, L = 50 ms: efficiency = ideal time
 *    (ceil(N / REFRESH_CONCURRENCY) × L) / measured time. Goal: ≥ 0.85 at every size.
 *
 * The app is the real one (`createAppServices`, real keychain, real metadata file in a temp folder);
 * SaaSus is the emulator, in a child process (emulator-host.ts says why). The Clever Cloud emulator
 * runs in this process: it only serves the one console login that seeds its account, before
 * anything is timed (a copy makes no request). Accounts are seeded through
 * the real login path (a temp code the emulator issued, exchanged like a pasted code), so every
 * token is one the emulator really issued. Seeded in the same process, the accounts are "known":
 * their refresh tokens are held in memory, so a refresh touches the keychain only to store a
 * rotated refresh token (the emulator does not rotate here); the first refresh of each account
 * after a restart would add one keychain read. Keychain calls and metadata writes are counted
 * and timed on their way out of the app (wrappers around keytar and the file store, not changes to
 * the app), so a goal that is not met comes with where the time went.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { TestBrowser } from '../emulators/clever-cloud/testing';
import type { SaasusEmulatorConfig } from '../emulators/saasus/server';
import { createAppServices, type AppServices } from '../src/main/app-services';
import type { DesktopPorts } from '../src/main/desktop/ports';
import { makeLimiter, REFRESH_CONCURRENCY } from '../src/main/refresh/refresh-all';
import { confFactory } from '../test/support/real-stores';
import { testDesktop } from '../test/support/test-app';
import type { JsonFileStoreFactory } from '../src/main/vault/metadata-store';
import type { KeytarLike } from '../src/main/vault/secret-store';
import { INVOKE_CHANNELS } from '../src/shared/channels';
import type { CopyKind } from '../src/shared/types';
import type { HostMessage, HostOptions, HostRequest } from './emulator-host';
import { median, percentile, round, type Row, type Scenario } from './report';

/** The provider latency of scenarios 2 and 3. */
const L_MS = 50;
const SENDER = { isMainFrame: true, url: 'app://tessera/index.html' };
/**
 * `--refresh-limit=N` measures "refresh all" with another limit than Tessera's (to choose it).
 * Without it, the limit is REFRESH_CONCURRENCY, what the app uses.
 */
const REFRESH_LIMIT = Number(process.argv.find((a) => a.startsWith('--refresh-limit='))?.split('=')[1] ?? REFRESH_CONCURRENCY);
/**
 * A "refresh all" still running after this long is cut short: SaaSus then refuses the rest at
 * once, and the efficiency comes from the refreshes that completed in the time (the keychain's
 * cost per refresh does not change during a run, so the rate of a prefix is the rate of the run).
 * At 50 ms a refresh the 1,000 accounts take about 15 s; the budget bounds a slow run (one where
 * every refresh writes the keychain, on a Secret Service whose writes grow with its item count,
 * would take minutes).
 */
const REFRESH_ALL_BUDGET_MS = 20_000;

const note = (message: string) => process.stderr.write(`\n  network: ${message}`);

// ---- The emulator in its own process ------------------------------------------------------------

interface EmulatorHost {
  readonly config: SaasusEmulatorConfig;
  call<T>(request: HostRequest): Promise<T>;
  close(): Promise<void>;
}

async function startEmulatorHost(options: HostOptions): Promise<EmulatorHost> {
  const child = fork(path.join(import.meta.dirname, 'emulator-host.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const config = await new Promise<SaasusEmulatorConfig>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const error = new Error(`the emulator host exited (${code})`);
      reject(error);
      for (const w of waiting.values()) w.reject(error);
    });
    child.on('message', (message: HostMessage) => {
      if (message.type === 'ready') return resolve(message.config);
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new Error(message.error));
      else w?.resolve(message.value);
    });
  });
  return {
    config,
    call: <T>(request: HostRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, request });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

// ---- The app, with its keychain calls and metadata writes counted ----------------------------------

interface Tally {
  count: number;
  ms: number;
}

interface Profile {
  readonly reads: Tally;
  readonly writes: Tally;
  readonly metadataWrites: Tally;
}

const tally = (): Tally => ({ count: 0, ms: 0 });

async function timed<T>(t: Tally, op: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await op();
  } finally {
    t.count += 1;
    t.ms += performance.now() - t0;
  }
}

function profiledKeytar(profile: Profile): KeytarLike {
  return {
    getPassword: (service, account) => timed(profile.reads, () => keytar.getPassword(service, account)),
    setPassword: (service, account, password) => timed(profile.writes, () => keytar.setPassword(service, account, password)),
    deletePassword: (service, account) => timed(profile.writes, () => keytar.deletePassword(service, account)),
    findCredentials: (service) => keytar.findCredentials(service),
  };
}

function profiledStoreFactory(profile: Profile): JsonFileStoreFactory {
  return (opts) => {
    const inner = confFactory(opts);
    return {
      get store() {
        return inner.store;
      },
      set store(value) {
        const t0 = performance.now();
        inner.store = value;
        profile.metadataWrites.count += 1;
        profile.metadataWrites.ms += performance.now() - t0;
      },
      get path() {
        return inner.path;
      },
    };
  };
}

interface BenchApp {
  readonly app: AppServices;
  readonly service: string;
  readonly profile: Profile;
  /** performance.now() of the last clipboard write, and what was written. */
  readonly clipboard: { writtenAt: number; text: string };
  cleanup(): Promise<void>;
}

/** The app, with Clever Cloud pointed at `cleverCloud` and its console pages filled in by a test browser. */
function startApp(cleverCloud: CleverCloudEmulator): BenchApp {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-network-'));
  const service = `Tessera-bench-${randomBytes(5).toString('hex')}`;
  const profile: Profile = { reads: tally(), writes: tally(), metadataWrites: tally() };
  const clipboard = { writtenAt: 0, text: '' };
  const { user, consoleUrl } = cleverCloud.config;
  const browser = new TestBrowser(consoleUrl, { email: user.email, password: user.password });
  const desktop: DesktopPorts = {
    ...testDesktop(async (url) => void (await browser.open(url))),
    clipboard: {
      writeText: async (text) => {
        clipboard.writtenAt = performance.now();
        clipboard.text = text;
      },
      readText: async () => clipboard.text,
      clear: async () => void (clipboard.text = ''),
    },
  };
  const app = createAppServices({
    dataDir: dir,
    keytar: profiledKeytar(profile),
    keychainService: service,
    storeFactory: profiledStoreFactory(profile),
    trustedOrigins: ['app://tessera'],
    info: { version: 'bench', platform: process.platform, demo: false },
    desktop,
    saasusApi: { timeoutMs: 60_000 },
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl, pollIntervalMs: 50 },
    refreshConcurrency: REFRESH_LIMIT,
  });
  return {
    app,
    service,
    profile,
    clipboard,
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true });
      // The private keyring of scripts/with-keyring.sh is thrown away whole (and deleting 3,000
      // entries one by one would take minutes); anywhere else, our entries go.
      if (process.env.TESSERA_KEYRING_READY) return;
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
    },
  };
}

/** What the profile counted between two snapshots, per operation. */
function perOp(before: Profile, after: Profile, ops: number): Record<string, number> {
  const d = (k: keyof Profile) => ({ count: (after[k].count - before[k].count) / ops, ms: (after[k].ms - before[k].ms) / ops });
  const reads = d('reads');
  const writes = d('writes');
  const meta = d('metadataWrites');
  return {
    keychainReads: round(reads.count),
    keychainWrites: round(writes.count),
    keychainMs: round(reads.ms + writes.ms),
    metadataWrites: round(meta.count),
    metadataWriteMs: round(meta.ms),
  };
}

const snapshot = (p: Profile): Profile => ({ reads: { ...p.reads }, writes: { ...p.writes }, metadataWrites: { ...p.metadataWrites } });

// ---- Seeding ----------------------------------------------------------------------------------------

/** Logs these users in (codes from the emulator, exchanged as a pasted code would be), a few at a time. */
async function seed(bench: BenchApp, host: EmulatorHost, connectionId: string, emails: readonly string[]): Promise<string[]> {
  const codes = await host.call<string[]>({ op: 'tempCodes', emails });
  const limiter = makeLimiter(REFRESH_CONCURRENCY);
  return Promise.all(codes.map((code) => limiter.run(async () => (await bench.app.saasus.exchangePastedCode(connectionId, code)).id)));
}

// ---- Scenarios --------------------------------------------------------------------------------------

async function copyOnce(bench: BenchApp, accountId: string, kind: CopyKind = 'access-token'): Promise<number> {
  const t0 = performance.now();
  const result = await bench.app.router.dispatch(INVOKE_CHANNELS.copyCredential, { id: accountId, kind }, SENDER);
  if (!result.ok) throw new Error(`copy failed: ${result.error.code}: ${result.error.message}`);
  return bench.clipboard.writtenAt - t0;
}

async function bareOnce(op: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await op();
  return performance.now() - t0;
}

/** Copies and bare keychain calls, one after the other, so that both see the same machine. */
async function interleaved(count: number, copy: () => Promise<number>, bare: () => Promise<number>): Promise<{ copies: number[]; bares: number[] }> {
  const copies: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < count; i += 1) {
    copies.push(await copy());
    bares.push(await bare());
  }
  return { copies, bares };
}

const p = (xs: readonly number[], q: number) => round(percentile(xs, q));

/** A valid token of one account, what copying it must put on the clipboard, and the row's name. */
interface ValidCopy {
  readonly scenario: string;
  readonly accountId: string;
  readonly kind: CopyKind;
  readonly expected: string;
}

async function copyValidToken(bench: BenchApp, target: ValidCopy, count: number): Promise<Row> {
  const { accountId, kind, expected } = target;
  const bareKey = 'bench/bare-read';
  await keytar.setPassword(bench.service, bareKey, 'x'.repeat(expected.length));
  const bare = () => bareOnce(() => keytar.getPassword(bench.service, bareKey));
  await interleaved(10, () => copyOnce(bench, accountId, kind), bare); // warm-up
  const before = snapshot(bench.profile);
  const { copies, bares } = await interleaved(count, () => copyOnce(bench, accountId, kind), bare);
  if (bench.clipboard.text !== expected) throw new Error(`the copy did not put the ${kind} on the clipboard`);
  const ratio = median(copies) / median(bares);
  return {
    scenario: target.scenario,
    size: `${count} copies`,
    figures: {
      p50Ms: p(copies, 50),
      p95Ms: p(copies, 95),
      bareReadP95Ms: p(bares, 95),
      p95Ratio: round(percentile(copies, 95) / percentile(bares, 95)),
      ...perOp(before, bench.profile, count),
    },
    limit: `bare keychain read p50: ${p(bares, 50)} ms`,
    ratio: round(ratio),
    goal: 'p50 ratio ≤ 1.5',
    met: ratio <= 1.5,
  };
}

async function copyAfterRefresh(bench: BenchApp, host: EmulatorHost, accountId: string, count: number): Promise<Row> {
  // 30-second tokens are always inside the 60-second lead time: every copy refreshes first.
  await host.call({ op: 'lifetimes', lifetimes: { idTokenSeconds: 30, accessTokenSeconds: 30 } });
  await bench.app.saasus.refresh(accountId);
  await host.call({ op: 'latency', ms: L_MS });
  const token = (await bench.app.saasus.readCredentials(accountId))!.accessToken;
  const bareKey = 'bench/bare-write';
  const bare = () => bareOnce(() => keytar.setPassword(bench.service, bareKey, randomBytes(token.length).toString('base64url').slice(0, token.length)));
  await interleaved(3, () => copyOnce(bench, accountId), bare); // warm-up
  const refreshesBefore = await host.call<number>({ op: 'refreshCalls' });
  const before = snapshot(bench.profile);
  const { copies, bares } = await interleaved(count, () => copyOnce(bench, accountId), bare);
  const refreshes = (await host.call<number>({ op: 'refreshCalls' })) - refreshesBefore;
  if (refreshes !== count) throw new Error(`expected ${count} refreshes, SaaSus saw ${refreshes}`);
  await host.call({ op: 'latency', ms: 0 });
  await host.call({ op: 'lifetimes', lifetimes: { idTokenSeconds: 3600, accessTokenSeconds: 3600 } });
  const limit = L_MS + median(bares);
  const ratio = median(copies) / limit;
  return {
    scenario: 'copy a token that needs a refresh',
    size: `${count} copies, L = ${L_MS} ms`,
    figures: {
      p50Ms: p(copies, 50),
      p95Ms: p(copies, 95),
      bareWriteP50Ms: p(bares, 50),
      p95Ratio: round(percentile(copies, 95) / (L_MS + percentile(bares, 95))),
      ...perOp(before, bench.profile, count),
    },
    limit: `L + bare keychain write p50: ${round(limit)} ms`,
    ratio: round(ratio),
    goal: 'p50 ratio ≤ 1.3',
    met: ratio <= 1.3,
  };
}

interface RefreshAllRun {
  readonly ms: number;
  readonly refreshed: number;
  readonly cut: boolean;
  /** The profile when the run ended or was cut (the refusals after a cut are not its cost). */
  readonly profile: Profile;
}

/** One "refresh all", cut short after REFRESH_ALL_BUDGET_MS: how long, and how many were refreshed in it. */
async function refreshAllOnce(bench: BenchApp, host: EmulatorHost, accounts: number): Promise<RefreshAllRun> {
  let settled = 0;
  const t0 = performance.now();
  const run = bench.app.refreshAll((n) => (settled = n));
  let timer: NodeJS.Timeout | undefined;
  const cut = await Promise.race([run.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), REFRESH_ALL_BUDGET_MS)))]);
  clearTimeout(timer);
  const ms = performance.now() - t0;
  const profile = snapshot(bench.profile);
  if (!cut) {
    const summary = await run;
    if (summary.refreshed !== accounts) throw new Error(`refresh all: ${summary.refreshed} of ${accounts} refreshed (${summary.needsLogin} need login, ${summary.failed} failed)`);
    return { ms, refreshed: accounts, cut, profile };
  }
  const refreshed = settled;
  await host.call({ op: 'refuseCredentials', refuse: true });
  await run;
  await host.call({ op: 'refuseCredentials', refuse: false });
  return { ms, refreshed, cut, profile };
}

async function refreshAllAt(bench: BenchApp, host: EmulatorHost, accounts: number, runs: number): Promise<Row> {
  await host.call({ op: 'latency', ms: L_MS });
  const results: RefreshAllRun[] = [];
  const before = snapshot(bench.profile);
  for (let i = 0; i < runs; i += 1) {
    const result = await refreshAllOnce(bench, host, accounts);
    results.push(result);
    if (result.cut) break; // one cut run says it; more would only repeat it
  }
  await host.call({ op: 'latency', ms: 0 });
  const refreshed = results.reduce((sum, r) => sum + r.refreshed, 0);
  // Efficiency of each run over what it refreshed; the median run's.
  const efficiencies = results.map((r) => (Math.ceil(r.refreshed / REFRESH_LIMIT) * L_MS) / r.ms);
  const efficiency = median(efficiencies);
  const cut = results.find((r) => r.cut);
  const ideal = Math.ceil(accounts / REFRESH_LIMIT) * L_MS;
  return {
    scenario: 'refresh all',
    size: `${accounts} accounts, limit ${REFRESH_LIMIT}, L = ${L_MS} ms`,
    figures: {
      ms: round(median(results.map((r) => r.ms)), 0),
      runs: results.length,
      ...(cut ? { cutAfterMs: REFRESH_ALL_BUDGET_MS, refreshedBeforeCut: cut.refreshed } : {}),
      ...perOp(before, results.at(-1)!.profile, Math.max(1, refreshed)),
    },
    limit: cut ? `ideal ceil(refreshed / ${REFRESH_LIMIT}) × L: ${Math.ceil(cut.refreshed / REFRESH_LIMIT) * L_MS} ms` : `ideal ceil(N / ${REFRESH_LIMIT}) × L: ${ideal} ms`,
    ratio: round(efficiency),
    goal: 'efficiency ≥ 0.85',
    met: efficiency >= 0.85,
  };
}

export const network: Scenario = async ({ quick }) => {
  const sizes = quick ? [10] : [10, 100, 1_000];
  const host = await startEmulatorHost({ extraUsers: sizes.at(-1)!, lifetimes: { tempCodeSeconds: 600 } });
  const cleverCloud = await startCleverCloudEmulator();
  const bench = startApp(cleverCloud);
  const rows: Row[] = [];
  try {
    const { config } = host;
    const connection = await bench.app.saasus.connections.save({
      name: 'Bench SaaS',
      saasId: config.saasId,
      apiKey: config.apiKey,
      secretKey: config.secretKey,
      apiBaseUrl: config.baseUrl,
      loginUrl: config.loginUrl,
      callbackPort: 28999,
    });
    const emails = config.users.map((u) => u.email).filter((e) => e.startsWith('user-'));
    const ids: string[] = [];
    const seedUpTo = async (n: number) => {
      const t0 = performance.now();
      ids.push(...(await seed(bench, host, connection.id, emails.slice(ids.length, n))));
      note(`${n} accounts logged in (${Math.round((performance.now() - t0) / 1000)} s)`);
    };
    await seedUpTo(sizes[0]!);
    const copies = quick ? 20 : 300;
    const saasusToken = (await bench.app.saasus.readCredentials(ids[0]!))!.accessToken;
    rows.push(await copyValidToken(bench, { scenario: 'copy a valid SaaSus token', accountId: ids[0]!, kind: 'access-token', expected: saasusToken }, copies));
    // "Log in with Clever Cloud" (the console's cli_token flow): what most Clever Cloud accounts are.
    const cc = await bench.app.cleverCloud.loginWithConsole('bench-clever-cloud-login');
    const header = (await bench.app.cleverCloud.copyable(cc.id)).authorizationHeader;
    rows.push(await copyValidToken(bench, { scenario: 'copy a valid Clever Cloud token', accountId: cc.id, kind: 'authorization-header', expected: header }, copies));
    rows.push(await copyAfterRefresh(bench, host, ids[1]!, quick ? 5 : 40));
    note('copies measured');
    for (const n of sizes) {
      await seedUpTo(n);
      rows.push(await refreshAllAt(bench, host, n, quick ? 1 : n >= 1_000 ? 1 : 5));
      note(`refresh all at ${n} measured`);
    }
  } finally {
    await bench.cleanup();
    await cleverCloud.close();
    await host.close();
  }
  return rows;
};
