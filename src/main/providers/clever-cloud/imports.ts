/**
 * Importing clever-tools credentials: every profile of its configuration file (the given one, or
 * the default locations, clever-tools-config.ts), or CLEVER_TOKEN / CLEVER_SECRET of Tessera's
 * environment. Each profile is checked against /self and saved by `save`
 * (clever-cloud-accounts.ts, `saveToken`); one that cannot be is reported with its typed error,
 * never with its token, and the others are still imported.
 */
import type { AccountSummary, ImportResult } from '../../../shared/types';
import { AppError } from '../../errors';
import { cleverToolsConfigPaths, profileFromEnv, readCleverToolsConfig, type CleverToolsProfile } from './clever-tools-config';

/** Checks a clever-tools token and saves it as an account (clever-tools' own consumer: 'cli'). */
export type SaveToken = (consumerRef: string, token: { token: string; secret: string; expiresAt: number | null }) => Promise<AccountSummary>;

/** Every profile of the clever-tools config (the given file, or the default locations). */
export async function importCleverTools(save: SaveToken, path?: string): Promise<ImportResult> {
  const paths = path ? [path] : cleverToolsConfigPaths();
  let lastError: unknown;
  for (const candidate of paths) {
    try {
      return await importProfiles(save, await readCleverToolsConfig(candidate));
    } catch (error) {
      lastError = error;
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    }
  }
  throw lastError instanceof AppError ? lastError : new AppError('not_found', 'No clever-tools configuration was found.');
}

/** CLEVER_TOKEN / CLEVER_SECRET of the given environment. */
export async function importEnvironment(save: SaveToken, env: Readonly<Record<string, string | undefined>>): Promise<ImportResult> {
  const profile = profileFromEnv(env);
  if (!profile) throw new AppError('not_found', 'CLEVER_TOKEN and CLEVER_SECRET are not both set in Tessera’s environment.');
  return importProfiles(save, [profile]);
}

async function importProfiles(save: SaveToken, profiles: readonly CleverToolsProfile[]): Promise<ImportResult> {
  const imported: AccountSummary[] = [];
  const failed: ImportResult['failed'][number][] = [];
  for (const profile of profiles) {
    try {
      imported.push(await save('cli', { token: profile.token, secret: profile.secret, expiresAt: profile.expiresAt }));
    } catch (error) {
      failed.push(
        error instanceof AppError
          ? { alias: profile.alias, code: error.code, message: error.message }
          : { alias: profile.alias, code: 'internal', message: 'This profile could not be imported.' },
      );
    }
  }
  return { imported, failed };
}
