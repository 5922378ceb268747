/**
 * What Tessera's agent (agent-server.ts) answers to each request of the `tessera` command: one
 * handler per method of src/shared/agent-protocol.ts, in METHOD_HANDLERS. A handler gets the
 * request's params, already parsed with their strict schema, and the caller as /proc tells it
 * (agent-connection.ts); a secret leaves only through authorize and handOut (agent-handout.ts).
 * A new method: its schema and result in src/shared/agent-protocol.ts, one entry in METHOD_HANDLERS.
 * Why: docs/SECURITY.md, section 17.
 */
import type { AccountIntake, LoginChannel } from './account-intake';
import type { AccountRef, AgentAccount, AgentInfo, EnvAnswer, GrantInfo, HandoverState, MethodName, MethodResults, ParamsOf, Request, ServiceTokenAnswer, TokenAnswer } from '../../shared/agent-protocol';
import { printable } from '../../shared/printable';
import { offeredKinds, PROVIDER_NAMES, type CopyKind } from '../../shared/types';
import { AppError } from '../errors';
import { selectAccount } from './account-selector';
import { callerFacts, describeCaller, type Caller, type Conversation, type Grant, type Question } from './approval';
import type { CredentialSource, SourceAccount } from './credential-source';
import { checkNoCollision, cleverCloudEnvironment, saasusEnvironment, type AccountEnvironment } from './exec-environment';
import { accountFacts, accountWords, ask, authorize, duration, handOut, logRef, ref, type HandoutContext } from './agent-handout';

/** `tessera token` without `--min-valid`: the app's default refresh lead time (Settings). */
export const DEFAULT_MIN_VALID_MS = 60_000;

/** What the handlers need of the agent. */
export interface AgentContext extends HandoutContext {
  readonly source: CredentialSource;
  /** Adding accounts (`tessera import`, `tessera login`): account-intake.ts. */
  readonly intake: AccountIntake;
  info(): AgentInfo;
  /** Re-arms the headless agent's idle exit (a grant keeps it alive). */
  armIdle(): void;
  /** Stops for the agent taking over; resolves with the grants and session approvals once stopped. */
  handOver(): Promise<HandoverState>;
  /** Stops once the current answer is on its way. */
  quit(): void;
}

/** One request, as a handler sees it. */
export interface MethodCall<M extends MethodName> {
  readonly conversation: Conversation & LoginChannel;
  readonly caller: Caller;
  readonly p: ParamsOf<M>;
}

type Handler<M extends MethodName> = (agent: AgentContext, call: MethodCall<M>) => MethodResults[M] | Promise<MethodResults[M]>;

export const METHOD_HANDLERS: { readonly [M in MethodName]: Handler<M> } = {
  list: (agent) => accounts(agent),
  status: async (agent) => ({ agent: agent.info(), vault: await agent.source.vaultStatus(), accounts: accounts(agent), grants: agent.approvals.grants().length }),
  token,
  env,
  grant,
  grants: (agent) => grantInfos(agent),
  revokeGrant: (agent, { caller, p }) => {
    if (!agent.approvals.revokeGrant(p.id)) throw new AppError('not_found', 'No grant has this id (it may have expired): see `tessera grants`.');
    agent.handouts.write({ event: 'grant-revoked', method: 'revokeGrant', accounts: [], authority: p.id }, caller);
    return null;
  },
  // Answered once everything else has finished and the metadata is flushed.
  handover: (agent) => agent.handOver(),
  importCleverTools: (agent, { p }) => agent.intake.importCleverTools(p),
  importCleverCloudEnv: (agent, { p }) => agent.intake.importCleverCloudEnv(p),
  login: (agent, { conversation, p }) => agent.intake.login(p, conversation),
  serviceToken,
  gitCredential,
  quit: (agent) => {
    // Stops once this answer is on its way (the stop waits for work in flight, this request included).
    agent.quit();
    return null;
  },
};

/** Answers one request with its method's handler. */
export async function dispatch(agent: AgentContext, conversation: Conversation & LoginChannel, caller: Caller, request: Request): Promise<unknown> {
  const handler = METHOD_HANDLERS[request.m] as (agent: AgentContext, call: MethodCall<MethodName>) => unknown;
  return handler(agent, { conversation, caller, p: request.p });
}

function accounts(agent: AgentContext): AgentAccount[] {
  return agent.source.list().map(({ endpoint: _endpoint, bridge: _bridge, ...account }) => account);
}

function find(agent: AgentContext, selector: string): SourceAccount {
  return selectAccount(agent.source.list(), selector);
}

async function token(agent: AgentContext, { conversation, caller, p }: MethodCall<'token'>): Promise<TokenAnswer> {
  const account = find(agent, p.account);
  const offered = offeredKinds(account.provider);
  const kind = (p.kind ?? offered[0]!.kind) as CopyKind;
  if (!offered.some((k) => k.kind === kind))
    throw new AppError('invalid_input', `${PROVIDER_NAMES[account.provider]} accounts offer ${offered.map((k) => k.kind).join(', ')}; not ${kind}.`);
  if (p.name !== undefined && kind !== 'api-token') throw new AppError('invalid_input', '--name chooses an API token: use it with --kind api-token.');
  const label = offered.find((k) => k.kind === kind)!.label;
  const authority = await authorize(agent, conversation, caller, 'token', [account], [kind], { words: `its ${label.toLocaleLowerCase('en')}`, credential: kind });
  const credential = await handOut(agent, 'token', caller, [account], [kind], authority, () =>
    agent.source.credential(account.id, kind, { minValidMs: p.minValidMs ?? DEFAULT_MIN_VALID_MS, ...(p.name === undefined ? {} : { name: p.name }) }),
  );
  return { account: ref(account), kind, label: credential.label, value: credential.value, validUntil: credential.validUntil };
}

/** The hand-out log's name for a service token (never its value). */
const SERVICE_TOKEN_KIND = 'service-token';

async function serviceToken(agent: AgentContext, { conversation, caller, p }: MethodCall<'serviceToken'>): Promise<ServiceTokenAnswer> {
  const account = find(agent, p.account);
  if (account.provider !== 'clever-cloud') throw new AppError('invalid_input', `Service tokens are ${PROVIDER_NAMES['clever-cloud']}’s; this is a ${PROVIDER_NAMES[account.provider]} account.`);
  const what = `a service token of organisation "${printable(p.org)}"${p.app === null ? '' : ` for application "${printable(p.app)}"`}`;
  const authority = await authorize(agent, conversation, caller, 'serviceToken', [account], [SERVICE_TOKEN_KIND], { words: what, credential: 'service-token' });
  const held = await handOut(agent, 'serviceToken', caller, [account], [SERVICE_TOKEN_KIND], authority, () => agent.source.serviceToken(account.id, p.org, p.app));
  return { account: ref(account), ...held };
}

/**
 * `tessera git-credential get`: the first Clever Cloud account for which the URL is a deployment
 * remote and which holds a service token that may push there. Nothing (null, and no question) for
 * any other URL, so that git's other helpers answer for other hosts.
 */
async function gitCredential(agent: AgentContext, { conversation, caller, p }: MethodCall<'gitCredential'>): Promise<ServiceTokenAnswer | null> {
  for (const account of agent.source.list()) {
    if (account.provider !== 'clever-cloud') continue;
    const held = await agent.source.deploymentToken(account.id, p);
    if (!held) continue;
    const what = `a service token to push to ${printable(`${p.protocol}://${p.host}/${p.path ?? ''}`)} (token "${printable(held.name)}", ${held.role})`;
    const authority = await authorize(agent, conversation, caller, 'gitCredential', [account], [SERVICE_TOKEN_KIND], { words: what, credential: 'service-token' });
    return handOut(agent, 'gitCredential', caller, [account], [SERVICE_TOKEN_KIND], authority, async () => ({ account: ref(account), ...held }));
  }
  return null;
}

async function env(agent: AgentContext, { conversation, caller, p }: MethodCall<'env'>): Promise<EnvAnswer> {
  const accounts = p.accounts.map((selector) => find(agent, selector));
  if (new Set(accounts.map((a) => a.id)).size !== accounts.length) throw new AppError('invalid_input', 'An account is named twice.');
  checkNoCollision(accounts);
  const kinds = accounts.map((a) => (a.provider === 'clever-cloud' ? 'authorization-header, api-token' : 'access-token, id-token'));
  const authority = await authorize(agent, conversation, caller, 'env', accounts, kinds, {
    words: accounts.length > 1 ? 'their credentials, as environment variables' : 'its credentials, as environment variables',
    credential: 'environment',
  });
  const minValidMs = p.minValidMs ?? DEFAULT_MIN_VALID_MS;
  return handOut(agent, 'env', caller, accounts, kinds, authority, async () => {
    const set: (readonly [string, string])[] = [];
    const unset: string[] = [];
    let validUntil: number | null = null;
    for (const account of accounts) {
      let environment: AccountEnvironment;
      if (account.provider === 'clever-cloud') {
        // The header first: reading it checks the account's seals, which cover its bridge.
        const header = await agent.source.credential(account.id, 'authorization-header', { minValidMs });
        const apiToken = await agent.source.credential(account.id, 'api-token', { minValidMs }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return null; // none held: CC_API_TOKEN is removed
          throw error;
        });
        environment = cleverCloudEnvironment(header.value, account.endpoint, { apiToken: apiToken?.value ?? null, bridgeUrl: account.bridge ?? null });
        validUntil = earliest(validUntil, header.validUntil, apiToken?.validUntil ?? null);
      } else {
        const access = await agent.source.credential(account.id, 'access-token', { minValidMs });
        const id = await agent.source.credential(account.id, 'id-token', { minValidMs });
        const authorization = await agent.source.credential(account.id, 'authorization-header', { minValidMs });
        environment = saasusEnvironment({ accessToken: access.value, idToken: id.value, authorization: authorization.value });
        validUntil = earliest(validUntil, access.validUntil, id.validUntil);
      }
      set.push(...environment.set);
      unset.push(...environment.unset);
    }
    return { accounts: accounts.map(ref), set, unset, validUntil };
  });
}

async function grant(agent: AgentContext, { conversation, caller, p }: MethodCall<'grant'>): Promise<GrantInfo> {
  const account = find(agent, p.account);
  if (!conversation.canAsk) throw new AppError('denied', 'A grant must be approved on a terminal: run `tessera grant` in one.');
  const scope = p.cwd === null ? 'any program' : `programs working in ${printable(p.cwd)}`;
  const question: Question = {
    kind: 'grant',
    text: [
      `Tessera: create a grant? For the next ${duration(p.forMs)}, ${scope} may have the credentials of`,
      `  ${accountWords(account)}`,
      '  without being asked. Quitting the agent revokes it; so does `tessera revoke-grant <id>`.',
      `Asked by ${describeCaller(caller)}.`,
    ].join('\n'),
    choices: ['confirm', 'deny'],
    facts: { caller: callerFacts(caller), accounts: [accountFacts(account)], ask: { kind: 'grant', forMs: p.forMs, cwd: p.cwd === null ? null : printable(p.cwd) } },
  };
  const choice = await ask(agent, conversation, question);
  if (choice !== 'confirm') {
    agent.handouts.write({ event: 'denied', method: 'grant', accounts: [logRef(account)], authority: 'user refused the grant' }, caller);
    throw new AppError('denied', 'No grant was created.');
  }
  const created = agent.approvals.addGrant({ accountId: account.id, forMs: p.forMs, cwd: p.cwd, createdBy: describeCaller(caller) });
  agent.handouts.write(
    { event: 'grant', method: 'grant', accounts: [logRef(account)], grant: { id: created.id, expiresAt: new Date(created.expiresAt).toISOString(), cwd: created.cwd } },
    caller,
  );
  agent.armIdle();
  return grantInfo(created, account);
}

function grantInfos(agent: AgentContext): GrantInfo[] {
  const byId = new Map(agent.source.list().map((a) => [a.id, a]));
  const infos: GrantInfo[] = [];
  for (const grant of agent.approvals.grants()) {
    const account = byId.get(grant.accountId);
    if (account) infos.push(grantInfo(grant, account));
    else agent.approvals.forgetAccount(grant.accountId);
  }
  return infos;
}

function grantInfo(grant: Grant, account: AccountRef): GrantInfo {
  return { id: grant.id, account: ref(account), createdAt: grant.createdAt, expiresAt: grant.expiresAt, cwd: grant.cwd, createdBy: grant.createdBy };
}

function earliest(...dates: (number | null)[]): number | null {
  const known = dates.filter((d): d is number => d !== null);
  return known.length === 0 ? null : Math.min(...known);
}
