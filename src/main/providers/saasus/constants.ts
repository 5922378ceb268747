/**
 * Fixed facts about SaaSus that the client and the login flows share (docs/PROVIDERS.md).
 */

export const DEFAULT_BASE_URL = 'https://api.saasus.io/v1/auth';
export const SERVICE = 'SaaSus';
/** Temp codes (login and hand-off) live this long on the SaaSus side. */
export const TEMP_CODE_LIFETIME_MS = 10_000;
