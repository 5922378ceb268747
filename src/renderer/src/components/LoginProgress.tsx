/**
 * A login the window starts (`createLogin`: a fresh id per attempt, known while it runs) and what
 * it looks like while it runs (`LoginProgress`: the current step in words, a countdown to the
 * timeout, and a Cancel button). Progress arrives as `loginProgress` events for the login's id.
 */
import { createSignal, onCleanup, Show, type Accessor } from 'solid-js';
import type { Result } from '../../../shared/errors';
import type { LoginProgress as Progress } from '../../../shared/types';
import { timeFor, useClock } from '../state/clock';
import { useTessera } from '../tessera';
import './LoginProgress.css';

function newLoginId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Login {
  /** The running login's id (for <LoginProgress>), or null. */
  readonly id: Accessor<string | null>;
  /** Starts a login under a new id and answers its result. */
  run<T>(start: (loginId: string) => Promise<Result<T>>): Promise<Result<T>>;
}

export function createLogin(): Login {
  const [id, setId] = createSignal<string | null>(null);
  return {
    id,
    async run(start) {
      const loginId = newLoginId();
      setId(loginId);
      try {
        return await start(loginId);
      } finally {
        setId(null);
      }
    },
  };
}

export function LoginProgress(props: { loginId: string }) {
  const api = useTessera();
  const clock = useClock();
  // Read once: a login's id never changes, and cleanup runs after the parent has moved on.
  const loginId = props.loginId;
  const [progress, setProgress] = createSignal<Progress | null>(null);
  const [cancelling, setCancelling] = createSignal(false);
  const off = api.on('loginProgress', (p) => {
    if (p.loginId === loginId) setProgress(p);
  });
  // Leaving the screen (closing the dialog) cancels the login: nothing waits in the background.
  onCleanup(() => {
    off();
    void api.cancelLogin({ loginId });
  });
  const secondsLeft = () => {
    const until = progress()?.timeoutAt;
    return until ? Math.max(0, Math.ceil((until - timeFor(clock, until)) / 1000)) : null;
  };
  return (
    <div class="login-progress" role="status" aria-live="polite" data-testid="login-progress">
      <span class="spinner" aria-hidden="true" />
      <div class="login-progress-text">
        <p>{progress()?.message ?? 'Starting…'}</p>
        <Show when={secondsLeft() !== null}>
          <p class="muted">Gives up in {Math.floor(secondsLeft()! / 60)}:{String(secondsLeft()! % 60).padStart(2, '0')}</p>
        </Show>
      </div>
      <button
        type="button"
        class="button"
        disabled={cancelling()}
        onClick={() => {
          setCancelling(true);
          void api.cancelLogin({ loginId });
        }}
      >
        Cancel
      </button>
    </div>
  );
}
