import type { Messages } from '../messages';

export const common: Messages['common'] = {
  cancel: 'Annuler',
  close: 'Fermer',
  save: 'Enregistrer',
  retry: 'Réessayer',
  /** Le cadre de la fenêtre (App.tsx). */
  app: {
    addAccountTitle: (p) => `Ajouter un compte (${p.shortcut})`,
    settings: 'Paramètres',
    settingsTitle: (p) => `Paramètres (${p.shortcut})`,
    shortcuts: 'Raccourcis clavier',
    shortcutsTitle: 'Raccourcis clavier (?)',
    loadFailed: 'Les comptes n’ont pas pu être chargés.',
    settingsLoadFailed: (p) => `Les paramètres n’ont pas pu être chargés : ${p.reason}`,
    loading: 'Chargement des comptes…',
    emptyTitle: 'Aucun compte pour l’instant',
    emptyText: 'Ajoutez un compte Clever Cloud ou SaaSus pour voir ce qu’il peut faire, quand il expire, et copier des jetons à jour.',
    emptyKeychainTitle: 'Le trousseau est inaccessible',
    emptyKeychainText: 'Tessera garde chaque secret dans le trousseau du système et ne peut pas l’atteindre pour l’instant. Déverrouillez-le ou démarrez-le (GNOME Keyring, KWallet, le trousseau de macOS ou de Windows), puis réessayez.',
    accountsNav: 'Comptes',
    filterLabel: 'Filtrer les comptes',
    filterPlaceholder: (p) => `Filtrer ${p.count} comptes`,
    noMatch: (p) => `Aucun compte ne correspond à « ${p.query} ».`,
    noSelection: 'Choisissez un compte pour en voir le détail.',
    copied: (p) => `${p.what} de ${p.name} copié.`,
    removed: (p) => `${p.name} a été retiré.`,
  },
};
