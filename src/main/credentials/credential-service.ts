/**
 * A fresh credential of an account: what "Copy" puts on the clipboard (src/main/clipboard/copy.ts)
 * and what a command line would print. The account's provider module produces the value
 * (src/main/providers/provider-module.ts): a token that would stop working within `minValidMs` is
 * refreshed first when the provider can refresh, and refused with `needs_login` once it has expired
 * when it cannot. A kind the provider does not offer is `invalid_input`, before anything is read.
 *
 * No clipboard, window or Electron here: the caller decides where the value goes, and keeps it out
 * of logs and of the window. What it costs is the provider's (the benchmark's "copy a valid …
 * token" rows): a SaaSus token held in memory reads nothing, a Clever Cloud token one keychain entry.
 */
import type { CopyKind } from '../../shared/types';
import { AppError } from '../errors';
import type { CredentialRequest } from '../providers/provider-module';
import type { ProviderRegistry } from '../providers/registry';

/** A credential's value (a secret), until when it works, and what it is called. */
export interface Credential {
  readonly value: string;
  /** Epoch ms; null when the provider does not say. */
  readonly validUntil: number | null;
  readonly label: string;
}

export class CredentialService {
  constructor(private readonly deps: { readonly providers: Pick<ProviderRegistry, 'of'> }) {}

  /** The value of one of the account's credential kinds, fresh for at least `minValidMs`. */
  async credential(accountId: string, kind: CopyKind, request: CredentialRequest): Promise<Credential> {
    const module = this.deps.providers.of(accountId);
    const offered = module.credentialKinds.find((k) => k.kind === kind);
    if (!offered) throw new AppError('invalid_input', 'This account has no credential of that kind.', { key: 'account.noSuchCredential' });
    const { value, validUntil } = await module.credential(accountId, kind, request);
    return { value, validUntil, label: offered.label };
  }
}
