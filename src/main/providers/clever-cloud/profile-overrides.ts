/**
 * clever-tools 4 profile `overrides` (node_modules/clever-tools-4/src/config/config.js,
 * `OverridesSchema`): the values that profile uses instead of clever-tools' defaults. Tessera
 * imports them so that a profile made against another API or with its own OAuth consumer keeps
 * working once imported, and writes them back when it exports a profile
 * (clever-tools-export.ts), only where they differ from the defaults.
 *
 * The file is a boundary, and these values decide where a token's secrets are sent: every value
 * is checked here and a bad one is a typed `invalid_input` error naming the override, never quoting
 * a consumer's key or secret. URLs must be https (http only for this machine: 127.0.0.1,
 * localhost, [::1]), with no user name or password, query or fragment.
 */
import { printable } from '../../../shared/printable';
import { AppError } from '../../errors';
import { CLEVER_TOOLS_CONSUMER, DEFAULT_API_BASE_URL, DEFAULT_CONSOLE_URL } from './constants';
import { apiHostOf } from './clever-tools-paths';
import type { ConsumerCredentials } from './oauth1';

/** clever-tools' own defaults for what a profile may override (its `ConfigSchema`). */
export const CLEVER_TOOLS_DEFAULTS = Object.freeze({
  API_HOST: apiHostOf(DEFAULT_API_BASE_URL),
  CONSOLE_URL: DEFAULT_CONSOLE_URL,
  AUTH_BRIDGE_HOST: 'https://api-bridge.clever-cloud.com',
  SSH_GATEWAY: 'ssh@sshgateway-clevercloud-customers.services.clever-cloud.com',
});

export const OVERRIDE_NAMES = ['API_HOST', 'CONSOLE_URL', 'AUTH_BRIDGE_HOST', 'SSH_GATEWAY', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'] as const;
export type OverrideName = (typeof OVERRIDE_NAMES)[number];

/** A profile's overrides, checked; absent = clever-tools' default. */
export interface ProfileOverrides {
  /** Without `/v2`, as clever-tools writes it. */
  readonly apiHost?: string;
  readonly consoleUrl?: string;
  readonly authBridgeHost?: string;
  readonly sshGateway?: string;
  /** Both or neither; never clever-tools' own consumer (that is the default). */
  readonly consumer?: ConsumerCredentials;
}

const MAX_URL = 2048;
const MAX_TOKENISH = 512;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const bad = (name: OverrideName, why: string): AppError => new AppError('invalid_input', `The override ${name} ${why}. Nothing of this profile was imported.`);

/**
 * A URL override: https, or http for this machine only; no credentials, query or fragment. Returned
 * without a trailing slash (clever-tools appends its paths to it).
 */
export function checkOverrideUrl(name: OverrideName, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw bad(name, 'is not a URL');
  const text = value.trim();
  if (text.length > MAX_URL) throw bad(name, 'is too long');
  if (printable(text) !== text) throw bad(name, 'contains control characters');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad(name, `is not a URL (${printable(text).slice(0, 120)})`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw bad(name, `must be an https address (http only for 127.0.0.1 or localhost), not ${printable(url.origin).slice(0, 120)}`);
  if (url.username || url.password) throw bad(name, 'must not carry a user name or password');
  if (url.search || url.hash || text.includes('?') || text.includes('#')) throw bad(name, 'must not have a query or a fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `user@host` (or `host`), with an optional port: what ssh takes as a destination. */
function checkSshGateway(value: unknown): string {
  if (typeof value !== 'string') throw bad('SSH_GATEWAY', 'is not text');
  const text = value.trim();
  if (text.length === 0 || text.length > 255 || !/^([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(text) || text.startsWith('-'))
    throw bad('SSH_GATEWAY', 'is not an SSH destination (user@host)');
  return text;
}

/** A consumer key or secret: printable ASCII without spaces. Never quoted. */
function checkConsumerPart(name: 'OAUTH_CONSUMER_KEY' | 'OAUTH_CONSUMER_SECRET', value: unknown): string {
  if (typeof value !== 'string') throw bad(name, 'is not text');
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_TOKENISH || !/^[\x21-\x7e]+$/.test(text)) throw bad(name, 'is empty, too long, or holds characters a consumer key or secret cannot');
  return text;
}

/**
 * Checks the `overrides` object of a profile (undefined or null: none). Unknown names are
 * ignored, as clever-tools ignores them; empty values are the default.
 */
export function parseProfileOverrides(raw: unknown): ProfileOverrides {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new AppError('invalid_input', 'The profile’s “overrides” is not an object. Nothing of this profile was imported.');
  const o = raw as Record<string, unknown>;
  const given = (name: OverrideName): boolean => o[name] !== undefined && o[name] !== null && o[name] !== '';
  const out: { -readonly [K in keyof ProfileOverrides]: ProfileOverrides[K] } = {};
  if (given('API_HOST')) {
    const host = apiHostOf(checkOverrideUrl('API_HOST', o.API_HOST));
    if (host !== CLEVER_TOOLS_DEFAULTS.API_HOST) out.apiHost = host;
  }
  if (given('CONSOLE_URL')) {
    const url = checkOverrideUrl('CONSOLE_URL', o.CONSOLE_URL);
    if (url !== CLEVER_TOOLS_DEFAULTS.CONSOLE_URL) out.consoleUrl = url;
  }
  if (given('AUTH_BRIDGE_HOST')) {
    const url = checkOverrideUrl('AUTH_BRIDGE_HOST', o.AUTH_BRIDGE_HOST);
    if (url !== CLEVER_TOOLS_DEFAULTS.AUTH_BRIDGE_HOST) out.authBridgeHost = url;
  }
  if (given('SSH_GATEWAY')) {
    const gateway = checkSshGateway(o.SSH_GATEWAY);
    if (gateway !== CLEVER_TOOLS_DEFAULTS.SSH_GATEWAY) out.sshGateway = gateway;
  }
  const hasKey = given('OAUTH_CONSUMER_KEY');
  const hasSecret = given('OAUTH_CONSUMER_SECRET');
  if (hasKey !== hasSecret)
    throw bad(hasKey ? 'OAUTH_CONSUMER_SECRET' : 'OAUTH_CONSUMER_KEY', `is missing while ${hasKey ? 'OAUTH_CONSUMER_KEY' : 'OAUTH_CONSUMER_SECRET'} is set: a consumer needs both`);
  if (hasKey) {
    const consumer = { key: checkConsumerPart('OAUTH_CONSUMER_KEY', o.OAUTH_CONSUMER_KEY), secret: checkConsumerPart('OAUTH_CONSUMER_SECRET', o.OAUTH_CONSUMER_SECRET) };
    const isCli = consumer.key === CLEVER_TOOLS_CONSUMER.key;
    if (isCli && consumer.secret !== CLEVER_TOOLS_CONSUMER.secret) throw bad('OAUTH_CONSUMER_SECRET', 'is not the secret of clever-tools’ own consumer, whose key OAUTH_CONSUMER_KEY names');
    if (!isCli) out.consumer = consumer;
  }
  return out;
}

/** The names of the overrides a profile carries (never their values), for the import's summary. */
export function overrideNames(o: ProfileOverrides): OverrideName[] {
  const names: OverrideName[] = [];
  if (o.apiHost) names.push('API_HOST');
  if (o.consoleUrl) names.push('CONSOLE_URL');
  if (o.authBridgeHost) names.push('AUTH_BRIDGE_HOST');
  if (o.sshGateway) names.push('SSH_GATEWAY');
  if (o.consumer) names.push('OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET');
  return names;
}
