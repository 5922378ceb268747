/** Provider and state badges: a word and a glyph, never colour alone (the state's tone: state/attention.ts). */
import { PROVIDER_NAMES, type ProviderId } from '../../../shared/types';
import { useI18n } from '../i18n';
import { stateLabel, type AccountState, type StateKind } from '../state/attention';
import './Badges.css';

export function ProviderBadge(props: { provider: ProviderId }) {
  return (
    <span class={`badge provider provider-${props.provider}`} data-provider={props.provider}>
      {PROVIDER_NAMES[props.provider]}
    </span>
  );
}

const GLYPHS: Readonly<Record<StateKind, string>> = {
  renews: '↻',
  fresh: '✓',
  expiring: '◷',
  'refresh-failing': '!',
  expired: '✕',
  'needs-login': '→',
  failed: '✕',
  recovered: '?',
};

export function StateBadge(props: { state: AccountState }) {
  const { t } = useI18n();
  return (
    <span class={`badge state tone-${props.state.tone}`} data-state={props.state.kind} data-tone={props.state.tone}>
      <span aria-hidden="true" class="glyph">
        {GLYPHS[props.state.kind]}
      </span>
      {stateLabel(props.state, t)}
    </span>
  );
}
