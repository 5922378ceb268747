/**
 * The words for why an account's status is not `ok`, in one language: its reason's words
 * (errorText: by key and parameters, else by code) when it carries one, else the generic words of
 * the status (an account a file of an older Tessera marked, whose reason is English text only).
 * Null for an account that is `ok`. Used by the window (DetailPane) and main's notifications, so
 * both say the same thing.
 */
import type { ErrorInfo } from '../errors';
import type { AccountStatus, StatusReason } from '../model';
import { errorText } from './error-text';
import type { Locale } from './locales';

/** What a status without a reason reads as. */
const GENERIC: Readonly<Record<Exclude<AccountStatus, 'ok'>, StatusReason>> = {
  'needs-login': { code: 'needs_login' },
  failed: { code: 'internal', key: 'account.refreshFailed' },
  recovered: { code: 'metadata_error', key: 'account.rebuilt' },
};

export function statusText(locale: Locale, account: { readonly status: AccountStatus; readonly statusReason?: StatusReason | null }): string | null {
  if (account.status === 'ok') return null;
  const reason = account.statusReason ?? GENERIC[account.status];
  // The English message is not needed: errorText picks the words by key, then by code.
  return errorText(locale, { ...reason, message: '' } as ErrorInfo);
}
