/**
 * The words for an error that crossed the bridge, in the window's language. Every component that
 * shows an ErrorInfo (src/shared/errors.ts) goes through `useErrorText()`, so the choice of words
 * (by key and parameters, then by code, src/shared/i18n/error-text.ts) lives here only.
 */
import type { ErrorInfo } from '../../shared/errors';
import { errorText } from '../../shared/i18n/error-text';
import { statusText } from '../../shared/i18n/status-text';
import type { AccountSummary } from '../../shared/types';
import { useI18n } from './i18n';

export function useErrorText(): (error: ErrorInfo) => string {
  const { locale } = useI18n();
  return (error) => errorText(locale(), error);
}

/** Why an account is not `ok`, in the window's language (src/shared/i18n/status-text.ts); null when it is. */
export function useStatusText(): (account: Pick<AccountSummary, 'status' | 'statusReason'>) => string | null {
  const { locale } = useI18n();
  return (account) => statusText(locale(), account);
}
