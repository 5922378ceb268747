/**
 * A Clever Cloud account's organisation service tokens: the user's organisations (loaded when
 * asked: each is three calls to Clever Cloud), each with its tokens (role, scope, expiry, whether
 * Tessera keeps the value), "create" (a role picker offering only roles up to the user's own, an
 * application picker, a lifetime), "copy" (main writes the clipboard: the value never comes to the
 * window) and "revoke" after a confirmation. Names from Clever Cloud are shown as text only.
 * Self-contained: CleverCloudSections.tsx mounts it with one line.
 */
import { createSignal, For, Show } from 'solid-js';
import type { ErrorInfo } from '../../../../shared/errors';
import { DEFAULT_SERVICE_TOKEN_TTL_SECONDS, rolesToGive, type OrganisationRole, type OrganisationView, type ServiceTokenView } from '../../../../shared/service-tokens';
import type { AccountSummary } from '../../../../shared/types';
import { AsyncButton, Button } from '../../components/Button';
import { FieldError } from '../../components/FormParts';
import { useErrorText } from '../../error-text';
import { useI18n } from '../../i18n';
import { showToast } from '../../state/toasts';
import { useTessera } from '../../tessera';
import './ServiceTokens.css';

const DAY_SECONDS = 86_400;
const MAX_DAYS = 365;

interface OrganisationState {
  readonly org: OrganisationView;
  readonly tokens: readonly ServiceTokenView[] | null;
  readonly error: ErrorInfo | null;
}

export function ServiceTokens(props: { account: AccountSummary }) {
  const api = useTessera();
  const { t } = useI18n();
  const errorText = useErrorText();
  const [orgs, setOrgs] = createSignal<readonly OrganisationState[] | null>(null);
  const [error, setError] = createSignal<ErrorInfo | null>(null);

  async function loadTokens(org: OrganisationView): Promise<void> {
    const result = await api.listServiceTokens({ id: props.account.id, orgId: org.id });
    setOrgs((all) => all?.map((s) => (s.org.id === org.id ? { org, tokens: result.ok ? result.value : s.tokens, error: result.ok ? null : result.error } : s)) ?? null);
  }

  async function load() {
    const result = await api.listCleverOrganisations({ id: props.account.id });
    if (!result.ok) return result;
    setError(null);
    setOrgs(result.value.map((org) => ({ org, tokens: null, error: null })));
    await Promise.all(result.value.map(loadTokens));
    return result;
  }

  return (
    <section class="service-tokens" data-testid="cc-service-tokens" aria-labelledby="cc-service-tokens-title">
      <h3 class="section-title" id="cc-service-tokens-title">
        {t('cleverServiceTokens.title')}
      </h3>
      <p class="muted">{t('cleverServiceTokens.intro')}</p>
      <AsyncButton run={load} busyLabel={t('cleverServiceTokens.loading')} onError={setError} data-testid="st-load">
        {orgs() === null ? t('cleverServiceTokens.load') : t('cleverServiceTokens.reload')}
      </AsyncButton>
      <FieldError message={error() ? errorText(error()!) : null} testId="st-error" />
      <Show when={orgs()?.length === 0}>
        <p class="muted">{t('cleverServiceTokens.none')}</p>
      </Show>
      <For each={orgs() ?? []}>
        {(state) => <Organisation account={props.account} state={state} reload={() => loadTokens(state.org)} />}
      </For>
      <Show when={orgs() !== null}>
        <p class="muted">{t('cleverServiceTokens.gitHint')}</p>
      </Show>
    </section>
  );
}

function Organisation(props: { account: AccountSummary; state: OrganisationState; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [creating, setCreating] = createSignal(false);
  const org = () => props.state.org;
  const roleName = (role: OrganisationRole) => t(`cleverServiceTokens.role.${role}`);
  return (
    <article class="st-organisation" data-testid="st-organisation" data-org-id={org().id}>
      <h4 class="st-org-name">{org().name}</h4>
      <p class="muted">{t('cleverServiceTokens.yourRole', { role: roleName(org().role) })}</p>
      <FieldError message={props.state.error ? errorText(props.state.error) : null} />
      <Show when={props.state.tokens?.length === 0}>
        <p class="muted">{t('cleverServiceTokens.noTokens')}</p>
      </Show>
      <Show when={(props.state.tokens?.length ?? 0) > 0}>
        <ul class="st-tokens" aria-label={t('cleverServiceTokens.tokensOf', { organisation: org().name })}>
          <For each={props.state.tokens ?? []}>{(token) => <TokenRow account={props.account} org={org()} token={token} reload={props.reload} />}</For>
        </ul>
      </Show>
      <Show
        when={creating()}
        fallback={
          <Button onClick={() => setCreating(true)} data-testid="st-create-open">
            {t('cleverServiceTokens.create')}
          </Button>
        }
      >
        <CreateForm
          account={props.account}
          org={org()}
          done={async () => {
            setCreating(false);
            await props.reload();
          }}
          cancel={() => setCreating(false)}
        />
      </Show>
    </article>
  );
}

function TokenRow(props: { account: AccountSummary; org: OrganisationView; token: ServiceTokenView; reload: () => Promise<void> }) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const [confirming, setConfirming] = createSignal(false);
  const ref = () => ({ id: props.account.id, orgId: props.org.id, tokenId: props.token.id });
  const appName = () => props.org.applications.find((a) => a.id === props.token.appId)?.name ?? props.token.appId;
  const expiry = () => {
    const at = props.token.expiresAt;
    return at === null ? t('cleverServiceTokens.neverExpires') : t('cleverServiceTokens.expiresOn', { date: fmt().date(at), left: fmt().relative(at - Date.now()) });
  };
  return (
    <li class="st-token" data-testid="st-token" data-token-id={props.token.id}>
      <span class="st-token-name">{props.token.name}</span>
      <dl class="facts">
        <dt>{t('cleverServiceTokens.roleLabel')}</dt>
        <dd data-testid="st-role">{t(`cleverServiceTokens.role.${props.token.role}`)}</dd>
        <dt>{t('cleverServiceTokens.scope')}</dt>
        <dd data-testid="st-scope">{props.token.appId === null ? t('cleverServiceTokens.wholeOrganisation') : appName()}</dd>
        <dt>{t('cleverServiceTokens.expires')}</dt>
        <dd>{expiry()}</dd>
      </dl>
      <p class="muted">{props.token.held ? t('cleverServiceTokens.held') : t('cleverServiceTokens.notHeld')}</p>
      <div class="button-row">
        <Show when={props.token.held}>
          <AsyncButton
            run={() => api.copyServiceToken({ ...ref(), format: 'token' })}
            busyLabel={t('cleverServiceTokens.copying')}
            onError={(e) => showToast('error', errorText(e))}
            data-testid="st-copy"
          >
            {t('cleverServiceTokens.copy')}
          </AsyncButton>
          <AsyncButton
            run={() => api.copyServiceToken({ ...ref(), format: 'authorization-header' })}
            busyLabel={t('cleverServiceTokens.copying')}
            onError={(e) => showToast('error', errorText(e))}
            data-testid="st-copy-header"
          >
            {t('cleverServiceTokens.copyHeader')}
          </AsyncButton>
        </Show>
        <Show
          when={confirming()}
          fallback={
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid="st-revoke">
              {t('cleverServiceTokens.revoke')}
            </Button>
          }
        >
          <div role="group" class="st-confirm" data-testid="st-confirm">
            <p>{t('cleverServiceTokens.confirmRevoke', { name: props.token.name, organisation: props.org.name })}</p>
            <AsyncButton
              variant="danger-solid"
              run={() => api.revokeServiceToken(ref())}
              busyLabel={t('cleverServiceTokens.revoking')}
              onError={(e) => showToast('error', errorText(e))}
              onSuccess={() => {
                showToast('info', t('cleverServiceTokens.revoked', { name: props.token.name }));
                void props.reload();
              }}
              data-testid="st-revoke-confirm"
            >
              {t('cleverServiceTokens.confirm')}
            </AsyncButton>
            <Button onClick={() => setConfirming(false)}>{t('cleverServiceTokens.cancel')}</Button>
          </div>
        </Show>
      </div>
    </li>
  );
}

function CreateForm(props: { account: AccountSummary; org: OrganisationView; done: () => Promise<void>; cancel: () => void }) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const roles = () => rolesToGive(props.org.role);
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<OrganisationRole>(roles().includes('DEVELOPER') ? 'DEVELOPER' : roles()[0]!);
  const [appId, setAppId] = createSignal('');
  const [days, setDays] = createSignal(String(DEFAULT_SERVICE_TOKEN_TTL_SECONDS / DAY_SECONDS));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorInfo | null>(null);
  const idOf = (field: string) => `st-${props.org.id}-${field}`;

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const lifetime = Number(days());
    setBusy(true);
    const result = await api.createServiceToken({
      id: props.account.id,
      orgId: props.org.id,
      name: name(),
      role: role(),
      ...(appId() ? { appId: appId() } : {}),
      ttlSeconds: Number.isInteger(lifetime) ? lifetime * DAY_SECONDS : Number.NaN,
    });
    setBusy(false);
    if (!result.ok) return void setError(result.error);
    showToast('info', t('cleverServiceTokens.created', { name: result.value.name }));
    await props.done();
  }

  return (
    <form class="st-create" data-testid="st-create" onSubmit={(e) => void submit(e)} aria-label={t('cleverServiceTokens.createIn', { organisation: props.org.name })}>
      <label for={idOf('name')}>{t('cleverServiceTokens.name')}</label>
      <input id={idOf('name')} name="name" required maxLength={256} value={name()} onInput={(e) => setName(e.currentTarget.value)} placeholder={t('cleverServiceTokens.namePlaceholder')} data-testid="st-name" />
      <label for={idOf('role')}>{t('cleverServiceTokens.roleLabel')}</label>
      <select id={idOf('role')} name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as OrganisationRole)} aria-describedby={idOf('role-help')} data-testid="st-role-picker">
        <For each={roles()}>{(r) => <option value={r}>{t(`cleverServiceTokens.role.${r}`)}</option>}</For>
      </select>
      <p id={idOf('role-help')} class="muted">
        {t('cleverServiceTokens.roleHelp')}
      </p>
      <label for={idOf('app')}>{t('cleverServiceTokens.scopeLabel')}</label>
      <select id={idOf('app')} name="app" value={appId()} onChange={(e) => setAppId(e.currentTarget.value)} data-testid="st-app-picker">
        <option value="">{t('cleverServiceTokens.wholeOrganisation')}</option>
        <For each={props.org.applications}>{(a) => <option value={a.id}>{a.name}</option>}</For>
      </select>
      <label for={idOf('days')}>{t('cleverServiceTokens.lifetime')}</label>
      <input id={idOf('days')} name="days" type="number" min={1} max={MAX_DAYS} step={1} required value={days()} onInput={(e) => setDays(e.currentTarget.value)} aria-describedby={idOf('days-help')} data-testid="st-days" />
      <p class="st-days" aria-live="polite">
        {t('cleverServiceTokens.days', { n: Number(days()) || 0, count: fmt().number(Number(days()) || 0) })}
      </p>
      <p id={idOf('days-help')} class="muted">
        {t('cleverServiceTokens.lifetimeHelp')}
      </p>
      <FieldError message={error() ? errorText(error()!) : null} testId="st-create-error" />
      <div class="button-row">
        <Button onClick={() => props.cancel()} disabled={busy()}>
          {t('cleverServiceTokens.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={busy()} data-testid="st-create-submit">
          {busy() ? t('cleverServiceTokens.creating') : t('cleverServiceTokens.create')}
        </Button>
      </div>
    </form>
  );
}
