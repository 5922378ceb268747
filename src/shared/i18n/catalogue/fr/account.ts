import type { Messages } from '../messages';

export const account: Messages['account'] = {
  actions: 'Actions du compte',
  more: 'Plus',
  moreLabel: (p) => `Plus d’actions pour ${p.name}`,
  rename: 'Renommer',
  remove: 'Supprimer',
  loginAgain: 'Se reconnecter',
  expiresOn: (p) => `Expire le ${p.date}`,
  expiredOn: (p) => `Expiré le ${p.date}`,
  sessionEndsOn: (p) => `Fin de session le ${p.date} (estimée)`,
  added: 'Ajouté',
  updated: 'Mis à jour',
  loading: 'Chargement des détails…',
  loadFailed: (p) => `Impossible de charger les détails : ${p.message}`,
  nameLabel: 'Nom du compte',
  removeTitle: 'Supprimer le compte',
  removeQuestion: (p) => `Supprimer ${p.name} ?`,
  removeAnyway: 'Supprimer de Tessera quand même',
  revoking: 'Révocation…',
  removing: 'Suppression…',
  none: '—',
};
