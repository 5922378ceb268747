/**
 * Importing clever-tools credentials: every profile (or the one asked for) of its configuration
 * file (the given one, or the default locations, clever-tools-config.ts), or CLEVER_TOKEN /
 * CLEVER_SECRET of an environment (Tessera's, or the `tessera` command's). Each profile is checked
 * against /self and saved by `save` (save-token.ts, `CleverCloudSaves`); one that cannot be is
 * reported with its typed error, never with its token, and the others are still imported.
 *
 * A clever-tools 4 profile may carry `overrides` (profile-overrides.ts): its own API host, OAuth
 * consumer, API bridge, console and SSH gateway. They are checked per profile (a bad one fails that
 * profile only, with a typed error) and handed to `save`, which checks the token against /self on
 * that API with that consumer and keeps them with the account.
 *
 * clever-tools also reads the same settings from the environment (API_HOST, OAUTH_CONSUMER_KEY /
 * OAUTH_CONSUMER_SECRET…: its `src/config/config.js`): an environment's CLEVER_TOKEN / CLEVER_SECRET
 * are imported as a profile whose overrides are those variables (clever-tools-config.ts,
 * `profileFromEnv`), with the same checks.
 */
import type { AccountSummary, ImportResult } from '../../../shared/types';
import { printable } from '../../../shared/printable';
import { AppError } from '../../errors';
import { profileFromEnv, readCleverToolsFile, type CleverToolsFile, type CleverToolsProfile } from './clever-tools-config';
import { overrideNames, parseProfileOverrides, type OverrideName, type ProfileOverrides } from './profile-overrides';
import { cleverToolsConfigPaths } from './clever-tools-paths';

/** What a clever-tools profile brings beside its token: its alias and its checked overrides. */
export interface ImportedProfile {
  readonly alias: string;
  readonly overrides: ProfileOverrides;
}

/**
 * Checks a clever-tools token and saves it as an account (clever-tools' own consumer: 'cli',
 * unless the profile's overrides name another).
 */
export type SaveToken = (consumerRef: string, token: { token: string; secret: string; expiresAt: number | null }, profile?: ImportedProfile) => Promise<AccountSummary>;

/** An import of a configuration file: what {@link importProfiles} did, and the file it read. */
export interface FileImport {
  readonly result: ImportResult;
  readonly file: CleverToolsFile;
  /** The aliases of the profiles imported. */
  readonly importedAliases: readonly string[];
}

/**
 * Every profile of the clever-tools config (the given file, the first of the given files that
 * exists, or the default locations), or only the one whose alias is `profile`: an alias the file
 * does not have is refused, naming the ones it has (aliases are not secret), and nothing is saved.
 */
export async function importCleverTools(save: SaveToken, path?: string | readonly string[], opts: { readonly profile?: string | null } = {}): Promise<FileImport> {
  const paths = typeof path === 'string' && path ? [path] : Array.isArray(path) && path.length > 0 ? (path as readonly string[]) : cleverToolsConfigPaths();
  let lastError: unknown;
  for (const candidate of paths) {
    let file: CleverToolsFile;
    try {
      file = await readCleverToolsFile(candidate);
    } catch (error) {
      lastError = error;
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      continue;
    }
    const chosen = opts.profile ? [pickProfile(file.profiles, opts.profile)] : file.profiles;
    const { result, importedAliases } = await importProfilesOf(save, chosen);
    return { result, file, importedAliases };
  }
  throw lastError instanceof AppError ? lastError : new AppError('not_found', 'No clever-tools configuration was found.', { key: 'cleverCloud.noConfig' });
}

/** The profile called `alias`, or an `invalid_input` error listing the file's aliases. */
export function pickProfile(profiles: readonly CleverToolsProfile[], alias: string): CleverToolsProfile {
  const found = profiles.find((p) => p.alias === alias);
  if (found) return found;
  const known = profiles.map((p) => `"${printable(p.alias)}"`).join(', ');
  throw new AppError('invalid_input', `The clever-tools configuration has no profile "${printable(alias).slice(0, 80)}": its profiles are ${known}. Nothing was imported.`);
}

/**
 * CLEVER_TOKEN / CLEVER_SECRET of the given environment, with its clever-tools variables as the
 * profile's overrides. `where` says whose environment it is, in the error when they are unset.
 */
export async function importEnvironment(save: SaveToken, env: Readonly<Record<string, string | undefined>>, where = 'Tessera’s environment'): Promise<ImportResult> {
  const profile = profileFromEnv(env);
  if (!profile) throw new AppError('not_found', `CLEVER_TOKEN and CLEVER_SECRET are not both set in ${where}.`, { key: 'cleverCloud.envNotSet' });
  return (await importProfilesOf(save, [profile])).result;
}

async function importProfilesOf(save: SaveToken, profiles: readonly CleverToolsProfile[]): Promise<{ result: ImportResult; importedAliases: string[] }> {
  const imported: AccountSummary[] = [];
  const importedAliases: string[] = [];
  const overrides: { alias: string; accountId: string; names: OverrideName[] }[] = [];
  const failed: ImportResult['failed'][number][] = [];
  for (const profile of profiles) {
    try {
      // Checked first: a bad override fails this profile before anything is sent.
      const checked = parseProfileOverrides(profile.overrides);
      const account = await save('cli', { token: profile.token, secret: profile.secret, expiresAt: profile.expiresAt }, { alias: profile.alias, overrides: checked });
      imported.push(account);
      importedAliases.push(profile.alias);
      const names = overrideNames(checked);
      if (names.length > 0) overrides.push({ alias: profile.alias, accountId: account.id, names });
    } catch (error) {
      failed.push(
        error instanceof AppError
          ? { alias: profile.alias, ...error.toInfo() }
          : { alias: profile.alias, code: 'internal', message: 'This profile could not be imported.' },
      );
    }
  }
  return { result: overrides.length > 0 ? { imported, failed, overrides } : { imported, failed }, importedAliases };
}
