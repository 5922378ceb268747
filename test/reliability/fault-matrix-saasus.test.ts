/**
 * The fault matrix for SaaSus: every exported call of the API client, and every
 * login, refresh, hand-off and copy path through the app's router, under every fault of the
 * emulator's switches. What each cell must end in is in fault-matrix-support.ts.
 */
import { freePort } from '../../e2e/harness/free-port';
import { afterAll, beforeAll, describe, it, test } from 'vitest';
import { navigate } from '../../emulators/browser-requests';
import { startSaasusEmulator } from '../../emulators/saasus/server';
import { INVOKE_CHANNELS } from '../../src/shared/channels';
import type { AccountSummary, SaasusConnection } from '../../src/shared/types';
import type { AppServices } from '../../src/main/app-services';
import * as api from '../../src/main/providers/saasus/api';
import { makeTestWorld, type TestWorld } from '../support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../support/test-app';
import {
  describeClientCalls,
  expectFailedResult,
  expectOnlyMarked,
  faultCases,
  MATRIX_TIMEOUT_MS,
  pathSteps,
  runPathCell,
  storedState,
  WINDOW,
  type AppPath,
  type ClientCall,
  type Endpoint,
  type PathWorld,
  useEmulatorUnderFaults,
} from './fault-matrix-support';

const FAULTS = faultCases(JSON.stringify({ type: 'internal_server_error', message: 'Internal server error' }));
const emulator = useEmulatorUnderFaults(startSaasusEmulator);

const knownSecrets = (): string[] => emulator().issuedSecrets();
const config = (): api.SaasusApiConfig => {
  const { baseUrl, saasId, apiKey, secretKey } = emulator().config;
  return { baseUrl, saasId, apiKey, secretKey, timeoutMs: MATRIX_TIMEOUT_MS };
};
const endpoint = (method: Endpoint['method'], path: string): Endpoint => ({ method, path: `/v1/auth${path}` });
const CREDENTIALS_GET = endpoint('GET', '/credentials');
const CREDENTIALS_POST = endpoint('POST', '/credentials');
const USERINFO = endpoint('GET', '/userinfo');
const AUTH_INFO = endpoint('GET', '/auth-info');

/** A fresh code, as a completed hosted login yields. */
const tempCode = (): string => emulator().issueTempCode(emulator().config.users[0]!.email);
/** Fresh tokens of the first demo user (fault-free). */
const freshTokens = (): Promise<api.Credentials> => api.tempCodeAuth(config(), tempCode());

// ---- Client calls ---------------------------------------------------------------------------------

const CALLS: readonly ClientCall[] = [
  {
    name: 'createCredentials',
    endpoint: CREDENTIALS_POST,
    prepare: async () => {
      const tokens = await freshTokens();
      return { run: () => api.createCredentials(config(), tokens), secrets: [] };
    },
  },
  {
    name: 'getCredentials',
    endpoint: CREDENTIALS_GET,
    prepare: async () => {
      const code = tempCode();
      return { run: () => api.getCredentials(config(), { authFlow: 'tempCodeAuth', code }), secrets: [code] };
    },
  },
  {
    name: 'tempCodeAuth',
    endpoint: CREDENTIALS_GET,
    prepare: async () => {
      const code = tempCode();
      return { run: () => api.tempCodeAuth(config(), code), secrets: [code] };
    },
  },
  {
    name: 'refreshTokenAuth',
    endpoint: CREDENTIALS_GET,
    prepare: async () => {
      const { refreshToken } = await freshTokens();
      return { run: () => api.refreshTokenAuth(config(), refreshToken!), secrets: [refreshToken!] };
    },
  },
  {
    name: 'getUserInfo',
    endpoint: USERINFO,
    prepare: async () => {
      const { idToken } = await freshTokens();
      return { run: () => api.getUserInfo(config(), idToken), secrets: [] };
    },
  },
  {
    name: 'getAuthInfo',
    endpoint: AUTH_INFO,
    prepare: async () => ({ run: () => api.getAuthInfo(config()), secrets: [] }),
  },
];

describeClientCalls({
  provider: 'SaaSus',
  api,
  calls: CALLS,
  notCalls: [],
  faults: FAULTS,
  server: () => emulator().server,
  knownSecrets,
});

// ---- Paths through the app ------------------------------------------------------------------------

describe('SaaSus paths through the app under faults', () => {
  let world: TestWorld;
  let app: AppServices;
  let desktop: TestDesktop;
  let connection: SaasusConnection;
  let loginCount = 0;
  const w = (): PathWorld => ({ app, world, server: emulator().server, knownSecrets });
  /** Browser pages opened and the clipboard: what the user would notice beside the window. */
  const sideEffects = (): unknown => ({ opened: [...desktop.opened], clipboard: desktop.clipboardText() });

  /** The "system browser": fills the hosted login form and follows the redirect to the callback. */
  async function hostedLogin(url: string): Promise<void> {
    if (!url.startsWith(emulator().config.loginUrl)) return;
    const user = emulator().config.users[0]!;
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(user).toString(),
      redirect: 'manual',
    });
    await navigate(posted.headers.get('location') ?? '');
  }

  beforeAll(async () => {
    world = makeTestWorld();
    desktop = testDesktop(hostedLogin);
    app = createTestApp(world, { desktop, loginTimeoutMs: 10_000, saasusApi: { timeoutMs: MATRIX_TIMEOUT_MS } });
    connection = await app.saasus.connections.save({
      name: 'Faulty SaaS',
      saasId: emulator().config.saasId,
      apiKey: emulator().config.apiKey,
      secretKey: emulator().config.secretKey,
      apiBaseUrl: emulator().config.baseUrl,
      loginUrl: emulator().config.loginUrl,
      callbackPort: (await freePort()),
    });
    emulator().setCallbackUrl(`http://127.0.0.1:${connection.callbackPort}/callback`);
  });
  afterAll(async () => {
    app.logins.cancelAll();
    await world.cleanup();
  });

  /** The signed-in account every path but the logins starts from (logged in once, kept). */
  async function account(): Promise<AccountSummary> {
    const existing = app.accounts.list()[0];
    if (existing?.status === 'ok') return existing;
    return app.saasus.exchangePastedCode(connection.id, tempCode());
  }
  const onAccount = (channel: string, extra: Record<string, unknown> = {}) => async () => {
    const { id } = await account();
    return { channel, input: () => ({ id, ...extra }), accountId: id };
  };

  const PATHS: readonly AppPath[] = [
    {
      name: 'log in through the hosted page',
      steps: [CREDENTIALS_GET, USERINFO],
      prepare: async () => ({
        channel: INVOKE_CHANNELS.loginSaasus,
        input: () => ({ loginId: `fault-login-${(loginCount += 1)}`, connectionId: connection.id }),
      }),
    },
    {
      name: 'exchange a pasted code',
      steps: [CREDENTIALS_GET, USERINFO],
      prepare: async () => ({ channel: INVOKE_CHANNELS.exchangeSaasusCode, input: () => ({ connectionId: connection.id, code: tempCode() }) }),
    },
    {
      name: 'refresh now',
      steps: [CREDENTIALS_GET],
      prepare: onAccount(INVOKE_CHANNELS.refreshAccount),
      marks: 'failed',
    },
    {
      name: 'test the connection',
      steps: [AUTH_INFO],
      prepare: async () => ({ channel: INVOKE_CHANNELS.testSaasusConnection, input: () => ({ id: connection.id }) }),
    },
    {
      name: 'open in the browser as this user (hand-off)',
      steps: [AUTH_INFO, CREDENTIALS_POST],
      prepare: onAccount(INVOKE_CHANNELS.openSaasusHandOff),
      sideEffects,
    },
    {
      name: 'copy a hand-off code',
      steps: [AUTH_INFO, CREDENTIALS_POST],
      prepare: onAccount(INVOKE_CHANNELS.copySaasusHandOff),
      sideEffects,
    },
    {
      name: 'copy a token that must be refreshed first',
      steps: [CREDENTIALS_GET],
      prepare: async () => {
        // Every one-hour token is within an hour's lead time: each copy refreshes first.
        await app.accounts.updateSettings({ refreshLeadSeconds: 3600 });
        return onAccount(INVOKE_CHANNELS.copyCredential, { kind: 'access-token' })();
      },
      marks: 'failed',
      sideEffects,
    },
  ];

  for (const { label, path, step } of pathSteps(PATHS))
    describe(label, () => test.each(FAULTS)('$name', (fault) => runPathCell(w(), path, step, fault)));

  it('a refresh token SaaSus refuses marks the account "needs login" and keeps its tokens', async () => {
    const { id } = await account();
    const before = await storedState(world, app);
    emulator().server.faults.add({ fault: { kind: 'status', status: 404, body: JSON.stringify({ type: 'not_found', message: 'Not found' }) }, ...CREDENTIALS_GET });
    expectFailedResult(await app.router.dispatch(INVOKE_CHANNELS.refreshAccount, { id }, WINDOW), 'needs_login', knownSecrets());
    expectOnlyMarked(before, await storedState(world, app), id, 'needs-login');
  });
});
