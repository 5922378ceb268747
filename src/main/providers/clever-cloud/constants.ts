/**
 * Fixed facts about Clever Cloud that the client and the login flows share (docs/PROVIDERS.md). The
 * emulator keeps its own copy of what it needs (emulators/clever-cloud/service-facts.ts).
 */
import type { CleverCloudRight } from '../../../shared/model';
import knownRights from './known-rights.json' with { type: 'json' };
import type { ConsumerCredentials } from './oauth1';

export const DEFAULT_API_BASE_URL = 'https://api.clever-cloud.com/v2';
export const DEFAULT_CONSOLE_URL = 'https://console.clever-cloud.com';
export const SERVICE = 'Clever Cloud';

/**
 * The OAuth consumer of the official clever-tools CLI. It is PUBLIC, not a secret: Clever Cloud
 * publishes it in the CLI's source ("the disclosure of these tokens is not considered as a
 * vulnerability"): `OAUTH_CONSUMER_KEY` / `OAUTH_CONSUMER_SECRET` in CleverCloud/clever-tools
 * `src/config/config.js` (since 4.6; before, `src/models/configuration.js`). Tokens obtained
 * through the console's `cli-oauth` page are issued to this consumer, so requests made with them
 * must be signed with it.
 */
export const CLEVER_TOOLS_CONSUMER: ConsumerCredentials = Object.freeze({
  key: 'T5nFjKeHH4AIlEveuGhB5S3xg8T19e',
  secret: 'MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT',
});

/** Sent as `cli_version` to the console page; it only labels the login there. */
export const TESSERA_CLI_VERSION = 'tessera-0.1.0';

/** What the official CLI waits between polls of `GET /self/cli_tokens`. */
export const CLI_TOKEN_POLL_INTERVAL_MS = 2_000;

/**
 * The OAuth rights a consumer may ask for, with a short description (known-rights.json). Used as a
 * fallback when `/oauth/rights` cannot be read.
 */
export const KNOWN_RIGHTS: readonly CleverCloudRight[] = knownRights;

/**
 * Clever Cloud's API bridge: API tokens are made, listed and revoked there, and used as Bearer
 * tokens under its `/v2` (clever-tools' `AUTH_BRIDGE_HOST` default, src/config/config.js).
 */
export const DEFAULT_BRIDGE_URL = 'https://api-bridge.clever-cloud.com';

/** What an API token may live at most (the bridge's and clever-tools' limit), and Tessera's default. */
export const API_TOKEN_MAX_LIFETIME_MS = 365 * 24 * 3600_000;
export const API_TOKEN_DEFAULT_LIFETIME_MS = 30 * 24 * 3600_000;
