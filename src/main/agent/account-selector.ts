/**
 * Which account the command line names: an exact id wins; otherwise every account whose name or
 * e-mail address (the subtitle) equals the text, ignoring case. One match is the account; several
 * are an `ambiguous` error listing them (by id, so the user can pick); none is `not_found`.
 * Names come from providers and may hold anything: they are made printable in the messages.
 */
import { PROVIDER_NAMES } from '../../shared/types';
import { printable } from '../../shared/printable';
import type { AgentAccount } from '../../shared/agent-protocol';
import { AppError } from '../errors';

export function selectAccount<A extends AgentAccount>(accounts: readonly A[], selector: string): A {
  const byId = accounts.find((a) => a.id === selector);
  if (byId) return byId;
  const wanted = selector.toLocaleLowerCase('en');
  const matches = accounts.filter((a) => a.displayName.toLocaleLowerCase('en') === wanted || a.subtitle.toLocaleLowerCase('en') === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const lines = matches.map((a) => `  ${a.id}  ${printable(a.displayName)}  ${printable(a.subtitle)}  (${PROVIDER_NAMES[a.provider]})`);
    throw new AppError('ambiguous', `"${printable(selector)}" fits ${matches.length} accounts; name one by its id:\n${lines.join('\n')}`);
  }
  const known = accounts.length === 0 ? 'Tessera has no account yet.' : 'See `tessera list`.';
  throw new AppError('not_found', `No account is named "${printable(selector)}" (by id, name or e-mail). ${known}`);
}

/**
 * The names `tessera list --names` prints for shell completion: an account's name when it names
 * that account alone (see selectAccount) and fits on one line; its id otherwise.
 */
export function completionNames(accounts: readonly AgentAccount[]): string[] {
  // What selectAccount would match, counted once per account: O(n), for lists of thousands.
  const ids = new Set(accounts.map((a) => a.id));
  const holders = new Map<string, number>();
  for (const a of accounts) {
    const keys = new Set([a.displayName.toLocaleLowerCase('en'), a.subtitle.toLocaleLowerCase('en')]);
    for (const key of keys) holders.set(key, (holders.get(key) ?? 0) + 1);
  }
  return accounts.map((a) => {
    const plain = a.displayName.trim() !== '' && printable(a.displayName) === a.displayName;
    const alone = holders.get(a.displayName.toLocaleLowerCase('en')) === 1 && (!ids.has(a.displayName) || a.displayName === a.id);
    return plain && alone ? a.displayName : a.id;
  });
}
