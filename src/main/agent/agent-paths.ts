/**
 * Where Tessera's agent and the `tessera` command meet, and who may be there.
 *
 * - The data folder is the app's own (Electron's `userData`: `~/.config/Tessera` on Linux,
 *   `~/Library/Application Support/Tessera` on macOS, `%APPDATA%\Tessera` on Windows), so the
 *   headless agent reads the same metadata file and keychain service as the window.
 * - The agent's directory holds the socket (`agent.sock`), the session key (`session-key`) and
 *   the locks of src/main/agent/agent-bind.ts: `$XDG_RUNTIME_DIR/tessera` when the system gives a
 *   runtime directory (Linux: per user, 0700, emptied at logout) and Tessera uses its own data
 *   folder; `<data folder>/agent` otherwise (macOS, no runtime directory, the demo, a test's data
 *   folder), so that a demo or test agent never meets the user's.
 * - On Windows the socket is a named pipe named after the user and the data folder (path only:
 *   Windows cannot be tested here, and pipes have no file mode to check).
 *
 * Who may be there: the directory must be the user's own and closed to everyone else (0700), the
 * socket and the key file too (0600); a symbolic link is refused in their place. The command
 * checks all three before it connects (another user's socket could ask for the key, or answer
 * with its own "credentials"), the agent before it binds. A path that fails is refused with an
 * `agent_unavailable` error saying what to fix; nothing is repaired silently.
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';

export const PRODUCT_NAME = 'Tessera';
export const SOCKET_NAME = 'agent.sock';
export const KEY_FILE_NAME = 'session-key';
/** sockaddr_un's sun_path holds 108 bytes on Linux (104 on macOS), the final NUL included. */
export const MAX_SOCKET_PATH_BYTES = 103;

export interface AgentLocation {
  /** The app's data folder (metadata, the agent's log, the hand-out log). */
  readonly dataDir: string;
  /** The agent's own directory (socket, session key, locks). */
  readonly agentDir: string;
  readonly socketPath: string;
  readonly keyPath: string;
  /** False on Windows: a named pipe, no directory to check. */
  readonly unixSocket: boolean;
}

export type Environment = Readonly<Partial<Record<string, string>>>;

/** Electron's `app.getPath('userData')` for Tessera, computed without Electron. */
export function defaultDataDir(env: Environment, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, PRODUCT_NAME);
}

/**
 * Where the agent of this data folder listens. `ownDataFolder`: the app's default data folder
 * (not the demo's, not a test's), the only one whose agent may live in the runtime directory.
 */
export function agentLocation(opts: { dataDir: string; ownDataFolder: boolean; env: Environment; platform: NodeJS.Platform; user?: string }): AgentLocation {
  const { dataDir, env, platform } = opts;
  if (platform === 'win32') {
    const agentDir = path.win32.join(dataDir, 'agent');
    const tag = fnv1a64(dataDir.toLowerCase());
    const user = (opts.user ?? 'user').replace(/[^A-Za-z0-9_.-]/g, '_');
    return { dataDir, agentDir, socketPath: `\\\\.\\pipe\\tessera-${user}-${tag}`, keyPath: path.win32.join(agentDir, KEY_FILE_NAME), unixSocket: false };
  }
  const runtime = env.XDG_RUNTIME_DIR;
  const agentDir = opts.ownDataFolder && runtime && path.isAbsolute(runtime) ? path.join(runtime, 'tessera') : path.join(dataDir, 'agent');
  return { dataDir, agentDir, socketPath: path.join(agentDir, SOCKET_NAME), keyPath: path.join(agentDir, KEY_FILE_NAME), unixSocket: true };
}

/** FNV-1a, 64 bits, in hex: tells data folders apart in a pipe's name (not a secret, not a defence). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

export type PrivateKind = 'directory' | 'socket' | 'file';

const KIND_WORDS: Record<PrivateKind, string> = { directory: 'directory', socket: 'socket', file: 'key file' };

function isKind(stats: Stats, kind: PrivateKind): boolean {
  return kind === 'directory' ? stats.isDirectory() : kind === 'socket' ? stats.isSocket() : stats.isFile();
}

/**
 * Refuses a path that is not the user's own, private entry of the expected kind (see the file
 * comment). Returns its stats; throws `agent_unavailable`, or `not_found` when nothing is there.
 */
export function checkPrivate(target: string, kind: PrivateKind, uid: number | undefined = process.getuid?.()): Stats {
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', `No ${KIND_WORDS[kind]} at ${target}.`, { cause });
    throw new AppError('agent_unavailable', `Tessera cannot read ${target} (${code ?? 'error'}).`, { cause });
  }
  const word = KIND_WORDS[kind];
  if (stats.isSymbolicLink()) throw new AppError('agent_unavailable', `Refusing ${target}: the agent's ${word} is a symbolic link. Remove it; Tessera makes its own.`);
  if (!isKind(stats, kind)) throw new AppError('agent_unavailable', `Refusing ${target}: it is not a ${word}. Remove it; Tessera makes its own.`);
  if (uid === undefined) return stats; // Windows: no owner or mode to compare
  if (stats.uid !== uid) throw new AppError('agent_unavailable', `Refusing ${target}: the agent's ${word} belongs to user ${stats.uid}, not to you (${uid}).`);
  if ((stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
    const fix = kind === 'directory' ? 'chmod 700' : 'chmod 600';
    throw new AppError('agent_unavailable', `Refusing ${target}: other users may use the agent's ${word} (mode ${mode}). Fix it with \`${fix} ${target}\`.`);
  }
  return stats;
}

/** Makes the agent's directory (0700, its parents too when missing), then checks it as the command would. */
export function ensureAgentDir(location: AgentLocation): void {
  if (!location.unixSocket) {
    mkdirSync(location.agentDir, { recursive: true });
    return;
  }
  try {
    mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new AppError('agent_unavailable', `Tessera cannot create its agent directory ${location.agentDir} (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, { cause });
  }
  checkPrivate(location.agentDir, 'directory');
  if (Buffer.byteLength(location.socketPath) > MAX_SOCKET_PATH_BYTES)
    throw new AppError('agent_unavailable', `The agent's socket path is too long for the system (${location.socketPath}). Use a shorter data folder.`);
}

/**
 * True when the Electron app holds its single-instance lock on this data folder: Chromium's
 * `SingletonLock` symbolic link (`<host>-<pid>`) in `userData`, on Linux and macOS. Until the app
 * serves the agent itself, a headless agent must not open the metadata file the app is writing.
 */
export function appHoldsDataFolder(userDataDir: string, host: string = os.hostname()): boolean {
  let target: string;
  try {
    target = readlinkSync(path.join(userDataDir, 'SingletonLock'));
  } catch {
    return false;
  }
  const dash = target.lastIndexOf('-');
  const pid = Number(target.slice(dash + 1));
  if (dash < 0 || target.slice(0, dash) !== host || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `moduleDir` lies in a source checkout of Tessera (a `package.json` beside
 * `src/main/launch-options.ts`, at most three levels up), where the development variables apply
 * (src/main/launch-options.ts). The command and agent built into `out/cli/` of a checkout are
 * "not packaged"; the copy an installed app ships (`resources/cli/`) has no sources beside it.
 */
export function inSourceCheckout(moduleDir: string): boolean {
  let dir = moduleDir;
  for (let i = 0; i < 4; i += 1) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'main', 'launch-options.ts'))) return true;
    dir = path.dirname(dir);
  }
  return false;
}
