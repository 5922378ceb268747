/**
 * `tessera git-credential`: git's credential-helper protocol (`git help credential`, "Custom
 * helpers" in `git help gitcredentials`). git runs the helper with `get`, `store` or `erase` and
 * writes `key=value` lines to its stdin, ending with a blank line or the end of input; for `get`,
 * the helper answers with `key=value` lines on stdout, or nothing when it has nothing to say.
 *
 * Tessera answers `get` for Clever Cloud deployment remotes only, with a service token it holds as
 * the user name (Clever Cloud's git over HTTPS takes the token as the Basic user name and ignores
 * the password). The token travels from the agent to git through this process's stdout: never in
 * a command line, never in `.git/config`. `store` keeps nothing (Tessera already holds the token)
 * and `erase` has nothing cached to forget.
 *
 * Before asking the agent (which may mean starting one), the URL must look like a deployment
 * remote: `https` under `clever-cloud.com`, or plain `http` to this machine (the emulator), with a
 * path `app_<id>.git`. The agent decides with the account's own API (deployment-remote.ts).
 */

/** What git describes; `path` only with `credential.useHttpPath`. */
export interface GitCredentialRequest {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly path: string | null;
}

/** The password git sends with the token: Clever Cloud does not read it. */
export const UNUSED_PASSWORD = 'x-tessera-unused';

/** git's description is a few hundred bytes; more than this is not git talking. */
export const MAX_INPUT_BYTES = 64 * 1024;

const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
const CLEVER_HOST = /^(?:[a-z0-9-]+\.)+clever-cloud\.com(?::443)?$/i;
const APP_PATH = /^\/?app_[A-Za-z0-9-]{1,64}\.git\/?$/;

/** The `key=value` lines git wrote, up to the first blank line; the first value of a key wins. */
export function parseCredentialInput(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const clean = line.replace(/\r$/, '');
    if (clean === '') break;
    const eq = clean.indexOf('=');
    if (eq <= 0) continue;
    const key = clean.slice(0, eq);
    if (!fields.has(key)) fields.set(key, clean.slice(eq + 1));
  }
  return fields;
}

/** The request to put to the agent, or null when the URL cannot be a Clever Cloud deployment remote. */
export function deploymentRequest(fields: ReadonlyMap<string, string>): GitCredentialRequest | null {
  const protocol = fields.get('protocol');
  const host = fields.get('host') ?? '';
  const path = fields.get('path') ?? null;
  if (path === null || !APP_PATH.test(path)) return null;
  if (protocol === 'https' && CLEVER_HOST.test(host)) return { protocol, host, path };
  if (protocol === 'http' && LOOPBACK.test(host)) return { protocol, host, path };
  return null;
}

/** The answer to `get`: the token as the user name. */
export function credentialAnswer(token: string): string {
  return `username=${token}\npassword=${UNUSED_PASSWORD}\n`;
}
