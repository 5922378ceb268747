/**
 * What a form does with an action that answers a Result: while it runs, which action runs (its
 * button shows busy, the others wait); when it fails, the message, shown next to the form until
 * the next try. Rename, Remove, Settings, the add flows and the connection and consumer forms all
 * submit through one, so none of them can leave a button busy or keep a stale error.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { Result } from '../../../shared/errors';

export interface Submission<K extends string> {
  /** The action running, or null. */
  readonly running: Accessor<K | null>;
  /** The last failure's message, until the next run or `setError`. */
  readonly error: Accessor<string | null>;
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
  return {
    running,
    error,
    busy: (key) => (key === undefined ? running() !== null : running() === key),
    async run(key, action) {
      setError(null);
      setRunning(() => key);
      let result;
      try {
        result = await action();
      } finally {
        setRunning(null);
      }
      if (!result.ok) setError(result.error.message);
      return result;
    },
    setError,
  };
}
