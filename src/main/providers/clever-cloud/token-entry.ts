/**
 * Where a Clever Cloud account keeps its token and secret: one keychain entry holding both
 * (`account/clever-cloud/<id>/credentials`, a small JSON object).
 *
 * Why one entry for the pair: a copy reads the keychain on every click, and a Secret Service answers
 * one request at a time, so two entries cost two reads in a row (the benchmark's "copy a valid
 * Clever Cloud token" row measured 1.4–1.7 × a bare read with two, the goal being 1.5). And the
 * pair is only valid together: replacing it with one write means no crash or keychain failure can
 * leave a new token beside the old secret. The pair is far below Windows' 2,560-byte cap per
 * credential. Accounts saved by an older Tessera have `…/{token,token-secret}`: they are still
 * read (two reads), and move to one entry at their next login or import, which replaces the
 * entries in place (accounts-service.ts removes the ones a save no longer has).
 */
import * as v from 'valibot';
import type { AccountsService } from '../../accounts/accounts-service';
import type { AccountRecord } from '../../vault/metadata-schema';
import type { TokenCredentials } from './oauth1';

const FIELDS = { credentials: 'credentials' } as const;
/** The two entries an older Tessera kept (see the file comment). */
const LEGACY_FIELDS = { token: 'token', secret: 'token-secret' } as const;
const CredentialsEntrySchema = v.object({ token: v.pipe(v.string(), v.minLength(1)), secret: v.pipe(v.string(), v.minLength(1)) });

/** The secrets an account saves for this pair: one entry. */
export function tokenEntrySecrets(credentials: TokenCredentials): Record<string, string> {
  return { [FIELDS.credentials]: JSON.stringify({ token: credentials.token, secret: credentials.secret }) };
}

/** The account's token and secret: one keychain read (two for an account an older Tessera saved); null when it has none. */
export async function readTokenEntry(accounts: AccountsService, record: AccountRecord): Promise<TokenCredentials | null> {
  if (record.secretFields.includes(FIELDS.credentials)) return decodeCredentials(await accounts.readSecret(record.id, FIELDS.credentials));
  const secrets = await accounts.readSecrets(record.id);
  const token = secrets[LEGACY_FIELDS.token];
  const secret = secrets[LEGACY_FIELDS.secret];
  return token && secret ? { token, secret } : null;
}

/**
 * The pair from its entry; null when there is none or it does not parse (the account then needs a
 * new login). The parse error is dropped, not passed on: JSON.parse quotes its input in its message.
 */
function decodeCredentials(entry: string | null): TokenCredentials | null {
  if (entry === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry);
  } catch {
    return null;
  }
  const checked = v.safeParse(CredentialsEntrySchema, parsed);
  return checked.success ? { token: checked.output.token, secret: checked.output.secret } : null;
}
