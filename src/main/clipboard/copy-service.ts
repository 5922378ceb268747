/**
 * "Copy a fresh token": main finds the value, refreshing first when the token would expire within
 * the lead time, and writes the clipboard itself through the guard. The renderer gets back what was
 * copied and until when it works, never the value.
 *
 * Cost: a copy of a valid SaaSus token reads that one token from the keychain (one read); a copy
 * that must refresh first takes the tokens the refresh produced, so it costs the refresh (one
 * read of the refresh token, the network, the writes) and no read-back.
 */
import { COPY_KINDS, type CopyKind, type CopyResult } from '../../shared/types';
import type { AccountsService } from '../accounts/accounts-service';
import { AppError } from '../errors';
import type { CleverCloudAccounts } from '../providers/clever-cloud/clever-cloud-accounts';
import type { SaasusAccounts } from '../providers/saasus/saasus-accounts';
import type { ClipboardGuard } from './clipboard-guard';

export class CopyService {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      readonly accounts: AccountsService;
      readonly saasus: SaasusAccounts;
      readonly cleverCloud: CleverCloudAccounts;
      readonly guard: ClipboardGuard;
      readonly leadMs: () => number;
      readonly now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
  }

  async copy(accountId: string, kind: CopyKind): Promise<CopyResult> {
    const record = this.deps.accounts.record(accountId);
    const offered = COPY_KINDS[record.provider].find((k) => k.kind === kind);
    if (!offered) throw new AppError('invalid_input', 'This account has nothing of that kind to copy.');
    const { value, validUntil } = record.provider === 'saasus' ? await this.saasusValue(accountId, kind) : await this.cleverCloudValue(accountId, kind);
    const hold = await this.deps.guard.write(value, offered.label);
    return { what: offered.label, validUntil, clearsAt: hold.clearsAt };
  }

  private async saasusValue(accountId: string, kind: CopyKind): Promise<{ value: string; validUntil: number | null }> {
    const record = this.deps.accounts.record(accountId);
    const which = kind === 'id-token' ? 'id-token' : 'access-token';
    const format = (token: string): string => (kind === 'authorization-header' ? `Bearer ${token}` : token);
    // Within the lead time (or already expired): refresh first. The single flight makes this one
    // request however many copies, tray clicks and scheduler runs ask at once.
    if (record.expiresAt !== null && record.expiresAt - this.now() < this.deps.leadMs()) {
      const { summary, credentials } = await this.deps.saasus.refreshWithTokens(accountId);
      return { value: format(which === 'id-token' ? credentials.idToken : credentials.accessToken), validUntil: summary.expiresAt };
    }
    const token = await this.deps.saasus.readToken(accountId, which);
    if (!token) throw new AppError('needs_login', 'This account has no tokens any more: log in again.');
    return { value: format(token), validUntil: record.expiresAt };
  }

  private async cleverCloudValue(accountId: string, kind: CopyKind): Promise<{ value: string; validUntil: number | null }> {
    const record = this.deps.accounts.record(accountId);
    if (record.expiresAt !== null && record.expiresAt <= this.now())
      throw new AppError('needs_login', 'This Clever Cloud token has expired: log in again (OAuth 1.0a tokens cannot be refreshed).');
    const copyable = await this.deps.cleverCloud.copyable(accountId);
    const value = kind === 'env-lines' ? copyable.envLines : kind === 'clever-tools-profile' ? copyable.cleverToolsProfile : copyable.authorizationHeader;
    return { value, validUntil: record.expiresAt };
  }
}
