/**
 * Extension point of the detail pane, one entry per provider (issues 3, 4, 5 plug in here):
 * - `sections`: what only this provider knows, shown under the common facts (Clever Cloud rights,
 *   SaaSus tenants → environments → roles, decoded claims, per-token expiries). Use <Expiry> for
 *   times so they tick on the shared clock.
 * - `actions`: buttons next to Rename and Remove (copy buttons: <CopyButtons>, "Log in again",
 *   "Open in browser as this user"). Values to copy never come to the window: the action asks
 *   main to write the clipboard and gets back at most when the value expires.
 * Both receive the summary (always there, reactive) and the detail (null while it loads or if it
 * failed to load; the pane shows that error itself).
 */
import type { Component } from 'solid-js';
import type { AccountDetail, AccountSummary, ProviderId } from '../../../shared/types';
import { CleverCloudActions, CleverCloudSections } from './CleverCloudView';
import { SaasusActions, SaasusSections } from './SaasusView';

export interface AccountViewProps {
  readonly account: AccountSummary;
  readonly detail: AccountDetail | null;
  /** The user's expiry warning window, in ms. */
  readonly warnMs: number;
}

export interface ProviderView {
  readonly sections?: Component<AccountViewProps>;
  readonly actions?: Component<AccountViewProps>;
}

export const providerViews: { readonly [K in ProviderId]?: ProviderView } = {
  'clever-cloud': { sections: CleverCloudSections, actions: CleverCloudActions },
  saasus: { sections: SaasusSections, actions: SaasusActions },
};
