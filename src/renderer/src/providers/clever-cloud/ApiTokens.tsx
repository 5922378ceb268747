/**
 * A Clever Cloud account's API tokens (src/main/providers/clever-cloud/api-tokens/): the bridge's
 * list with each token's expiry and state, "Create API token" (name, lifetime, and the password
 * and two-factor code, asked each time and forgotten once sent), copy (main writes the clipboard:
 * the window never holds a value), and revoke after a confirmation. Tokens made elsewhere are
 * listed without a value. Self-contained: mounted from CleverCloudSections.tsx.
 *
 * Names come from the bridge and may be hostile: they are rendered as text, never as markup.
 *
 * The list is read from the bridge only once the user opens the section (two signed calls: the list
 * and `/self`), not each time an account is selected.
 */
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import {
  API_TOKEN_DEFAULT_LIFETIME_DAYS,
  API_TOKEN_MAX_LIFETIME_DAYS,
  type ApiTokenCopyForm,
  type ApiTokensOverview,
  type ApiTokenView,
} from '../../../../shared/clever-api-tokens';
import type { ErrorInfo } from '../../../../shared/errors';
import { AsyncButton, Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FieldError, FormActions } from '../../components/FormParts';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { timeFor, useClock } from '../../state/clock';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import './clever-cloud.css';

export function ApiTokens(props: { accountId: string }) {
  const api = useTessera();
  const { t } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = createSignal(false);
  const [overview, { refetch }] = createResource(
    () => (open() ? props.accountId : undefined),
    async (id): Promise<{ ok: true; value: ApiTokensOverview } | { ok: false; error: ErrorInfo }> => api.getCleverApiTokens({ id }),
  );
  const [creating, setCreating] = createSignal(false);
  const [revoking, setRevoking] = createSignal<ApiTokenView | null>(null);
  let createButton: HTMLButtonElement | undefined;

  const failure = (): ErrorInfo | null => {
    const o = overview();
    return o && !o.ok ? o.error : null;
  };
  const loaded = (): ApiTokensOverview | null => {
    const o = overview();
    return o?.ok ? o.value : null;
  };

  return (
    <section class="api-tokens" data-testid="cc-api-tokens" aria-labelledby="cc-api-tokens-title">
      <h3 class="section-title" id="cc-api-tokens-title">
        {t('cleverApiTokens.title')}
      </h3>
      <p class="muted">{t('cleverApiTokens.intro')}</p>
      <Button onClick={() => setOpen(!open())} aria-expanded={open() ? 'true' : 'false'} aria-controls={open() ? 'cc-api-tokens-body' : undefined} data-testid="cc-api-tokens-toggle">
        {open() ? t('cleverApiTokens.hide') : t('cleverApiTokens.show')}
      </Button>
      <Show when={open()}>
        <div id="cc-api-tokens-body">
          <Switch>
            <Match when={overview.loading && !overview.latest}>
              <p class="muted" role="status">
                {t('cleverApiTokens.loading')}
              </p>
            </Match>
            <Match when={failure()}>
              {(error) => (
                <p class="field-error" role="alert" data-testid="cc-api-tokens-error">
                  {errorText(error())}
                </p>
              )}
            </Match>
            <Match when={loaded()}>
              {(o) => (
                <Show when={o().tokens.length > 0} fallback={<p class="muted" data-testid="cc-api-tokens-empty">{t('cleverApiTokens.empty')}</p>}>
                  <ul class="api-token-list" data-testid="cc-api-token-list">
                    <For each={o().tokens}>{(token) => <TokenRow accountId={props.accountId} token={token} onRevoke={() => setRevoking(token)} />}</For>
                  </ul>
                </Show>
              )}
            </Match>
          </Switch>
          <div class="form-actions">
            <Button onClick={() => void refetch()} busy={overview.loading} data-testid="cc-api-tokens-reload">
              {t('cleverApiTokens.reload')}
            </Button>
            <Button ref={createButton} variant="primary" onClick={() => setCreating(true)} disabled={!loaded()} data-testid="cc-api-token-create">
              {t('cleverApiTokens.create')}
            </Button>
          </div>
        </div>
      </Show>
      <Show when={creating() && loaded()}>
        {(o) => (
          <CreateDialog
            accountId={props.accountId}
            overview={o()}
            returnFocus={() => createButton}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              void refetch();
            }}
          />
        )}
      </Show>
      <Show when={revoking()}>
        {(token) => (
          <RevokeDialog
            accountId={props.accountId}
            token={token()}
            onClose={() => setRevoking(null)}
            onRevoked={() => {
              setRevoking(null);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}

function TokenRow(props: { accountId: string; token: ApiTokenView; onRevoke: () => void }) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const clock = useClock();
  const expired = () => props.token.state === 'EXPIRED' || props.token.expiresAt <= timeFor(clock, props.token.expiresAt);
  const copy = (form: ApiTokenCopyForm) => api.copyCleverApiToken({ id: props.accountId, apiTokenId: props.token.apiTokenId, form });
  return (
    <li class="api-token" data-testid="cc-api-token" data-token-id={props.token.apiTokenId} data-state={expired() ? 'expired' : 'active'}>
      <div class="api-token-head">
        <span class="api-token-name" data-testid="cc-api-token-name">
          {props.token.name}
        </span>
        <span class={`badge ${expired() ? 'expired' : 'fresh'}`} data-testid="cc-api-token-state">
          {props.token.state === 'UNKNOWN' && !expired()
            ? t('cleverApiTokens.stateUnknown')
            : expired()
              ? t('cleverApiTokens.stateExpired')
              : t('cleverApiTokens.stateActive')}
        </span>
      </div>
      <p class="muted" title={fmt().date(props.token.expiresAt)}>
        {expired()
          ? t('cleverApiTokens.expiredAgo', { when: fmt().relative(props.token.expiresAt - timeFor(clock, props.token.expiresAt)) })
          : t('cleverApiTokens.expiresIn', { when: fmt().relative(props.token.expiresAt - timeFor(clock, props.token.expiresAt)) })}
        <Show when={props.token.createdAt}>{(at) => <> · {t('cleverApiTokens.createdOn', { date: fmt().day(at()) })}</>}</Show>
      </p>
      <div class="api-token-actions">
        <Show when={props.token.held} fallback={<span class="muted" data-testid="cc-api-token-not-held">{t('cleverApiTokens.notHeld')}</span>}>
          <AsyncButton run={() => copy('bearer-header')} disabled={expired()} data-testid="cc-api-token-copy-bearer">
            {t('cleverApiTokens.copyBearer')}
          </AsyncButton>
          <AsyncButton run={() => copy('env-line')} disabled={expired()} data-testid="cc-api-token-copy-env">
            {t('cleverApiTokens.copyEnv')}
          </AsyncButton>
        </Show>
        <Button variant="danger" onClick={() => props.onRevoke()} data-testid="cc-api-token-revoke">
          {t('cleverApiTokens.revoke')}
        </Button>
      </div>
    </li>
  );
}

function CreateDialog(props: { accountId: string; overview: ApiTokensOverview; onClose: () => void; onCreated: () => void; returnFocus: () => HTMLElement | undefined }) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const needsCode = () => props.overview.preferredMfa === 'TOTP';
  const noPassword = () => props.overview.hasPassword === false;

  async function submit(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    setBusy(true);
    setError(null);
    const result = await api.createCleverApiToken({
      id: props.accountId,
      name: text('name'),
      lifetimeDays: Number(text('lifetime')),
      password: text('password'),
      ...(needsCode() ? { mfaCode: text('mfaCode') } : {}),
    });
    setBusy(false);
    // The password field is emptied whatever happened: nothing keeps it.
    const password = form.elements.namedItem('password');
    if (password instanceof HTMLInputElement) password.value = '';
    if (!result.ok) return void setError(errorText(result.error));
    const outcome = result.value;
    if (outcome.status === 'created') {
      showToast('info', t('cleverApiTokens.created', { name: outcome.token.name }));
      props.onCreated();
      return;
    }
    setError(
      outcome.reason === 'invalid-mfa-code'
        ? t('cleverApiTokens.invalidMfa')
        : outcome.reason === 'no-password'
          ? t('cleverApiTokens.noPassword')
          : t('cleverApiTokens.invalidCredential'),
    );
  }

  return (
    <Dialog title={t('cleverApiTokens.dialogTitle')} testId="cc-api-token-dialog" busy={busy()} onClose={props.onClose} returnFocus={props.returnFocus}>
      <Show
        when={!noPassword()}
        fallback={
          <>
            <p class="status-message" role="status" data-testid="cc-api-token-no-password">
              {t('cleverApiTokens.noPassword')}
            </p>
            <div class="form-actions">
              <Button onClick={() => props.onClose()} autofocus>
                {t('common.close')}
              </Button>
            </div>
          </>
        }
      >
        <form
          class="form"
          autocomplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(e.currentTarget);
          }}
        >
          <label for="cc-api-token-name">{t('cleverApiTokens.name')}</label>
          <input id="cc-api-token-name" name="name" required maxLength={256} autofocus data-testid="cc-api-token-name-input" />
          <label for="cc-api-token-lifetime">{t('cleverApiTokens.lifetime')}</label>
          <input
            id="cc-api-token-lifetime"
            name="lifetime"
            type="number"
            min={1}
            max={API_TOKEN_MAX_LIFETIME_DAYS}
            step={1}
            value={API_TOKEN_DEFAULT_LIFETIME_DAYS}
            required
            aria-describedby="cc-api-token-lifetime-hint"
            data-testid="cc-api-token-lifetime"
          />
          <p id="cc-api-token-lifetime-hint" class="muted">
            {t('cleverApiTokens.lifetimeHint', { max: fmt().number(API_TOKEN_MAX_LIFETIME_DAYS) })}
          </p>
          <label for="cc-api-token-password">{t('cleverApiTokens.password')}</label>
          <input
            id="cc-api-token-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby="cc-api-token-password-hint"
            data-testid="cc-api-token-password"
          />
          <p id="cc-api-token-password-hint" class="muted">
            {t('cleverApiTokens.passwordHint')}
          </p>
          <Show when={needsCode()}>
            <label for="cc-api-token-mfa">{t('cleverApiTokens.mfaCode')}</label>
            <input
              id="cc-api-token-mfa"
              name="mfaCode"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6,8}"
              required
              aria-describedby="cc-api-token-mfa-hint"
              data-testid="cc-api-token-mfa"
            />
            <p id="cc-api-token-mfa-hint" class="muted">
              {t('cleverApiTokens.mfaHint')}
            </p>
          </Show>
          <FieldError message={error()} testId="cc-api-token-error" />
          <FormActions
            submit={busy() ? t('cleverApiTokens.creating') : t('cleverApiTokens.submit')}
            busy={busy()}
            onCancel={() => props.onClose()}
            submitTestId="cc-api-token-submit"
          />
        </form>
      </Show>
    </Dialog>
  );
}

function RevokeDialog(props: { accountId: string; token: ApiTokenView; onClose: () => void; onRevoked: () => void }) {
  const api = useTessera();
  const { t } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = createSignal<string | null>(null);
  return (
    <Dialog
      title={t('cleverApiTokens.revokeTitle')}
      testId="cc-api-token-revoke-dialog"
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={() => props.onClose()} autofocus data-testid="cc-api-token-revoke-cancel">
            {t('common.cancel')}
          </Button>
          <AsyncButton
            variant="danger-solid"
            run={() => api.revokeCleverApiToken({ id: props.accountId, apiTokenId: props.token.apiTokenId })}
            onSuccess={() => {
              showToast('info', t('cleverApiTokens.revoked', { name: props.token.name }));
              props.onRevoked();
            }}
            onError={(e) => setError(errorText(e))}
            data-testid="cc-api-token-revoke-confirm"
          >
            {t('cleverApiTokens.revoke')}
          </AsyncButton>
        </>
      }
    >
      <p data-testid="cc-api-token-revoke-explanation">{t('cleverApiTokens.revokeBody', { name: props.token.name })}</p>
      <FieldError message={error()} testId="cc-api-token-revoke-error" />
    </Dialog>
  );
}
