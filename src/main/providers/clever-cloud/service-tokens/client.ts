/**
 * Clever Cloud's organisation and service-token calls (documentation, "Service tokens"), in the
 * shape of api.ts: a pure builder per request, sent with `sendPrepared`, the answer read by the one
 * parser (responses.ts). Managing tokens is signed with the user's own OAuth 1.0a token; checking
 * what a service token may reach uses the service token itself (`Authorization: Bearer`).
 */
import type { OrganisationRole } from '../../../../shared/service-tokens';
import { sendPrepared, type CallOptions, type PreparedRequest } from '../../../net/request';
import { serviceEndpoint } from '../../../net/service-url';
import { SERVICE } from '../constants';
import type { TokenCredentials } from '../oauth1';
import { apiBaseUrl, signedApiRequest, type CleverCloudApiConfig } from '../requests';
import {
  processApplicationCheckResponse,
  processApplicationsResponse,
  processCreateServiceTokenResponse,
  processMembersResponse,
  processOrganisationsResponse,
  processRevokeServiceTokenResponse,
  processServiceTokensResponse,
  type Application,
  type CreatedServiceToken,
  type Member,
  type Organisation,
  type ServiceToken,
} from './responses';

export interface NewServiceToken {
  readonly name: string;
  readonly role: OrganisationRole;
  readonly appId: string | null;
  readonly ttlSeconds: number;
}

/** Pages of this many tokens are asked for until a shorter page comes. */
const PAGE = 100;
/** At most this many pages (10,000 tokens): a service that keeps answering full pages cannot loop us forever. */
const MAX_PAGES = 100;

const seg = (value: string): string => encodeURIComponent(value);

function secretsOf(config: CleverCloudApiConfig, credentials: TokenCredentials): string[] {
  return [config.consumer.secret, credentials.token, credentials.secret];
}

export function organisationsRequest(config: CleverCloudApiConfig, credentials: TokenCredentials): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', '/organisations');
}

export function membersRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', `/organisations/${seg(orgId)}/members`);
}

export function applicationsRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', `/organisations/${seg(orgId)}/applications`);
}

export function serviceTokensRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, offset: number): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', `/organisations/${seg(orgId)}/service-tokens`, [
    ['limit', String(PAGE)],
    ['offset', String(offset)],
  ]);
}

/** The body is JSON, so it is not part of the OAuth 1.0a signature (RFC 5849 3.4.1.3). */
export function createServiceTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, token: NewServiceToken): PreparedRequest {
  const signed = signedApiRequest(config, credentials, 'POST', `/organisations/${seg(orgId)}/service-tokens`);
  const body = { name: token.name, role: token.role, ...(token.appId ? { app_id: token.appId } : {}), ttl_seconds: token.ttlSeconds };
  return { ...signed, headers: { ...signed.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function revokeServiceTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, tokenId: string): PreparedRequest {
  return signedApiRequest(config, credentials, 'DELETE', `/organisations/${seg(orgId)}/service-tokens/${seg(tokenId)}`);
}

/** `GET /organisations/{id}/applications/{appId}` with the service token as Bearer: does it reach that application? */
export function applicationCheckRequest(config: CleverCloudApiConfig, serviceToken: string, orgId: string, appId: string): PreparedRequest {
  const url = serviceEndpoint(apiBaseUrl(config), `/organisations/${seg(orgId)}/applications/${seg(appId)}`).href;
  return { method: 'GET', url, headers: { accept: 'application/json', authorization: `Bearer ${serviceToken}` } };
}

const send = (config: CleverCloudApiConfig, req: PreparedRequest, opts: CallOptions) => sendPrepared(SERVICE, config, req, opts);

export async function listOrganisations(config: CleverCloudApiConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<Organisation[]> {
  return processOrganisationsResponse(await send(config, organisationsRequest(config, credentials), opts), secretsOf(config, credentials));
}

export async function listMembers(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, opts: CallOptions = {}): Promise<Member[]> {
  return processMembersResponse(await send(config, membersRequest(config, credentials, orgId), opts), secretsOf(config, credentials));
}

export async function listApplications(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, opts: CallOptions = {}): Promise<Application[]> {
  return processApplicationsResponse(await send(config, applicationsRequest(config, credentials, orgId), opts), secretsOf(config, credentials));
}

export async function listServiceTokens(config: CleverCloudApiConfig, credentials: TokenCredentials, orgId: string, opts: CallOptions = {}): Promise<ServiceToken[]> {
  const all: ServiceToken[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const got = processServiceTokensResponse(await send(config, serviceTokensRequest(config, credentials, orgId, all.length), opts), secretsOf(config, credentials));
    all.push(...got);
    if (got.length < PAGE) break;
  }
  return all;
}

export async function createServiceToken(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  orgId: string,
  token: NewServiceToken,
  opts: CallOptions = {},
): Promise<CreatedServiceToken> {
  return processCreateServiceTokenResponse(await send(config, createServiceTokenRequest(config, credentials, orgId, token), opts), secretsOf(config, credentials));
}

export async function revokeServiceToken(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  orgId: string,
  tokenId: string,
  opts: CallOptions = {},
): Promise<'revoked' | 'already-gone'> {
  return processRevokeServiceTokenResponse(await send(config, revokeServiceTokenRequest(config, credentials, orgId, tokenId), opts), secretsOf(config, credentials));
}

export async function serviceTokenReaches(config: CleverCloudApiConfig, serviceToken: string, orgId: string, appId: string, opts: CallOptions = {}): Promise<boolean> {
  return processApplicationCheckResponse(await send(config, applicationCheckRequest(config, serviceToken, orgId, appId), opts), appId, [config.consumer.secret, serviceToken]);
}
