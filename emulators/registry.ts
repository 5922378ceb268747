/**
 * The emulators `npm run emulators` and `npm run demo` start: one entry per provider, with its
 * default port and the JSON it contributes to --print-config.
 */
import { cleverCloudEmulatorConfig, startCleverCloudEmulator } from './clever-cloud/server';
import { saasusEmulatorConfig, startSaasusEmulator } from './saasus/server';

export interface RunningEmulator {
  readonly baseUrl: string;
  /** Base URL and seeded demo credentials, as printed by --print-config. */
  readonly config: unknown;
  close(): Promise<void>;
}

export interface EmulatorEntry {
  /** Key in the --print-config JSON. */
  readonly key: string;
  readonly title: string;
  /** Used in --<flag>-port. */
  readonly flag: string;
  readonly defaultPort: number;
  /** What --print-config prints for this emulator serving on `port`, whether it is running or not. */
  config(port: number): unknown;
  start(port: number): Promise<RunningEmulator>;
}

export const EMULATORS: readonly EmulatorEntry[] = [
  {
    key: 'cleverCloud',
    title: 'Clever Cloud emulator',
    flag: 'clever-cloud',
    defaultPort: 47801,
    config: cleverCloudEmulatorConfig,
    start: async (port) => {
      const emulator = await startCleverCloudEmulator({ port });
      return { baseUrl: emulator.config.baseUrl, config: emulator.config, close: () => emulator.close() };
    },
  },
  {
    key: 'saasus',
    title: 'SaaSus emulator',
    flag: 'saasus',
    defaultPort: 47802,
    config: (port) => saasusEmulatorConfig(port),
    start: async (port) => {
      const emulator = await startSaasusEmulator({ port });
      return { baseUrl: emulator.config.baseUrl, config: emulator.config, close: () => emulator.close() };
    },
  },
];
