/**
 * A question of Tessera's agent (src/main/agent/window-approver.ts): a program ran `tessera` and
 * asks for an account's credentials, or a grant. Main sends the question as text only (the
 * caller's program, pid, directory and command line, and the account); the answer goes back by
 * id. Enter allows once, Escape denies; a question main closes (answered, timed out, or its
 * command gone) leaves. Questions that come meanwhile wait their turn.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { approvalLines } from '../../../shared/i18n/approval-words';
import type { ApprovalRequest } from '../../../shared/types';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n';
import { showToast } from '../state/toasts';
import { useTessera } from '../tessera';
import { Button } from './Button';
import { Dialog } from './Dialog';
import './ApprovalDialog.css';

type Choice = ApprovalRequest['choices'][number];

const LABELS = { once: 'agent.once', session: 'agent.session', confirm: 'agent.confirm', deny: 'agent.deny' } as const satisfies Record<Choice, string>;

export function ApprovalDialog() {
  const api = useTessera();
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const [queue, setQueue] = createSignal<readonly ApprovalRequest[]>([]);
  const [busy, setBusy] = createSignal(false);
  const drop = (id: string): void => void setQueue((q) => q.filter((r) => r.id !== id));
  onCleanup(api.on('approvalRequested', (request) => setQueue((q) => [...q, request])));
  onCleanup(api.on('approvalClosed', ({ id }) => drop(id)));
  // Questions asked before this window loaded (or reloaded) still wait for it.
  onMount(() => {
    void api.listApprovals().then((result) => {
      if (result.ok) setQueue((q) => [...q, ...result.value.filter((r) => !q.some((known) => known.id === r.id))]);
    });
  });

  async function answer(request: ApprovalRequest, choice: Choice): Promise<void> {
    if (busy() || !request.choices.includes(choice)) return;
    setBusy(true);
    const result = await api.answerApproval({ id: request.id, choice });
    setBusy(false);
    drop(request.id);
    if (!result.ok) showToast('error', errorText(result.error));
  }

  return (
    <Show when={queue()[0]} keyed>
      {(request) => {
        // Enter allows once (where the question offers it), wherever the focus is in the dialog.
        const onKey = (e: KeyboardEvent): void => {
          if (e.key !== 'Enter' || !request.choices.includes('once')) return;
          e.preventDefault();
          void answer(request, 'once');
        };
        document.addEventListener('keydown', onKey, true);
        onCleanup(() => document.removeEventListener('keydown', onKey, true));
        return (
          <Dialog
            title={request.choices.includes('confirm') ? t('agent.askGrant') : t('agent.askCredential')}
            testId="approval-dialog"
            busy={busy()}
            onClose={() => void answer(request, 'deny')}
            footer={
              <div class="form-actions">
                <For each={request.choices}>
                  {(choice) => (
                    <Button variant={choice === 'deny' ? 'danger' : choice === 'once' || choice === 'confirm' ? 'primary' : 'default'} disabled={busy()} onClick={() => void answer(request, choice)} data-testid={`approval-${choice}`}>
                      {t(LABELS[choice])}
                    </Button>
                  )}
                </For>
              </div>
            }
          >
            <div class="approval-text" data-testid="approval-text">
              <Show when={request.facts} fallback={<For each={request.lines}>{(line) => <div>{line}</div>}</For>}>
                {(facts) => <For each={approvalLines(facts(), locale())}>{(line) => <div>{line}</div>}</For>}
              </Show>
            </div>
            <p class="muted">{t('agent.keysHint')}</p>
          </Dialog>
        );
      }}
    </Show>
  );
}

