/** English: the page the browser shows on Tessera's loopback login listener (src/main/net/loopback-callback.ts). */
export const loopback = {
  done: 'You are logged in. You can close this tab and return to Tessera.',
  doneSaasus: 'Tessera received your login. You can close this tab and return to Tessera.',
  doneCleverCloud: 'Tessera received your Clever Cloud login. You can close this tab and return to Tessera.',
  finished: 'This login has already finished. You can close this tab.',
  failed: 'The login did not complete. Return to Tessera to see why; you can close this tab.',
  notNavigation: 'This address only receives your browser when it returns from a login.',
  notThisCleverCloudLogin: 'This address does not belong to the Clever Cloud login in progress.',
  expectsSaasusCode: 'This address expects a login code from the SaaS login page.',
  wrongHost: 'Wrong host.',
  foreignOrigin: 'Foreign origin.',
  methodNotAllowed: 'Method not allowed.',
  notFound: 'Not found.',
} as const;
