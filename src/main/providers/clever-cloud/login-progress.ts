/**
 * Progress of a Clever Cloud login, reported as it happens so the window can show what is going on
 * (and a countdown to the timeout). Phases are the shared LoginProgress phases.
 */
import { LOGIN_STEPS, type LoginPhase, type LoginStep } from '../../../shared/login-steps';

export interface CleverLoginProgress {
  readonly phase: LoginPhase;
  readonly step: LoginStep;
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
  return (step: LoginStep): void => {
    if (!listener) return;
    const now = Date.now();
    const phase = LOGIN_STEPS[step];
    try {
      listener({ phase, step, elapsedMs: now - startedAt, timeoutAt: phase === 'waiting' ? timeoutAt : null });
    } catch {
      // A failing progress listener must not break the login.
    }
  };
}
