/**
 * Builds what the harness injects into the page: the real bridge (src/preload/bridge.ts) with the
 * harness transport, as one IIFE. The renderer itself is the production bundle from
 * `electron-vite build`, which `npm test` runs before Playwright.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { assertTestKeyring } from '../../src/main/test-support/keyring-guard';
import { AUDIT_CAPTURES_DIR, AUDIT_LEDGER_DIR, PAGE_BRIDGE, RENDERER_DIR } from './harness';

export default async function globalSetup(): Promise<void> {
  // The real keychain, but never the developer's: inside scripts/with-keyring.sh only (see keyring-guard.ts).
  assertTestKeyring();
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does) before the end-to-end tests.');
  }
  // The secrets audit looks at what this run leaves, not at an earlier run's, unless asked to audit
  // the last run's captures again (TESSERA_KEEP_AUDIT=1 on the run and on `scripts/with-keyring.sh npx playwright test --project=secrets-audit --no-deps`).
  if (process.env.TESSERA_KEEP_AUDIT !== '1') for (const dir of [AUDIT_CAPTURES_DIR, AUDIT_LEDGER_DIR]) rmSync(dir, { recursive: true, force: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: path.dirname(PAGE_BRIDGE),
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.join(import.meta.dirname, 'page-bridge.ts'), formats: ['iife'], name: 'TesseraHarnessBridge', fileName: () => 'page-bridge.js' },
    },
  });
}
