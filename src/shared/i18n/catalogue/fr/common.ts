import type { Messages } from '../messages';
import { plural } from '../messages';

export const common: Messages['common'] = {
  cancel: 'Annuler',
  close: 'Fermer',
  save: 'Enregistrer',
  retry: 'Réessayer',
  dismiss: 'Fermer',
  expires: (p) => `expire ${p.when}`,
  expired: (p) => `expiré ${p.when}`,
  noExpiry: 'expiration inconnue',
  bridgeMissing: 'Le pont de Tessera est absent : ouvrez cette page depuis l’application Tessera.',
  credentialKind: {
    authorizationHeader: 'en-tête Authorization',
    envLines: 'lignes CLEVER_TOKEN / CLEVER_SECRET',
    cleverToolsProfile: 'profil clever-tools',
    accessToken: 'jeton d’accès',
    idToken: 'jeton d’identité',
    apiToken: 'jeton d’API',
    cleverTools3: 'configuration clever-tools 3',
    cleverTools4: 'profil clever-tools 4',
    serviceToken: 'jeton de service d’organisation',
  },
  revocations: {
    pending: (p) => `${p.count} ${plural('fr', p.n, { one: 'jeton remplacé n’a', other: 'jetons remplacés n’ont' })} pas encore pu être ${plural('fr', p.n, { one: 'révoqué', other: 'révoqués' })} — Tessera réessaie.`,
    pendingCleverCloud: (p) =>
      `${p.count} ${plural('fr', p.n, { one: 'jeton Clever Cloud remplacé n’a', other: 'jetons Clever Cloud remplacés n’ont' })} pas encore pu être ${plural('fr', p.n, { one: 'révoqué', other: 'révoqués' })} — Tessera réessaie.`,
    revoked: (p) => `${p.count} ${plural('fr', p.n, { one: 'jeton remplacé révoqué', other: 'jetons remplacés révoqués' })}.`,
    stillPending: (p) => `Toujours pas révoqué : ${p.why}`,
    retryNow: 'Réessayer maintenant',
    retrying: 'Nouvel essai…',
  },
  /** Le cadre de la fenêtre (App.tsx). */
  app: {
    productName: 'Tessera',
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
    noSelection: 'Choisissez un compte pour en voir le détail.',
    removed: (p) => `${p.name} a été retiré.`,
  },
};
