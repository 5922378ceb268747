/**
 * Which clever-tools the user has, for "Copy as clever-tools profile" (clever-tools-export.ts):
 *
 * 1. the shape of its configuration file where clever-tools keeps it (clever-tools-paths.ts):
 *    `{version: 1, profiles}` is written by clever-tools 4, the flat `{token, secret}` by 3;
 * 2. else `clever version` when a `clever` is on the PATH (it prints `4.11.0`), run without a shell,
 *    with a short timeout: a `clever` that hangs or is something else answers nothing;
 * 3. else nothing is known and the window asks.
 *
 * Only the shape of the file is looked at; nothing of its content leaves this module.
 */
import { execFile } from 'node:child_process';
import type { CleverToolsVersionInfo } from '../../../shared/types';
import { cleverToolsFormatOf, readCleverToolsText } from './clever-tools-config';
import { cleverToolsConfigPaths } from './clever-tools-paths';

export type CleverToolsVersion = CleverToolsVersionInfo;

const VERSION_TIMEOUT_MS = 3_000;

/** The major of a `clever version` output: 3, 4 (clever-tools 4 and later write the same file), or null. */
export function majorOf(output: string): 3 | 4 | null {
  const match = /^\s*v?(\d+)\.\d+\.\d+/.exec(output);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 3 ? 3 : major >= 4 ? 4 : null;
}

/** `clever version`'s output, or null when there is no `clever` or it does not answer in time. */
export function runCleverVersion(command = 'clever', timeoutMs = VERSION_TIMEOUT_MS): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, ['version'], { timeout: timeoutMs, maxBuffer: 64 * 1024, windowsHide: true, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}

export async function detectCleverToolsVersion(
  opts: { readonly paths?: readonly string[]; readonly cleverVersion?: () => Promise<string | null> } = {},
): Promise<CleverToolsVersion> {
  for (const path of opts.paths ?? cleverToolsConfigPaths()) {
    const text = await readCleverToolsText(path).catch(() => null);
    const format = text === null ? null : cleverToolsFormatOf(text);
    if (format !== null) return { version: format, from: 'config-file' };
  }
  const output = await (opts.cleverVersion ?? runCleverVersion)();
  const version = output === null ? null : majorOf(output);
  return version === null ? { version: null, from: null } : { version, from: 'clever-version' };
}
