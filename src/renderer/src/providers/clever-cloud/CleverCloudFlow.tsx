/**
 * Adding a Clever Cloud account: log in through the Clever Cloud console (nothing to set up), or
 * with the user's own OAuth consumer, or import clever-tools credentials (its config file, the
 * CLEVER_TOKEN / CLEVER_SECRET environment, or a pasted token and secret). Imported credentials are
 * checked against Clever Cloud before they are saved.
 */
import { createSignal, For, Show } from 'solid-js';
import type { CleverCloudConsumer, ImportResult } from '../../../../shared/types';
import { Button } from '../../components/Button';
import { ConnectionChoices } from '../../components/ConnectionChoices';
import { FieldError } from '../../components/FormParts';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { createConnectionChoice } from '../../state/connections';
import { createSubmission } from '../../state/submission';
import { useTessera } from '../../tessera';
import type { AddAccountFlowProps } from '../provider-ui';
import { ConsumerForm } from './ConsumerForm';
import { hasProfileNews, ProfileImportResult } from './ProfileImportResult';

export function CleverCloudFlow(props: AddAccountFlowProps) {
  const api = useTessera();
  const consumers = createConnectionChoice(() => api.listCleverCloudConsumers());
  const login = createLogin();
  const submission = createSubmission<'login' | 'file' | 'env' | 'paste'>();
  const [report, setReport] = createSignal<ImportResult | null>(null);
  let pathInput!: HTMLInputElement;

  async function logIn(consumer?: CleverCloudConsumer): Promise<void> {
    const result = await submission.run('login', () =>
      login.run((loginId) => (consumer ? api.loginCleverCloudConsumer({ loginId, consumerId: consumer.id }) : api.loginCleverCloud({ loginId }))),
    );
    if (result.ok) props.onDone(result.value.id);
  }

  async function runImport(kind: 'file' | 'env'): Promise<void> {
    setReport(null);
    const path = pathInput.value.trim();
    const result = await submission.run(kind, () => (kind === 'file' ? api.importCleverTools({ path: path || undefined }) : api.importCleverCloudEnvironment()));
    if (!result.ok) return;
    if (result.value.failed.length === 0 && result.value.imported[0] && !hasProfileNews(result.value)) props.onDone(result.value.imported[0].id);
    else setReport(result.value);
  }

  async function paste(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const consumer = String(form.get('consumer') ?? '');
    const result = await submission.run('paste', () =>
      api.importCleverCloudToken({ token: String(form.get('token') ?? ''), secret: String(form.get('secret') ?? ''), consumerId: consumer === '' ? undefined : consumer }),
    );
    if (result.ok) props.onDone(result.value.id);
  }

  return (
    <div class="flow" data-testid="clever-cloud-flow">
      <p class="muted">Your browser opens the Clever Cloud console; approve Tessera there and come back. Nothing to set up.</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={() => void logIn()} disabled={submission.busy()} data-testid="cc-login">
          Log in with Clever Cloud
        </button>
      </div>
      <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>
      <FieldError message={submission.error()} testId="flow-error" />
      <Show when={report() && hasProfileNews(report()!) ? report() : null}>{(r) => <ProfileImportResult result={r()} onDone={props.onDone} />}</Show>
      <Show when={report() && report()!.failed.length > 0 ? report() : null}>
        {(r) => (
          <div class="notice notice-warn" role="status" data-testid="cc-import-report">
            <p>
              Imported {r().imported.length} account(s); {r().failed.length} profile(s) could not be used:
            </p>
            <ul>
              <For each={r().failed}>
                {(f) => (
                  <li>
                    <strong>{f.alias}</strong>: {f.message}
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button" onClick={() => props.onDone(r().imported[0]?.id ?? '')} disabled={r().imported.length === 0}>
              Done
            </button>
          </div>
        )}
      </Show>

      <details class="more">
        <summary>Use my own OAuth consumer</summary>
        <ConnectionChoices
          choice={consumers}
          form={ConsumerForm}
          legend="Consumer"
          noun="consumer"
          note={(c) => `callback on port ${c.callbackPort}`}
          disabled={submission.busy()}
          editTestId="cc-edit-consumer"
          status={
            <Show when={consumers.chosen()?.statusMessage}>
              {(message) => (
                <p class="notice notice-error" role="status" data-testid="consumer-status">
                  {message()} Nothing is signed with this consumer until then.
                </p>
              )}
            </Show>
          }
          actions={
            <button type="button" class="button" onClick={() => void logIn(consumers.chosen() ?? undefined)} disabled={submission.busy()} data-testid="cc-login-consumer">
              Log in with “{consumers.chosen()?.name}”
            </button>
          }
        />
      </details>

      <details class="more">
        <summary>Import clever-tools credentials</summary>
        <div class="form">
          <label for="cc-path">clever-tools configuration file (empty: the usual place)</label>
          <div class="inline">
            <input id="cc-path" ref={pathInput} placeholder="~/.config/clever-cloud/clever-tools.json" spellcheck={false} />
            <Button disabled={submission.busy()} busy={submission.busy('file')} onClick={() => void runImport('file')} data-testid="cc-import-file">
              Import every profile
            </Button>
          </div>
          <Button disabled={submission.busy()} busy={submission.busy('env')} onClick={() => void runImport('env')} data-testid="cc-import-env">
            Import CLEVER_TOKEN / CLEVER_SECRET
          </Button>
        </div>
        <form class="form paste-form" onSubmit={(e) => void paste(e)} data-testid="cc-paste-form">
          <label for="cc-token">Token</label>
          <input id="cc-token" name="token" autocomplete="off" spellcheck={false} required />
          <label for="cc-secret">Token secret</label>
          <input id="cc-secret" name="secret" type="password" autocomplete="off" required />
          <label for="cc-consumer">Issued to</label>
          <select id="cc-consumer" name="consumer">
            <option value="">clever-tools (console login)</option>
            <For each={consumers.list()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
          <div class="form-actions">
            <Button type="submit" disabled={submission.busy()} busy={submission.busy('paste')}>
              Check and add
            </Button>
          </div>
        </form>
      </details>
    </div>
  );
}
