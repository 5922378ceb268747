/**
 * What the window and main say to each other about Clever Cloud API tokens (src/main/providers/
 * clever-cloud/api-tokens/api-token-service.ts): never a token's value, a password or a code.
 */

export type ApiTokenState = 'ACTIVE' | 'EXPIRED' | 'UNKNOWN';

export interface ApiTokenView {
  readonly apiTokenId: string;
  readonly name: string;
  readonly description: string | null;
  /** Epoch ms, when the bridge said. */
  readonly createdAt: number | null;
  readonly expiresAt: number;
  readonly state: ApiTokenState;
  /** True when Tessera holds its value (it was created through Tessera): it can be copied and handed out. */
  readonly held: boolean;
}

export interface ApiTokensOverview {
  readonly tokens: readonly ApiTokenView[];
  /** From `/self`: false for an account linked to GitHub, which must set a password first; null when not said. */
  readonly hasPassword: boolean | null;
  /** From `/self`: `TOTP` means a one-time code is asked with the password. */
  readonly preferredMfa: string | null;
}

/** Why the bridge did not create a token, in words the window chooses. */
export type ApiTokenRefusal = 'invalid-credential' | 'invalid-mfa-code' | 'no-password';

export type CreateApiTokenOutcome =
  | { readonly status: 'created'; readonly token: ApiTokenView }
  | { readonly status: 'refused'; readonly reason: ApiTokenRefusal };

/** The two forms "Copy" offers for an API token. */
export const API_TOKEN_COPY_FORMS = ['bearer-header', 'env-line'] as const;
export type ApiTokenCopyForm = (typeof API_TOKEN_COPY_FORMS)[number];

export const API_TOKEN_MAX_LIFETIME_DAYS = 365;
export const API_TOKEN_DEFAULT_LIFETIME_DAYS = 30;
