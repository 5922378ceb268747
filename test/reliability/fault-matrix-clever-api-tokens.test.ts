/**
 * The fault matrix for Clever Cloud's API bridge: every exported call of the API-token client
 * (src/main/providers/clever-cloud/api-tokens/api.ts), and the window's API-token paths through the
 * app's router, under every fault of the emulator's switches, put on the bridge's own server. What
 * each cell must end in is in fault-matrix-support.ts: a typed, readable error within the bound,
 * quoting no secret (the password and API token values included), nothing stored changed, and the
 * same call working once the fault is gone. `/self`, which creating also reads, is the API's and is
 * in fault-matrix-clever-cloud.test.ts.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import { startCleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { INVOKE_CHANNELS } from '../../src/shared/channels';
import type { AppServices } from '../../src/main/app-services';
import * as api from '../../src/main/providers/clever-cloud/api-tokens/api';
import type { CreateApiTokenOutcome } from '../../src/shared/clever-api-tokens';
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
  type PathWorld,
  useEmulatorUnderFaults,
} from './fault-matrix-support';

const FAULTS = faultCases(JSON.stringify({ code: 'internal', message: 'Internal server error', type: 'error' }));
const emulator = useEmulatorUnderFaults(startCleverCloudEmulator);
// The faults go to the bridge's server (the emulator's own clears the API's after each cell).
const bridge = () => emulator().bridgeServer;

const config = (): api.ApiBridgeConfig => ({
  baseUrl: emulator().config.baseUrl,
  bridgeUrl: emulator().config.bridgeUrl,
  consumer: emulator().config.consumer,
  timeoutMs: MATRIX_TIMEOUT_MS,
});
const password = (): string => emulator().config.user.password;
const knownSecrets = (): string[] => [...emulator().issuedSecrets(), password()];
const seeded = () => emulator().config.token;
const EMPTY_BODY = 'the answer (a 204) has an empty body: there is nothing to cut or drip';
const DAY = 86_400_000;

/** A fresh token of the demo user, made fault-free. */
const freshToken = () => api.createApiToken({ ...config(), timeoutMs: 5_000 }, { email: emulator().config.user.email, password: password(), name: 'matrix', expiresAt: Date.now() + DAY });

const CALLS: readonly ClientCall[] = [
  {
    name: 'createApiToken',
    endpoint: { method: 'POST', path: '/api-tokens' },
    prepare: async () => ({
      run: () => api.createApiToken(config(), { email: emulator().config.user.email, password: password(), name: 'matrix', expiresAt: Date.now() + DAY }),
      secrets: [password()],
    }),
  },
  {
    name: 'listApiTokens',
    endpoint: { method: 'GET', path: '/api-tokens' },
    prepare: async () => ({ run: () => api.listApiTokens(config(), seeded()), secrets: [] }),
  },
  {
    name: 'updateApiToken',
    endpoint: { method: 'PUT', path: '/api-tokens/', prefix: true },
    prepare: async () => {
      const { apiTokenId, apiToken } = await freshToken();
      return { run: async () => (await api.updateApiToken(config(), seeded(), apiTokenId, { name: 'renamed' }), true), secrets: [apiToken] };
    },
    unaffected: { 'truncated body': EMPTY_BODY, 'drip, one byte at a time': EMPTY_BODY },
  },
  {
    name: 'revokeApiToken',
    endpoint: { method: 'DELETE', path: '/api-tokens/', prefix: true },
    prepare: async () => {
      const { apiTokenId, apiToken } = await freshToken();
      return { run: () => api.revokeApiToken(config(), seeded(), apiTokenId), secrets: [apiToken] };
    },
    unaffected: { 'truncated body': EMPTY_BODY, 'drip, one byte at a time': EMPTY_BODY },
  },
  {
    name: 'bridgeSelf',
    endpoint: { method: 'GET', path: '/v2/self' },
    prepare: async () => {
      const { apiToken } = await freshToken();
      return { run: () => api.bridgeSelf(config(), apiToken), secrets: [apiToken] };
    },
  },
];

describeClientCalls({
  provider: 'Clever Cloud API bridge',
  api,
  calls: CALLS,
  notCalls: ['ApiTokenCredentialError'],
  faults: FAULTS,
  server: bridge,
  knownSecrets,
});

describe('Clever Cloud API-token paths through the app under faults', () => {
  let world: TestWorld;
  let app: AppServices;
  let accountId: string;
  const w = (): PathWorld => ({ app, world, server: bridge(), knownSecrets });

  beforeAll(async () => {
    world = makeTestWorld();
    const browse = async (url: string): Promise<void> => void (await new TestBrowser(emulator().config.consoleUrl, emulator().config.user).open(url));
    app = createTestApp(world, {
      desktop: testDesktop(browse),
      loginTimeoutMs: 10_000,
      cleverCloud: {
        baseUrl: emulator().config.baseUrl,
        consoleUrl: emulator().config.consoleUrl,
        bridgeUrl: emulator().config.bridgeUrl,
        pollIntervalMs: 20,
        api: { timeoutMs: MATRIX_TIMEOUT_MS },
      },
    });
    accountId = (await app.cleverCloud.loginWithConsole('fault-api-tokens-1')).id;
  });
  afterAll(async () => {
    app.logins.cancelAll();
    app.scheduler.stop();
    app.cleverCloud.retired.stop();
    await world.cleanup();
  });

  const PATHS: readonly AppPath[] = [
    {
      name: 'list API tokens',
      steps: [{ method: 'GET', path: '/api-tokens' }],
      prepare: async () => ({ channel: INVOKE_CHANNELS.getCleverApiTokens, input: () => ({ id: accountId }) }),
    },
    {
      name: 'create an API token',
      steps: [{ method: 'POST', path: '/api-tokens' }],
      prepare: async () => ({
        channel: INVOKE_CHANNELS.createCleverApiToken,
        input: () => ({ id: accountId, name: 'matrix', lifetimeDays: 1, password: password() }),
      }),
    },
    {
      name: 'revoke an API token',
      steps: [{ method: 'DELETE', path: '/api-tokens/', prefix: true }],
      prepare: async () => {
        const created = (await app.router.dispatch(INVOKE_CHANNELS.createCleverApiToken, { id: accountId, name: 'to revoke', lifetimeDays: 1, password: password() }, {
          isMainFrame: true,
          url: 'app://tessera/index.html',
        })) as { ok: true; value: CreateApiTokenOutcome };
        if (created.value.status !== 'created') throw new Error('not created');
        const apiTokenId = created.value.token.apiTokenId;
        return { channel: INVOKE_CHANNELS.revokeCleverApiToken, input: () => ({ id: accountId, apiTokenId }) };
      },
      unaffected: (_step, fault) =>
        fault === 'truncated body' || fault === 'drip, one byte at a time' ? 'the answer is a 204 with an empty body: the token was revoked' : undefined,
    },
  ];

  for (const { label, path, step } of pathSteps(PATHS))
    describe(label, () => test.each(FAULTS)('$name', (fault) => runPathCell(w(), path, step, fault)));
});
