/** The token state of an account as time passes, on the window's shared clock. */
import { createMemo, type Accessor } from 'solid-js';
import { tokenState, type AccountSummary, type TokenState } from '../../shared/types';
import { timeFor, useClock } from './state/clock';

export function createTokenState(account: () => Pick<AccountSummary, 'provider' | 'status' | 'expiresAt'>, warnMs: () => number): Accessor<TokenState> {
  const clock = useClock();
  return createMemo(() => {
    const a = account();
    return tokenState(a, timeFor(clock, a.expiresAt), warnMs());
  });
}
