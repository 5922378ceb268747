/**
 * Logins in progress. A login can take minutes (the user is in the browser), so each one has an
 * id chosen by the renderer, reports progress as events, and can be cancelled from the UI while
 * the invoke that started it is still waiting. One login per id; a second start with the same id
 * is refused. Cancel aborts the login's AbortSignal, which every step (HTTP, loopback listener,
 * polling) honours.
 */
import { LOGIN_STEPS, type LoginStep } from '../../shared/login-steps';
import { AppError } from '../errors';
import type { EventSink } from '../ipc/events';

/** How long a login waits for the user in the browser before it gives up. */
export const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface LoginContext {
  readonly signal: AbortSignal;
  /** Reports a step to the UI, as a code it words (src/shared/login-steps.ts). */
  progress(step: LoginStep, timeoutAt?: number | null): void;
}

export class LoginRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: EventSink) {}

  async run<T>(loginId: string, work: (ctx: LoginContext) => Promise<T>): Promise<T> {
    if (this.running.has(loginId)) throw new AppError('conflict', 'This login is already running.', { key: 'login.alreadyRunning' });
    const controller = new AbortController();
    this.running.set(loginId, controller);
    const ctx: LoginContext = {
      signal: controller.signal,
      progress: (step, timeoutAt = null) => this.events.emit('loginProgress', { loginId, phase: LOGIN_STEPS[step], step, timeoutAt }),
    };
    try {
      const value = await work(ctx);
      ctx.progress('done');
      return value;
    } catch (error) {
      // The error itself reaches the window as the login's answer; the step only says how it ended.
      ctx.progress(controller.signal.aborted ? 'cancelled' : 'failed');
      throw error;
    } finally {
      this.running.delete(loginId);
    }
  }

  /** True when a running login was cancelled. */
  cancel(loginId: string): boolean {
    const controller = this.running.get(loginId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
