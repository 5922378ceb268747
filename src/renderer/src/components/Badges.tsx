/** Provider and token-state badges: a word and a glyph, never colour alone. */
import { PROVIDER_NAMES, type ProviderId, type TokenState } from '../../../shared/types';

export function ProviderBadge(props: { provider: ProviderId }) {
  return <span class={`badge provider provider-${props.provider}`}>{PROVIDER_NAMES[props.provider]}</span>;
}

const STATES: Record<TokenState, { glyph: string; label: string }> = {
  fresh: { glyph: '✓', label: 'Fresh' },
  expiring: { glyph: '◷', label: 'Expiring' },
  expired: { glyph: '✕', label: 'Expired' },
  failed: { glyph: '!', label: 'Failed' },
  'needs-login': { glyph: '↻', label: 'Needs login' },
  unknown: { glyph: '?', label: 'Recovered' },
};

export function StateBadge(props: { state: TokenState }) {
  return (
    <span class={`badge state state-${props.state}`} data-state={props.state}>
      <span aria-hidden="true" class="glyph">
        {STATES[props.state].glyph}
      </span>
      {STATES[props.state].label}
    </span>
  );
}
