/**
 * The providers offered in "Add account". Each provider's login flow plugs in here as a
 * component; the dialog lists every entry and shows the chosen one.
 */
import type { Component } from 'solid-js';
import type { ProviderId } from '../../../shared/types';
import { CleverCloudFlow } from './CleverCloudFlow';
import { SaasusFlow } from './SaasusFlow';

export interface AddAccountFlowProps {
  /** Called when the flow has saved an account (the list updates through main's event). */
  readonly onDone: (accountId: string) => void;
}

export interface ProviderEntry {
  readonly id: ProviderId;
  readonly description: string;
  /** The login flow; absent while a provider cannot be added from the window. */
  readonly flow?: Component<AddAccountFlowProps>;
}

export const providers: ProviderEntry[] = [
  { id: 'clever-cloud', description: 'Log in with your Clever Cloud account, or import clever-tools credentials.', flow: CleverCloudFlow },
  { id: 'saasus', description: 'Connect a SaaS built on SaaSus and log users in through its login page.', flow: SaasusFlow },
];
