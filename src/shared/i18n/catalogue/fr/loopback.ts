import type { Messages } from '../messages';

export const loopback: Messages['loopback'] = {
  done: 'Vous êtes connecté. Vous pouvez fermer cet onglet et revenir à Tessera.',
  doneSaasus: 'Tessera a reçu votre connexion. Vous pouvez fermer cet onglet et revenir à Tessera.',
  doneCleverCloud: 'Tessera a reçu votre connexion Clever Cloud. Vous pouvez fermer cet onglet et revenir à Tessera.',
  finished: 'Cette connexion est déjà terminée. Vous pouvez fermer cet onglet.',
  failed: 'La connexion n’a pas abouti. Revenez à Tessera pour savoir pourquoi ; vous pouvez fermer cet onglet.',
  notNavigation: 'Cette adresse ne reçoit que votre navigateur lorsqu’il revient d’une connexion.',
  notThisCleverCloudLogin: 'Cette adresse ne correspond pas à la connexion Clever Cloud en cours.',
  expectsSaasusCode: 'Cette adresse attend un code de connexion venant de la page de connexion du SaaS.',
  wrongHost: 'Hôte incorrect.',
  foreignOrigin: 'Origine étrangère.',
  methodNotAllowed: 'Méthode non autorisée.',
  notFound: 'Introuvable.',
};
