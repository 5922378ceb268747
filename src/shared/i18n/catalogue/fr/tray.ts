import type { Messages } from '../messages';
import { plural } from '../messages';

export const tray: Messages['tray'] = {
  noAccounts: 'Aucun compte pour l’instant',
  refreshAll: 'Tout actualiser',
  open: 'Ouvrir Tessera',
  quit: 'Quitter',
  account: (p) => `${p.name} — ${p.state}, ${p.expiry}`,
  copy: (p) => `Copier : ${p.what}`,
  state: {
    fresh: 'valide',
    expiring: 'expire bientôt',
    expired: 'expiré',
    failed: 'échec de l’actualisation',
    needsLogin: 'connexion requise',
    unknown: 'inconnu',
  },
  tooltip: {
    none: 'Tessera — aucun compte',
    attention: (p) => `Tessera — ${p.count} ${plural('fr', p.n, { one: 'compte demande', other: 'comptes demandent' })} votre attention`,
    expiring: (p) => `Tessera — ${p.count} ${plural('fr', p.n, { one: 'compte expire', other: 'comptes expirent' })} bientôt`,
    fresh: 'Tessera — tous les jetons sont valides',
  },
};
