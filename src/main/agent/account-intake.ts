/**
 * The agent's second port onto Tessera's accounts (credential-source.ts is the first): adding
 * accounts from the command line, for servers, SSH sessions and WSL where no window is available
 * (`tessera import …`, `tessera login …`). Like CredentialSource it is narrow, so that the agent
 * knows nothing of providers; app-services-intake.ts adapts today's services to it.
 *
 * Adding an account sends nothing out of the agent, so it needs no approval (approval.ts guards
 * what leaves). What comes in does so only over the authenticated socket: the variables of
 * `--from-env` are read by the command from its own environment and travel in the request, never
 * on a command line (argv is readable by every process of the machine on most systems).
 */
import type { ImportAnswer, LoginAnswer, ParamsOf } from '../../shared/agent-protocol';
import { printable } from '../../shared/printable';
import { AppError } from '../errors';

/** The command a login belongs to, as the login sees it. */
export interface LoginChannel {
  /** Aborted when the command goes away (Ctrl-C, a closed terminal) or the agent stops: the login is cancelled. */
  readonly signal: AbortSignal;
  /** Shows a line on the command's stderr (the address to open, the progress). */
  notice(text: string): void;
}

export interface AccountIntake {
  importCleverTools(p: ParamsOf<'importCleverTools'>): Promise<ImportAnswer>;
  importCleverCloudEnv(p: ParamsOf<'importCleverCloudEnv'>): Promise<ImportAnswer>;
  login(p: ParamsOf<'login'>, channel: LoginChannel): Promise<LoginAnswer>;
}

/**
 * Which SaaS connection the command line names: an exact id wins, otherwise the one whose name
 * equals the text ignoring case. Several are `ambiguous` (listed by id), none is `not_found`
 * (listing the names there are). Names are the user's and may hold anything: made printable.
 */
export function selectConnection<C extends { readonly id: string; readonly name: string }>(connections: readonly C[], selector: string): C {
  const byId = connections.find((c) => c.id === selector);
  if (byId) return byId;
  const wanted = selector.toLocaleLowerCase('en');
  const matches = connections.filter((c) => c.name.toLocaleLowerCase('en') === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new AppError('ambiguous', `"${printable(selector)}" fits ${matches.length} SaaS connections; name one by its id:\n${matches.map((c) => `  ${c.id}  ${printable(c.name)}`).join('\n')}`);
  const known =
    connections.length === 0
      ? 'Tessera has no SaaS connection yet: add one in the Tessera app (Add account → SaaSus).'
      : `The connections are:\n${connections.map((c) => `  ${c.id}  ${printable(c.name)}`).join('\n')}`;
  throw new AppError('not_found', `No SaaS connection is named "${printable(selector)}" (by id or name). ${known}`);
}
