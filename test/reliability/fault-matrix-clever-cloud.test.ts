/**
 * The fault matrix for Clever Cloud: every exported call of the API client (api.ts), and every
 * login and logout path through the app's router, under every fault of the emulator's switches.
 * What each cell must end in is in fault-matrix-support.ts. The consent page is a browser's to call,
 * not the product's: its test client (emulators/clever-cloud/consent-client.ts) only approves
 * request tokens here, fault-free.
 */
import { freePort } from '../../e2e/harness/free-port';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { authorize } from '../../emulators/clever-cloud/consent-client';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { INVOKE_CHANNELS } from '../../src/shared/channels';
import { ERROR_CODES } from '../../src/shared/errors';
import type { ImportResult } from '../../src/shared/types';
import type { AppServices } from '../../src/main/app-services';
import * as api from '../../src/main/providers/clever-cloud/api';
import { selfRequest } from '../../src/main/providers/clever-cloud/requests';
import { makeCliToken, MAX_CONSECUTIVE_FAILURES } from '../../src/main/providers/clever-cloud/cli-token-login';
import type { TokenCredentials } from '../../src/main/providers/clever-cloud/oauth1';
import { makeTestWorld, type TestWorld } from '../support/real-stores';
import { createTestApp, testDesktop } from '../support/test-app';
import {
  describeClientCalls,
  faultCases,
  MATRIX_TIMEOUT_MS,
  pathSteps,
  runPathCell,
  type AppPath,
  type ClientCall,
  type Endpoint,
  type PathWorld,
  useEmulatorUnderFaults,
} from './fault-matrix-support';

const FAULTS = faultCases(JSON.stringify({ id: 500, message: 'Internal server error', type: 'error' }));
const emulator = useEmulatorUnderFaults(startCleverCloudEmulator);

const config = (): api.CleverCloudApiConfig => ({ baseUrl: emulator().config.baseUrl, consumer: emulator().config.consumer, timeoutMs: MATRIX_TIMEOUT_MS });
const knownSecrets = (): string[] => emulator().issuedSecrets();
const v2 = (path: string): string => `/v2${path}`;

// ---- Fault-free steps that make fresh inputs -------------------------------------------------------

/** A browser session cookie (the emulator's login form), of the demo user unless told. */
async function sessionCookie(user: { email: string; password: string } = emulator().config.user): Promise<string> {
  const res = await fetch(`${emulator().config.baseUrl}/sessions/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...user, next: '/v2/oauth/authorize?oauth_token=x' }).toString(),
  });
  return /ccid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}

/** A request token the user has approved, and its verifier (the first two legs of the dance). */
async function approvedRequestToken(): Promise<{ requestToken: TokenCredentials; verifier: string; ccid: string }> {
  const requestToken = await api.requestToken(config(), { callback: 'http://127.0.0.1:9/callback' });
  const ccid = await sessionCookie();
  const answer = await authorize(config(), { ccid, cctk: requestToken.token, rights: ['access_organisations'] });
  if (answer.kind !== 'redirect' || !answer.oauthVerifier) throw new Error('the emulator did not approve');
  return { requestToken, verifier: answer.oauthVerifier, ccid };
}

/** A fresh access token of the demo consumer (revocation needs one per cell). */
async function freshAccessToken(): Promise<TokenCredentials> {
  const { requestToken, verifier } = await approvedRequestToken();
  return api.accessToken(config(), { requestToken, verifier });
}

/** A cli_token the user approved in the console, ready to be collected once. */
async function approvedCliToken(): Promise<string> {
  const cliToken = makeCliToken();
  const browser = new TestBrowser(emulator().config.consoleUrl, emulator().config.user);
  const outcome = await browser.open(`${emulator().config.consoleUrl}/cli-oauth?cli_version=test&cli_token=${cliToken}`);
  if (!outcome.text.includes('id="done"')) throw new Error('the emulator did not approve the cli_token');
  return cliToken;
}

// ---- Client calls ---------------------------------------------------------------------------------

const seeded = (): TokenCredentials => emulator().config.token;
const EMPTY_BODY = 'the answer (a 204) has an empty body: there is nothing to cut or drip';

const CALLS: readonly ClientCall[] = [
  {
    name: 'requestToken',
    endpoint: { method: 'POST', path: v2('/oauth/request_token') },
    prepare: async () => ({ run: () => api.requestToken(config(), { callback: 'http://127.0.0.1:9/callback' }), secrets: [] }),
  },
  {
    name: 'accessToken',
    endpoint: { method: 'POST', path: v2('/oauth/access_token') },
    prepare: async () => {
      const { requestToken, verifier } = await approvedRequestToken();
      return { run: () => api.accessToken(config(), { requestToken, verifier }), secrets: [requestToken.token, requestToken.secret, verifier] };
    },
  },
  {
    name: 'getAvailableRights',
    endpoint: { method: 'GET', path: v2('/oauth/rights') },
    prepare: async () => ({ run: () => api.getAvailableRights(config()), secrets: [] }),
  },
  {
    name: 'getLoginData',
    endpoint: { method: 'GET', path: v2('/oauth/login_data') },
    prepare: async () => ({ run: () => api.getLoginData(config(), emulator().config.consumer.key), secrets: [] }),
  },
  {
    name: 'checkAuthorization',
    endpoint: { method: 'POST', path: v2('/authorize') },
    prepare: async () => {
      const self = selfRequest(config(), seeded());
      const wannabe = { verb: 'GET', uri: self.url, authorization: self.headers.authorization! };
      return { run: () => api.checkAuthorization(config(), wannabe), secrets: [wannabe.authorization] };
    },
  },
  {
    name: 'getSelf',
    endpoint: { method: 'GET', path: v2('/self') },
    prepare: async () => ({ run: () => api.getSelf(config(), seeded()), secrets: [] }),
  },
  {
    name: 'getCurrentToken',
    endpoint: { method: 'GET', path: v2('/self/tokens/current') },
    prepare: async () => ({ run: () => api.getCurrentToken(config(), seeded()), secrets: [] }),
  },
  {
    name: 'revokeToken',
    endpoint: { method: 'DELETE', path: v2('/self/tokens/'), prefix: true },
    prepare: async () => {
      const token = await freshAccessToken();
      return { run: () => api.revokeToken(config(), token), secrets: [token.token, token.secret] };
    },
    unaffected: { 'truncated body': EMPTY_BODY, 'drip, one byte at a time': EMPTY_BODY },
  },
  {
    name: 'pollCliToken',
    endpoint: { method: 'GET', path: v2('/self/cli_tokens') },
    prepare: async () => {
      const cliToken = await approvedCliToken();
      return { run: () => api.pollCliToken(config(), cliToken), secrets: [cliToken] };
    },
  },
];

describeClientCalls({
  provider: 'Clever Cloud',
  api,
  calls: CALLS,
  notCalls: [],
  faults: FAULTS,
  server: () => emulator().server,
  knownSecrets,
});

// ---- Paths through the app ------------------------------------------------------------------------

describe('Clever Cloud paths through the app under faults', () => {
  let world: TestWorld;
  let app: AppServices;
  let consumerId: string;
  let loginCount = 0;
  const w = (): PathWorld => ({ app, world, server: emulator().server, knownSecrets });
  const loginId = (): string => `fault-login-${(loginCount += 1)}`;

  beforeAll(async () => {
    world = makeTestWorld();
    // The system browser: the emulator's console, login and rights pages, filled as the user would.
    const browse = async (url: string): Promise<void> => void (await new TestBrowser(emulator().config.consoleUrl, emulator().config.user).open(url));
    app = createTestApp(world, {
      desktop: testDesktop(browse),
      loginTimeoutMs: 10_000,
      cleverCloud: { baseUrl: emulator().config.baseUrl, consoleUrl: emulator().config.consoleUrl, pollIntervalMs: 20, api: { timeoutMs: MATRIX_TIMEOUT_MS } },
    });
    const consumer = await app.cleverCloud.consumers.save({
      name: 'Faulty consumer',
      key: emulator().config.consumer.key,
      secret: emulator().config.consumer.secret,
      callbackPort: (await freePort()),
    });
    consumerId = consumer.id;
  });
  afterAll(async () => {
    app.logins.cancelAll();
    delete process.env.CLEVER_TOKEN;
    delete process.env.CLEVER_SECRET;
    await world.cleanup();
  });

  /** Identity and rights, read after every login and import; the rights catalogue is only decoration. */
  const IDENTITY: readonly Endpoint[] = [
    { method: 'GET', path: v2('/self') },
    { method: 'GET', path: v2('/self/tokens/current') },
    { method: 'GET', path: v2('/oauth/rights') },
  ];
  const rightsFallBack = (step: Endpoint): string | undefined =>
    step.path === v2('/oauth/rights') ? 'the known list of rights stands in when the catalogue cannot be read' : undefined;

  const PATHS: readonly AppPath[] = [
    {
      name: 'log in with Clever Cloud (console)',
      steps: [{ method: 'GET', path: v2('/self/cli_tokens') }, ...IDENTITY],
      prepare: async () => ({ channel: INVOKE_CHANNELS.loginCleverCloud, input: () => ({ loginId: loginId() }) }),
      unaffected: rightsFallBack,
      // The poll tolerates a few transient failures in a row: the user may still be in the browser.
      attempts: MAX_CONSECUTIVE_FAILURES,
    },
    {
      name: 'log in with my own OAuth consumer',
      steps: [
        { method: 'POST', path: v2('/oauth/request_token') },
        { method: 'POST', path: v2('/oauth/access_token') },
        ...IDENTITY,
      ],
      prepare: async () => ({ channel: INVOKE_CHANNELS.loginCleverCloudConsumer, input: () => ({ loginId: loginId(), consumerId }) }),
      unaffected: rightsFallBack,
    },
    {
      name: 'import a pasted token',
      steps: IDENTITY,
      prepare: async () => ({
        channel: INVOKE_CHANNELS.importCleverCloudToken,
        input: () => ({ token: emulator().config.token.token, secret: emulator().config.token.secret, consumerId }),
      }),
      unaffected: rightsFallBack,
    },
    {
      name: 'import CLEVER_TOKEN / CLEVER_SECRET',
      steps: IDENTITY,
      prepare: async () => {
        const cliToken = await approvedCliToken();
        const ready = await api.pollCliToken(config(), cliToken);
        if (ready.status !== 'ready') throw new Error('the emulator did not hand out the token');
        process.env.CLEVER_TOKEN = ready.credentials.token;
        process.env.CLEVER_SECRET = ready.credentials.secret;
        return { channel: INVOKE_CHANNELS.importCleverCloudEnvironment, input: () => undefined };
      },
      unaffected: rightsFallBack,
      // Imports answer ok and list each profile that failed, with its typed code and message: the
      // cell checks both, and that nothing was imported.
      failureIn: (value) => {
        const outcome = value as ImportResult;
        if (outcome.failed.length === 0) return undefined;
        expect(outcome.imported).toEqual([]);
        expect(ERROR_CODES).toContain(outcome.failed[0]!.code);
        expect(outcome.failed[0]!.code).not.toBe('internal');
        return outcome.failed[0]!.message;
      },
    },
    {
      name: 'log out (revoke the token)',
      steps: [{ method: 'DELETE', path: v2('/self/tokens/'), prefix: true }],
      prepare: async () => {
        // A console login gives the account a token of its own to revoke (again in place after a logout).
        const { id } = await app.cleverCloud.loginWithConsole(loginId());
        return { channel: INVOKE_CHANNELS.logoutAccount, input: () => ({ id }), accountId: id };
      },
      unaffected: (_step, fault) =>
        fault === 'truncated body' || fault === 'drip, one byte at a time' ? 'the answer is a 204 with an empty body: the token was revoked' : undefined,
    },
  ];

  for (const { label, path, step } of pathSteps(PATHS))
    describe(label, () => test.each(FAULTS)('$name', (fault) => runPathCell(w(), path, step, fault)));
});
