/** "Clipboard: Access token — cleared in 27 s": visible while Tessera holds a secret there. */
import { createSignal, onCleanup, Show } from 'solid-js';
import type { ClipboardHold } from '../../../shared/types';
import { timeFor, useClock } from '../state/clock';
import { useTessera } from '../tessera';
import './ClipboardStatus.css';

export function ClipboardStatus() {
  const api = useTessera();
  const clock = useClock();
  const [hold, setHold] = createSignal<ClipboardHold | null>(null);
  onCleanup(api.on('clipboardChanged', setHold));
  const seconds = () => {
    const until = hold()?.clearsAt;
    return until ? Math.max(0, Math.ceil((until - timeFor(clock, until)) / 1000)) : null;
  };
  return (
    <Show when={hold()}>
      {(h) => (
        <div class="clipboard-status" role="status" data-testid="clipboard-countdown">
          {seconds() === null ? `Clipboard: ${h().what} (not cleared automatically)` : `Clipboard: ${h().what} — cleared in ${seconds()} s`}
        </div>
      )}
    </Show>
  );
}
