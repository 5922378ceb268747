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
    apiToken: 'Jeton d’API',
    cleverTools3: 'Configuration clever-tools 3',
    cleverTools4: 'Profil clever-tools 4',
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
};
