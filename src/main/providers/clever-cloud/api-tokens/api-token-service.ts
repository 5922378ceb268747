/**
 * API tokens of a Clever Cloud account: list, create, revoke, and the values Tessera holds.
 *
 * Where things live:
 * - The value of a token created through Tessera: the keychain, one entry per token, as a field of
 *   the account (`account/clever-cloud/<id>/api-token-<base64url of its id>`, a small JSON object
 *   with the value, name and dates). Being the account's, the entry goes when the account is
 *   removed (accounts-service.ts), is kept across a new login (save-token.ts,
 *   `CleverCloudSaves`), and is dropped when the token is revoked, or when the bridge no longer lists it.
 *   The bridge never shows a value again, so tokens made elsewhere are listed without one.
 * - The password and the TOTP code: nowhere. They go in one request to the account's bridge and are
 *   forgotten; every error message is cut free of them (responses.ts' `redact`).
 * - Names: the bridge's list, read live. Dates: the bridge's list too, and, for the tokens whose
 *   value Tessera holds, a copy in the account's metadata (`apiTokens`, ../metadata.ts) so that the
 *   window and the tray offer "Copy API token" only while one is valid, without reading a value.
 *
 * Where the password goes: the account's bridge, which is sealed with the account (its id,
 * consumer, API base URL and bridge URL: ../metadata.ts), and checked before anything is sent
 * (`access`, given by clever-cloud-accounts.ts). A metadata file edited to point the bridge
 * elsewhere is a `changed_outside` error and nothing leaves.
 *
 * Handing out (`tessera token --kind api-token`, `exec`/`env`'s CC_API_TOKEN): the newest token
 * Tessera holds a value for that stays valid for the time asked, or, with a name, the newest of
 * that name (`apiTokenToHandOut`, src/shared/types.ts: the window words its row with the same rule).
 */
import type { ApiTokensOverview, ApiTokenView, CreateApiTokenOutcome } from '../../../../shared/clever-api-tokens';
import { apiTokenToHandOut } from '../../../../shared/types';
import type { AccountsService } from '../../../accounts/accounts-service';
import { AppError } from '../../../errors';
import * as v from 'valibot';
import { getSelf } from '../api';
import { API_TOKEN_MAX_LIFETIME_MS } from '../constants';
import { ApiTokenDatesByIdSchema, type ApiTokenDates } from '../metadata';
import type { TokenCredentials } from '../oauth1';
import { ApiTokenCredentialError, createApiToken, listApiTokens, revokeApiToken, type ApiBridgeConfig, type ApiToken } from './api';

/** Keychain fields of an account that hold API token values. */
export const API_TOKEN_FIELD_PREFIX = 'api-token-';

export function apiTokenField(apiTokenId: string): string {
  return `${API_TOKEN_FIELD_PREFIX}${Buffer.from(apiTokenId, 'utf8').toString('base64url')}`;
}

export function isApiTokenField(field: string): boolean {
  return field.startsWith(API_TOKEN_FIELD_PREFIX);
}

export function apiTokenIdOf(field: string): string {
  return Buffer.from(field.slice(API_TOKEN_FIELD_PREFIX.length), 'base64url').toString('utf8');
}

const HeldSchema = v.object({
  apiToken: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  createdAt: v.nullable(v.number()),
  expiresAt: v.number(),
});
type Held = v.InferOutput<typeof HeldSchema>;

/** What the service needs of an account to act for it, its seals checked first. */
export interface ApiTokenAccess {
  /** The API and bridge configuration (bridgeUrl included), signing with the account's consumer. */
  readonly api: ApiBridgeConfig;
  readonly credentials: TokenCredentials;
  readonly email: string;
}

export interface NewApiTokenInput {
  readonly name: string;
  readonly lifetimeMs: number;
  readonly password: string;
  readonly mfaCode?: string;
}

export class CleverApiTokens {
  constructor(
    private readonly deps: {
      readonly accounts: AccountsService;
      /** The account's signing and bridge configuration, seals checked (changed_outside otherwise). */
      readonly access: (accountId: string) => Promise<ApiTokenAccess>;
      readonly now: () => number;
    },
  ) {}

  /** The bridge's list, each marked with whether Tessera holds its value; plus what creating needs to know (/self). */
  async overview(accountId: string): Promise<ApiTokensOverview> {
    const { api, credentials } = await this.deps.access(accountId);
    const [tokens, self] = await Promise.all([listApiTokens(api, credentials), getSelf(api, credentials)]);
    const held = await this.forgetGone(accountId, tokens);
    // Values kept before their dates were recorded: the list gives them.
    const known = heldDates(this.deps.accounts.record(accountId).data);
    const undated = tokens.filter((t) => held.has(t.apiTokenId) && !known[t.apiTokenId]);
    if (undated.length > 0) await this.keep(accountId, {}, [], Object.fromEntries(undated.map((t) => [t.apiTokenId, datesOf(t)])));
    return { tokens: tokens.map((t) => view(t, held.has(t.apiTokenId))), hasPassword: self.hasPassword, preferredMfa: self.preferredMfa };
  }

  /**
   * `POST /api-tokens` with the password (and code) given now, never stored; the value goes to the
   * keychain before the window hears of the token. A refusal of the password or code is an
   * outcome, not an error, so that the window can say which.
   */
  async create(accountId: string, input: NewApiTokenInput): Promise<CreateApiTokenOutcome> {
    const name = input.name.trim();
    if (name === '' || name.length > 256) throw new AppError('invalid_input', 'An API token needs a name (at most 256 characters).');
    if (!Number.isFinite(input.lifetimeMs) || input.lifetimeMs < 60_000 || input.lifetimeMs > API_TOKEN_MAX_LIFETIME_MS)
      throw new AppError('invalid_input', 'An API token lives from a minute to a year.');
    const { api, credentials, email } = await this.deps.access(accountId);
    const self = await getSelf(api, credentials);
    if (self.hasPassword === false) return { status: 'refused', reason: 'no-password' };
    const expiresAt = this.deps.now() + input.lifetimeMs;
    let created;
    try {
      created = await createApiToken(api, {
        email: self.email || email,
        password: input.password,
        mfaCode: self.preferredMfa === 'TOTP' || input.mfaCode ? input.mfaCode : undefined,
        name,
        expiresAt,
      });
    } catch (error) {
      if (error instanceof ApiTokenCredentialError) return { status: 'refused', reason: error.reason };
      throw error;
    }
    const held: Held = { apiToken: created.apiToken, name: created.name, createdAt: created.createdAt, expiresAt: created.expiresAt };
    try {
      await this.keep(accountId, { [apiTokenField(created.apiTokenId)]: JSON.stringify(held) }, [], { [created.apiTokenId]: datesOf(created) });
    } catch (error) {
      // A token whose value could not be kept is no use to anyone: revoke it rather than leave it live.
      await revokeApiToken(api, credentials, created.apiTokenId).catch(() => undefined);
      throw error;
    }
    return { status: 'created', token: view(created, true) };
  }

  /** `DELETE /api-tokens/{id}`, then its value leaves the keychain. */
  async revoke(accountId: string, apiTokenId: string): Promise<void> {
    const { api, credentials } = await this.deps.access(accountId);
    await revokeApiToken(api, credentials, apiTokenId);
    const field = apiTokenField(apiTokenId);
    if (this.deps.accounts.record(accountId).secretFields.includes(field)) await this.keep(accountId, {}, [field]);
  }

  /**
   * The value of a token Tessera holds: the one named by id, else the newest (by creation) of the
   * given name, else the newest, that stays valid for `minValidMs`. `not_found` when there is none.
   */
  async value(accountId: string, opts: { readonly minValidMs: number; readonly apiTokenId?: string; readonly name?: string }): Promise<{ value: string; expiresAt: number }> {
    const record = this.deps.accounts.record(accountId);
    let fields = record.secretFields.filter(isApiTokenField);
    if (opts.apiTokenId !== undefined) fields = fields.filter((f) => f === apiTokenField(opts.apiTokenId!));
    const candidates: Held[] = [];
    for (const field of fields) {
      const held = parseHeld(await this.deps.accounts.readSecret(accountId, field));
      if (held && (opts.name === undefined || held.name === opts.name)) candidates.push(held);
    }
    const chosen = apiTokenToHandOut(candidates, this.deps.now(), opts.minValidMs);
    if (!chosen)
      throw new AppError(
        'not_found',
        candidates.length > 0
          ? 'The API tokens Tessera holds for this account expire too soon: create a new one in Tessera.'
          : 'Tessera holds no API token for this account: create one in the account’s API tokens.',
      );
    return { value: chosen.apiToken, expiresAt: chosen.expiresAt };
  }

  /** Drops the values of tokens the bridge no longer lists (revoked elsewhere); returns the ids still held. */
  private async forgetGone(accountId: string, listed: readonly ApiToken[]): Promise<Set<string>> {
    const ids = new Set(listed.map((t) => t.apiTokenId));
    const fields = this.deps.accounts.record(accountId).secretFields.filter(isApiTokenField);
    const gone = fields.filter((f) => !ids.has(apiTokenIdOf(f)));
    if (gone.length > 0) await this.keep(accountId, {}, gone);
    return new Set(fields.filter((f) => !gone.includes(f)).map(apiTokenIdOf));
  }

  /**
   * Adds and drops keychain fields of the account, crash-safely (accounts-service.ts), keeping its
   * status; the metadata's dates follow (`dated`: new dates by token id; a dropped field's go).
   */
  private async keep(accountId: string, added: Readonly<Record<string, string>>, dropped: readonly string[], dated: Readonly<Record<string, ApiTokenDates>> = {}): Promise<void> {
    const record = this.deps.accounts.record(accountId);
    const gone = new Set(dropped.filter(isApiTokenField).map(apiTokenIdOf));
    const data = (current: Record<string, unknown>): Record<string, unknown> => {
      const dates = Object.entries({ ...heldDates(current), ...dated }).filter(([id]) => !gone.has(id));
      return { ...current, apiTokens: Object.fromEntries(dates) };
    };
    await this.deps.accounts.saveRefreshed(accountId, { expiresAt: record.expiresAt, data, changedSecrets: added, droppedSecrets: dropped });
    if (record.status !== 'ok') this.deps.accounts.setStatuses([{ id: accountId, status: record.status, message: record.statusMessage, reason: record.statusReason ?? null }]);
  }
}

/** The dates the account's metadata keeps of its held API tokens, by token id (none when malformed). */
function heldDates(data: Record<string, unknown>): Record<string, ApiTokenDates> {
  const parsed = v.safeParse(ApiTokenDatesByIdSchema, data['apiTokens']);
  return parsed.success ? parsed.output : {};
}

function datesOf(t: Pick<ApiToken, 'createdAt' | 'expiresAt'>): ApiTokenDates {
  return { createdAt: t.createdAt, expiresAt: t.expiresAt };
}

function parseHeld(entry: string | null): Held | null {
  if (entry === null) return null;
  try {
    const parsed = v.safeParse(HeldSchema, JSON.parse(entry));
    return parsed.success ? parsed.output : null;
  } catch {
    return null; // JSON.parse quotes its input: dropped, not passed on
  }
}

function view(t: ApiToken, held: boolean): ApiTokenView {
  return { apiTokenId: t.apiTokenId, name: t.name, description: t.description, createdAt: t.createdAt, expiresAt: t.expiresAt, state: t.state, held };
}
