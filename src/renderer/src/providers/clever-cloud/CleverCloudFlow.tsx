/**
 * Adding a Clever Cloud account, in three tabs: log in through the Clever Cloud console in the
 * browser (recommended: nothing to set up), with the user's own OAuth consumer, or import
 * clever-tools credentials (its config file, the CLEVER_TOKEN / CLEVER_SECRET environment, or a
 * pasted token and secret). Imported credentials are checked against Clever Cloud before they are
 * saved. Each tab has one primary button, kept in view at the dialog's foot; a failure is shown
 * next to the control that failed, which points at it (aria-describedby) and is marked invalid.
 */
import { createSignal, For, Show } from 'solid-js';
import type { CleverCloudConsumer, ImportResult } from '../../../../shared/types';
import { Button } from '../../components/Button';
import { ConnectionChoices } from '../../components/ConnectionChoices';
import { describedBy, FieldError } from '../../components/FormParts';
import { createLogin, LoginProgress } from '../../components/LoginProgress';
import { Tabs } from '../../components/Tabs';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { createConnectionChoice } from '../../state/connections';
import { createSubmission } from '../../state/submission';
import { useTessera } from '../../tessera';
import type { AddAccountFlowProps } from '../provider-ui';
import { ConsumerForm } from './ConsumerForm';
import { hasProfileNews, ProfileImportResult } from './ProfileImportResult';

type Action = 'login' | 'consumer' | 'file' | 'env' | 'paste';

export function CleverCloudFlow(props: AddAccountFlowProps) {
  const errorText = useErrorText();
  const api = useTessera();
  const { t } = useI18n();
  const consumers = createConnectionChoice(() => api.listCleverCloudConsumers());
  const login = createLogin();
  const submission = createSubmission<Action>();
  const [report, setReport] = createSignal<ImportResult | null>(null);
  let pathInput!: HTMLInputElement;

  async function logIn(consumer?: CleverCloudConsumer): Promise<void> {
    const result = await submission.run(consumer ? 'consumer' : 'login', () =>
      login.run((loginId) => (consumer ? api.loginCleverCloudConsumer({ loginId, consumerId: consumer.id }) : api.loginCleverCloud({ loginId }))),
    );
    if (result.ok) props.onDone(result.value.id);
  }

  async function runImport(kind: 'file' | 'env'): Promise<void> {
    setReport(null);
    const path = pathInput.value.trim();
    const result = await submission.run(kind, () => (kind === 'file' ? api.importCleverTools({ path: path || undefined }) : api.importCleverCloudEnvironment()));
    if (!result.ok) return;
    // A profile import with overrides, or whose tokens stay in plaintext, shows what it did first.
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
    else document.getElementById('cc-token')?.focus();
  }

  const invalid = (action: Action): 'true' | undefined => (submission.errorFor(action) ? 'true' : undefined);
  const errorOf = (action: Action, id: string) => <FieldError message={submission.errorFor(action)} id={id} testId="flow-error" />;

  const browserPanel = () => (
    <>
      <p class="muted" id="cc-login-text">
        {t('cleverAdd.browserIntro')}
      </p>
      <Show when={login.id() !== null && submission.busy('login')}>
        <LoginProgress loginId={login.id()!} />
      </Show>
      {errorOf('login', 'cc-login-error')}
      <div class="actions sticky-actions">
        <button
          type="button"
          class="button primary"
          onClick={() => void logIn()}
          disabled={submission.busy()}
          aria-describedby={describedBy('cc-login-text', submission.errorFor('login') && 'cc-login-error')}
          data-testid="cc-login"
        >
          {t('cleverAdd.logIn')}
        </button>
      </div>
    </>
  );

  const consumerPanel = () => (
    <ConnectionChoices
      choice={consumers}
      form={ConsumerForm}
      legend={t('cleverAdd.consumerLegend')}
      noun="consumer"
      newLabel={t('cleverAdd.newConsumer')}
      note={(c) => t('cleverAdd.consumerNote', { port: String(c.callbackPort) })}
      disabled={submission.busy()}
      editTestId="cc-edit-consumer"
      status={
        <Show when={consumers.chosen()?.statusMessage}>
          {(message) => (
            <p class="notice notice-error" role="status" data-testid="consumer-status">
              {message()} {t('cleverAdd.consumerUnusable')}
            </p>
          )}
        </Show>
      }
      actions={
        <button
          type="button"
          class="button primary"
          onClick={() => void logIn(consumers.chosen() ?? undefined)}
          disabled={submission.busy()}
          aria-describedby={submission.errorFor('consumer') ? 'cc-consumer-error' : undefined}
          data-testid="cc-login-consumer"
        >
          {t('cleverAdd.logInWith', { name: consumers.chosen()?.name ?? '' })}
        </button>
      }
    >
      <Show when={login.id() !== null && submission.busy('consumer')}>
        <LoginProgress loginId={login.id()!} />
      </Show>
      {errorOf('consumer', 'cc-consumer-error')}
    </ConnectionChoices>
  );

  const importPanel = () => (
    <>
      <div class="form">
        <label for="cc-path">{t('cleverAdd.configFile')}</label>
        <div class="inline wrap">
          <input
            id="cc-path"
            ref={pathInput}
            placeholder={t('cleverAdd.configFilePlaceholder')}
            spellcheck={false}
            aria-invalid={invalid('file')}
            aria-describedby={submission.errorFor('file') ? 'cc-file-error' : undefined}
          />
          <Button variant="primary" disabled={submission.busy()} busy={submission.busy('file')} onClick={() => void runImport('file')} data-testid="cc-import-file">
            {t('cleverAdd.importFile')}
          </Button>
        </div>
        {errorOf('file', 'cc-file-error')}
        <div>
          <Button
            disabled={submission.busy()}
            busy={submission.busy('env')}
            onClick={() => void runImport('env')}
            aria-describedby={submission.errorFor('env') ? 'cc-env-error' : undefined}
            data-testid="cc-import-env"
          >
            {t('cleverAdd.importEnv')}
          </Button>
        </div>
        {errorOf('env', 'cc-env-error')}
      </div>
      <Show when={report() && hasProfileNews(report()!) ? report() : null}>{(r) => <ProfileImportResult result={r()} onDone={props.onDone} />}</Show>
      <Show when={report() && report()!.failed.length > 0 ? report() : null}>
        {(r) => (
          <div class="notice notice-warn" role="status" data-testid="cc-import-report">
            <p>{t('cleverAdd.importReport', { imported: r().imported.length, failed: r().failed.length })}</p>
            <ul>
              <For each={r().failed}>
                {(f) => (
                  <li>
                    <strong>{f.alias}</strong>: {errorText(f)}
                  </li>
                )}
              </For>
            </ul>
            <div>
              <button type="button" class="button" onClick={() => props.onDone(r().imported[0]?.id ?? '')} disabled={r().imported.length === 0}>
                {t('cleverAdd.done')}
              </button>
            </div>
          </div>
        )}
      </Show>
      <form class="form paste-form" onSubmit={(e) => void paste(e)} data-testid="cc-paste-form" aria-labelledby="cc-paste-title">
        <p id="cc-paste-title" class="form-title">
          {t('cleverAdd.pasteTitle')}
        </p>
        <label for="cc-token">{t('cleverAdd.token')}</label>
        <input id="cc-token" name="token" autocomplete="off" spellcheck={false} required aria-invalid={invalid('paste')} aria-describedby={submission.errorFor('paste') ? 'cc-paste-error' : undefined} />
        <label for="cc-secret">{t('cleverAdd.tokenSecret')}</label>
        <input id="cc-secret" name="secret" type="password" autocomplete="off" required aria-invalid={invalid('paste')} aria-describedby={submission.errorFor('paste') ? 'cc-paste-error' : undefined} />
        <label for="cc-consumer">{t('cleverAdd.issuedTo')}</label>
        <select id="cc-consumer" name="consumer">
          <option value="">{t('cleverAdd.issuedToCleverTools')}</option>
          <For each={consumers.list()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
        {errorOf('paste', 'cc-paste-error')}
        <div class="form-actions">
          <Button type="submit" disabled={submission.busy()} busy={submission.busy('paste')}>
            {t('cleverAdd.checkAndAdd')}
          </Button>
        </div>
      </form>
    </>
  );

  return (
    <div class="flow" data-testid="clever-cloud-flow">
      <Tabs
        id="cc-add"
        label={t('cleverAdd.tabsLabel')}
        testId="cc-tabs"
        tabs={[
          {
            key: 'browser',
            label: (
              <>
                {t('cleverAdd.tabBrowser')} <span class="tab-note">{t('cleverAdd.recommended')}</span>
              </>
            ),
            panel: browserPanel,
          },
          { key: 'consumer', label: t('cleverAdd.tabConsumer'), panel: consumerPanel },
          { key: 'import', label: t('cleverAdd.tabImport'), panel: importPanel },
        ]}
      />
    </div>
  );
}
