/**
 * The selected account: identity, provider, token state and expiry, the provider's facts, and
 * the actions that apply to it. Details are fetched from main when the selection or the account
 * changes.
 */
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { PROVIDER_NAMES, tokenState, type AccountSummary } from '../../../shared/types';
import { expiryText, formatDate, isUrgent } from '../format';
import type { Clock } from '../state/clock';
import { showToast } from '../state/toasts';
import { ProviderBadge, StateBadge } from './Badges';
import { Dialog } from './Dialog';

export function DetailPane(props: { account: AccountSummary; warnMs: number; clock: Clock; renameRequest: number; removeRequest: number }) {
  const api = window.tessera;
  const [detail] = createResource(
    () => [props.account.id, props.account.updatedAt] as const,
    async ([id]) => {
      const result = await api.getAccount({ id });
      return result.ok ? result.value : null;
    },
  );
  const now = () => (isUrgent(props.account.expiresAt, props.clock.minute()) ? props.clock.now() : props.clock.minute());
  const state = createMemo(() => tokenState(props.account, now(), props.warnMs));

  const [editing, setEditing] = createSignal(false);
  const [renameError, setRenameError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [confirmRemove, setConfirmRemove] = createSignal(false);
  const [removeError, setRemoveError] = createSignal<string | null>(null);
  let nameInput: HTMLInputElement | undefined;

  // Keyboard shortcuts from the window (F2, Delete) arrive as request counters.
  createEffect((prev: number) => {
    if (props.renameRequest !== prev) startRename();
    return props.renameRequest;
  }, props.renameRequest);
  createEffect((prev: number) => {
    if (props.removeRequest !== prev) setConfirmRemove(true);
    return props.removeRequest;
  }, props.removeRequest);

  function startRename(): void {
    setRenameError(null);
    setEditing(true);
    queueMicrotask(() => nameInput?.select());
  }

  async function saveName(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    const result = await api.renameAccount({ id: props.account.id, name: nameInput?.value ?? '' });
    setBusy(false);
    if (result.ok) setEditing(false);
    else setRenameError(result.error.message);
  }

  async function remove(): Promise<void> {
    setBusy(true);
    setRemoveError(null);
    const name = props.account.displayName;
    const result = await api.removeAccount({ id: props.account.id });
    setBusy(false);
    if (result.ok) {
      setConfirmRemove(false);
      showToast('info', `${name} was removed.`);
    } else setRemoveError(result.error.message);
  }

  return (
    <section class="detail" data-testid="detail-pane" aria-label={`Account ${props.account.displayName}`}>
      <header class="detail-header">
        <div class="avatar" aria-hidden="true">
          {props.account.displayName.slice(0, 1).toUpperCase()}
        </div>
        <div class="detail-title">
          <Show
            when={editing()}
            fallback={
              <h2 class="detail-name" data-testid="detail-name">
                {props.account.displayName}
              </h2>
            }
          >
            <form class="rename-form" onSubmit={(e) => void saveName(e)} data-testid="rename-form">
              <label class="visually-hidden" for="rename-input">
                Account name
              </label>
              <input
                id="rename-input"
                ref={nameInput}
                value={props.account.displayName}
                maxLength={200}
                aria-invalid={renameError() !== null}
                aria-describedby="rename-error"
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.stopPropagation();
                    setEditing(false);
                  }
                }}
              />
              <button type="submit" class="button primary" disabled={busy()} aria-busy={busy()}>
                Save
              </button>
              <button type="button" class="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
              <Show when={renameError()}>
                <p id="rename-error" class="field-error" role="alert">
                  {renameError()}
                </p>
              </Show>
            </form>
          </Show>
          <p class="detail-subtitle">{props.account.subtitle}</p>
        </div>
      </header>

      <div class="detail-status">
        <ProviderBadge provider={props.account.provider} />
        <StateBadge state={state()} />
        <span class="detail-expiry" title={formatDate(props.account.expiresAt)}>
          {expiryText(props.account.expiresAt, now())}
        </span>
      </div>
      <Show when={props.account.statusMessage}>
        <p class="status-message" role="status">
          {props.account.statusMessage}
        </p>
      </Show>

      <dl class="facts">
        <dt>Provider</dt>
        <dd>{PROVIDER_NAMES[props.account.provider]}</dd>
        <dt>Expires</dt>
        <dd>{formatDate(props.account.expiresAt)}</dd>
        <dt>Added</dt>
        <dd>{formatDate(detail()?.createdAt ?? null)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(props.account.updatedAt)}</dd>
        <For each={detail()?.facts ?? []}>
          {(fact) => (
            <>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </>
          )}
        </For>
      </dl>

      <div class="actions">
        <button type="button" class="button" onClick={startRename} aria-keyshortcuts="F2">
          Rename
        </button>
        <button type="button" class="button danger" onClick={() => setConfirmRemove(true)} aria-keyshortcuts="Delete">
          Remove
        </button>
      </div>

      <Show when={confirmRemove()}>
        <Dialog
          title="Remove account"
          testId="remove-dialog"
          onClose={() => !busy() && setConfirmRemove(false)}
          footer={
            <>
              <button type="button" class="button" onClick={() => setConfirmRemove(false)} disabled={busy()}>
                Cancel
              </button>
              <button type="button" class="button danger" onClick={() => void remove()} disabled={busy()} aria-busy={busy()} autofocus>
                {busy() ? 'Removing…' : 'Remove'}
              </button>
            </>
          }
        >
          <p>
            Remove <strong>{props.account.displayName}</strong>? Its credentials are deleted from the keychain.
          </p>
          <Show when={removeError()}>
            <p class="field-error" role="alert">
              {removeError()}
            </p>
          </Show>
        </Dialog>
      </Show>
    </section>
  );
}
