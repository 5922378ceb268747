/**
 * The agent's one port onto Tessera's accounts: what it may list, and the credential it hands
 * out. Narrow on purpose: the agent (agent-server.ts) knows nothing of providers, keychains or
 * refreshes, so the services behind it can change shape without touching the agent.
 * app-services-source.ts adapts today's services to it, in one file.
 */
import type { AgentAccount, ServiceTokenAnswer } from '../../shared/agent-protocol';
import type { CopyKind, VaultStatus } from '../../shared/types';

export interface SourceAccount extends AgentAccount {
  /**
   * The API base URL the account's credentials are for (Clever Cloud: the API it logged in with,
   * e.g. `https://api.clever-cloud.com/v2`); null when the provider has no such choice.
   */
  readonly endpoint: string | null;
  /** Clever Cloud: the API bridge the account records (sealed with it); null or absent when none. */
  readonly bridge?: string | null;
}

export interface Credential {
  /** A secret. */
  readonly value: string;
  /** When it stops working, when known. */
  readonly validUntil: number | null;
  /** What it is, in words ("Access token"). */
  readonly label: string;
}

/** A held service token: its value (a secret) and what it is for. */
export type HeldToken = Omit<ServiceTokenAnswer, 'account'>;

export interface CredentialSource {
  /**
   * A credential of one of the kinds the account offers (COPY_KINDS), refreshed first when it would
   * expire within `minValidMs`. Fails with `needs_login` when no refresh can make it last that long.
   */
  credential(accountId: string, kind: CopyKind, opts: { readonly minValidMs: number; readonly name?: string }): Promise<Credential>;
  /** Every account, nothing secret. */
  list(): readonly SourceAccount[];
  /**
   * A Clever Cloud service token Tessera holds for an organisation (id or name) and, when given, one
   * of its applications; `not_found` when it holds none.
   */
  serviceToken(accountId: string, org: string, app: string | null): Promise<HeldToken>;
  /**
   * A held service token that may push to this git URL, when it is a deployment remote of the
   * account (src/main/providers/clever-cloud/service-tokens/deployment-remote.ts); else null.
   */
  deploymentToken(accountId: string, target: { readonly protocol: string; readonly host: string; readonly path: string | null }): Promise<HeldToken | null>;
  /** Whether the keychain answers (reads no secret). */
  vaultStatus(): Promise<VaultStatus>;
}
