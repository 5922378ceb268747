/**
 * Builds what the end-to-end harness (harness.ts) loads, for both of its users: the Playwright
 * global setup (global-setup.ts) and the renderer benchmark (bench/renderer.ts), so that neither
 * depends on the other having run first.
 *
 * - The page bridge (`out/harness/page-bridge.js`): the real bridge (src/preload/bridge.ts) with
 *   the harness transport, as one IIFE the harness injects into the page. Built from the sources
 *   every time (a fraction of a second), so it never lags behind them.
 * - The production build (`out/renderer`, with `out/main` and `out/preload`): what
 *   `npx electron-vite build` makes, from electron.vite.config.ts. `npm test` builds it before
 *   Playwright; the benchmark builds it itself, once per process (see `buildApp`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build as electronViteBuild } from 'electron-vite';
import { build as viteBuild } from 'vite';
import { PAGE_BRIDGE, RENDERER_DIR } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Whether the production renderer bundle is there to serve. */
export function rendererBuilt(): boolean {
  return existsSync(path.join(RENDERER_DIR, 'index.html'));
}

/** Builds out/harness/page-bridge.js from page-bridge.ts. */
export async function buildPageBridge(): Promise<void> {
  await viteBuild({
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

let appBuild: Promise<void> | undefined;

/**
 * The production build, as `npx electron-vite build` makes it: once per process, however many
 * scenarios ask (the renderer and the bundle-size benchmarks both measure it).
 */
export function buildApp(): Promise<void> {
  appBuild ??= electronViteBuild({ configFile: path.join(ROOT, 'electron.vite.config.ts'), root: ROOT, logLevel: 'warn' });
  return appBuild;
}
