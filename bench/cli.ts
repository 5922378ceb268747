/**
 * Scenario 7: the `tessera` command, as a script feels it. Each figure is a wall-clock time from
 * spawning the command to its exit, next to a bare `node -e 0` start measured in the same run,
 * interleaved with it so that both see the same machine:
 *
 * 1. `tessera token` of a valid token with the agent running (a held SaaSus access token, handed
 *    out under a grant): goal ≤ 1.5 × a bare node start.
 * 2. `tessera exec <account> -- true`: goal ≤ 1.6 ×.
 * 3. 50 `tessera token` at once for an expired SaaSus token: exactly 1 refresh reaches SaaSus.
 * 4. The first `tessera token` when no agent runs, the agent's start included (a Clever Cloud
 *    token: one keychain read; the approval typed at once in a pseudo-terminal, since a new agent
 *    knows no grant): goal ≤ 4 × a bare node start at 10 accounts, ≤ 6 × at 10,000.
 *
 * The command and agent are the built ones (scripts/build-cli.mjs), the emulators run in this
 * process, the keychain is the private one of scripts/with-keyring.sh (test/cli/support/cli-world.ts
 * is the tests' world, reused here).
 */
import { spawn } from 'node:child_process';
import { MetadataStore } from '../src/main/vault/metadata-store';
import type { AccountRecord } from '../src/main/vault/metadata-schema';
import { confFactory } from '../test/support/real-stores';
import { CLI, makeCliWorld, type CliWorld } from '../test/cli/support/cli-world';
import { median, round, type Row, type Scenario } from './report';

const note = (message: string) => process.stderr.write(`\n  cli: ${message}`);

/** Spawn to exit, in ms. Asynchronous: the emulators answer from this process meanwhile. */
function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(args[0]!, args.slice(1), { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`));
    });
  });
}

/** Medians of each command, run in turn `runs` times after a warm-up round. */
async function interleaved(commands: Record<string, readonly string[]>, runs: number, env: NodeJS.ProcessEnv, cwd: string): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = -1; i < runs; i += 1)
    for (const [name, args] of Object.entries(commands)) {
      const ms = await timeOnce(args, env, cwd);
      if (i >= 0) samples[name]!.push(ms);
    }
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

async function grant(world: CliWorld, account: string): Promise<void> {
  const run = await world.runInPty(`tessera grant ${account} > /dev/null`, [['Type yes', 'yes\n']]);
  if (run.code !== 0) throw new Error(`grant failed: ${run.screen}`);
}

/** Adds accounts (no keychain entries: drawing a list needs none) until the file holds `total`. */
function padAccounts(world: CliWorld, total: number): void {
  const store = MetadataStore.open({ dir: world.dir, factory: confFactory });
  const now = Date.now();
  const have = store.accounts.length;
  const extra: AccountRecord[] = Array.from({ length: Math.max(0, total - have) }, (_, i) => ({
    id: `pad${have + i}`,
    provider: 'clever-cloud',
    displayName: `Account ${String(have + i).padStart(5, '0')}`,
    subtitle: `user${have + i}@example.com`,
    avatarUrl: null,
    expiresAt: now + 30 * 86_400_000,
    status: 'ok',
    statusMessage: null,
    createdAt: now,
    updatedAt: now,
    secretFields: ['credentials'],
    data: {},
  }));
  store.update((doc) => ({ ...doc, accounts: [...doc.accounts, ...extra] }));
}

/** The first `tessera token` with no agent running, approval typed at once: ms, from inside the terminal. */
async function firstToken(world: CliWorld, account: string): Promise<number> {
  await world.run(['agent', 'stop']);
  const run = await world.runInPty(`s=$(date +%s%N); tessera token ${account} > /dev/null; c=$?; e=$(date +%s%N); echo "ELAPSED=$(( (e - s) / 1000 )) CODE=$c"`, [['Allow?', 'o\n']]);
  const m = /ELAPSED=(\d+) CODE=(\d+)/.exec(run.screen);
  if (!m || m[2] !== '0') throw new Error(`first token failed: ${run.screen}`);
  return Number(m[1]) / 1000;
}

async function bareNode(runs: number, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return (await interleaved({ node: [process.execPath, '-e', '0'] }, runs, env, cwd)).node!;
}

export const cli: Scenario = async ({ quick }) => {
  const runs = quick ? 3 : 30;
  const world = await makeCliWorld({ saasus: { rotateRefreshTokens: true } });
  const rows: Row[] = [];
  try {
    const cc = await world.seedCleverCloud();
    const saas = await world.seedSaasus();
    // Seeded before the agent starts: only the agent writes the metadata file while it runs.
    const expired = await world.seedSaasus('bob@example.com', { expired: true });
    await world.startAgent();
    await grant(world, saas.id);
    await grant(world, cc.id);
    const node = process.execPath;
    // 1 and 2: a held token, through a running agent.
    const t = await interleaved(
      {
        bare: [node, '-e', '0'],
        token: [node, CLI, 'token', saas.id],
        exec: [node, CLI, 'exec', saas.id, '--', 'true'],
        ccToken: [node, CLI, 'token', cc.id],
      },
      runs,
      world.env,
      world.dir,
    );
    note('token and exec measured');
    const ratio = (x: number) => round(x / t.bare!);
    rows.push({
      scenario: 'tessera token, agent running',
      size: `${runs} runs`,
      figures: { ms: round(t.token!), clevercloudMs: round(t.ccToken!), bareNodeMs: round(t.bare!) },
      limit: `bare node -e 0: ${round(t.bare!)} ms`,
      ratio: ratio(t.token!),
      goal: 'ratio ≤ 1.5',
      met: ratio(t.token!) <= 1.5,
    });
    rows.push({
      scenario: 'tessera exec <account> -- true',
      size: `${runs} runs`,
      figures: { ms: round(t.exec!), bareNodeMs: round(t.bare!) },
      limit: `bare node -e 0: ${round(t.bare!)} ms`,
      ratio: ratio(t.exec!),
      goal: 'ratio ≤ 1.6',
      met: ratio(t.exec!) <= 1.6,
    });

    // 3: a refresh storm across processes.
    await grant(world, expired.id);
    const refreshesBefore = world.saasus.refreshCalls();
    const t0 = performance.now();
    const storm = await Promise.all(Array.from({ length: 50 }, () => world.runShell(`tessera token ${expired.id}`)));
    const stormMs = performance.now() - t0;
    const refreshes = world.saasus.refreshCalls() - refreshesBefore;
    const failed = storm.filter((r) => r.code !== 0).length;
    const distinct = new Set(storm.map((r) => r.stdout)).size;
    rows.push({
      scenario: '50 concurrent tessera token, expired SaaSus token',
      size: '50 processes',
      figures: { refreshes, failed, distinctTokens: distinct, ms: round(stormMs, 0) },
      limit: 'one refresh',
      ratio: refreshes,
      goal: 'exactly 1 refresh, all 50 the same token',
      met: refreshes === 1 && failed === 0 && distinct === 1,
    });
    note('storm measured');

    // 4: the first token, agent start included, at 10 and 10,000 accounts.
    for (const total of quick ? [10, 100] : [10, 10_000]) {
      await world.run(['agent', 'stop']);
      padAccounts(world, total);
      const firsts: number[] = [];
      const bares: number[] = [];
      for (let i = 0; i < (quick ? 2 : 9); i += 1) {
        firsts.push(await firstToken(world, cc.id));
        bares.push(await bareNode(1, world.env, world.dir));
      }
      const first = median(firsts);
      const bare = median(bares);
      const goal = total >= 10_000 ? 6 : 4;
      rows.push({
        scenario: 'first tessera token, agent start included',
        size: `${total.toLocaleString('en')} accounts`,
        figures: { ms: round(first), bareNodeMs: round(bare) },
        limit: `bare node -e 0: ${round(bare)} ms`,
        ratio: round(first / bare),
        goal: `ratio ≤ ${goal}`,
        met: first / bare <= goal,
      });
      note(`first token at ${total} accounts measured`);
    }
  } finally {
    await world.cleanup();
  }
  return rows;
};
