/**
 * "Copy a fresh token": main finds the value, refreshing first when the token would expire within
 * the lead time, and writes the clipboard itself through the guard. The renderer gets back what was
 * copied and until when it works, never the value.
 *
 * SaaSus ID and access tokens live in main's memory only (saasus-accounts.ts says why): a copy of
 * a held, valid token touches neither the keychain nor the network. A copy of one that expires
 * within the lead time, or that is not held (after a restart), refreshes first and copies what the
 * refresh produced: the network, plus one keychain write only if SaaSus rotated the refresh token
 * (and one read of the refresh token the first time after a restart). The account's expiry in the
 * metadata may describe tokens no longer held; the decision uses the held tokens' own expiry.
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
    const { value, validUntil, label } = await this.value(accountId, kind);
    const hold = await this.deps.guard.write(value, label);
    return { what: label, validUntil, clearsAt: hold.clearsAt };
  }

  /**
   * The value a copy puts on the clipboard, refreshed first when it expires within `leadMs` (the
   * setting by default). A secret: for main's own use (the clipboard, the command-line agent).
   */
  async value(accountId: string, kind: CopyKind, leadMs: number = this.deps.leadMs()): Promise<{ value: string; validUntil: number | null; label: string }> {
    const record = this.deps.accounts.record(accountId);
    const offered = COPY_KINDS[record.provider].find((k) => k.kind === kind);
    if (!offered) throw new AppError('invalid_input', 'This account has nothing of that kind to copy.');
    const { value, validUntil } = record.provider === 'saasus' ? await this.saasusValue(accountId, kind, leadMs) : await this.cleverCloudValue(accountId, kind);
    return { value, validUntil, label: offered.label };
  }

  private async saasusValue(accountId: string, kind: CopyKind, leadMs: number): Promise<{ value: string; validUntil: number | null }> {
    // Within the lead time, already expired or not held: refresh first. The single flight makes
    // this one request however many copies, tray clicks and scheduler runs ask at once.
    const tokens = await this.deps.saasus.freshTokens(accountId, leadMs);
    const token = kind === 'id-token' ? tokens.idToken : tokens.accessToken;
    return { value: kind === 'authorization-header' ? `Bearer ${token}` : token, validUntil: tokens.expiresAt };
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
