/**
 * Scenario 4: start-up at 10, 1,000 and 10,000 accounts. Goals: no keychain read before the first
 * list (secrets are read when needed, not to draw the list), and the time to answer the first
 * account list call at 10,000 accounts ≤ 5 × the time at 10.
 *
 * Start-up is measured as a user has it: from spawning a fresh process to the answer of the first
 * list call (node's own boot, loading the app's modules, opening and checking the metadata file,
 * building the services, the list). The part inside the process (services built → list answered)
 * is reported beside it, since that is the part that grows with the number of accounts. In the
 * app, Electron's own boot comes on top of both, for every size alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { seedManyAccounts } from '../e2e/harness/many-accounts';
import { median, round, type Row, type Scenario } from './report';

interface Sample {
  readonly ms: number;
  readonly inProcessMs: number;
  readonly reads: number;
}

/** Bundles startup-child.ts into one file for plain node (keytar and conf stay external). */
async function bundleChild(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: path.resolve(import.meta.dirname, 'startup-child.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { external: ['keytar', 'conf'], output: { format: 'es', entryFileNames: 'startup-child.mjs' } },
    },
  });
  return path.join(outDir, 'startup-child.mjs');
}

function startOnce(child: string, dir: string, expected: number): Sample {
  const t0 = performance.now();
  // The child's module resolution (keytar, conf) is the project's own node_modules.
  const out = execFileSync(process.execPath, [child, dir, 'Tessera-bench'], { cwd: process.cwd(), encoding: 'utf8' });
  const ms = performance.now() - t0;
  const report = JSON.parse(out.trim().split('\n').at(-1)!) as { listed: number; inProcessMs: number; keychainReads: number };
  if (report.listed !== expected) throw new Error(`the first list had ${report.listed} accounts, not ${expected}`);
  return { ms, inProcessMs: report.inProcessMs, reads: report.keychainReads };
}

export const startup: Scenario = async ({ quick }) => {
  const sizes = quick ? [10, 100] : [10, 1_000, 10_000];
  const runs = quick ? 2 : 9;
  const work = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-startup-'));
  try {
    // Inside the project so that the bundle resolves keytar and conf from its node_modules.
    const child = await bundleChild(path.resolve('out/bench'));
    const results = new Map<number, Sample>();
    for (const n of sizes) {
      const dir = path.join(work, String(n));
      seedManyAccounts(dir, n);
      startOnce(child, dir, n); // warm the file cache: every size is measured warm
      const samples = Array.from({ length: runs }, () => startOnce(child, dir, n));
      results.set(n, {
        ms: median(samples.map((s) => s.ms)),
        inProcessMs: median(samples.map((s) => s.inProcessMs)),
        reads: Math.max(...samples.map((s) => s.reads)),
      });
    }
    const base = results.get(sizes[0]!)!;
    return sizes.map((n): Row => {
      const r = results.get(n)!;
      const ratio = r.ms / base.ms;
      return {
        scenario: 'startup: spawn → first account list',
        size: `${n.toLocaleString('en')} accounts`,
        figures: { ms: round(r.ms), inProcessMs: round(r.inProcessMs), keychainReads: r.reads },
        limit: `time at ${sizes[0]} accounts: ${round(base.ms)} ms`,
        ratio: round(ratio),
        goal: n === sizes.at(-1) ? 'ratio ≤ 5; 0 keychain reads' : '0 keychain reads',
        met: r.reads === 0 && (n !== sizes.at(-1) || ratio <= 5),
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
