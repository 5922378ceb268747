import type { Messages } from '../messages';

export const agent: Messages['agent'] = {
  askCredential: 'Un programme demande un identifiant',
  askGrant: 'Une autorisation attend votre confirmation',
  once: 'Autoriser une fois',
  session: 'Autoriser pour cette session de terminal',
  confirm: 'Confirmer l’autorisation',
  deny: 'Refuser',
  keysHint: 'Entrée autorise une fois, Échap refuse. Sans réponse dans les deux minutes, la demande est refusée.',
};
