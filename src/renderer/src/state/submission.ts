/**
 * What a form does with an action that answers a Result: while it runs, which action runs (its
 * button shows busy, the others wait); when it fails, the message, shown next to the form until
 * the next try. Rename, Remove, Settings, the add flows and the connection and consumer forms all
 * submit through one, so none of them can leave a button busy or keep a stale error. A form with
 * several actions shows a failure next to the control that failed (`errorFor(key)`), in the
 * window's language (error-text.ts chooses the words from the error's code).
 */
import { createSignal, type Accessor } from 'solid-js';
import type { ErrorInfo, Result } from '../../../shared/errors';
import { useErrorText } from '../error-text';

export interface Submission<K extends string> {
  /** The action running, or null. */
  readonly running: Accessor<K | null>;
  /** The last failure's message, until the next run or `setError`. */
  readonly error: Accessor<string | null>;
  /** The last failure itself (its code decides which field it belongs to), until the next run. */
  readonly failure: Accessor<ErrorInfo | null>;
  /** The last failure's message when it was `key`'s, else null: shown next to that action's control. */
  errorFor(key: K): string | null;
  /** Whether `key` runs; without a key, whether any action runs. */
  busy(key?: K): boolean;
  /** Clears the error, marks `key` running while `action` runs, keeps its failure's message; answers its Result. */
  run<T>(key: K, action: () => Promise<Result<T>>): Promise<Result<T>>;
  /** An error found before anything is sent (a field out of range), or null to clear it. */
  setError(message: string | null): void;
}

export function createSubmission<K extends string = 'submit'>(): Submission<K> {
  const [running, setRunning] = createSignal<K | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ readonly key: K; readonly error: ErrorInfo } | null>(null);
  const words = useErrorText();
  return {
    running,
    error,
    failure: () => failure()?.error ?? null,
    errorFor: (key) => (failure()?.key === key ? error() : null),
    busy: (key) => (key === undefined ? running() !== null : running() === key),
    async run(key, action) {
      setError(null);
      setFailure(null);
      setRunning(() => key);
      let result;
      try {
        result = await action();
      } finally {
        setRunning(null);
      }
      if (!result.ok) {
        setError(words(result.error));
        setFailure({ key, error: result.error });
      }
      return result;
    },
    setError(message) {
      setFailure(null);
      setError(message);
    },
  };
}
