/**
 * How a Clever Cloud token becomes an account (a login, a clever-tools import, a paste): checked
 * against /self first, so that a bad import stores nothing; then saved as a new account, or in
 * place of the account of the same user through the same consumer on the same API, sealed to the
 * API it logged in with (account-access.ts). The token a new one replaces is revoked once the new
 * one is saved, and kept until it is (retired-tokens.ts).
 */
import { printable } from '../../../shared/printable';
import type { AccountSummary } from '../../../shared/types';
import { newAccountId } from '../../accounts/accounts-service';
import type { ProviderRecords } from '../../accounts/provider-records';
import type { ProviderContext } from '../provider-module';
import type { CleverCloudAccess } from './account-access';
import { describeAccount } from './account';
import type { CleverCloudApiConfig } from './api';
import { isApiTokenField } from './api-tokens/api-token-service';
import { DEFAULT_API_BASE_URL } from './constants';
import type { CleverCloudConsumers } from './consumers';
import type { ImportedProfile } from './imports';
import { accountSealed, type AccountData } from './metadata';
import type { TokenCredentials } from './oauth1';
import type { RetiredTokens } from './retired-tokens';
import { isServiceTokenField } from './service-tokens/service';
import { tokenEntrySecrets } from './token-entry';

export interface CleverCloudSavesDeps {
  readonly context: Pick<ProviderContext, 'accounts' | 'bindings'>;
  readonly records: ProviderRecords<AccountData>;
  readonly consumers: CleverCloudConsumers;
  readonly access: CleverCloudAccess;
  readonly retired: RetiredTokens;
}

export class CleverCloudSaves {
  constructor(private readonly deps: CleverCloudSavesDeps) {}

  /**
   * Checks a token against /self and saves it as an account. A clever-tools profile's overrides
   * (`profile`) say where and how: its API host is the account's API base URL, its consumer is
   * found among the user's saved consumers or saved as a new one (secret to the keychain) once
   * /self has accepted the token, and its API bridge, console and SSH gateway are kept with the
   * account (the bridge sealed with it).
   */
  async save(
    consumerRef: string,
    result: { token: string; secret: string; expiresAt: number | null },
    profile?: ImportedProfile,
  ): Promise<AccountSummary> {
    const credentials: TokenCredentials = { token: result.token, secret: result.secret };
    const overrides = profile?.overrides ?? {};
    // Checked against /self before anything is saved: a bad import stores nothing.
    const base = overrides.consumer ? { ...(await this.deps.access.apiFor('cli')), consumer: overrides.consumer } : await this.deps.access.apiFor(consumerRef);
    const api: CleverCloudApiConfig = overrides.apiHost ? { ...base, baseUrl: `${overrides.apiHost}/v2` } : base;
    const info = await describeAccount(api, credentials);
    const apiBaseUrl = api.baseUrl ?? DEFAULT_API_BASE_URL;
    let adopted: { id: string; created: boolean } | undefined;
    if (overrides.consumer) {
      adopted = await this.deps.consumers.adopt(overrides.consumer, `clever-tools profile “${printable(profile?.alias ?? 'default').slice(0, 60)}”`);
      consumerRef = adopted.id;
    }
    try {
      return await this.saveChecked(consumerRef, result, credentials, info, apiBaseUrl, profile);
    } catch (error) {
      // A consumer saved for this import alone goes with it.
      if (adopted?.created && this.deps.records.withData().every(({ data }) => data.consumerRef !== adopted.id)) await this.deps.consumers.remove(adopted.id).catch(() => undefined);
      throw error;
    }
  }

  private async saveChecked(
    consumerRef: string,
    result: { expiresAt: number | null },
    credentials: TokenCredentials,
    info: Awaited<ReturnType<typeof describeAccount>>,
    apiBaseUrl: string,
    profile: ImportedProfile | undefined,
  ): Promise<AccountSummary> {
    const overrides = profile?.overrides ?? {};
    // The same user through the same consumer on the same API is the same account.
    const existing = this.deps.records
      .withData()
      .find(({ data: d }) => d.userId === info.userId && d.consumerRef === consumerRef && d.apiBaseUrl === apiBaseUrl)?.record;
    // Sealed to the API it logged in with (apiFor made the bindings ready).
    const id = existing?.id ?? newAccountId();
    // A profile import says what its overrides are (absent = clever-tools' default); a login or a
    // paste keeps what an earlier profile import of the same account brought.
    const earlier = existing ? this.deps.records.data(existing) : null;
    const from = profile ? overrides : { authBridgeHost: earlier?.bridgeUrl, consoleUrl: earlier?.consoleUrl, sshGateway: earlier?.sshGateway };
    // Where its API tokens are made: the profile's own bridge, else the one Tessera is configured with.
    const bridgeUrl = from.authBridgeHost ?? this.deps.access.configuredBridge();
    const kept = definedOnly({ consoleUrl: from.consoleUrl, sshGateway: from.sshGateway, profileAlias: profile?.alias ?? earlier?.profileAlias });
    const data: AccountData = {
      apiBaseUrl,
      bridgeUrl,
      binding: this.deps.context.bindings.seal('clever-cloud-account', accountSealed(id, consumerRef, apiBaseUrl, bridgeUrl)),
      ...kept,
      userId: info.userId,
      email: info.email,
      consumerRef,
      consumerName: info.consumerName,
      grantedRights: [...info.grantedRights],
      availableRights: info.availableRights.map((r) => ({ name: r.name, description: r.description })),
      tokenCreatedAt: info.createdAt,
      lastUsedAt: info.lastUsedAt,
      // The API tokens' values are kept (`keeps` below), and so are their dates.
      ...(earlier?.apiTokens ? { apiTokens: earlier.apiTokens } : {}),
    };
    // The token this one replaces is kept until it is revoked, once the new one is saved
    // (retired-tokens.ts says in which order, and why). The login waits for that one request (the
    // API has just answered /self): when it says done, the old token is revoked or listed as
    // pending. A failed revocation does not fail the login.
    const replaced = existing ? await this.deps.access.readCredentials(existing.id) : null;
    const retirement =
      existing && replaced && replaced.token !== credentials.token
        ? await this.deps.retired.retire({ ...replaced, consumerRef, apiBaseUrl, userId: info.userId, accountId: existing.id })
        : undefined;
    let saved: AccountSummary;
    try {
      saved = await this.deps.context.accounts.save({
        id,
        provider: 'clever-cloud',
        displayName: existing?.displayName || info.name || info.email, // '' = rebuilt, no name of its own yet
        subtitle: info.email,
        avatarUrl: info.avatarUrl,
        expiresAt: info.expiresAt ?? result.expiresAt,
        data,
        secrets: tokenEntrySecrets(credentials),
        // A new login of the same user keeps the API and service tokens Tessera created with the old
        // one: their entries stay as they are (nothing read or written again).
        keeps: (field) => isApiTokenField(field) || isServiceTokenField(field),
      });
    } catch (error) {
      await retirement?.abandon();
      throw error;
    }
    await retirement?.revoke();
    return saved;
  }
}

/** The fields whose value is defined (the metadata schema's optional fields are absent, not undefined). */
function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}
