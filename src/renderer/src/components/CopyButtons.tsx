/**
 * One copy button per kind the provider offers. Main refreshes the token first when it is about
 * to expire and writes the clipboard itself; the window only learns what was copied, until when it
 * works, and when the clipboard is cleared.
 */
import { For } from 'solid-js';
import { COPY_KINDS, type AccountSummary } from '../../../shared/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { showToast } from '../state/toasts';
import { useTessera } from '../tessera';
import { AsyncButton } from './Button';

export function CopyButtons(props: { account: AccountSummary }) {
  const api = useTessera();
  const { fmt } = useI18n();
  return (
    <For each={COPY_KINDS[props.account.provider]}>
      {(entry) => (
        <AsyncButton
          run={() => api.copyCredential({ id: props.account.id, kind: entry.kind })}
          busyLabel="Copying…"
          data-testid={`copy-${entry.kind}`}
          onSuccess={(r) => showToast('info', `${r.what} copied${r.validUntil ? `, valid until ${formatDate(r.validUntil, fmt())}` : ''}.`)}
        >
          Copy {entry.label}
        </AsyncButton>
      )}
    </For>
  );
}
