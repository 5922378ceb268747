/**
 * The agent's CredentialSource over the app's services (src/main/app-services.ts): the credential
 * service (src/main/credentials/credential-service.ts: SaaSus tokens held in memory and refreshed
 * through the single flight; a Clever Cloud pair in one keychain read), the account list, and the
 * keychain probe. The one file that knows both the agent's port and the services' shape.
 */
import { PROVIDER_NAMES } from '../../shared/types';
import type { AppServices } from '../app-services';
import type { AccountRecord } from '../vault/metadata-schema';
import { AppError } from '../errors';
import type { HeldServiceToken } from '../providers/clever-cloud/service-tokens/service';
import type { CredentialSource, HeldToken, SourceAccount } from './credential-source';

export function appServicesSource(services: AppServices, now: () => number = Date.now): CredentialSource {
  return {
    async credential(accountId, kind, { minValidMs, name }) {
      const record = services.accounts.record(accountId);
      if (record.provider === 'clever-cloud' && record.expiresAt !== null && record.expiresAt - now() < minValidMs) {
        // OAuth 1.0a tokens cannot be refreshed: one that dies within the time asked for is no use.
        const expired = record.expiresAt <= now();
        throw new AppError(
          'needs_login',
          expired
            ? `This ${PROVIDER_NAMES['clever-cloud']} token has expired: log in again in Tessera (OAuth 1.0a tokens cannot be refreshed).`
            : `This ${PROVIDER_NAMES['clever-cloud']} token expires sooner than asked (--min-valid) and cannot be refreshed: log in again in Tessera.`,
        );
      }
      return services.credentials.credential(accountId, kind, { minValidMs, ...(name === undefined ? {} : { name }) });
    },
    async serviceToken(accountId, org, app) {
      cleverCloudOnly(services, accountId);
      return heldToken(await services.cleverCloud.serviceTokens.forOrganisation(accountId, org, app));
    },
    async deploymentToken(accountId, target) {
      const endpoint = endpointOf(cleverCloudOnly(services, accountId));
      if (endpoint === null) return null;
      const held = await services.cleverCloud.serviceTokens.forDeployment(accountId, endpoint, target);
      return held && heldToken(held);
    },
    list() {
      // One pass over the records for the endpoints: a lookup per account would cost n² at 10,000 accounts.
      const records = new Map(services.metadata.accounts.map((r) => [r.id, r]));
      return services.accounts.list().map(
        (a): SourceAccount => ({
          id: a.id,
          provider: a.provider,
          displayName: a.displayName,
          subtitle: a.subtitle,
          expiresAt: a.expiresAt,
          status: a.status,
          statusMessage: a.statusMessage,
          endpoint: endpointOf(records.get(a.id)),
          bridge: bridgeOf(records.get(a.id)),
        }),
      );
    },
    async vaultStatus() {
      try {
        await services.secrets.probe();
        return { available: true, message: null };
      } catch (e) {
        return { available: false, message: e instanceof AppError ? e.message : 'The keychain does not answer.' };
      }
    },
  };
}

function cleverCloudOnly(services: AppServices, accountId: string): AccountRecord {
  const record = services.accounts.record(accountId);
  if (record.provider !== 'clever-cloud') throw new AppError('invalid_input', `Service tokens are ${PROVIDER_NAMES['clever-cloud']}’s: this account is not a ${PROVIDER_NAMES['clever-cloud']} account.`);
  return record;
}

function heldToken(t: HeldServiceToken): HeldToken {
  return { orgId: t.orgId, tokenId: t.tokenId, name: t.name, role: t.role, appId: t.appId, value: t.value, validUntil: t.expiresAt };
}

/** A Clever Cloud account's API bridge as its record keeps it (not secret; sealed with the account, checked when its header is read). */
function bridgeOf(record: AccountRecord | undefined): string | null {
  if (record?.provider !== 'clever-cloud') return null;
  const url = record.data.bridgeUrl;
  return typeof url === 'string' ? url : null;
}

/** A Clever Cloud account's API base URL as its record keeps it (not secret). */
function endpointOf(record: AccountRecord | undefined): string | null {
  if (record?.provider !== 'clever-cloud') return null;
  const url = record.data.apiBaseUrl;
  return typeof url === 'string' ? url : null;
}
