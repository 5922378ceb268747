/**
 * Clever Cloud's sections of the account view: the token's own dates (its expiry is in the state
 * line above, not again here), and its rights in one aligned table: those granted first, the rest
 * folded under a disclosure that says how many there are.
 */
import { createMemo, For, lazy, Show } from 'solid-js';
import type { RightInfo } from '../../../../shared/types';
import { useI18n } from '../../i18n';
import type { SectionsProps } from '../provider-ui';
import { CopyAsProfile } from './CopyAsProfile';
import './clever-cloud.css';

// Loaded when a Clever Cloud account is shown, in chunks of their own: the window's first bundle stays small.
const ApiTokens = lazy(() => import('./ApiTokens').then((m) => ({ default: m.ApiTokens })));
const ServiceTokens = lazy(() => import('./ServiceTokens').then((m) => ({ default: m.ServiceTokens })));

function RightsTable(props: { rights: readonly RightInfo[]; testId: string }) {
  const { t } = useI18n();
  return (
    <table class="rights-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th scope="col">{t('cleverAccount.right')}</th>
          <th scope="col">{t('cleverAccount.allows')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rights}>
          {(right) => (
            <tr class={right.granted ? 'right granted' : 'right'} data-granted={right.granted ? 'true' : 'false'}>
              <th scope="row" class="right-name">
                <span class="glyph" aria-hidden="true">
                  {right.granted ? '✓' : '–'}
                </span>
                {right.name}
                <span class="visually-hidden">{right.granted ? t('cleverAccount.granted') : t('cleverAccount.notGranted')}</span>
              </th>
              <td class="muted">{right.description}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

export function CleverCloudSections(props: SectionsProps<'clever-cloud'>) {
  const { t, fmt } = useI18n();
  const granted = createMemo(() => props.detail.rights.filter((r) => r.granted));
  const others = createMemo(() => props.detail.rights.filter((r) => !r.granted));
  const date = (ms: number | null): string => (ms === null ? t('account.none') : fmt().date(ms));
  return (
    <div class="provider-detail" data-testid="cc-detail">
      <h3 class="section-title">{t('cleverAccount.token')}</h3>
      <dl class="facts">
        <dt>{t('cleverAccount.created')}</dt>
        <dd>{date(props.detail.tokenCreatedAt)}</dd>
        <dt>{t('cleverAccount.lastUsed')}</dt>
        <dd>{date(props.detail.lastUsedAt)}</dd>
      </dl>
      <CopyAsProfile account={props.account} />
      <h3 class="section-title">
        {t('cleverAccount.rights')}{' '}
        <span class="muted section-count" data-testid="cc-rights-summary">
          {t('cleverAccount.rightsSummary', { granted: fmt().number(granted().length), total: fmt().number(props.detail.rights.length) })}
        </span>
      </h3>
      <div class="rights" data-testid="cc-rights">
        <Show when={granted().length > 0}>
          <RightsTable rights={granted()} testId="cc-rights-granted" />
        </Show>
        <Show when={others().length > 0}>
          <details class="rights-more" data-testid="cc-rights-more">
            <summary>{t('cleverAccount.notGrantedFold', { count: others().length, shown: fmt().number(others().length) })}</summary>
            <RightsTable rights={others()} testId="cc-rights-not-granted" />
          </details>
        </Show>
      </div>
      <ApiTokens accountId={props.account.id} />
      <ServiceTokens account={props.account} />
    </div>
  );
}
