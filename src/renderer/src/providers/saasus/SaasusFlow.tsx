/**
 * Adding a SaaSus account: pick (or set up) the SaaS connection — saving one tests it
 * (SaasusConnectionForm.tsx) and shows where its callback goes —, then log in through the SaaS's
 * own login page in the browser, or paste a code when the SaaS sends its users elsewhere. Each
 * failure is shown next to the control that failed.
 */
import { createSignal, Show } from 'solid-js';
import type { SaasusConnectionTest } from '../../../../shared/types';
import { Button } from '../../components/Button';
import { ConnectionChoices } from '../../components/ConnectionChoices';
import { CopyableAddress, describedBy, FieldError } from '../../components/FormParts';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { useI18n } from '../../i18n';
import { createConnectionChoice } from '../../state/connections';
import { createSubmission } from '../../state/submission';
import { useTessera } from '../../tessera';
import type { AddAccountFlowProps } from '../provider-ui';
import { SaasusConnectionForm } from './SaasusConnectionForm';

export function SaasusFlow(props: AddAccountFlowProps) {
  const api = useTessera();
  const { t } = useI18n();
  const connections = createConnectionChoice(() => api.listSaasusConnections());
  const login = createLogin();
  const submission = createSubmission<'test' | 'login' | 'paste'>();
  const [test, setTest] = createSignal<SaasusConnectionTest | null>(null);

  /** Tests the chosen connection, or the one just saved (the list may not have it yet). */
  async function runTest(c = connections.chosen()): Promise<void> {
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
    else input.focus();
  }

  return (
    <div class="flow" data-testid="saasus-flow">
      <ConnectionChoices
        choice={connections}
        form={SaasusConnectionForm}
        legend={t('saasusAdd.connectionLegend')}
        noun="connection"
        newLabel={t('saasusAdd.newConnection')}
        note={(c) => c.saasId}
        disabled={login.id() !== null}
        onChoose={() => setTest(null)}
        // Saved and tested: show where its callback goes (ConnectionChoices then leads on to logging in).
        onSaved={(saved) => void runTest(saved)}
        status={
          <Show when={connections.chosen()?.statusMessage}>
            {(message) => (
              <div class="notice notice-error" role="status" data-testid="connection-status">
                <div>
                  <p>{message()}</p>
                  <p class="muted">{t('saasusAdd.connectionUnusable')}</p>
                </div>
                <button type="button" class="button" onClick={() => connections.edit(connections.chosen())}>
                  {t('saasusAdd.enterSecretAgain')}
                </button>
              </div>
            )}
          </Show>
        }
      >
        <Show when={test()}>
          {(r) => (
            <div class={`notice ${r().matchesTessera ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="saasus-test-result">
              <p>
                {t('saasusAdd.registeredCallback')} <code>{r().callbackUrl}</code>
              </p>
              <Show when={r().matchesTessera} fallback={<p>{t('saasusAdd.callbackMismatch')}</p>}>
                <p>{t('saasusAdd.callbackMatches')}</p>
              </Show>
              <Show when={!r().matchesTessera}>
                <CopyableAddress address={r().expectedCallbackUrl} id="saasus-expected-callback" />
              </Show>
            </div>
          )}
        </Show>
        {/* The connection test's failure: the chosen connection is the control it is about. */}
        <FieldError message={submission.errorFor('test')} id="saasus-test-error" testId="flow-error" />
        <Show when={login.id()}>{(id) => <LoginProgress loginId={id()} />}</Show>
        <FieldError message={submission.errorFor('login')} id="saasus-login-error" testId="flow-error" />

        <form class="paste-form" onSubmit={(e) => void paste(e)} data-testid="saasus-paste-form">
          <label for="saasus-code">{t('saasusAdd.pasteLabel')}</label>
          <p id="saasus-code-hint" class="muted">
            {t('saasusAdd.pasteExplained')}
          </p>
          <div class="inline wrap">
            <input
              id="saasus-code"
              name="code"
              autocomplete="off"
              spellcheck={false}
              required
              aria-invalid={submission.errorFor('paste') ? 'true' : undefined}
              aria-describedby={describedBy('saasus-code-hint', submission.errorFor('paste') && 'saasus-paste-error')}
            />
            <Button type="submit" disabled={submission.busy()} busy={submission.busy('paste')}>
              {t('saasusAdd.useCode')}
            </Button>
          </div>
          <FieldError message={submission.errorFor('paste')} id="saasus-paste-error" testId="flow-error" />
        </form>

        <div class="actions sticky-actions">
          <Button
            onClick={() => void runTest()}
            disabled={submission.busy()}
            busy={submission.busy('test')}
            aria-describedby={submission.errorFor('test') ? 'saasus-test-error' : undefined}
            data-testid="saasus-test"
          >
            {submission.busy('test') ? t('saasusAdd.testing') : t('saasusAdd.test')}
          </Button>
          <Button
            variant="primary"
            onClick={() => void logIn()}
            disabled={submission.busy()}
            aria-describedby={submission.errorFor('login') ? 'saasus-login-error' : undefined}
            data-testid="saasus-login"
          >
            {t('saasusAdd.logIn')}
          </Button>
        </div>
      </ConnectionChoices>
    </div>
  );
}
