import type { Messages } from '../messages';

export const common: Messages['common'] = {
  cancel: 'Annuler',
  close: 'Fermer',
  save: 'Enregistrer',
  retry: 'Réessayer',
};
