/**
 * Importing credentials the official CLI already holds (docs/PROVIDERS.md):
 * - `~/.config/clever-cloud/clever-tools.json` (`$XDG_CONFIG_HOME` when set; Windows
 *   `%APPDATA%\clever-cloud\clever-tools.json`), either `{version: 1, profiles: [...]}` or the older
 *   `{token, secret}`. Even older CLIs wrote the legacy format to `~/.config/clever-cloud` itself
 *   (a file, not a folder); {@link cleverToolsConfigPaths} lists both places.
 * - `CLEVER_TOKEN` + `CLEVER_SECRET` in the environment (they override the file in the CLI).
 *
 * CLI tokens are issued to the CLI's public consumer, so imported credentials are signed with it.
 * The file is a boundary: it is parsed into typed profiles or a typed error, and the error never
 * quotes the file's content (it holds secrets).
 *
 * The path comes from the window (`importCleverTools({path})`), so it may name anything: a FIFO, a
 * device, a folder, a huge file. {@link readCleverToolsConfig} never waits on it and never reads more
 * than {@link MAX_CONFIG_BYTES}: see its comment for why each step is there.
 */
import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import * as v from 'valibot';
import { AppError } from '../../errors';
import { OVERRIDE_NAMES } from './profile-overrides';
import { parseCleverDate } from './responses';

export interface CleverToolsProfile {
  /** `default` for the legacy format and the environment. */
  readonly alias: string;
  readonly token: string;
  readonly secret: string;
  readonly expiresAt: number | null;
  readonly userId: string | null;
  readonly email: string | null;
  /** The profile's `overrides` as written (clever-tools 4), checked when it is imported (profile-overrides.ts). */
  readonly overrides?: unknown;
}

/** A configuration file as read: its profiles, its format (3: flat, 4: `version: 1` profiles) and a hash of its bytes. */
export interface CleverToolsFile {
  readonly path: string;
  readonly format: 3 | 4;
  readonly profiles: CleverToolsProfile[];
  /** SHA-256 of the bytes read, to tell whether the file changed before it is rewritten (clever-tools-plaintext.ts). */
  readonly contentHash: string;
}

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));
const optionalText = v.pipe(
  v.optional(v.nullable(v.string())),
  v.transform((s) => (s ? s : null)),
);
const optionalDate = v.pipe(
  v.optional(v.nullable(v.union([v.number(), v.string()]))),
  v.transform((d) => (d === undefined || d === null || d === '' ? null : parseCleverDate(d))),
  v.check((d) => d === null || Number.isFinite(d), 'expirationDate is not a date'),
);

const ProfileSchema = v.object({
  alias: v.optional(v.string()),
  token: nonEmpty,
  secret: nonEmpty,
  expirationDate: optionalDate,
  userId: optionalText,
  email: optionalText,
  overrides: v.optional(v.unknown()),
});

const ProfilesFileSchema = v.object({ version: v.literal(1), profiles: v.array(ProfileSchema) });
const LegacyFileSchema = v.object({ token: nonEmpty, secret: nonEmpty, expirationDate: optionalDate });

const invalid = (detail: string, cause?: unknown): AppError =>
  new AppError('invalid_input', `This is not a clever-tools configuration file Tessera can read: ${detail}.`, { cause, key: 'cleverCloud.notAConfig' });

/** Parses the text of a clever-tools configuration file into its profiles (at least one). */
export function parseCleverToolsConfig(text: string): CleverToolsProfile[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw invalid('it is not valid JSON', cause);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid('it is not a JSON object');
  if ('profiles' in data || 'version' in data) {
    const parsed = v.safeParse(ProfilesFileSchema, data);
    if (!parsed.success) throw invalid(describeIssue(parsed.issues));
    if (parsed.output.profiles.length === 0) throw invalid('it holds no profile');
    const seen = new Set<string>();
    return parsed.output.profiles.map((p, i) => {
      const alias = p.alias?.trim() || (i === 0 ? 'default' : `profile-${i + 1}`);
      if (seen.has(alias)) throw invalid(`two profiles are called “${alias.slice(0, 40)}”`);
      seen.add(alias);
      const profile = { alias, token: p.token, secret: p.secret, expiresAt: p.expirationDate ?? null, userId: p.userId ?? null, email: p.email ?? null };
      return p.overrides === undefined ? profile : { ...profile, overrides: p.overrides };
    });
  }
  const legacy = v.safeParse(LegacyFileSchema, data);
  if (!legacy.success) throw invalid(describeIssue(legacy.issues));
  return [{ alias: 'default', token: legacy.output.token, secret: legacy.output.secret, expiresAt: legacy.output.expirationDate ?? null, userId: null, email: null }];
}

/** Which field is wrong, never its value. */
function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const path = issues[0] ? v.getDotPath(issues[0]) : null;
  return path ? `the field “${path}” is missing or wrong` : 'its fields are missing or wrong';
}

/** clever-tools writes a few hundred bytes per profile; nothing real comes near this. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and parses the configuration file at `path`, without ever blocking the main process.
 *
 * File calls run on libuv's thread pool (four threads, shared with the keychain, DNS and every other
 * file call). Reading a path whole before looking at it is unsafe:
 * - opening a FIFO for reading waits for a writer, holding a pool thread until one comes: four such
 *   imports and every keychain call, lookup and file read of the app hangs until restart;
 * - `/dev/zero` (or `/dev/urandom`) never ends: the read grows until the size check, 550 MB later.
 * So: open with `O_NONBLOCK` (a FIFO then opens at once, without a writer), `fstat` the handle (the
 * object actually opened, not whatever the path names a moment later), require a regular file of at
 * most {@link MAX_CONFIG_BYTES}, and read at most one byte more than that (a file that grew after the
 * `fstat` is caught too, and so is a file whose size the system does not report, as in /proc). Symbolic links are followed: a link to the real file is legitimate (dotfile
 * managers make them). Windows has no `O_NONBLOCK` (0 there): the `fstat` and the read cap still
 * apply, but only Linux runs the tests of this.
 */
export async function readCleverToolsConfig(path: string): Promise<CleverToolsProfile[]> {
  return parseCleverToolsConfig(await readConfigText(path));
}

/** {@link readCleverToolsConfig}, with the file's format and the hash of what was read. */
export async function readCleverToolsFile(path: string): Promise<CleverToolsFile> {
  const text = await readConfigText(path);
  const profiles = parseCleverToolsConfig(text);
  return { path, profiles, format: cleverToolsFormatOf(text) ?? 3, contentHash: contentHash(text) };
}

/** SHA-256 (hex) of a file's text as read. */
export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Which clever-tools wrote this text: 4 for `{version: 1, profiles}`, 3 for the flat `{token, secret}`, null otherwise. Never throws. */
export function cleverToolsFormatOf(text: string): 3 | 4 | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  if (o.version === 1 && Array.isArray(o.profiles)) return 4;
  if (typeof o.token === 'string' && typeof o.secret === 'string') return 3;
  return null;
}

/** The text of the configuration file at `path`, read as safely as {@link readCleverToolsConfig} does. */
export const readCleverToolsText = (path: string): Promise<string> => readConfigText(path);

async function readConfigText(path: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | ((constants.O_NONBLOCK as number | undefined) ?? 0));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', 'No clever-tools configuration file was found there.', { cause, key: 'cleverCloud.noConfigFile' });
    // A folder opens read-only (POSIX, and libuv on Windows opens folders too): `checkFile` names it.
    // A socket cannot be opened as a file.
    if (code === 'ENXIO') throw notAFile(cause);
    throw new AppError('internal', 'The clever-tools configuration file could not be read.', { cause, key: 'cleverCloud.configUnreadable' });
  }
  try {
    checkFile(await handle.stat());
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_CONFIG_BYTES) throw tooLarge();
    return buffer.toString('utf8', 0, length);
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('internal', 'The clever-tools configuration file could not be read.', { cause, key: 'cleverCloud.configUnreadable' });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function checkFile(info: Stats): void {
  if (info.isDirectory()) throw invalid('it is a folder');
  if (!info.isFile()) throw notAFile();
  if (info.size > MAX_CONFIG_BYTES) throw tooLarge();
}

const notAFile = (cause?: unknown): AppError => invalid('it is not a regular file (a device, a pipe or a socket)', cause);
const tooLarge = (): AppError => invalid(`it is larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MB`);

/**
 * `CLEVER_TOKEN` + `CLEVER_SECRET`, both non-empty, or nothing; with, as its overrides, the other
 * variables clever-tools reads beside them (`API_HOST`, `OAUTH_CONSUMER_KEY`…: its
 * `src/config/config.js`), checked when the profile is imported like a file's (profile-overrides.ts).
 */
export function profileFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CleverToolsProfile | null {
  const token = env.CLEVER_TOKEN?.trim();
  const secret = env.CLEVER_SECRET?.trim();
  if (!token || !secret) return null;
  const overrides = Object.fromEntries(OVERRIDE_NAMES.flatMap((name) => (env[name]?.trim() ? [[name, env[name]]] : [])));
  return { alias: 'environment', token, secret, expiresAt: null, userId: null, email: null, overrides };
}

export { apiHostOf, cleverToolsConfigDir, cleverToolsConfigPaths, defaultCleverToolsConfigPath, type PlatformInfo } from './clever-tools-paths';
