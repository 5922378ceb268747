import type { Messages } from '../messages';

export const agent: Messages['agent'] = {
  askCredential: 'Un programme demande un identifiant',
  askGrant: 'Une autorisation attend votre confirmation',
  once: 'Autoriser une fois',
  session: 'Autoriser pour cette session de terminal',
  confirm: 'Confirmer l’autorisation',
  deny: 'Refuser',
  keysHint: 'Entrée autorise une fois, Échap refuse. Sans réponse dans les deux minutes, la demande est refusée.',
  program: (p) => `${p.program} (pid ${p.pid})`,
  inDirectory: (p) => `dans ${p.dir}`,
  running: (p) => `exécute : ${p.command}`,
  unverified: 'selon ses dires : le système n’a pas pu le confirmer',
  asksCredential: (p) => `demande l’identifiant suivant (${p.kind}) de :`,
  asksEnvironment: 'demande les identifiants, en variables d’environnement, de :',
  account: (p) => `« ${p.name} » (${p.subtitle}, ${p.provider})`,
  sessionNote: (p) => `« Autoriser pour cette session de terminal » couvre ce terminal (${p.tty}) jusqu’à ${p.idle} après sa dernière utilisation.`,
  grantAsk: (p) => `Créer une autorisation ? Pendant ${p.duration}, ${p.scope} pourra obtenir sans demander les identifiants de :`,
  grantAnyProgram: 'tout programme',
  grantProgramsIn: (p) => `tout programme travaillant dans ${p.dir}`,
  grantNote: 'Quitter Tessera la révoque, tout comme `tessera revoke-grant <id>`.',
  askedBy: 'Demandé par :',
};
