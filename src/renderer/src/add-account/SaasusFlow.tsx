/**
 * Adding a SaaSus account: pick (or set up) the SaaS connection, check it, then log in through
 * the SaaS's own login page in the browser, or paste a code.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { SaasusConnection, SaasusConnectionTest } from '../../../shared/types';
import { LoginProgress, newLoginId } from '../components/LoginProgress';
import type { AddAccountFlowProps } from './providers';

export const DEFAULT_CALLBACK_PORT = 45873;

export function SaasusFlow(props: AddAccountFlowProps) {
  const api = window.tessera;
  const [connections, { refetch }] = createResource(async () => {
    const result = await api.listSaasusConnections();
    return result.ok ? result.value : [];
  });
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal<SaasusConnection | 'new' | null>(null);
  const [test, setTest] = createSignal<SaasusConnectionTest | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<'test' | 'paste' | null>(null);
  const [loginId, setLoginId] = createSignal<string | null>(null);

  const selected = () => connections()?.find((c) => c.id === (selectedId() ?? connections()?.[0]?.id)) ?? null;

  async function runTest(): Promise<void> {
    const c = selected();
    if (!c) return;
    setBusy('test');
    setError(null);
    setTest(null);
    const result = await api.testSaasusConnection({ id: c.id });
    setBusy(null);
    if (result.ok) setTest(result.value);
    else setError(result.error.message);
  }

  async function login(): Promise<void> {
    const c = selected();
    if (!c) return;
    const id = newLoginId();
    setError(null);
    setLoginId(id);
    const result = await api.loginSaasus({ loginId: id, connectionId: c.id });
    setLoginId(null);
    if (result.ok) props.onDone(result.value.id);
    else setError(result.error.message);
  }

  async function paste(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = selected();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    if (!c) return;
    setBusy('paste');
    setError(null);
    const result = await api.exchangeSaasusCode({ connectionId: c.id, code: input.value });
    setBusy(null);
    if (result.ok) props.onDone(result.value.id);
    else setError(result.error.message);
  }

  return (
    <div class="flow" data-testid="saasus-flow">
      <Show
        when={!editing() && (connections()?.length ?? 0) > 0}
        fallback={
          <ConnectionForm
            connection={editing() === 'new' ? null : (editing() as SaasusConnection | null)}
            onSaved={(c) => {
              setEditing(null);
              setSelectedId(c.id);
              void refetch();
            }}
            onCancel={(connections()?.length ?? 0) > 0 ? () => setEditing(null) : undefined}
          />
        }
      >
        <fieldset class="choices" disabled={loginId() !== null}>
          <legend>SaaS</legend>
          <For each={connections()}>
            {(c) => (
              <label class="choice">
                <input type="radio" name="connection" checked={selected()?.id === c.id} onChange={() => (setSelectedId(c.id), setTest(null))} />
                <span>
                  <strong>{c.name}</strong> <span class="muted">{c.saasId}</span>
                  <Show when={c.status === 'changed-outside'}>
                    {' '}
                    <span class="badge state-needs-login" data-testid="connection-changed-outside">
                      changed outside Tessera
                    </span>
                  </Show>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <Show when={selected()?.statusMessage}>
          {(message) => (
            <div class="notice notice-error" role="status" data-testid="connection-status">
              <div>
                <p>{message()}</p>
                <p class="muted">Nothing is sent with this connection until then. Its accounts keep their tokens.</p>
              </div>
              <button type="button" class="button" onClick={() => setEditing(selected())}>
                Enter the secret key again
              </button>
            </div>
          )}
        </Show>
        <div class="row-actions">
          <button type="button" class="link-button" onClick={() => setEditing('new')}>
            New connection…
          </button>
          <button type="button" class="link-button" onClick={() => setEditing(selected())}>
            Edit “{selected()?.name}”
          </button>
        </div>

        <div class="actions">
          <button type="button" class="button" onClick={() => void runTest()} disabled={busy() !== null || loginId() !== null} aria-busy={busy() === 'test'} data-testid="saasus-test">
            {busy() === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" class="button primary" onClick={() => void login()} disabled={busy() !== null || loginId() !== null} data-testid="saasus-login">
            Log in in the browser
          </button>
        </div>
        <Show when={test()}>
          {(t) => (
            <div class={`notice ${t().matchesTessera ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="saasus-test-result">
              <p>
                Registered callback: <code>{t().callbackUrl}</code>
              </p>
              <Show
                when={t().matchesTessera}
                fallback={
                  <p>
                    Tessera listens on <code>{t().expectedCallbackUrl}</code>. Register that address as the SaaS’s callback URL in the SaaSus
                    console, or use “Paste a code” below.
                  </p>
                }
              >
                <p>It is Tessera’s loopback address: logins come back here.</p>
              </Show>
            </div>
          )}
        </Show>
        <Show when={loginId()}>{(id) => <LoginProgress loginId={id()} />}</Show>

        <form class="paste-form" onSubmit={(e) => void paste(e)}>
          <label for="saasus-code">Or paste a code (or the whole callback address) from the browser</label>
          <div class="inline">
            <input id="saasus-code" name="code" autocomplete="off" spellcheck={false} required />
            <button type="submit" class="button" disabled={busy() !== null || loginId() !== null} aria-busy={busy() === 'paste'}>
              Use code
            </button>
          </div>
          <p class="muted">Codes work once, for 10 seconds.</p>
        </form>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert" data-testid="flow-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}

function ConnectionForm(props: { connection: SaasusConnection | null; onSaved: (c: SaasusConnection) => void; onCancel?: () => void }) {
  // A connection changed outside Tessera is mended only with its secret key (src/main/vault/bindings.ts).
  const needsSecret = () => !props.connection || props.connection.status === 'changed-outside';
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string): string => String(form.get(name) ?? '');
    const secretKey = text('secretKey');
    setBusy(true);
    setError(null);
    const result = await window.tessera.saveSaasusConnection({
      id: props.connection?.id,
      name: text('name'),
      saasId: text('saasId'),
      apiKey: text('apiKey'),
      secretKey: secretKey === '' ? undefined : secretKey,
      apiBaseUrl: text('apiBaseUrl'),
      loginUrl: text('loginUrl'),
      callbackPort: Number(text('callbackPort')),
    });
    setBusy(false);
    if (result.ok) props.onSaved(result.value);
    else setError(result.error.message);
  }
  return (
    <form class="form" onSubmit={(e) => void save(e)} data-testid="saasus-connection-form">
      <p class="muted">Find these in the SaaSus console, under the API keys of your SaaS. The secret key is kept in the system keychain.</p>
      <label for="c-name">Name</label>
      <input id="c-name" name="name" required value={props.connection?.name ?? ''} placeholder="My SaaS (production)" />
      <label for="c-saas">SaaS ID</label>
      <input id="c-saas" name="saasId" required value={props.connection?.saasId ?? ''} spellcheck={false} />
      <label for="c-key">API key</label>
      <input id="c-key" name="apiKey" required value={props.connection?.apiKey ?? ''} spellcheck={false} />
      <label for="c-secret">Secret key</label>
      <input
        id="c-secret"
        name="secretKey"
        type="password"
        autocomplete="off"
        required={needsSecret()}
        placeholder={needsSecret() ? '' : 'Unchanged — stored in the keychain'}
        aria-describedby={props.connection ? 'c-secret-hint' : undefined}
      />
      <Show when={props.connection}>
        <p id="c-secret-hint" class="muted">
          <Show when={needsSecret()} fallback="Changing the SaaS ID, the API key or the host of a URL needs the secret key again: they decide where your users’ tokens go.">
            This connection was changed outside Tessera: enter its secret key again to use it.
          </Show>
        </p>
      </Show>
      <label for="c-base">API base URL</label>
      <input id="c-base" name="apiBaseUrl" type="url" required value={props.connection?.apiBaseUrl ?? 'https://api.saasus.io/v1/auth'} />
      <label for="c-login">Login page URL</label>
      <input id="c-login" name="loginUrl" type="url" required value={props.connection?.loginUrl ?? ''} placeholder="https://auth.example.com/" />
      <label for="c-port">Callback port on 127.0.0.1</label>
      <input id="c-port" name="callbackPort" type="number" min="1024" max="65535" required value={props.connection?.callbackPort ?? DEFAULT_CALLBACK_PORT} />
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
          Save connection
        </button>
      </div>
    </form>
  );
}
