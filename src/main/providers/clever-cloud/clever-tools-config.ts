/**
 * Importing credentials the official CLI already holds (shared/DOMAIN.md):
 * - `~/.config/clever-cloud/clever-tools.json` (`$XDG_CONFIG_HOME` when set; Windows
 *   `%APPDATA%\clever-cloud\clever-tools.json`), either `{version: 1, profiles: [...]}` or the older
 *   `{token, secret}`. Even older CLIs wrote the legacy format to `~/.config/clever-cloud` itself
 *   (a file, not a folder); {@link cleverToolsConfigPaths} lists both places.
 * - `CLEVER_TOKEN` + `CLEVER_SECRET` in the environment (they override the file in the CLI).
 *
 * CLI tokens are issued to the CLI's public consumer, so imported credentials are signed with it.
 * The file is a boundary: it is parsed into typed profiles or a typed error, and the error never
 * quotes the file's content (it holds secrets).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import * as v from 'valibot';
import { AppError } from '../../errors';
import { parseCleverDate } from './api';

export interface CleverToolsProfile {
  /** `default` for the legacy format and the environment. */
  readonly alias: string;
  readonly token: string;
  readonly secret: string;
  readonly expiresAt: number | null;
  readonly userId: string | null;
  readonly email: string | null;
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
});

const ProfilesFileSchema = v.object({ version: v.literal(1), profiles: v.array(ProfileSchema) });
const LegacyFileSchema = v.object({ token: nonEmpty, secret: nonEmpty, expirationDate: optionalDate });

const invalid = (detail: string, cause?: unknown): AppError =>
  new AppError('invalid_input', `This is not a clever-tools configuration file Tessera can read: ${detail}.`, { cause });

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
      return { alias, token: p.token, secret: p.secret, expiresAt: p.expirationDate ?? null, userId: p.userId ?? null, email: p.email ?? null };
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

export async function readCleverToolsConfig(path: string): Promise<CleverToolsProfile[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', 'No clever-tools configuration file was found there.', { cause });
    if (code === 'EISDIR') throw invalid('it is a folder', cause);
    throw new AppError('internal', 'The clever-tools configuration file could not be read.', { cause });
  }
  if (text.length > 1024 * 1024) throw invalid('it is too large');
  return parseCleverToolsConfig(text);
}

/** `CLEVER_TOKEN` + `CLEVER_SECRET`, both non-empty, or nothing. */
export function profileFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CleverToolsProfile | null {
  const token = env.CLEVER_TOKEN?.trim();
  const secret = env.CLEVER_SECRET?.trim();
  if (!token || !secret) return null;
  return { alias: 'environment', token, secret, expiresAt: null, userId: null, email: null };
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
