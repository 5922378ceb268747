/** English: cleverAdd (adding a Clever Cloud account). */
import { plural } from '../messages';

export const cleverAdd = {
  tabsLabel: 'How to add the account',
  tabBrowser: 'Browser login',
  recommended: '(recommended)',
  tabConsumer: 'Own consumer',
  tabImport: 'Import',
  browserIntro: 'Your browser opens the Clever Cloud console; approve Tessera there and come back. Nothing to set up.',
  logIn: 'Log in with Clever Cloud',
  consumerLegend: 'Consumer',
  newConsumer: 'New consumer…',
  consumerNote: (p: { port: string }) => `callback on port ${p.port}`,
  consumerUnusable: 'Nothing is signed with this consumer until then.',
  logInWith: (p: { name: string }) => `Log in with “${p.name}”`,
  configFile: 'clever-tools configuration file (empty: the usual place)',
  configFilePlaceholder: '~/.config/clever-cloud/clever-tools.json',
  importFile: 'Import every profile',
  importEnv: 'Import CLEVER_TOKEN / CLEVER_SECRET',
  importReport: (p: { imported: number; failed: number }) =>
    `Imported ${plural('en', p.imported, { one: '1 account', other: `${p.imported} accounts` })}; ${plural('en', p.failed, { one: '1 profile', other: `${p.failed} profiles` })} could not be used:`,
  done: 'Done',
  pasteTitle: 'Or paste a token and its secret',
  token: 'Token',
  tokenSecret: 'Token secret',
  issuedTo: 'Issued to',
  issuedToCleverTools: 'clever-tools (console login)',
  checkAndAdd: 'Check and add',
  saveConsumer: 'Save consumer',
  consumerIntro:
    'Register the consumer in the Clever Cloud console with the base URL http://127.0.0.1; Tessera receives the callback on the port below. The secret is kept in the system keychain.',
  consumerName: 'Name',
  consumerKey: 'Consumer key',
  consumerSecret: 'Consumer secret',
  consumerChangedOutside: 'This consumer was changed outside Tessera: enter its secret again to use it.',
  consumerSecretOtherwise: 'Changing the consumer key needs the secret again.',
  callbackPort: 'Callback port on 127.0.0.1',
} as const;
