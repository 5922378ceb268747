/**
 * Before the end-to-end run: checks the production renderer bundle is there (`npm test` builds it
 * before Playwright), clears an earlier run's audit captures, and builds the page bridge the
 * harness injects (harness-build.ts, shared with the renderer benchmark).
 */
import { rmSync } from 'node:fs';
import { assertTestKeyring } from '../../test/support/keyring-guard';
import { AUDIT_CAPTURES_DIR, AUDIT_LEDGER_DIR } from './harness';
import { buildPageBridge, rendererBuilt } from './harness-build';

export default async function globalSetup(): Promise<void> {
  // The real keychain, but never the developer's: inside scripts/with-keyring.sh only (see keyring-guard.ts).
  assertTestKeyring();
  if (!rendererBuilt()) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does) before the end-to-end tests.');
  }
  // The secrets audit looks at what this run leaves, not at an earlier run's, unless asked to audit
  // the last run's captures again (TESSERA_KEEP_AUDIT=1 on the run and on `scripts/with-keyring.sh npx playwright test --project=secrets-audit --no-deps`).
  if (process.env.TESSERA_KEEP_AUDIT !== '1') for (const dir of [AUDIT_CAPTURES_DIR, AUDIT_LEDGER_DIR]) rmSync(dir, { recursive: true, force: true });
  await buildPageBridge();
}
