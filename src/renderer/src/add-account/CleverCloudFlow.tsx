/**
 * Adding a Clever Cloud account: log in through the Clever Cloud console (nothing to set up), or
 * with the user's own OAuth consumer, or import clever-tools credentials (its config file, the
 * CLEVER_TOKEN / CLEVER_SECRET environment, or a pasted token and secret). Imported credentials are
 * checked against Clever Cloud before they are saved.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CleverCloudConsumer, ImportResult } from '../../../shared/types';
import { LoginProgress, newLoginId } from '../components/LoginProgress';
import type { AddAccountFlowProps } from './providers';

export const DEFAULT_CONSUMER_CALLBACK_PORT = 45874;

export function CleverCloudFlow(props: AddAccountFlowProps) {
  const api = window.tessera;
  const [consumers, { refetch }] = createResource(async () => {
    const result = await api.listCleverCloudConsumers();
    return result.ok ? result.value : [];
  });
  const [loginId, setLoginId] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [report, setReport] = createSignal<ImportResult | null>(null);
  /** true: a new consumer; a consumer: that one, to edit (its secret entered again, say). */
  const [editingConsumer, setEditingConsumer] = createSignal<CleverCloudConsumer | boolean>(false);
  const [consumerId, setConsumerId] = createSignal<string | null>(null);
  const chosenConsumer = () => consumers()?.find((c) => c.id === (consumerId() ?? consumers()?.[0]?.id)) ?? null;
  const idle = () => loginId() === null && busy() === null;

  async function login(consumer?: CleverCloudConsumer): Promise<void> {
    const id = newLoginId();
    setError(null);
    setLoginId(id);
    const result = consumer ? await api.loginCleverCloudConsumer({ loginId: id, consumerId: consumer.id }) : await api.loginCleverCloud({ loginId: id });
    setLoginId(null);
    if (result.ok) props.onDone(result.value.id);
    else setError(result.error.message);
  }

  async function runImport(kind: 'file' | 'env', path?: string): Promise<void> {
    setBusy(kind);
    setError(null);
    setReport(null);
    const result = kind === 'file' ? await api.importCleverTools({ path: path || undefined }) : await api.importCleverCloudEnvironment();
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (result.value.failed.length === 0 && result.value.imported[0]) props.onDone(result.value.imported[0].id);
    else setReport(result.value);
  }

  async function paste(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const consumer = String(form.get('consumer') ?? '');
    setBusy('paste');
    setError(null);
    const result = await api.importCleverCloudToken({
      token: String(form.get('token') ?? ''),
      secret: String(form.get('secret') ?? ''),
      consumerId: consumer === '' ? undefined : consumer,
    });
    setBusy(null);
    if (result.ok) props.onDone(result.value.id);
    else setError(result.error.message);
  }

  return (
    <div class="flow" data-testid="clever-cloud-flow">
      <p class="muted">Your browser opens the Clever Cloud console; approve Tessera there and come back. Nothing to set up.</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={() => void login()} disabled={!idle()} data-testid="cc-login">
          Log in with Clever Cloud
        </button>
      </div>
      <Show when={loginId()}>{(id) => <LoginProgress loginId={id()} />}</Show>
      <Show when={error()}>
        <p class="field-error" role="alert" data-testid="flow-error">
          {error()}
        </p>
      </Show>
      <Show when={report()}>
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
        <Show
          when={!editingConsumer() && (consumers()?.length ?? 0) > 0}
          fallback={
            <ConsumerForm
              consumer={typeof editingConsumer() === 'object' ? (editingConsumer() as CleverCloudConsumer) : null}
              onSaved={(c) => {
                setEditingConsumer(false);
                setConsumerId(c.id);
                void refetch();
              }}
              onCancel={(consumers()?.length ?? 0) > 0 ? () => setEditingConsumer(false) : undefined}
            />
          }
        >
          <fieldset class="choices" disabled={!idle()}>
            <legend>Consumer</legend>
            <For each={consumers()}>
              {(c) => (
                <label class="choice">
                  <input type="radio" name="consumer-choice" checked={chosenConsumer()?.id === c.id} onChange={() => setConsumerId(c.id)} />
                  <span>
                    <strong>{c.name}</strong> <span class="muted">callback on port {c.callbackPort}</span>
                    <Show when={c.status === 'changed-outside'}>
                      {' '}
                      <span class="badge state-needs-login" data-testid="consumer-changed-outside">
                        changed outside Tessera
                      </span>
                    </Show>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
          <Show when={chosenConsumer()?.statusMessage}>
            {(message) => (
              <p class="notice notice-error" role="status" data-testid="consumer-status">
                {message()} Nothing is signed with this consumer until then.
              </p>
            )}
          </Show>
          <div class="row-actions">
            <button type="button" class="link-button" onClick={() => setEditingConsumer(true)}>
              New consumer…
            </button>
            <button type="button" class="link-button" onClick={() => setEditingConsumer(chosenConsumer() ?? false)} data-testid="cc-edit-consumer">
              Edit “{chosenConsumer()?.name}”
            </button>
            <button type="button" class="button" onClick={() => void login(chosenConsumer() ?? undefined)} disabled={!idle()} data-testid="cc-login-consumer">
              Log in with “{chosenConsumer()?.name}”
            </button>
          </div>
        </Show>
      </details>

      <details class="more">
        <summary>Import clever-tools credentials</summary>
        <div class="form">
          <label for="cc-path">clever-tools configuration file (empty: the usual place)</label>
          <div class="inline">
            <input id="cc-path" placeholder="~/.config/clever-cloud/clever-tools.json" spellcheck={false} />
            <button
              type="button"
              class="button"
              disabled={!idle()}
              aria-busy={busy() === 'file'}
              onClick={() => void runImport('file', (document.getElementById('cc-path') as HTMLInputElement).value.trim())}
              data-testid="cc-import-file"
            >
              Import every profile
            </button>
          </div>
          <button type="button" class="button" disabled={!idle()} aria-busy={busy() === 'env'} onClick={() => void runImport('env')} data-testid="cc-import-env">
            Import CLEVER_TOKEN / CLEVER_SECRET
          </button>
        </div>
        <form class="form paste-form" onSubmit={(e) => void paste(e)} data-testid="cc-paste-form">
          <label for="cc-token">Token</label>
          <input id="cc-token" name="token" autocomplete="off" spellcheck={false} required />
          <label for="cc-secret">Token secret</label>
          <input id="cc-secret" name="secret" type="password" autocomplete="off" required />
          <label for="cc-consumer">Issued to</label>
          <select id="cc-consumer" name="consumer">
            <option value="">clever-tools (console login)</option>
            <For each={consumers()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
          <div class="form-actions">
            <button type="submit" class="button" disabled={!idle()} aria-busy={busy() === 'paste'}>
              Check and add
            </button>
          </div>
        </form>
      </details>
    </div>
  );
}

function ConsumerForm(props: { consumer: CleverCloudConsumer | null; onSaved: (c: CleverCloudConsumer) => void; onCancel?: () => void }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  // A consumer changed outside Tessera is mended only with its secret (src/main/vault/bindings.ts).
  const needsSecret = () => !props.consumer || props.consumer.status === 'changed-outside';
  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const secret = String(form.get('secret') ?? '');
    setBusy(true);
    setError(null);
    const result = await window.tessera.saveCleverCloudConsumer({
      id: props.consumer?.id,
      name: String(form.get('name') ?? ''),
      key: String(form.get('key') ?? ''),
      secret: secret === '' ? undefined : secret,
      callbackPort: Number(form.get('port')),
    });
    setBusy(false);
    if (result.ok) props.onSaved(result.value);
    else setError(result.error.message);
  }
  return (
    <form class="form" onSubmit={(e) => void save(e)} data-testid="cc-consumer-form">
      <p class="muted">
        Register the consumer in the Clever Cloud console with a base URL of <code>http://127.0.0.1</code>; Tessera receives the callback on the port below.
        The secret is kept in the system keychain.
      </p>
      <label for="cc-c-name">Name</label>
      <input id="cc-c-name" name="name" required value={props.consumer?.name ?? ''} />
      <label for="cc-c-key">Consumer key</label>
      <input id="cc-c-key" name="key" required spellcheck={false} value={props.consumer?.key ?? ''} />
      <label for="cc-c-secret">Consumer secret</label>
      <input
        id="cc-c-secret"
        name="secret"
        type="password"
        autocomplete="off"
        required={needsSecret()}
        placeholder={needsSecret() ? '' : 'Unchanged — stored in the keychain'}
        aria-describedby={props.consumer ? 'cc-c-secret-hint' : undefined}
      />
      <Show when={props.consumer}>
        <p id="cc-c-secret-hint" class="muted">
          <Show when={needsSecret()} fallback="Changing the consumer key needs the secret again.">
            This consumer was changed outside Tessera: enter its secret again to use it.
          </Show>
        </p>
      </Show>
      <label for="cc-c-port">Callback port on 127.0.0.1</label>
      <input id="cc-c-port" name="port" type="number" min="1024" max="65535" required value={props.consumer?.callbackPort ?? DEFAULT_CONSUMER_CALLBACK_PORT} />
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="form-actions">
        <Show when={props.onCancel}>
          <button type="button" class="button" onClick={() => props.onCancel?.()}>
            Cancel
          </button>
        </Show>
        <button type="submit" class="button primary" disabled={busy()} aria-busy={busy()}>
          Save consumer
        </button>
      </div>
    </form>
  );
}
