import type { Messages } from '../messages';
import { plural } from '../messages';

export const cleverAccount: Messages['cleverAccount'] = {
  removal: {
    explanation: 'Tessera révoque d’abord son jeton chez Clever Cloud, pour qu’il cesse de fonctionner partout, puis le supprime du trousseau.',
    withoutRevoking: 'Le jeton n’a pas pu être révoqué maintenant. Supprimer le compte de Tessera laisse le jeton valide chez Clever Cloud jusqu’à son expiration.',
  },
  cannotRefresh: 'Les jetons OAuth 1.0a ne se renouvellent pas : reconnectez-vous pour en obtenir un nouveau.',
  loggedInAgain: 'Reconnecté : le nouveau jeton remplace l’ancien.',
  loggedInAsAnother: 'Connecté avec un autre utilisateur : un nouveau compte a été ajouté.',
  token: 'Jeton',
  created: 'Créé',
  lastUsed: 'Dernière utilisation',
  rights: 'Droits',
  right: 'Droit',
  allows: 'Ce qu’il permet',
  granted: 'Accordé',
  notGranted: 'Non accordé',
  rightsSummary: (p) => `${p.granted} sur ${p.total} accordés`,
  notGrantedFold: (p) => `${p.shown} ${plural('fr', p.count, { one: 'droit non accordé', other: 'droits non accordés' })}`,
};
