/**
 * What a running login looks like: the current step in words, a countdown to the timeout, and a
 * Cancel button. Progress arrives as `loginProgress` events for this login's id.
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import type { LoginProgress as Progress } from '../../../shared/types';
import { timeFor, useClock } from '../state/clock';

export function newLoginId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function LoginProgress(props: { loginId: string }) {
  const clock = useClock();
  // Read once: a login's id never changes, and cleanup runs after the parent has moved on.
  const loginId = props.loginId;
  const [progress, setProgress] = createSignal<Progress | null>(null);
  const [cancelling, setCancelling] = createSignal(false);
  const off = window.tessera.on('loginProgress', (p) => {
    if (p.loginId === loginId) setProgress(p);
  });
  // Leaving the screen (closing the dialog) cancels the login: nothing waits in the background.
  onCleanup(() => {
    off();
    void window.tessera.cancelLogin({ loginId });
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
          void window.tessera.cancelLogin({ loginId });
        }}
      >
        Cancel
      </button>
    </div>
  );
}
