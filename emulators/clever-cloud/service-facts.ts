/**
 * What the emulator knows of the real Clever Cloud service, held here rather than imported from
 * the product (src/main/providers/clever-cloud/constants.ts has the client's copy): a typo in the
 * product must make the tests fail against the emulator, not be mirrored by it.
 */

/**
 * The OAuth consumer of the official clever-tools CLI, to which the console's `cli-oauth` page
 * issues tokens. Public, published by Clever Cloud in the CLI's source: CleverCloud/clever-tools
 * `src/models/configuration.js` (`OAUTH_CONSUMER_KEY` / `OAUTH_CONSUMER_SECRET`).
 */
export const CLEVER_TOOLS_CONSUMER = Object.freeze({
  key: 'T5nFjKeHH4AIlEveuGhB5S3xg8T19e',
  secret: 'MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT',
});

/** Documented token lifetimes (docs/PROVIDERS.md); OAuth 1.0a tokens cannot be refreshed. */
export const CLI_TOKEN_LIFETIME_MS = 365 * 24 * 3600 * 1000;
export const CONSUMER_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;

/** The rights catalogue of `GET /oauth/rights`, and the checkboxes of the rights page. */
export const RIGHTS_CATALOGUE: readonly { readonly name: string; readonly description: string }[] = [
  { name: 'almighty', description: 'Everything below, and anything added later' },
  { name: 'access_organisations', description: 'Read your organisations' },
  { name: 'access_organisations_bills', description: 'Read your organisations’ bills' },
  { name: 'access_organisations_consumption_statistics', description: 'Read your organisations’ consumption statistics' },
  { name: 'access_organisations_credit_count', description: 'Read your organisations’ credit count' },
  { name: 'access_personal_information', description: 'Read your personal information' },
  { name: 'manage_organisations', description: 'Manage your organisations' },
  { name: 'manage_organisations_applications', description: 'Manage your organisations’ applications' },
  { name: 'manage_organisations_members', description: 'Manage your organisations’ members' },
  { name: 'manage_organisations_services', description: 'Manage your organisations’ add-ons and services' },
  { name: 'manage_personal_information', description: 'Change your personal information' },
  { name: 'manage_ssh_keys', description: 'Manage your SSH keys' },
];
