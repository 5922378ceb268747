import type { Messages } from '../messages';
import { plural } from '../messages';

export const notify: Messages['notify'] = {
  needsLogin: (p) => `${p.name} doit se reconnecter`,
  refreshFailed: (p) => `L’actualisation de ${p.name} a échoué`,
  openForDetails: 'Ouvrez Tessera pour en savoir plus.',
  expired: (p) => `${p.name} a expiré`,
  expires: (p) => `${p.name} expire ${p.when}`,
  cannotRefresh: 'Son jeton ne peut pas être actualisé : reconnectez-vous depuis Tessera.',
  copyFailed: 'Tessera n’a pas pu copier',
  refreshAllTitle: 'Tessera : tout actualiser',
  refreshed: (p) => `${p.count} ${plural('fr', p.n, { one: 'actualisé', other: 'actualisés' })}`,
  needLogin: (p) => `${p.count} ${plural('fr', p.n, { one: 'doit', other: 'doivent' })} se reconnecter`,
  failed: (p) => `${p.count} en échec`,
  refreshAllBody: (p) => `${p.parts}. Ouvrez Tessera pour en savoir plus.`,
  approvalTitle: 'Tessera : un programme demande un identifiant',
};
