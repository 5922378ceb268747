/**
 * Scenario 4: startup at 10, 1,000 and 10,000 accounts: the keychain reads it takes (goal: none;
 * secrets are read when needed, not to draw the list) and the time to answer the first account
 * list call (goal: time at 10,000 ≤ 5 × time at 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { createAppServices } from '../src/main/app-services';
import { INVOKE_CHANNELS } from '../src/shared/channels';
import { confFactory } from '../src/main/test-support/real-stores';
import { testDesktop } from '../src/main/test-support/test-app';
import { emptyDocument, type AccountRecord } from '../src/main/vault/metadata-schema';
import { MetadataStore } from '../src/main/vault/metadata-store';
import { median, round, type Row, type Scenario } from './report';

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

export const startup: Scenario = async ({ quick }) => {
  const rows: Row[] = [];
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
  return rows;
};
