import type { Messages } from '../messages';

export const credentials: Messages['credentials'] = {
  title: 'Identifiants',
  hint: {
    apiToken: 'Bearer · le jeton d’API le plus récent que Tessera détient',
    plaintextHeader: 'en-tête OAuth 1.0a PLAINTEXT',
    envLines: 'deux lignes pour un shell',
    cleverToolsProfile: 'JSON pour clever-tools',
    jwt: 'JWT',
    bearerHeader: 'en-tête Bearer',
  },
  hintValid: (p) => `${p.hint} · valide encore ${p.left}`,
  hintExpired: (p) => `${p.hint} · expiré`,
  copy: 'Copier',
  copying: 'Copie…',
  copied: (p) => `Copié · effacé dans ${p.left}`,
  copiedKept: 'Copié · jamais effacé automatiquement',
  holds: (p) => `Presse-papiers : ${p.what} · effacé dans ${p.left}`,
  holdsKept: (p) => `Presse-papiers : ${p.what} (jamais effacé automatiquement)`,
  announceCopied: (p) => `${p.what} copié. Le presse-papiers sera effacé dans ${p.left}.`,
  announceCopiedKept: (p) => `${p.what} copié.`,
  announceCleared: 'Presse-papiers effacé.',
  apiTokenNone: 'Créez un jeton d’API ci-dessous',
  apiTokensExpired: 'Les jetons d’API que Tessera détient ont expiré : créez-en un ci-dessous',
};
