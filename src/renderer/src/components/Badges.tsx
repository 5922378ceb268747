/** Provider and token-state badges: a word and a glyph, never colour alone. */
import { PROVIDER_NAMES, type ProviderId, type TokenState } from '../../../shared/types';
import './Badges.css';

export function ProviderBadge(props: { provider: ProviderId }) {
  return (
    <span class={`badge provider provider-${props.provider}`} data-provider={props.provider}>
      {PROVIDER_NAMES[props.provider]}
    </span>
  );
}

export const TOKEN_STATES: Readonly<Record<TokenState, { glyph: string; label: string; description: string }>> = {
  fresh: { glyph: '✓', label: 'Fresh', description: 'The credentials work.' },
  expiring: { glyph: '◷', label: 'Expiring', description: 'The credentials expire soon.' },
  expired: { glyph: '✕', label: 'Expired', description: 'The credentials have expired.' },
  failed: { glyph: '!', label: 'Failed', description: 'The last attempt to use or refresh the credentials failed.' },
  'needs-login': { glyph: '↻', label: 'Needs login', description: 'Log in again to use this account.' },
  // Only accounts rebuilt from the keychain have no known state.
  unknown: { glyph: '?', label: 'Recovered', description: 'Rebuilt from the keychain; expiry unknown until the next check.' },
};

export function StateBadge(props: { state: TokenState }) {
  return (
    <span class={`badge state state-${props.state}`} data-state={props.state} title={TOKEN_STATES[props.state].description}>
      <span aria-hidden="true" class="glyph">
        {TOKEN_STATES[props.state].glyph}
      </span>
      {TOKEN_STATES[props.state].label}
    </span>
  );
}
