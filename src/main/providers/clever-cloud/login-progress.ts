/**
 * Progress of a Clever Cloud login, reported as it happens so the window can show what is going on
 * (and a countdown to the timeout). Phases are the shared LoginProgress phases.
 */
import type { LoginProgress } from '../../../shared/types';

export interface CleverLoginProgress {
  readonly phase: LoginProgress['phase'];
  readonly message: string;
  /** Since the login started. */
  readonly elapsedMs: number;
  /** When the wait gives up (epoch ms), while waiting. */
  readonly timeoutAt: number | null;
}

export type ProgressListener = (progress: CleverLoginProgress) => void;

/** What a successful login yields. `expiresAt` is epoch ms, when the service said. */
export interface LoginResult {
  readonly token: string;
  readonly secret: string;
  readonly expiresAt: number | null;
}

export function makeProgressReporter(listener: ProgressListener | undefined, startedAt: number, timeoutAt: number) {
  return (phase: LoginProgress['phase'], message: string): void => {
    if (!listener) return;
    const now = Date.now();
    try {
      listener({ phase, message, elapsedMs: now - startedAt, timeoutAt: phase === 'waiting' ? timeoutAt : null });
    } catch {
      // A failing progress listener must not break the login.
    }
  };
}
