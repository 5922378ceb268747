/**
 * The main process of the end-to-end harness: the app's real services and IPC router
 * (createAppServices, the same call src/main/index.ts makes), with the real keychain (keytar)
 * and a real metadata file (conf, the library electron-store is built on). Only Electron's parts
 * are replaced: calls arrive over Node's child-process IPC instead of ipcMain, and the desktop
 * ports report to the test instead of opening a browser or writing the system clipboard.
 *
 * Run as: node --import tsx e2e/harness/main-host.ts '<HostConfig JSON>'
 */
import Conf from 'conf';
import keytar from 'keytar';
import { EVENT_CHANNELS } from '../../src/shared/channels';
import { agentLocation } from '../../src/main/agent/agent-paths';
import { startAppAgent } from '../../src/main/agent/app-agent';
import { createAppServices } from '../../src/main/app-services';
import type { JsonFileStoreFactory } from '../../src/main/vault/metadata-store';
import type { FromHost, HostConfig, ToHost } from './protocol';

const send = (message: FromHost): void => void process.send?.(message);

const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
const confFactory: JsonFileStoreFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false, serialize: (v) => JSON.stringify(v) });

let clipboard = '';
try {
  // Like the app (src/main/index.ts): the services open behind the agent that serves the
  // `tessera` command at <data folder>/agent (TESSERA_DATA_DIR=<data folder> finds it), taking
  // over from a headless agent that runs there.
  const agent = await startAppAgent({
    location: agentLocation({ dataDir: config.dataDir, ownDataFolder: false, env: {}, platform: process.platform }),
    version: 'harness',
    procRoot: process.platform === 'linux' ? '/proc' : undefined,
    open: () => createAppServices({
      dataDir: config.dataDir,
      keytar,
      keychainService: config.keychainService,
      storeFactory: confFactory,
      trustedOrigins: [config.trustedOrigin],
      info: { version: 'harness', platform: process.platform, demo: config.demo },
      systemLanguages: () => config.systemLanguages ?? [],
      cleverCloud: config.cleverCloud,
      desktop: {
        browser: { open: async (url) => send({ type: 'open-url', url }) },
        clipboard: {
          writeText: async (text, { concealed }) => {
            clipboard = text;
            send({ type: 'clipboard', text, concealed });
          },
          readText: async () => clipboard,
          clear: async () => {
            clipboard = '';
            send({ type: 'clipboard', text: '', concealed: false });
          },
        },
        notifier: { notify: ({ title, body }) => send({ type: 'notify', title, body }) },
      },
    }),
  });
  const services = agent.services;
  if (agent.error) send({ type: 'notify', title: 'agent', body: agent.error.message });
  services.events.attach((event, payload) => send({ type: 'event', channel: EVENT_CHANNELS[event], payload }));

  process.on('message', (raw) => {
    const message = raw as ToHost;
    if (message.type === 'invoke') {
      void services.router.dispatch(message.channel, message.input, message.sender).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'stats') {
      send({ type: 'stats', keychainReads: services.secrets.stats.reads, keychainWrites: services.secrets.stats.writes });
    }
  });
  // The window closed: like the app quitting, write what is still pending before exiting.
  // Quitting stops the agent too (every grant revoked, the socket and its key removed).
  process.on('disconnect', () => {
    void agent
      .stop()
      .catch(() => undefined)
      .finally(() => {
        try {
          services.metadata.flush();
        } finally {
          process.exit(0);
        }
      });
  });
  send({ type: 'ready' });
  // Like the app: keychain work starts after the window is up, never before the first list.
  setTimeout(() => void services.start(), 0);
} catch (error) {
  send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
