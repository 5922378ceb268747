/**
 * A login the window starts (`createLogin`: a fresh id per attempt, known while it runs) and what
 * it looks like while it runs (`LoginProgress`: the current step in words, a countdown to the
 * timeout, and a Cancel button). Progress arrives as `loginProgress` events for the login's id.
 *
 * Only the step is a live region: a screen reader hears each step once, not the countdown every
 * second (the countdown sits beside it, read when the user goes there). Main sends the step as a
 * code (`LoginProgress.step`); the words are chosen here, in the window's language.
 */
import { createSignal, onCleanup, Show, type Accessor } from 'solid-js';
import type { Result } from '../../../shared/errors';
import type { LoginProgress as Progress } from '../../../shared/types';
import { useI18n } from '../i18n';
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
  const { t, fmt } = useI18n();
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
  const msLeft = () => {
    const until = progress()?.timeoutAt;
    return until ? Math.max(0, until - timeFor(clock, until)) : null;
  };
  const step = (): string => {
    const p = progress();
    return p ? t(`add.step.${p.step}`) : t('add.step.starting');
  };
  return (
    <div class="login-progress" data-testid="login-progress">
      <span class="spinner" aria-hidden="true" />
      <div class="login-progress-text">
        <p role="status" data-testid="login-step">
          {step()}
        </p>
        <Show when={msLeft() !== null}>
          <p class="muted" data-testid="login-countdown">
            {t('add.givesUpIn', { left: fmt().duration(msLeft()!) })}
          </p>
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
        {t('common.cancel')}
      </button>
    </div>
  );
}
