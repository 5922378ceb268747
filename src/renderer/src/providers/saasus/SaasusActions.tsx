/**
 * SaaSus's actions in the detail pane: the copy buttons and the session's (refresh now, open the
 * SaaS as this user, copy a hand-off code — valid once, for 10 seconds, with a countdown).
 */
import { createSignal, Show } from 'solid-js';
import { AsyncButton } from '../../components/Button';
import { CopyButtons } from '../../components/CopyButtons';
import { timeFor, useClock } from '../../state/clock';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import type { AccountViewProps } from '../provider-ui';
import './saasus.css';

export function SaasusActions(props: AccountViewProps) {
  const api = useTessera();
  const clock = useClock();
  const [codeUntil, setCodeUntil] = createSignal<number | null>(null);
  const secondsLeft = () => {
    const until = codeUntil();
    return until === null ? 0 : Math.max(0, Math.ceil((until - timeFor(clock, until)) / 1000));
  };
  return (
    <>
      <CopyButtons account={props.account} />
      <AsyncButton run={() => api.refreshAccount({ id: props.account.id })} busyLabel="Refreshing…" onSuccess={() => showToast('info', 'Tokens refreshed.')} data-testid="refresh-account">
        Refresh now
      </AsyncButton>
      <AsyncButton
        run={() => api.openSaasusHandOff({ id: props.account.id })}
        onSuccess={() => showToast('info', 'Opened the SaaS in your browser as this user.')}
        data-testid="hand-off-open"
      >
        Open in browser as this user
      </AsyncButton>
      <AsyncButton run={() => api.copySaasusHandOff({ id: props.account.id })} onSuccess={(r) => setCodeUntil(r.expiresAt)} data-testid="hand-off-copy">
        Copy hand-off code
      </AsyncButton>
      <Show when={secondsLeft() > 0}>
        <span class="countdown" role="status" data-testid="hand-off-countdown">
          Code copied — valid for {secondsLeft()} s
        </span>
      </Show>
    </>
  );
}
