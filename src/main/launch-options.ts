/**
 * What the environment may change about a launch: the dev server (`ELECTRON_RENDERER_URL`, set by
 * `electron-vite dev`), the demo against the emulators (`TESSERA_DEMO`, `TESSERA_DEMO_CONFIG`, set by
 * scripts/demo.mjs), and the data folder and keychain service tests use (`TESSERA_DATA_DIR`,
 * `TESSERA_KEYCHAIN_SERVICE`, e2e/electron.spec.ts).
 *
 * All of them are for development only. A packaged Tessera ignores every one: otherwise anyone who
 * can set a user's environment could point the installed app at their own "Clever Cloud" (the demo
 * config names its base URLs), load the window from their own server, or make it read and write
 * another data folder or keychain service. src/main/index.ts reads the environment only through
 * this function.
 */
import { parseDemoConfig, type DemoConfig } from './demo';

export interface LaunchOptions {
  /** The Vite dev server the window loads from (hot reload); undefined: the built files on app://. */
  readonly devServerUrl: string | undefined;
  /** `npm run demo`: a data folder and keychain service of its own, the emulators' URLs. */
  readonly demo: boolean;
  readonly demoConfig: DemoConfig | undefined;
  /** A data folder chosen by a test; undefined: the app's own (its `demo` subfolder in the demo). */
  readonly dataDir: string | undefined;
  /** A keychain service chosen by a test or the demo; undefined: the user's `Tessera`. */
  readonly keychainService: string | undefined;
  /** The development variables that were set but ignored because the app is packaged. */
  readonly ignored: readonly string[];
}

export const DEVELOPMENT_VARIABLES = [
  'ELECTRON_RENDERER_URL',
  'TESSERA_DEMO',
  'TESSERA_DEMO_CONFIG',
  'TESSERA_DATA_DIR',
  'TESSERA_KEYCHAIN_SERVICE',
] as const;

export type LaunchEnvironment = Readonly<Partial<Record<string, string>>>;

export function launchOptions(env: LaunchEnvironment, isPackaged: boolean): LaunchOptions {
  // An empty variable counts as unset.
  const set = (name: (typeof DEVELOPMENT_VARIABLES)[number]): string | undefined => env[name] || undefined;
  if (isPackaged) {
    return {
      devServerUrl: undefined,
      demo: false,
      demoConfig: undefined,
      dataDir: undefined,
      keychainService: undefined,
      ignored: DEVELOPMENT_VARIABLES.filter((name) => set(name) !== undefined),
    };
  }
  const demo = set('TESSERA_DEMO') === '1';
  return {
    devServerUrl: httpUrl(set('ELECTRON_RENDERER_URL')),
    demo,
    demoConfig: demo ? parseDemoConfig(set('TESSERA_DEMO_CONFIG')) : undefined,
    dataDir: set('TESSERA_DATA_DIR'),
    keychainService: set('TESSERA_KEYCHAIN_SERVICE') ?? (demo ? 'Tessera-demo' : undefined),
    ignored: [],
  };
}

/** The dev server's address, when it is one (the window would otherwise fail to load). */
function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:' ? value : undefined;
}
