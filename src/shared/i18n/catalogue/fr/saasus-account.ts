import type { Messages } from '../messages';

export const saasusAccount: Messages['saasusAccount'] = {
  removal: {
    explanation:
      'SaaSus ne permet pas de fermer une session : rien n’y est révoqué. Tessera supprime ses jetons de cet appareil, et la session s’arrête simplement sur cet appareil.',
  },
  refreshNow: 'Renouveler maintenant',
  refreshing: 'Renouvellement…',
  refreshed: 'Jetons renouvelés.',
  openInBrowser: 'Ouvrir dans le navigateur avec cet utilisateur',
  opened: 'Le SaaS est ouvert dans votre navigateur avec cet utilisateur.',
  copyHandOff: 'Copier un code de passage',
  handOffLeft: (p) => `Code copié · valide encore ${p.left}`,
  handOffAnnounce: 'Code de passage copié ; il fonctionne une fois, pendant 10 secondes.',
  handOffExpired: 'Le code de passage a expiré.',
  loggedInAgain: 'Reconnecté.',
  tenantsAndRoles: 'Locataires et rôles',
  noTenant: 'Cet utilisateur n’appartient à aucun locataire.',
  claims: 'Revendications du jeton d’identité',
};
