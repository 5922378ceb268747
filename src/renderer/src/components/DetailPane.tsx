/**
 * The selected account: identity, provider, token state and expiry, dates, the provider's facts,
 * the provider's own sections and actions (providers/registry.ts), replaced tokens not revoked
 * yet, Rename and Remove (which revokes the credentials at the provider first where it can).
 *
 * App mounts one pane per selected account (keyed by id), so an edit in progress never carries
 * over to another account. The detail is fetched from main a moment after the selection settles
 * (arrowing through 1,000 rows does not send 1,000 requests) and again when the account changes.
 */
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { isProviderFailure } from '../../../shared/error-policy';
import type { ErrorInfo, Result } from '../../../shared/errors';
import { PROVIDER_NAMES, type AccountDetail, type AccountSummary, type PendingRevocation, type RevocationRetryResult } from '../../../shared/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { providerUi } from '../providers/registry';
import { createSubmission } from '../state/submission';
import { useTessera } from '../tessera';
import { createTokenState } from '../token-state';
import { ProviderBadge, StateBadge } from './Badges';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Expiry } from './Expiry';
import { FieldError } from './FormParts';
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
  const { fmt } = useI18n();
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
  const state = createTokenState(
    () => props.account,
    () => props.warnMs,
  );
  const ui = () => providerUi(props.account.provider);
  // The provider's own detail, once loaded: its sections only ever get their own kind.
  const provided = () => {
    const value = detailValue()?.provided;
    return value?.kind === props.account.provider ? value : null;
  };

  const [editing, setEditing] = createSignal(false);
  const [confirmRemove, setConfirmRemove] = createSignal(false);
  const removal = createSubmission();
  let renameButton: HTMLButtonElement | undefined;
  let removeButton: HTMLButtonElement | undefined;

  createEffect(on(() => props.renameRequest, () => setEditing(true), { defer: true }));
  createEffect(on(() => props.removeRequest, () => setConfirmRemove(true), { defer: true }));

  function stopRename(): void {
    setEditing(false);
    renameButton?.focus();
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
              {props.account.displayName.slice(0, 1).toUpperCase()}
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

      <div class="detail-status">
        <ProviderBadge provider={props.account.provider} />
        <StateBadge state={state()} />
        <Expiry at={props.account.expiresAt} class="detail-expiry" />
      </div>
      <Show when={props.account.statusMessage}>
        <p class={`notice ${state() === 'failed' || state() === 'needs-login' || state() === 'expired' ? 'notice-error' : 'notice-warn'}`} data-testid="status-message">
          {props.account.statusMessage}
        </p>
      </Show>

      <PendingRevocations pending={props.revocations} retry={props.retryRevocations} variant="notice" />

      <div class="actions" role="group" aria-label="Account actions">
        <Dynamic component={ui().Actions} account={props.account} detail={detailValue()} warnMs={props.warnMs} />
        <button ref={renameButton} type="button" class="button" onClick={() => setEditing(true)} aria-keyshortcuts="F2" disabled={editing()} data-testid="rename-button">
          Rename
        </button>
        <button ref={removeButton} type="button" class="button danger" onClick={() => setConfirmRemove(true)} aria-keyshortcuts="Delete" data-testid="remove-button">
          Remove
        </button>
      </div>

      <dl class="facts" data-testid="facts">
        <dt>Provider</dt>
        <dd>{PROVIDER_NAMES[props.account.provider]}</dd>
        <dt>Expires</dt>
        <dd>{formatDate(props.account.expiresAt, fmt())}</dd>
        <dt>Added</dt>
        <dd>{detailValue() ? formatDate(detailValue()!.createdAt, fmt()) : '…'}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(props.account.updatedAt, fmt())}</dd>
        <For each={detailValue()?.facts ?? []}>
          {(fact) => (
            <>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </>
          )}
        </For>
      </dl>
      <Show when={detail.loading && !detail.latest}>
        <p class="muted loading-line" aria-busy="true">
          <span class="spinner" aria-hidden="true" /> Loading details…
        </p>
      </Show>
      <Show when={detail.latest?.error}>
        {(error) => (
          <div class="notice notice-error" role="alert" data-testid="detail-error">
            <span>Could not load the details: {error().message}</span>
            <Button onClick={() => void refetch()} busy={detail.loading}>
              Retry
            </Button>
          </div>
        )}
      </Show>

      <Show when={provided()}>{(detail) => <Dynamic component={ui().Sections} account={props.account} detail={detail()} />}</Show>

      <Show when={confirmRemove()}>
        <Dialog
          title="Remove account"
          testId="remove-dialog"
          busy={removal.busy()}
          onClose={() => setConfirmRemove(false)}
          returnFocus={() => removeButton}
          footer={
            <>
              <Button onClick={() => setConfirmRemove(false)} disabled={removal.busy()} autofocus data-testid="remove-cancel">
                Cancel
              </Button>
              <Show when={offerLocal()}>
                <Button onClick={() => void remove(true)} disabled={removal.busy()} data-testid="remove-local">
                  Remove from Tessera anyway
                </Button>
              </Show>
              <Button variant="danger-solid" onClick={() => void remove()} busy={removal.busy()} data-testid="remove-confirm">
                {removal.busy() ? (revokes() ? 'Revoking…' : 'Removing…') : 'Remove'}
              </Button>
            </>
          }
        >
          <p data-testid="remove-explanation">
            Remove <strong>{props.account.displayName}</strong>? {ui().removal.explanation}
          </p>
          <Show when={offerLocal()}>
            <p class="muted">{ui().removal.withoutRevoking}</p>
          </Show>
          <FieldError message={removal.error()} testId="remove-error" />
        </Dialog>
      </Show>
    </section>
  );
}
