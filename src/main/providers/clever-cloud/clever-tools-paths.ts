/**
 * Where clever-tools keeps its configuration, and how it writes its API host: plain functions with
 * no schema, so that the `tessera` command (src/cli, kept small to start fast) can find the files in
 * its own environment and hand their paths to the agent. clever-tools-config.ts reads the files.
 */
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** clever-tools' API_HOST for an API base URL: the URL without its `/v2` (clever-tools adds it) or a trailing slash. */
export function apiHostOf(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v2$/, '');
}

export interface PlatformInfo {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const currentPlatform = (): PlatformInfo => ({ platform: process.platform, env: process.env, home: homedir() });

/** Where the CLI keeps its configuration directory (what the `xdg` package and the CLI compute). */
export function cleverToolsConfigDir(p: PlatformInfo = currentPlatform()): string {
  if (p.platform === 'win32') return win32.join(p.env.APPDATA ?? win32.join(p.home, 'AppData', 'Roaming'), 'clever-cloud');
  return join(p.env.XDG_CONFIG_HOME || join(p.home, '.config'), 'clever-cloud');
}

/** The current configuration file. */
export function defaultCleverToolsConfigPath(p: PlatformInfo = currentPlatform()): string {
  return p.platform === 'win32' ? win32.join(cleverToolsConfigDir(p), 'clever-tools.json') : join(cleverToolsConfigDir(p), 'clever-tools.json');
}

/** Where to look, newest first: the current file, then the legacy one (the directory path itself, as a file). */
export function cleverToolsConfigPaths(p: PlatformInfo = currentPlatform()): string[] {
  return [defaultCleverToolsConfigPath(p), cleverToolsConfigDir(p)];
}
