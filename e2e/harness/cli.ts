/**
 * The BUILT `tessera` command (out/cli/tessera.cjs, as `npm run build` makes it) run against a
 * harness's data folder and keychain service, without a terminal (stdin closed), like a script or
 * an AI agent's tool: its questions go to the window (the approval dialog).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CLI = path.resolve(import.meta.dirname, '../../out/cli/tessera.cjs');

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error('out/cli/tessera.cjs is missing: run `node scripts/build-cli.mjs` (npm test does) before the end-to-end tests.');
}

/** The command's environment: the harness's data folder and keychain service, never the demo's. */
export function cliEnv(dataDir: string, keychainService: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_KEYCHAIN_SERVICE: keychainService, TESSERA_AGENT_IDLE_MS: '60000' };
  delete e.TESSERA_DEMO;
  return e;
}

/** `tessera <args>` with no terminal; resolves when it exits. */
export function tessera(h: { dataDir: string; keychainService: string }, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(h.dataDir, h.keychainService), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
