/**
 * Clever Cloud's sections of the detail pane: the token's dates, and its rights next to every right
 * a consumer may ask for.
 */
import { For } from 'solid-js';
import { Expiry } from '../../components/Expiry';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import type { SectionsProps } from '../provider-ui';
import './clever-cloud.css';

export function CleverCloudSections(props: SectionsProps<'clever-cloud'>) {
  const { fmt } = useI18n();
  return (
    <div class="provider-detail" data-testid="cc-detail">
      <h3 class="section-title">Token</h3>
      <dl class="facts">
        <dt>Created</dt>
        <dd>{formatDate(props.detail.tokenCreatedAt, fmt())}</dd>
        <dt>Last used</dt>
        <dd>{formatDate(props.detail.lastUsedAt, fmt())}</dd>
        <dt>Expires</dt>
        <dd>
          <Expiry at={props.account.expiresAt} />
        </dd>
      </dl>
      <h3 class="section-title">Rights</h3>
      <ul class="rights" data-testid="cc-rights">
        <For each={props.detail.rights}>
          {(right) => (
            <li class={right.granted ? 'right granted' : 'right'} data-granted={right.granted ? 'true' : 'false'}>
              <span class="glyph" aria-hidden="true">
                {right.granted ? '✓' : '–'}
              </span>
              <span class="right-name">{right.name}</span>
              <span class="muted">{right.description}</span>
              <span class="visually-hidden">{right.granted ? '(granted)' : '(not granted)'}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
