/**
 * The credentials card: one row per credential the provider offers (COPY_KINDS in
 * src/shared/types.ts), each with its label, a hint that is not a secret ("JWT · valid 58 min") and
 * a copy button. Main refreshes the token first when it is about to expire and writes the clipboard
 * itself; the window only learns what was copied and when the clipboard is cleared. While the
 * clipboard still holds a row's copy, its button reads "Copied · clears in 27 s" (from main's
 * clipboard events, state/clipboard.ts); that is the one indicator of the copy, so no toast says it
 * again. The countdown is not a live region: the clipboard indicator announces start and end once.
 *
 * A row whose copy could only fail has no button: the API token of a Clever Cloud account that
 * holds no valid one (`copyOffered` in src/shared/types.ts, from the dates main puts in the
 * summary's scope) says where to create one instead, and gets its button when one is held. While
 * it has one, its hint says until when the token a copy hands out is valid.
 */
import { createEffect, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { apiTokenToHandOut, COPY_KINDS, copyOffered, isRefreshable, type AccountDetail, type AccountSummary, type CopyKind } from '../../../shared/types';
import type { FlatMessages } from '../../../shared/i18n/translate';
import { CREDENTIAL_KIND_KEYS } from '../../../shared/i18n/credential-kinds';
import { useErrorText } from '../error-text';
import { useI18n } from '../i18n';
import { holdOf, noteCopy, showInCard } from '../state/clipboard';
import { timeFor, useClock } from '../state/clock';
import { showToast } from '../state/toasts';
import { useTessera } from '../tessera';
import { AsyncButton } from './Button';
import './CredentialsCard.css';


const HINTS = {
  'clever-cloud': {
    'authorization-header': 'credentials.hint.plaintextHeader',
    'env-lines': 'credentials.hint.envLines',
    'clever-tools-profile': 'credentials.hint.cleverToolsProfile',
    'api-token': 'credentials.hint.apiToken',
  },
  saasus: {
    'access-token': 'credentials.hint.jwt',
    'id-token': 'credentials.hint.jwt',
    'authorization-header': 'credentials.hint.bearerHeader',
  },
} as const;


export function CredentialsCard(props: { account: AccountSummary; detail: AccountDetail | null }) {
  const api = useTessera();
  const { t, fmt } = useI18n();
  const clock = useClock();
  const errorText = useErrorText();
  const titleId = createUniqueId();

  /** Until when a credential works, when known: the ID token has its own expiry. */
  const validUntil = (kind: CopyKind): number | null => {
    const provided = props.detail?.provided;
    if (kind === 'id-token' && provided?.kind === 'saasus') return provided.idTokenExpiresAt;
    // An API token has its own lifetime: that of the one a copy hands out now.
    if (kind === 'api-token') return apiTokenToHandOut(props.account.scope?.heldApiTokens ?? [], clock.minute())?.expiresAt ?? null;
    return props.account.expiresAt;
  };

  return (
    <section class="card credentials" aria-labelledby={titleId} data-testid="credentials-card">
      <h3 id={titleId} class="section-title">
        {t('credentials.title')}
      </h3>
      <ul class="credential-rows">
        <For each={COPY_KINDS[props.account.provider] as readonly { kind: CopyKind }[]}>
          {(entry) => {
            const labelId = createUniqueId();
            const buttonId = createUniqueId();
            const from = { accountId: props.account.id, kind: entry.kind };
            const held = () => holdOf(from);
            const offered = () => copyOffered(props.account, entry.kind, timeFor(clock, validUntil(entry.kind)));
            // Held, but every one has expired: said as such, rather than "create one" alone.
            const noneText = () => ((props.account.scope?.heldApiTokens?.length ?? 0) > 0 ? t('credentials.apiTokensExpired') : t('credentials.apiTokenNone'));
            // While this row shows the copy, the clipboard indicator steps back.
            createEffect(() => {
              if (held()) onCleanup(showInCard());
            });
            const hint = () => {
              const hints: Partial<Record<CopyKind, keyof FlatMessages & `credentials.hint.${string}`>> = HINTS[props.account.provider];
              const key = hints[entry.kind];
              if (!key) return '';
              const base = t(key as 'credentials.hint.jwt');
              const until = validUntil(entry.kind);
              if (until === null) return base;
              const left = until - timeFor(clock, until);
              // A token that refreshes itself is refreshed by the copy: its past end is nothing to report.
              if (left <= 0) return isRefreshable(props.account.provider) ? base : t('credentials.hintExpired', { hint: base });
              return t('credentials.hintValid', { hint: base, left: fmt().duration(left) });
            };
            const copiedText = () => {
              const h = held();
              if (!h) return null;
              if (h.clearsAt === null) return t('credentials.copiedKept');
              return t('credentials.copied', { left: fmt().duration(Math.max(0, h.clearsAt - timeFor(clock, h.clearsAt))) });
            };
            return (
              <li class="credential-row" data-testid={`credential-${entry.kind}`}>
                <span class="credential-text">
                  <span id={labelId} class="credential-label">
                    {t(CREDENTIAL_KIND_KEYS[entry.kind])}
                  </span>
                  <Show when={offered()} fallback={<span class="credential-hint muted" data-testid="credential-none">{noneText()}</span>}>
                    <span class="credential-hint muted">{hint()}</span>
                  </Show>
                </span>
                <Show when={offered()}>
                  <AsyncButton
                    id={buttonId}
                    class="credential-copy"
                    classList={{ copied: held() !== null }}
                    aria-labelledby={`${buttonId} ${labelId}`}
                    run={() => api.copyCredential({ id: props.account.id, kind: entry.kind })}
                    busyLabel={t('credentials.copying')}
                    onSuccess={(copy) => noteCopy(from, copy)}
                    onError={(error) => showToast('error', errorText(error))}
                    data-testid={`copy-${entry.kind}`}
                  >
                    <Show when={copiedText()} fallback={t('credentials.copy')}>
                      {(text) => (
                        <>
                          <span aria-hidden="true">✓ </span>
                          {text()}
                        </>
                      )}
                    </Show>
                  </AsyncButton>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
