/**
 * What Tessera shows and hands out for a Clever Cloud account: who it is, what the token may do and
 * when it dies (`describeAccount`), and the values the clipboard and tray offer
 * (`credentialsToCopy`). Logging out is `revokeToken` in api.ts (one token, never all of them).
 */
import type { CleverCloudRight } from '../../../shared/model';
import { AppError, isAppError } from '../../errors';
import { getAvailableRights, getCurrentToken, getSelf, type CallOptions, type CleverCloudApiConfig } from './api';
import { cleverTools3Config, cleverTools4Profile, type ProfileDetails } from './clever-tools-export';
import { KNOWN_RIGHTS } from './constants';
import { computeSignature, percentEncode, type ConsumerCredentials, type TokenCredentials } from './oauth1';

export interface CleverCloudAccountInfo {
  readonly userId: string;
  readonly email: string;
  readonly name: string | null;
  readonly avatarUrl: string | null;
  readonly consumerName: string | null;
  /** Rights set on this token. */
  readonly grantedRights: readonly string[];
  /** Every right a consumer may ask for (from `/oauth/rights`, or the known list when it cannot be read). */
  readonly availableRights: readonly CleverCloudRight[];
  /** Epoch ms; null when the service did not say. */
  readonly createdAt: number | null;
  readonly lastUsedAt: number | null;
  readonly expiresAt: number | null;
  readonly userCreatedAt: number | null;
}

/**
 * `/self` + `/self/tokens/current` + `/oauth/rights`, in parallel. The first two decide: a 401 from
 * either means "log in again". The rights catalogue is decoration: if it cannot be read, for
 * whatever reason (a timeout included), the built-in list stands in. Only a cancel ends the call:
 * failing a login whose token /self has just accepted would throw that token away (a console
 * login's cli_token is collected once) because a list of descriptions was slow.
 */
export async function describeAccount(
  api: CleverCloudApiConfig,
  credentials: TokenCredentials,
  opts: CallOptions = {},
): Promise<CleverCloudAccountInfo> {
  const [self, token, rights] = await Promise.all([
    getSelf(api, credentials, opts),
    getCurrentToken(api, credentials, opts),
    getAvailableRights(api, opts).catch((e: unknown): readonly CleverCloudRight[] => {
      if (isAppError(e) && e.code === 'cancelled') throw e;
      return KNOWN_RIGHTS;
    }),
  ]);
  return {
    userId: self.id,
    email: self.email,
    name: self.name,
    avatarUrl: self.avatarUrl,
    consumerName: token.consumerName,
    grantedRights: token.rights,
    availableRights: rights,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    userCreatedAt: self.createdAt,
  };
}

export interface CopyableCredentials {
  /** `OAuth …` header value, PLAINTEXT (reusable: no nonce or timestamp; https only). */
  readonly authorizationHeader: string;
  /** `CLEVER_TOKEN=…\nCLEVER_SECRET=…`, what clever-tools reads from the environment. */
  readonly envLines: string;
  /** JSON of one entry of clever-tools.json `profiles` (clever-tools 4, with its overrides). */
  readonly cleverToolsProfile: string;
  /** clever-tools 3's flat configuration file `{token, secret}`. */
  readonly cleverTools3: string;
}

export type { ProfileDetails };

/**
 * The credentials in the forms people paste elsewhere. These are secrets: they go to the
 * clipboard from main, never to the renderer.
 *
 * The env lines and clever-tools 3's file carry no consumer or API host: for an account off
 * clever-tools' defaults those come from the environment (`tessera exec` sets them); the
 * clever-tools 4 profile carries them as overrides (clever-tools-export.ts); the header works for any consumer.
 */
export function credentialsToCopy(
  credentials: TokenCredentials,
  consumer: ConsumerCredentials,
  profile: ProfileDetails = {},
): CopyableCredentials {
  if (!credentials.token || !credentials.secret) throw new AppError('invalid_input', 'These Clever Cloud credentials are incomplete.', { key: 'cleverCloud.incomplete' });
  if (/[\r\n]/.test(credentials.token + credentials.secret))
    throw new AppError('invalid_input', 'These Clever Cloud credentials contain a line break.', { key: 'cleverCloud.lineBreak' });
  const signature = computeSignature('PLAINTEXT', '', consumer.secret, credentials.secret);
  const authorizationHeader =
    `OAuth oauth_consumer_key="${percentEncode(consumer.key)}", oauth_token="${percentEncode(credentials.token)}", ` +
    `oauth_signature_method="PLAINTEXT", oauth_signature="${percentEncode(signature)}"`;
  return {
    authorizationHeader,
    envLines: `CLEVER_TOKEN=${credentials.token}\nCLEVER_SECRET=${credentials.secret}`,
    cleverToolsProfile: cleverTools4Profile(credentials, consumer, profile),
    cleverTools3: cleverTools3Config(credentials),
  };
}
