/**
 * "Copy as clever-tools profile": an account's token written the way the clever-tools the user has
 * reads it, so that pasting it works.
 *
 * - clever-tools 3 (node_modules/clever-tools-3/src/models/configuration.js) reads a flat
 *   `{"token", "secret"}` from its configuration file; API_HOST and the consumer only from the
 *   environment, so an account off clever-tools' defaults also needs those (`tessera exec` sets them).
 * - clever-tools 4 (node_modules/clever-tools-4/src/config/config.js) reads
 *   `{version: 1, profiles: [{alias, token, secret, expirationDate?, userId?, email?, overrides?}]}`,
 *   the first profile active. One profile object is produced, with `overrides` only where the
 *   account differs from clever-tools' defaults (profile-overrides.ts): its API host, its own
 *   consumer (key and secret: clever-tools signs with them), its API bridge, console and SSH gateway.
 *
 * Which version the user has: clever-tools-version.ts. These values hold secrets: main writes them
 * to the clipboard or hands them to an approved command, never to the window.
 */
import { apiHostOf } from './clever-tools-paths';
import { CLEVER_TOOLS_CONSUMER, DEFAULT_API_BASE_URL } from './constants';
import type { ConsumerCredentials, TokenCredentials } from './oauth1';
import { CLEVER_TOOLS_DEFAULTS } from './profile-overrides';

/** What the account knows beside its token. */
export interface ProfileDetails {
  readonly alias?: string;
  readonly expiresAt?: number | null;
  readonly userId?: string | null;
  readonly email?: string | null;
  /** The account's API base URL (with `/v2`). */
  readonly apiBaseUrl?: string;
  readonly authBridgeHost?: string;
  readonly consoleUrl?: string;
  readonly sshGateway?: string;
}

/** clever-tools 3's configuration file: the token and its secret. */
export function cleverTools3Config(credentials: TokenCredentials): string {
  return JSON.stringify({ token: credentials.token, secret: credentials.secret });
}

/** The overrides a clever-tools 4 profile needs for this account: only where it differs from clever-tools' defaults. */
export function profileOverridesOf(consumer: ConsumerCredentials, details: ProfileDetails): Record<string, string> {
  const overrides: Record<string, string> = {};
  const apiHost = apiHostOf(details.apiBaseUrl ?? DEFAULT_API_BASE_URL);
  if (apiHost !== CLEVER_TOOLS_DEFAULTS.API_HOST) overrides.API_HOST = apiHost;
  if (details.consoleUrl && details.consoleUrl !== CLEVER_TOOLS_DEFAULTS.CONSOLE_URL) overrides.CONSOLE_URL = details.consoleUrl;
  if (details.authBridgeHost && details.authBridgeHost !== CLEVER_TOOLS_DEFAULTS.AUTH_BRIDGE_HOST) overrides.AUTH_BRIDGE_HOST = details.authBridgeHost;
  if (details.sshGateway && details.sshGateway !== CLEVER_TOOLS_DEFAULTS.SSH_GATEWAY) overrides.SSH_GATEWAY = details.sshGateway;
  if (consumer.key !== CLEVER_TOOLS_CONSUMER.key || consumer.secret !== CLEVER_TOOLS_CONSUMER.secret) {
    overrides.OAUTH_CONSUMER_KEY = consumer.key;
    overrides.OAUTH_CONSUMER_SECRET = consumer.secret;
  }
  return overrides;
}

/** One clever-tools 4 profile (an entry of `profiles`), overrides included where needed. */
export function cleverTools4Profile(credentials: TokenCredentials, consumer: ConsumerCredentials, details: ProfileDetails = {}): string {
  const entry: Record<string, unknown> = { alias: details.alias ?? 'default', token: credentials.token, secret: credentials.secret };
  if (details.expiresAt !== undefined && details.expiresAt !== null) entry.expirationDate = new Date(details.expiresAt).toISOString();
  if (details.userId) entry.userId = details.userId;
  if (details.email) entry.email = details.email;
  const overrides = profileOverridesOf(consumer, details);
  if (Object.keys(overrides).length > 0) entry.overrides = overrides;
  return JSON.stringify(entry, null, 2);
}
