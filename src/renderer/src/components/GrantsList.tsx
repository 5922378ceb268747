/**
 * Settings → "Command-line grants": what `tessera grant` allowed (account, until when, which
 * directory), each with "Revoke". Main keeps them in its agent (src/main/agent/app-agent.ts) and
 * says when they change (`grantsChanged`); quitting Tessera revokes them all.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { GrantView } from '../../../shared/types';
import { formatDate } from '../format';
import { useTessera } from '../tessera';
import { AsyncButton } from './Button';

export function GrantsList() {
  const api = useTessera();
  const [grants, setGrants] = createSignal<readonly GrantView[]>([]);
  onCleanup(api.on('grantsChanged', setGrants));
  onMount(() => {
    void api.listGrants().then((result) => {
      if (result.ok) setGrants(result.value);
    });
  });
  return (
    <>
      <h3 class="section-title">Command-line grants</h3>
      <Show when={grants().length > 0} fallback={<p class="muted" data-testid="grants-empty">No grant is in force. `tessera grant` makes one; quitting Tessera revokes them all.</p>}>
        <ul class="grants" data-testid="grants">
          <For each={grants()}>
            {(grant) => (
              <li data-testid="grant">
                <span>
                  <strong>{grant.account}</strong> until {formatDate(grant.expiresAt)}, {grant.cwd ? `in ${grant.cwd}` : 'any directory'}
                </span>{' '}
                <AsyncButton run={() => api.revokeGrant({ id: grant.id })} busyLabel="Revoking…" data-testid="grant-revoke">
                  Revoke
                </AsyncButton>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
