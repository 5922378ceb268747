/**
 * Organisation service tokens of a Clever Cloud account: its organisations (with the user's role and
 * applications), their tokens, creating and revoking them (signed with the account's own OAuth 1.0a
 * token: client.ts), and the values Tessera keeps.
 *
 * A token's value is given once, on creation. Tessera keeps the value of the tokens it creates in
 * the keychain, one entry per token, as a field of the account
 * (`account/clever-cloud/<id>/service-token.<orgId>.<tokenId>`), so that AccountsService's rules
 * hold for it too: written through its journal, deleted on revoke (the field is dropped), and
 * deleted with the account. Tokens made elsewhere are listed without a value. When the value cannot
 * be kept (the keychain refuses), the new token is revoked at once: a token nobody holds is only a
 * risk.
 *
 * Values leave this service only through `value`, `forOrganisation` and `forDeployment`, which the
 * clipboard and the agent call after their own approval.
 */
import * as v from 'valibot';
import { mayDeploy, ORGANISATION_ROLES, type OrganisationRole, type OrganisationView, type ServiceTokenView } from '../../../../shared/service-tokens';
import type { AccountsService } from '../../../accounts/accounts-service';
import { AppError } from '../../../errors';
import type { TokenCredentials } from '../oauth1';
import type { CleverCloudApiConfig } from '../requests';
import { createServiceToken, listApplications, listMembers, listOrganisations, listServiceTokens, revokeServiceToken, serviceTokenReaches, type NewServiceToken } from './client';
import { deploymentApp, type GitTarget } from './deployment-remote';

const FIELD_PREFIX = 'service-token.';

export interface ServiceTokensDeps {
  readonly accounts: AccountsService;
  /** The account's API, token and user id (CleverCloudAccounts.signing). */
  readonly signing: (accountId: string) => Promise<{ readonly api: CleverCloudApiConfig; readonly credentials: TokenCredentials; readonly userId: string }>;
  readonly now: () => number;
}

/** A kept token: its value and what it is for. */
export interface HeldServiceToken {
  readonly tokenId: string;
  readonly orgId: string;
  readonly name: string;
  readonly role: OrganisationRole;
  readonly appId: string | null;
  readonly expiresAt: number | null;
  /** A secret. */
  readonly value: string;
}

const HeldEntrySchema = v.strictObject({
  value: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  role: v.picklist(ORGANISATION_ROLES),
  appId: v.nullable(v.string()),
  expiresAt: v.nullable(v.number()),
});

export function heldField(orgId: string, tokenId: string): string {
  return `${FIELD_PREFIX}${orgId}.${tokenId}`;
}

/** Whether an account's secret field is a kept service token. */
export function isServiceTokenField(field: string): boolean {
  return parseField(field) !== null;
}

function parseField(field: string): { orgId: string; tokenId: string } | null {
  if (!field.startsWith(FIELD_PREFIX)) return null;
  const [orgId, tokenId, ...rest] = field.slice(FIELD_PREFIX.length).split('.');
  return orgId && tokenId && rest.length === 0 ? { orgId, tokenId } : null;
}

export class ServiceTokens {
  constructor(private readonly deps: ServiceTokensDeps) {}

  /** The user's organisations, each with the user's role and its applications. */
  async organisations(accountId: string): Promise<OrganisationView[]> {
    const { api, credentials, userId } = await this.deps.signing(accountId);
    const orgs = await listOrganisations(api, credentials);
    const views = await Promise.all(
      orgs.map(async (org): Promise<OrganisationView | null> => {
        const [members, applications] = await Promise.all([listMembers(api, credentials, org.id), listApplications(api, credentials, org.id)]);
        const role = members.find((m) => m.userId === userId)?.role;
        return role ? { id: org.id, name: org.name, role, applications } : null;
      }),
    );
    return views.filter((o): o is OrganisationView => o !== null);
  }

  /**
   * An organisation's live tokens, `held` when Tessera keeps the value. Kept values of tokens Clever
   * Cloud no longer lists (revoked elsewhere, expired) are deleted.
   */
  async tokens(accountId: string, orgId: string): Promise<ServiceTokenView[]> {
    const { api, credentials } = await this.deps.signing(accountId);
    // Read before the list: a token created while the list is on its way is not in it, and must not be taken for gone.
    const held = this.heldFields(accountId).filter((f) => f.orgId === orgId);
    const live = await listServiceTokens(api, credentials, orgId);
    const gone = held.filter((f) => !live.some((t) => t.id === f.tokenId));
    if (gone.length > 0) await this.forget(accountId, gone.map((f) => heldField(f.orgId, f.tokenId)));
    return live.map((t) => ({ ...t, held: held.some((f) => f.tokenId === t.id) }));
  }

  /** Creates a token at Clever Cloud and keeps its value (or revokes it again when it cannot be kept). */
  async create(accountId: string, orgId: string, input: NewServiceToken): Promise<ServiceTokenView> {
    const { api, credentials } = await this.deps.signing(accountId);
    const created = await createServiceToken(api, credentials, orgId, input);
    const entry: v.InferOutput<typeof HeldEntrySchema> = { value: created.value, name: created.name, role: created.role, appId: created.appId, expiresAt: created.expiresAt };
    try {
      const record = this.deps.accounts.record(accountId);
      await this.deps.accounts.saveRefreshed(accountId, {
        expiresAt: record.expiresAt,
        data: record.data,
        changedSecrets: { [heldField(orgId, created.id)]: JSON.stringify(entry) },
      });
    } catch (error) {
      await revokeServiceToken(api, credentials, orgId, created.id).catch(() => undefined);
      throw error instanceof AppError
        ? new AppError(error.code, `The service token could not be kept, so it was revoked again: ${error.message}`, { cause: error })
        : error;
    }
    const { value: _value, ...view } = created;
    return { ...view, held: true };
  }

  /** Revokes at Clever Cloud (already gone counts as done), then deletes the kept value. */
  async revoke(accountId: string, orgId: string, tokenId: string): Promise<void> {
    const { api, credentials } = await this.deps.signing(accountId);
    await revokeServiceToken(api, credentials, orgId, tokenId);
    await this.forget(accountId, [heldField(orgId, tokenId)]);
  }

  /** The value of a kept token, for the clipboard; `not_found` when Tessera does not hold it, `needs_login` when it has expired. */
  async value(accountId: string, orgId: string, tokenId: string): Promise<HeldServiceToken> {
    const held = await this.read(accountId, orgId, tokenId);
    if (!held) throw new AppError('not_found', 'Tessera does not hold this service token’s value: only tokens created in Tessera can be copied.');
    if (held.expiresAt !== null && held.expiresAt <= this.deps.now()) throw new AppError('needs_login', 'This service token has expired: create a new one.');
    return held;
  }

  /**
   * A kept token for an organisation (by id or name) and, when given, one of its applications
   * (by id or name): one limited to that application first, else one for the whole organisation.
   * The one that lasts longest wins. `not_found` when none fits.
   */
  async forOrganisation(accountId: string, org: string, app: string | null): Promise<HeldServiceToken> {
    let orgId = org;
    let appId = app;
    if (!/^orga_/.test(org) || (app !== null && !/^app_/.test(app))) {
      const found = (await this.organisations(accountId)).find((o) => o.id === org || o.name === org);
      if (!found) throw new AppError('not_found', 'This account has no organisation by that id or name.');
      orgId = found.id;
      if (app !== null) {
        const application = found.applications.find((a) => a.id === app || a.name === app);
        if (!application) throw new AppError('not_found', 'This organisation has no application by that id or name.');
        appId = application.id;
      }
    }
    const held = (await this.allHeld(accountId)).filter((t) => t.orgId === orgId);
    const wholeOrganisation = longestFirst(held.filter((t) => t.appId === null))[0];
    const best = appId === null ? wholeOrganisation : (longestFirst(held.filter((t) => t.appId === appId))[0] ?? wholeOrganisation);
    if (!best)
      throw new AppError('not_found', `Tessera holds no live service token for this ${appId === null ? 'organisation (one for the whole organisation)' : 'application'}: create one in Tessera’s window.`);
    return best;
  }

  /**
   * A kept token that may push to the deployment remote `target` names (deployment-remote.ts), or
   * null when `target` is not one of this account's remotes or no kept token may deploy there. A
   * token limited to the application is preferred; one for the whole organisation is checked with
   * Clever Cloud (Bearer) to reach the application.
   */
  async forDeployment(accountId: string, apiBaseUrl: string, target: GitTarget): Promise<HeldServiceToken | null> {
    const appId = deploymentApp(apiBaseUrl, target);
    if (appId === null) return null;
    const held = (await this.allHeld(accountId)).filter((t) => mayDeploy(t.role));
    const scoped = longestFirst(held.filter((t) => t.appId === appId))[0];
    if (scoped) return scoped;
    const candidates = longestFirst(held.filter((t) => t.appId === null));
    if (candidates.length === 0) return null;
    const { api } = await this.deps.signing(accountId);
    for (const t of candidates) if (await serviceTokenReaches(api, t.value, t.orgId, appId)) return t;
    return null;
  }

  private heldFields(accountId: string): { orgId: string; tokenId: string }[] {
    return this.deps.accounts
      .record(accountId)
      .secretFields.map(parseField)
      .filter((f): f is { orgId: string; tokenId: string } => f !== null);
  }

  private async read(accountId: string, orgId: string, tokenId: string): Promise<HeldServiceToken | null> {
    const raw = await this.deps.accounts.readSecret(accountId, heldField(orgId, tokenId));
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return null; // JSON.parse quotes its input: the error is not passed on
    }
    const checked = v.safeParse(HeldEntrySchema, parsed);
    return checked.success ? { tokenId, orgId, ...checked.output } : null;
  }

  /** Every kept token that has not expired. */
  private async allHeld(accountId: string): Promise<HeldServiceToken[]> {
    const now = this.deps.now();
    const all = await Promise.all(this.heldFields(accountId).map((f) => this.read(accountId, f.orgId, f.tokenId)));
    return all.filter((t): t is HeldServiceToken => t !== null && (t.expiresAt === null || t.expiresAt > now));
  }

  private async forget(accountId: string, fields: readonly string[]): Promise<void> {
    const record = this.deps.accounts.record(accountId);
    const dropped = fields.filter((f) => record.secretFields.includes(f));
    if (dropped.length === 0) return;
    await this.deps.accounts.saveRefreshed(accountId, { expiresAt: record.expiresAt, data: record.data, changedSecrets: {}, droppedSecrets: dropped });
  }
}

function longestFirst(tokens: readonly HeldServiceToken[]): HeldServiceToken[] {
  return [...tokens].sort((a, b) => (b.expiresAt ?? Number.MAX_SAFE_INTEGER) - (a.expiresAt ?? Number.MAX_SAFE_INTEGER));
}
