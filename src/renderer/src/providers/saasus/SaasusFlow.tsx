/**
 * Adding a SaaSus account: pick (or set up) the SaaS connection, check it, then log in through
 * the SaaS's own login page in the browser, or paste a code.
 */
import { createSignal, Show } from 'solid-js';
import type { SaasusConnectionTest } from '../../../../shared/types';
import { Button } from '../../components/Button';
import { ConnectionChoices } from '../../components/ConnectionChoices';
import { FieldError } from '../../components/FormParts';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { createConnectionChoice } from '../../state/connections';
import { createSubmission } from '../../state/submission';
import { useTessera } from '../../tessera';
import type { AddAccountFlowProps } from '../provider-ui';
import { SaasusConnectionForm } from './SaasusConnectionForm';

export function SaasusFlow(props: AddAccountFlowProps) {
  const api = useTessera();
  const connections = createConnectionChoice(() => api.listSaasusConnections());
  const login = createLogin();
  const submission = createSubmission<'test' | 'login' | 'paste'>();
  const [test, setTest] = createSignal<SaasusConnectionTest | null>(null);

  async function runTest(): Promise<void> {
    const c = connections.chosen();
    if (!c) return;
    setTest(null);
    const result = await submission.run('test', () => api.testSaasusConnection({ id: c.id }));
    if (result.ok) setTest(result.value);
  }

  async function logIn(): Promise<void> {
    const c = connections.chosen();
    if (!c) return;
    const result = await submission.run('login', () => login.run((loginId) => api.loginSaasus({ loginId, connectionId: c.id })));
    if (result.ok) props.onDone(result.value.id);
  }

  async function paste(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = connections.chosen();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    if (!c) return;
    const result = await submission.run('paste', () => api.exchangeSaasusCode({ connectionId: c.id, code: input.value }));
    if (result.ok) props.onDone(result.value.id);
  }

  return (
    <div class="flow" data-testid="saasus-flow">
      <ConnectionChoices
        choice={connections}
        form={SaasusConnectionForm}
        legend="SaaS"
        noun="connection"
        note={(c) => c.saasId}
        disabled={login.id() !== null}
        onChoose={() => setTest(null)}
        status={
          <Show when={connections.chosen()?.statusMessage}>
            {(message) => (
              <div class="notice notice-error" role="status" data-testid="connection-status">
                <div>
                  <p>{message()}</p>
                  <p class="muted">Nothing is sent with this connection until then. Its accounts keep their tokens.</p>
                </div>
                <button type="button" class="button" onClick={() => connections.edit(connections.chosen())}>
                  Enter the secret key again
                </button>
              </div>
            )}
          </Show>
        }
      >
        <div class="actions">
          <Button onClick={() => void runTest()} disabled={submission.busy()} busy={submission.busy('test')} data-testid="saasus-test">
            {submission.busy('test') ? 'Testing…' : 'Test connection'}
          </Button>
          <Button variant="primary" onClick={() => void logIn()} disabled={submission.busy()} data-testid="saasus-login">
            Log in in the browser
          </Button>
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
        <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>

        <form class="paste-form" onSubmit={(e) => void paste(e)}>
          <label for="saasus-code">Or paste a code (or the whole callback address) from the browser</label>
          <div class="inline">
            <input id="saasus-code" name="code" autocomplete="off" spellcheck={false} required />
            <Button type="submit" disabled={submission.busy()} busy={submission.busy('paste')}>
              Use code
            </Button>
          </div>
          <p class="muted">Codes work once, for 10 seconds.</p>
        </form>
      </ConnectionChoices>
      <FieldError message={submission.error()} testId="flow-error" />
    </div>
  );
}
