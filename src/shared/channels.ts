/**
 * The names of every IPC channel, and nothing else. The preload imports only this file so that
 * its bundle stays tiny; the schemas and result types live in contract.ts, which is checked to
 * cover exactly these names.
 */
export const INVOKE_CHANNELS = {
  getAppInfo: 'app:info',
  getLocale: 'app:locale',
  getVaultStatus: 'vault:status',
  listAccounts: 'accounts:list',
  getAccount: 'accounts:get',
  renameAccount: 'accounts:rename',
  removeAccount: 'accounts:remove',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  openExternal: 'shell:open-external',
  cancelLogin: 'logins:cancel',
  refreshAccount: 'accounts:refresh',
  listSaasusConnections: 'saasus:connections:list',
  saveSaasusConnection: 'saasus:connections:save',
  removeSaasusConnection: 'saasus:connections:remove',
  testSaasusConnection: 'saasus:connections:test',
  loginSaasus: 'saasus:login',
  exchangeSaasusCode: 'saasus:exchange-code',
  openSaasusHandOff: 'saasus:hand-off:open',
  copySaasusHandOff: 'saasus:hand-off:copy',
  logoutAccount: 'accounts:logout',
  loginCleverCloud: 'clever-cloud:login',
  loginCleverCloudConsumer: 'clever-cloud:login-consumer',
  listCleverCloudConsumers: 'clever-cloud:consumers:list',
  saveCleverCloudConsumer: 'clever-cloud:consumers:save',
  removeCleverCloudConsumer: 'clever-cloud:consumers:remove',
  importCleverTools: 'clever-cloud:import:clever-tools',
  importCleverCloudEnvironment: 'clever-cloud:import:environment',
  importCleverCloudToken: 'clever-cloud:import:token',
  copyCredential: 'credentials:copy',
  listPendingRevocations: 'revocations:list',
  retryRevocations: 'revocations:retry',
  answerApproval: 'approvals:answer',
  listApprovals: 'approvals:list',
  listGrants: 'grants:list',
  revokeGrant: 'grants:revoke',
} as const;

export const EVENT_CHANNELS = {
  accountsChanged: 'accounts:changed',
  vaultStatusChanged: 'vault:status-changed',
  settingsChanged: 'settings:changed',
  localeChanged: 'app:locale-changed',
  loginProgress: 'logins:progress',
  clipboardChanged: 'clipboard:changed',
  revocationsChanged: 'revocations:changed',
  approvalRequested: 'approvals:requested',
  approvalClosed: 'approvals:closed',
  grantsChanged: 'grants:changed',
} as const;

export type InvokeName = keyof typeof INVOKE_CHANNELS;
export type EventName = keyof typeof EVENT_CHANNELS;
