/**
 * "Remove the plaintext token from clever-tools.json": once profiles are imported, Tessera holds
 * their tokens in the keychain and `tessera exec` hands them to clever-tools, so the copy clever-tools
 * keeps in plaintext can go. The user asks for it (the window offers it after an import; the command
 * line takes `--remove-plaintext`); nothing is removed on Tessera's own initiative.
 *
 * What it does, and why each step:
 * - The file must be exactly what the import read (SHA-256 of its bytes): a file clever-tools (or
 *   the user) changed since may hold a new token Tessera never saw, which must not be thrown away.
 *   A changed file is refused with `conflict` and left alone.
 * - A symbolic link (dotfile managers make them) is followed: the file it names is rewritten and
 *   the link stays a link.
 * - A backup of the file as it was is written beside it first (`<name>.<timestamp>.bak`, mode
 *   0600: it holds the tokens), with O_EXCL so that it never overwrites anything.
 * - The new content is written to a temporary file in the same folder, with the file's own mode,
 *   flushed, then renamed over it: a crash leaves the old file or the new one, never half of one.
 * - Only the imported profiles go (clever-tools 4: their entries, since clever-tools refuses a
 *   profile without a token and would then ignore the whole file; clever-tools 3: the `token` and
 *   `secret` fields). Every other profile and field is kept as it was.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlaintextRemovalResult } from '../../../shared/types';
import { AppError } from '../../errors';
import { contentHash, readCleverToolsText } from './clever-tools-config';

export interface PlaintextSource {
  /** The file the import read (maybe a symbolic link). */
  readonly path: string;
  readonly format: 3 | 4;
  /** SHA-256 of what the import read. */
  readonly contentHash: string;
  /** The profiles imported, whose tokens are to go. */
  readonly aliases: readonly string[];
}

/** Profiles removed (4) or emptied (3), the file rewritten (a link's target) and its backup (0600). */
export type PlaintextRemoval = PlaintextRemovalResult;

/** How many imports' "remove the plaintext tokens" offers are kept. */
const MAX_PLAINTEXT_OFFERS = 8;

/**
 * The imported clever-tools files whose tokens the user may still ask to remove, by import id
 * (never a secret): a handful at most, the newest imports being the ones the user may still act
 * on. An offer is used once.
 */
export class PlaintextOffers {
  private readonly sources = new Map<string, PlaintextSource>();

  /** Remembers an import's file; returns the id the user removes its tokens with. */
  offer(source: PlaintextSource): string {
    const importId = randomUUID();
    this.sources.set(importId, source);
    for (const old of this.sources.keys()) if (this.sources.size > MAX_PLAINTEXT_OFFERS) this.sources.delete(old);
    return importId;
  }

  /** Removes the tokens of an offer's profiles (removePlaintextTokens); `not_found` for an offer not known any more. */
  async take(importId: string, now: number): Promise<PlaintextRemoval> {
    const source = this.sources.get(importId);
    if (!source) throw new AppError('not_found', 'This import is not known any more: import the clever-tools configuration again to remove its plaintext tokens.');
    const removal = await removePlaintextTokens(source, now);
    this.sources.delete(importId);
    return removal;
  }
}

export const CHANGED_SINCE_IMPORT =
  'The clever-tools configuration changed since Tessera imported it: nothing was removed. Import it again, then remove the plaintext tokens.';

/** A timestamp fit for a file name: 2026-11-29T07-01-02-345Z. */
const stamp = (now: number): string => new Date(now).toISOString().replace(/[:.]/g, '-');

export async function removePlaintextTokens(source: PlaintextSource, now: number = Date.now()): Promise<PlaintextRemoval> {
  if (source.aliases.length === 0) throw new AppError('invalid_input', 'No profile of this file was imported: there is nothing to remove.');
  let real: string;
  try {
    real = await realpath(source.path);
  } catch (cause) {
    throw new AppError('not_found', 'The clever-tools configuration file is not there any more: nothing was removed.', { cause });
  }
  const text = await readCleverToolsText(real);
  if (contentHash(text) !== source.contentHash) throw new AppError('conflict', CHANGED_SINCE_IMPORT);
  const { content, removed } = withoutPlaintext(text, source);
  const mode = (await stat(real)).mode & 0o777;

  const backupPath = `${real}.${stamp(now)}.bak`;
  await writeNew(backupPath, text, 0o600, 'The backup of the clever-tools configuration could not be written: nothing was removed.');

  const temp = join(dirname(real), `.${basename(real)}.tessera-${randomBytes(6).toString('hex')}.tmp`);
  await writeNew(temp, content, mode, 'The clever-tools configuration could not be rewritten: nothing was removed.');
  try {
    // The last look before the rename: a write that came in meanwhile wins, and ours is dropped.
    if (contentHash(await readCleverToolsText(real)) !== source.contentHash) throw new AppError('conflict', CHANGED_SINCE_IMPORT);
    await rename(temp, real);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('internal', 'The clever-tools configuration could not be rewritten: nothing was removed.', { cause: error });
  }
  return { path: real, backupPath, removed };
}

/** The file's new text: the imported profiles' tokens gone, everything else as it was. */
export function withoutPlaintext(text: string, source: Pick<PlaintextSource, 'format' | 'aliases'>): { content: string; removed: string[] } {
  const data = JSON.parse(text) as Record<string, unknown>;
  const wanted = new Set(source.aliases);
  const removed: string[] = [];
  if (source.format === 4) {
    const profiles = Array.isArray(data.profiles) ? (data.profiles as Record<string, unknown>[]) : [];
    // The aliases clever-tools-config.ts gave them (an entry without one is "default" first, else "profile-N").
    const kept = profiles.filter((p, i) => {
      const alias = (typeof p.alias === 'string' ? p.alias.trim() : '') || (i === 0 ? 'default' : `profile-${i + 1}`);
      if (!wanted.has(alias)) return true;
      removed.push(alias);
      return false;
    });
    return { content: `${JSON.stringify({ ...data, profiles: kept }, null, 2)}\n`, removed };
  }
  if (wanted.has('default')) {
    delete data.token;
    delete data.secret;
    removed.push('default');
  }
  return { content: `${JSON.stringify(data, null, 2)}\n`, removed };
}

/** Writes a new file (never an existing one) with this mode, flushed to disk. */
async function writeNew(path: string, content: string, mode: number, failure: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  } catch (cause) {
    // Something is already there (or the folder cannot be written): it is not ours to remove.
    throw new AppError('internal', failure, { cause });
  }
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have taken bits away from the mode asked for.
    await chmod(path, mode);
  } catch (cause) {
    await rm(path, { force: true }).catch(() => undefined);
    throw new AppError('internal', failure, { cause });
  }
}
