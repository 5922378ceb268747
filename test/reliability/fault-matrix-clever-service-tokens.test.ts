/**
 * The fault matrix for Clever Cloud's organisation and service-token calls: every exported call of
 * src/main/providers/clever-cloud/service-tokens/client.ts under every fault of the emulator's
 * switches (fault-matrix-support.ts says what each cell must end in: a typed error, a readable
 * message quoting no secret, within the time bound). The service tokens the emulator issued count
 * among the secrets no message may quote.
 */
import { startCleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { DEMO_ORGANISATIONS } from '../../emulators/clever-cloud/demo-data';
import type { CleverCloudApiConfig } from '../../src/main/providers/clever-cloud/api';
import * as client from '../../src/main/providers/clever-cloud/service-tokens/client';
import { describeClientCalls, faultCases, MATRIX_TIMEOUT_MS, useEmulatorUnderFaults, type ClientCall } from './fault-matrix-support';

const FAULTS = faultCases(JSON.stringify({ id: 500, message: 'Internal server error', type: 'error' }));
const emulator = useEmulatorUnderFaults(startCleverCloudEmulator);
const config = (): CleverCloudApiConfig => ({ baseUrl: emulator().config.baseUrl, consumer: emulator().config.consumer, timeoutMs: MATRIX_TIMEOUT_MS });
const seeded = () => emulator().config.token;
const acme = DEMO_ORGANISATIONS[0]!;
const app = acme.applications[0]!.id;
const org = `/v2/organisations/${acme.id}`;
const EMPTY_BODY = 'the answer (a 204) has an empty body: there is nothing to cut or drip';

/** A fresh service token, made fault-free before the cell. */
const freshToken = () => client.createServiceToken(config(), seeded(), acme.id, { name: 'matrix', role: 'DEVELOPER', appId: null, ttlSeconds: 3600 });

const CALLS: readonly ClientCall[] = [
  { name: 'listOrganisations', endpoint: { method: 'GET', path: '/v2/organisations' }, prepare: async () => ({ run: () => client.listOrganisations(config(), seeded()), secrets: [] }) },
  { name: 'listMembers', endpoint: { method: 'GET', path: `${org}/members` }, prepare: async () => ({ run: () => client.listMembers(config(), seeded(), acme.id), secrets: [] }) },
  { name: 'listApplications', endpoint: { method: 'GET', path: `${org}/applications` }, prepare: async () => ({ run: () => client.listApplications(config(), seeded(), acme.id), secrets: [] }) },
  { name: 'listServiceTokens', endpoint: { method: 'GET', path: `${org}/service-tokens` }, prepare: async () => ({ run: () => client.listServiceTokens(config(), seeded(), acme.id), secrets: [] }) },
  {
    name: 'createServiceToken',
    endpoint: { method: 'POST', path: `${org}/service-tokens` },
    prepare: async () => ({ run: () => client.createServiceToken(config(), seeded(), acme.id, { name: 'matrix', role: 'DEVELOPER', appId: app, ttlSeconds: 60 }), secrets: [] }),
  },
  {
    name: 'revokeServiceToken',
    endpoint: { method: 'DELETE', path: `${org}/service-tokens/`, prefix: true },
    prepare: async () => {
      const token = await freshToken();
      return { run: () => client.revokeServiceToken(config(), seeded(), acme.id, token.id), secrets: [token.value] };
    },
    unaffected: { 'truncated body': EMPTY_BODY, 'drip, one byte at a time': EMPTY_BODY },
  },
  {
    name: 'serviceTokenReaches',
    endpoint: { method: 'GET', path: `${org}/applications/${app}` },
    prepare: async () => {
      const token = await freshToken();
      return { run: () => client.serviceTokenReaches(config(), token.value, acme.id, app), secrets: [token.value] };
    },
  },
];

describeClientCalls({
  provider: 'Clever Cloud service tokens',
  api: client,
  calls: CALLS,
  notCalls: ['organisationsRequest', 'membersRequest', 'applicationsRequest', 'serviceTokensRequest', 'createServiceTokenRequest', 'revokeServiceTokenRequest', 'applicationCheckRequest'],
  faults: FAULTS,
  server: () => emulator().server,
  knownSecrets: () => emulator().issuedSecrets(),
});
