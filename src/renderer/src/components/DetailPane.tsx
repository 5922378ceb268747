/**
 * The selected account: identity, its state in words with what it means and the exact date
 * (visible text, reachable without a mouse), the provider's actions (an expired or needs-login
 * account leads with one primary "Log in again"), the credentials card, dates, the provider's
 * facts and sections (providers/registry.ts), replaced tokens not revoked yet, and Rename and
 * Remove in a menu (Remove revokes the credentials at the provider first where it can). Each fact
 * is shown once: the state line says the expiry, the facts list says the rest.
 *
 * App mounts one pane per selected account (keyed by id), so an edit in progress never carries
 * over to another account. The detail is fetched from main a moment after the selection settles
 * (arrowing through 1,000 rows does not send 1,000 requests) and again when the account changes.
 */
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { isProviderFailure } from '../../../shared/error-policy';
import type { ErrorInfo, Result } from '../../../shared/errors';
import type { AccountDetail, AccountSummary, PendingRevocation, RevocationRetryResult } from '../../../shared/types';
import { useErrorText, useStatusText } from '../error-text';
import { useI18n } from '../i18n';
import { providerUi } from '../providers/registry';
import { accountState, stateExplanation, stateWhen } from '../state/attention';
import { timeFor, useClock } from '../state/clock';
import { createSubmission } from '../state/submission';
import { useTessera } from '../tessera';
import { ProviderBadge, StateBadge } from './Badges';
import { Button } from './Button';
import { CredentialsCard } from './CredentialsCard';
import { Dialog } from './Dialog';
import { FieldError } from './FormParts';
import { Menu } from './Menu';
import { PendingRevocations } from './PendingRevocations';
import { RenameForm } from './RenameForm';
import './DetailPane.css';

const SETTLE_MS = 120;

export function DetailPane(props: {
  account: AccountSummary;
  warnMs: number;
  /** Bumped by the window's F2 and Delete shortcuts. */
  renameRequest: number;
  removeRequest: number;
  rename: (name: string) => Promise<Result<unknown>>;
  /** This account's replaced tokens that could not be revoked yet. */
  revocations: readonly PendingRevocation[];
  retryRevocations: () => Promise<Result<RevocationRetryResult>>;
  /** `localOnly`: remove without revoking (when the revocation cannot be done now). */
  remove: (localOnly: boolean) => Promise<Result<unknown>>;
  /** Called after a successful removal, to put focus somewhere sensible. */
  onRemoved: (name: string) => void;
  ref?: (el: HTMLElement) => void;
}) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const errorText = useErrorText();
  const statusText = useStatusText();
  const clock = useClock();
  const [settled, setSettled] = createSignal(false);
  const settleTimer = setTimeout(() => setSettled(true), SETTLE_MS);
  onCleanup(() => clearTimeout(settleTimer));

  const [detail, { refetch }] = createResource(
    () => settled() && ([props.account.id, props.account.updatedAt] as const),
    async ([id]): Promise<{ value: AccountDetail | null; error: ErrorInfo | null }> => {
      const result = await api.getAccount({ id });
      return result.ok ? { value: result.value, error: null } : { value: null, error: result.error };
    },
  );
  const detailValue = (): AccountDetail | null => detail.latest?.value ?? null;
  // Main fetches and checks the avatar and sends it as a data: URL (the CSP allows no remote image);
  // until it comes, or if it does not decode, the initial shows.
  const [avatarBroken, setAvatarBroken] = createSignal(false);
  const avatar = (): string | null => (avatarBroken() ? null : (detailValue()?.avatar ?? null));
  createEffect(on(() => detailValue()?.avatar, () => setAvatarBroken(false), { defer: true }));
  const now = (): number => timeFor(clock, props.account.scope?.sessionEndsAt ?? props.account.expiresAt);
  const state = createMemo(() => accountState(props.account, now(), props.warnMs));
  const when = createMemo(() => stateWhen(state(), now(), t, fmt()));
  // The exact instant the state is about, as text.
  const exact = createMemo(() => {
    const s = state();
    if (s.at === null || s.kind === 'refresh-failing') return null;
    const date = fmt().date(s.at);
    if (s.session) return t('account.sessionEndsOn', { date });
    return s.at <= now() ? t('account.expiredOn', { date }) : t('account.expiresOn', { date });
  });
  const initial = (): string => ([...props.account.displayName.trim()][0] ?? '?').toUpperCase();
  const ui = () => providerUi(props.account.provider);
  // The provider's own detail, once loaded: its sections only ever get their own kind.
  const provided = () => {
    const value = detailValue()?.provided;
    return value?.kind === props.account.provider ? value : null;
  };

  const [editing, setEditing] = createSignal(false);
  const [confirmRemove, setConfirmRemove] = createSignal(false);
  const removal = createSubmission();
  let menuButton: HTMLButtonElement | undefined;

  createEffect(on(() => props.renameRequest, () => setEditing(true), { defer: true }));
  createEffect(on(() => props.removeRequest, () => setConfirmRemove(true), { defer: true }));

  function stopRename(): void {
    setEditing(false);
    menuButton?.focus();
  }

  // Where removing revokes (Clever Cloud), the credentials are revoked at the provider before they
  // are deleted here. When that cannot be done now (offline, a server error), the user decides
  // whether to remove the account anyway.
  const revokes = () => ui().removal.withoutRevoking !== undefined;
  const [offerLocal, setOfferLocal] = createSignal(false);
  async function remove(localOnly = false): Promise<void> {
    const name = props.account.displayName;
    const result = await removal.run('submit', () => props.remove(localOnly));
    if (result.ok) {
      setConfirmRemove(false);
      setOfferLocal(false);
      props.onRemoved(name);
    } else {
      // Clever Cloud could not revoke it now, or (`changed_outside`) the account's route was changed
      // outside Tessera, so nothing is sent to revoke it.
      setOfferLocal(revokes() && (isProviderFailure(result.error.code) || result.error.code === 'changed_outside'));
    }
  }

  return (
    <section ref={props.ref} class="detail" data-testid="detail-pane" data-account-id={props.account.id} aria-labelledby="detail-name" tabIndex={-1}>
      <header class="detail-header">
        <Show
          when={avatar()}
          fallback={
            <div class="avatar" aria-hidden="true" data-testid="avatar-initial">
              {initial()}
            </div>
          }
        >
          {(src) => <img class="avatar" src={src()} alt="" data-testid="avatar-image" onError={() => setAvatarBroken(true)} />}
        </Show>
        <div class="detail-title">
          <Show
            when={editing()}
            fallback={
              <h2 id="detail-name" class="detail-name" data-testid="detail-name">
                {props.account.displayName}
              </h2>
            }
          >
            <h2 id="detail-name" class="visually-hidden">
              {props.account.displayName}
            </h2>
            <RenameForm name={props.account.displayName} rename={props.rename} onClose={stopRename} focusRequest={props.renameRequest} />
          </Show>
          <p class="detail-subtitle">{props.account.subtitle}</p>
        </div>
      </header>

      <div class="state-summary" data-testid="state-summary">
        <div class="detail-status">
          <ProviderBadge provider={props.account.provider} />
          <StateBadge state={state()} />
          <Show when={when()}>
            {(text) => (
              <span class="state-when" data-testid="state-when">
                {text()}
              </span>
            )}
          </Show>
        </div>
        <p class="detail-explanation muted" data-testid="state-explanation">
          {stateExplanation(state(), t)}
          <Show when={exact()}>
            {(text) => (
              <span class="exact-date" data-testid="state-exact">
                {text()}
              </span>
            )}
          </Show>
        </p>
      </div>
      <Show when={statusText(props.account)}>
        {(text) => (
          <p class={`notice ${state().tone === 'danger' ? 'notice-error' : 'notice-warn'}`} data-testid="status-message">
            {text()}
          </p>
        )}
      </Show>

      <PendingRevocations pending={props.revocations} retry={props.retryRevocations} variant="notice" />

      <div class="actions" role="group" aria-label={t('account.actions')}>
        <Dynamic component={ui().Actions} account={props.account} detail={detailValue()} warnMs={props.warnMs} />
        <Menu
          label={t('account.moreLabel', { name: props.account.displayName })}
          testId="account-menu"
          buttonRef={(el) => (menuButton = el)}
          items={[
            { id: 'rename-button', label: t('account.rename'), keyshortcuts: 'F2', disabled: editing(), onSelect: () => setEditing(true) },
            { id: 'remove-button', label: t('account.remove'), keyshortcuts: 'Delete', danger: true, onSelect: () => setConfirmRemove(true) },
          ]}
        >
          {t('account.more')}
          <span aria-hidden="true" class="menu-caret">
            ▾
          </span>
        </Menu>
      </div>

      <CredentialsCard account={props.account} detail={detailValue()} />

      <dl class="facts" data-testid="facts">
        <dt>{t('account.added')}</dt>
        <dd>{detailValue() ? fmt().date(detailValue()!.createdAt) : t('account.none')}</dd>
        <dt>{t('account.updated')}</dt>
        <dd>{fmt().date(props.account.updatedAt)}</dd>
        <For each={detailValue()?.facts ?? []}>
          {(fact) => (
            <>
              <dt>{t(`account.fact.${fact.label}`)}</dt>
              <dd>{typeof fact.value === 'string' ? fact.value : t(`account.factValue.${fact.value.words}`)}</dd>
            </>
          )}
        </For>
      </dl>
      <Show when={detail.loading && !detail.latest}>
        <p class="muted loading-line" aria-busy="true">
          <span class="spinner" aria-hidden="true" /> {t('account.loading')}
        </p>
      </Show>
      <Show when={detail.latest?.error}>
        {(error) => (
          <div class="notice notice-error" role="alert" data-testid="detail-error">
            <span>{t('account.loadFailed', { message: errorText(error()) })}</span>
            <Button onClick={() => void refetch()} busy={detail.loading}>
              {t('common.retry')}
            </Button>
          </div>
        )}
      </Show>

      <Show when={provided()}>{(detail) => <Dynamic component={ui().Sections} account={props.account} detail={detail()} />}</Show>

      <Show when={confirmRemove()}>
        <Dialog
          title={t('account.removeTitle')}
          testId="remove-dialog"
          busy={removal.busy()}
          onClose={() => setConfirmRemove(false)}
          returnFocus={() => menuButton}
          footer={
            <>
              <Button onClick={() => setConfirmRemove(false)} disabled={removal.busy()} autofocus data-testid="remove-cancel">
                {t('common.cancel')}
              </Button>
              <Show when={offerLocal()}>
                <Button onClick={() => void remove(true)} disabled={removal.busy()} data-testid="remove-local">
                  {t('account.removeAnyway')}
                </Button>
              </Show>
              <Button variant="danger-solid" onClick={() => void remove()} busy={removal.busy()} data-testid="remove-confirm">
                {removal.busy() ? (revokes() ? t('account.revoking') : t('account.removing')) : t('account.remove')}
              </Button>
            </>
          }
        >
          <p data-testid="remove-explanation">
            <strong>{t('account.removeQuestion', { name: props.account.displayName })}</strong> {t(ui().removal.explanation as 'cleverAccount.removal.explanation')}
          </p>
          <Show when={ui().removal.withoutRevoking}>{(key) => <p class="muted">{t(key() as 'cleverAccount.removal.withoutRevoking')}</p>}</Show>
          <FieldError message={removal.error()} testId="remove-error" />
        </Dialog>
      </Show>
    </section>
  );
}
