/**
 * The window's side of every provider, keyed by provider id (PROVIDERS in src/shared/types.ts,
 * whose order "Add account" follows). Each provider's parts live in its folder, providers/<id>/;
 * a new provider is a folder and an entry here, which the type below refuses to leave out.
 */
import type { ProviderId } from '../../../shared/types';
import { CleverCloudFlow } from './clever-cloud/CleverCloudFlow';
import { CleverCloudActions } from './clever-cloud/CleverCloudActions';
import { CleverCloudSections } from './clever-cloud/CleverCloudSections';
import type { ProviderUi } from './provider-ui';
import { SaasusFlow } from './saasus/SaasusFlow';
import { SaasusActions } from './saasus/SaasusActions';
import { SaasusSections } from './saasus/SaasusSections';

const PROVIDER_UIS: { readonly [P in ProviderId]: ProviderUi<P> } = {
  'clever-cloud': {
    descriptionKey: 'add.cleverCloudDescription',
    AddFlow: CleverCloudFlow,
    Sections: CleverCloudSections,
    Actions: CleverCloudActions,
    removal: {
      explanation: 'cleverAccount.removal.explanation',
      withoutRevoking: 'cleverAccount.removal.withoutRevoking',
    },
  },
  saasus: {
    descriptionKey: 'add.saasusDescription',
    AddFlow: SaasusFlow,
    Sections: SaasusSections,
    Actions: SaasusActions,
    removal: {
      explanation: 'saasusAccount.removal.explanation',
    },
  },
};

export function providerUi<P extends ProviderId>(id: P): ProviderUi<P> {
  return PROVIDER_UIS[id];
}
