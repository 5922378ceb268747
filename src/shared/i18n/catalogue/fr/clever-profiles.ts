import type { Messages } from '../messages';

export const cleverProfiles: Messages['cleverProfiles'] = {
  importedTitle: 'Importé depuis clever-tools',
  overridesBrought: (p) => `Le profil « ${p.alias} » avait ses propres réglages : ${p.names}.`,
  overridesNote: 'Tessera signe les appels de ce compte avec eux, et les réécrit quand vous le copiez comme profil clever-tools.',
  plaintextOffer: (p) =>
    `Les jetons importés sont toujours écrits en clair dans ${p.path}. Tessera les garde dans le trousseau, et « tessera exec » les donne à clever-tools : vous pouvez les retirer du fichier.`,
  plaintextProfiles: (p) => `Profils concernés : ${p.aliases}.`,
  removePlaintext: 'Les retirer du fichier (une sauvegarde est gardée)',
  removingPlaintext: 'Retrait…',
  keepPlaintext: 'Laisser le fichier tel quel',
  plaintextRemoved: (p) => `Retirés. Le fichier tel qu’il était est sauvegardé dans ${p.backup} (lisible par vous seul).`,
  done: 'Terminé',
  copyTitle: 'Copier comme profil clever-tools',
  detected: (p) => `Vous utilisez clever-tools ${p.version}.`,
  detectedFromFile: 'Trouvé d’après la forme de son fichier de configuration.',
  detectedFromCommand: 'Trouvé avec « clever version ».',
  notDetected: 'Tessera n’a pas pu savoir quel clever-tools vous utilisez : choisissez-le.',
  versionLegend: 'Version de clever-tools',
  version3: 'clever-tools 3',
  version4: 'clever-tools 4',
  copy: 'Copier',
  copying: 'Copie…',
  v3Note: 'clever-tools 3 ne lit l’hôte de l’API et le consommateur OAuth que dans l’environnement : pour un compte qui a les siens, lancez clever-tools avec « tessera exec ».',
  v4Note: 'Collez-le comme élément de « profiles » dans clever-tools.json ; le premier profil est l’actif.',
};
