/**
 * What a provider brings to the window; providers/registry.ts holds one entry per provider id.
 * - `AddFlow`: its "Add account" flow; absent while it cannot be added from the window (the dialog
 *   then lists it as not available yet, never with a pretend login).
 * - `Sections`: what only this provider knows, under the common facts of the detail pane (rights,
 *   tenants → environments → roles, decoded claims, per-token expiries), given the account's detail
 *   once it has loaded, only ever of this provider's kind. Times read the shared clock (state/clock.ts).
 * - `Actions`: buttons before the account's menu ("Log in again", primary when nothing works, "Open
 *   in browser as this user"). The credentials are copied from the credentials card
 *   (components/CredentialsCard.tsx): values never come to the window, main writes the clipboard.
 * - `removal`: what the Remove dialog says (catalogue keys), and whether removing revokes at the
 *   provider first.
 */
import type { Component } from 'solid-js';
import type { FlatMessages } from '../../../shared/i18n/translate';
import type { AccountDetail, AccountSummary, ProviderId } from '../../../shared/types';

export interface AddAccountFlowProps {
  /** Called when the flow has saved an account (the list updates through main's event). */
  readonly onDone: (accountId: string) => void;
}

export interface AccountViewProps {
  readonly account: AccountSummary;
  /** Null while it loads or when it failed to load (the pane shows that error itself). */
  readonly detail: AccountDetail | null;
  /** The user's expiry warning window, in ms. */
  readonly warnMs: number;
}

export type ProvidedDetail = NonNullable<AccountDetail['provided']>;

export interface SectionsProps<P extends ProviderId> {
  readonly account: AccountSummary;
  readonly detail: Extract<ProvidedDetail, { readonly kind: P }>;
}

export interface Removal {
  /** Follows "Remove <name>?": what removing does at the provider and on this device. */
  readonly explanation: keyof FlatMessages & `${string}.removal.explanation`;
  /**
   * Set when removing revokes the credentials at the provider first: what removing from Tessera
   * alone leaves behind, offered when the revocation cannot be done now.
   */
  readonly withoutRevoking?: keyof FlatMessages & `${string}.removal.withoutRevoking`;
}

export interface ProviderUi<P extends ProviderId> {
  /**
   * Under the provider's name in "Add account": the catalogue key of its words (`t(descriptionKey)`),
   * so that AddAccountDialog can take them from here rather than from a table of its own.
   */
  readonly descriptionKey: 'add.cleverCloudDescription' | 'add.saasusDescription';
  readonly AddFlow?: Component<AddAccountFlowProps>;
  readonly Sections?: Component<SectionsProps<P>>;
  readonly Actions?: Component<AccountViewProps>;
  readonly removal: Removal;
}
