/**
 * `npm run bench`: measures what users feel, each figure next to the limit it is judged by,
 * measured in the same run. Prints a table and writes bench/results.json.
 *
 * Scenarios so far (the benchmark issue adds the network and renderer ones):
 * - startup: time from building the services to the answer of the first account list, at 10,
 *   1,000 and 10,000 accounts, and the keychain reads it took (goal: none).
 * - bundle: gzip size of the renderer's JS and CSS (goal: JS ≤ 60 kB).
 *
 * Runs inside the private keyring (scripts/with-keyring.sh) like the tests.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import keytar from 'keytar';
import { createAppServices } from '../src/main/app-services';
import { INVOKE_CHANNELS } from '../src/shared/channels';
import { confFactory } from '../src/main/test-support/real-stores';
import { testDesktop } from '../src/main/test-support/test-app';
import { emptyDocument, type AccountRecord } from '../src/main/vault/metadata-schema';
import { MetadataStore } from '../src/main/vault/metadata-store';

interface Row {
  scenario: string;
  size: string;
  figures: Record<string, number>;
  limit: string;
  ratio: number;
  goal: string;
  met: boolean;
}

const rows: Row[] = [];
const quick = process.argv.includes('--quick');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function startupOnce(dir: string): Promise<{ ms: number; reads: number }> {
  const t0 = performance.now();
  const app = createAppServices({
    dataDir: dir,
    keytar,
    keychainService: 'Tessera-bench',
    storeFactory: confFactory,
    trustedOrigins: ['app://tessera'],
    info: { version: 'bench', platform: process.platform, demo: false },
    desktop: testDesktop(),
  });
  const result = await app.router.dispatch(INVOKE_CHANNELS.listAccounts, undefined, { isMainFrame: true, url: 'app://tessera/index.html' });
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`list failed: ${result.error.message}`);
  return { ms, reads: app.secrets.stats.reads };
}

async function startup(): Promise<void> {
  const sizes = quick ? [10, 100] : [10, 1_000, 10_000];
  const timings = new Map<number, { ms: number; reads: number }>();
  for (const n of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
    const now = Date.now();
    const accounts: AccountRecord[] = Array.from({ length: n }, (_, i) => ({
      id: `acct${i}`,
      provider: i % 2 ? 'saasus' : 'clever-cloud',
      displayName: `Account ${i}`,
      subtitle: `user${i}@example.com`,
      avatarUrl: null,
      expiresAt: now + (i % 90) * 86_400_000,
      status: 'ok',
      statusMessage: null,
      createdAt: now,
      updatedAt: now,
      secretFields: ['token', 'token-secret'],
      data: {},
    }));
    MetadataStore.open({ dir, factory: confFactory }).update(() => ({ ...emptyDocument(), accounts }));
    const runs: { ms: number; reads: number }[] = [];
    for (let i = 0; i < (quick ? 3 : 7); i += 1) runs.push(await startupOnce(dir));
    timings.set(n, { ms: median(runs.map((r) => r.ms)), reads: Math.max(...runs.map((r) => r.reads)) });
    rmSync(dir, { recursive: true, force: true });
  }
  const base = timings.get(sizes[0]!)!;
  for (const n of sizes) {
    const t = timings.get(n)!;
    const ratio = t.ms / base.ms;
    rows.push({
      scenario: 'startup: first account list',
      size: `${n} accounts`,
      figures: { ms: round(t.ms), keychainReads: t.reads },
      limit: `time at ${sizes[0]} accounts: ${round(base.ms)} ms`,
      ratio: round(ratio),
      goal: 'ratio ≤ 5 at the largest size; 0 keychain reads',
      met: t.reads === 0 && (n !== sizes.at(-1) || ratio <= 5),
    });
  }
}

function bundle(): void {
  const dir = path.resolve('out/renderer/assets');
  let js = 0;
  let css = 0;
  for (const f of readdirSync(dir)) {
    const gz = gzipSync(readFileSync(path.join(dir, f))).byteLength;
    if (f.endsWith('.js')) js += gz;
    if (f.endsWith('.css')) css += gz;
  }
  rows.push({
    scenario: 'renderer bundle (gzip)',
    size: 'JS',
    figures: { kB: round(js / 1024) },
    limit: '60 kB',
    ratio: round(js / 1024 / 60),
    goal: 'ratio ≤ 1',
    met: js / 1024 <= 60,
  });
  rows.push({ scenario: 'renderer bundle (gzip)', size: 'CSS', figures: { kB: round(css / 1024) }, limit: 'none', ratio: 0, goal: 'reported', met: true });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

await startup();
bundle();

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
console.log(`\nTessera benchmarks — ${machine}\n`);
console.log('| scenario | size | figures | limit (same run) | ratio | goal | met |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const figures = Object.entries(r.figures).map(([k, v]) => `${k}=${v}`).join(', ');
  console.log(`| ${r.scenario} | ${r.size} | ${figures} | ${r.limit} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : 'NO'} |`);
}
if (!quick) writeFileSync('bench/results.json', JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2));
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
