/**
 * What the environment may change about the agent and the command: the same development-only
 * variables as the app (src/main/launch-options.ts: TESSERA_DATA_DIR, TESSERA_KEYCHAIN_SERVICE,
 * TESSERA_DEMO, TESSERA_DEMO_CONFIG) and the agent's idle lifetime (TESSERA_AGENT_IDLE_MS, for
 * tests), all ignored when packaged. For the command and the headless agent, "packaged" means not
 * run from a source checkout (agent-paths.ts `inSourceCheckout`): the copy an installed app ships
 * always uses the user's own data folder and keychain, whatever the environment says.
 */
import os from 'node:os';
import path from 'node:path';
import type { DemoConfig } from '../demo';
import { launchOptions } from '../launch-options';
import { agentLocation, defaultDataDir, type AgentLocation, type Environment } from './agent-paths';

/** A headless agent exits after this long without a command (and with no grant in force). */
export const AGENT_IDLE_MS = 15 * 60_000;
export const AGENT_DEVELOPMENT_VARIABLES = ['TESSERA_AGENT_IDLE_MS'] as const;

export interface AgentLaunch {
  readonly location: AgentLocation;
  /** Electron's `userData` for Tessera (where the app's single-instance lock is). */
  readonly userDataDir: string;
  /** The app's own data folder (or its demo folder), not one a test chose. */
  readonly appDataFolder: boolean;
  readonly keychainService: string | undefined;
  readonly demo: boolean;
  readonly demoConfig: DemoConfig | undefined;
  readonly idleExitMs: number;
  /** Development variables set but ignored because this copy is packaged. */
  readonly ignored: readonly string[];
}

export function agentLaunch(
  env: Environment,
  packaged: boolean,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
  user: string = safeUser(),
): AgentLaunch {
  const launch = launchOptions(env, packaged);
  const userDataDir = defaultDataDir(env, platform, home);
  const dataDir = launch.dataDir ?? (launch.demo ? path.join(userDataDir, 'demo') : userDataDir);
  const ownDataFolder = launch.dataDir === undefined && !launch.demo;
  const idle = packaged ? undefined : env.TESSERA_AGENT_IDLE_MS;
  const idleExitMs = idle !== undefined && /^\d{1,10}$/.test(idle) ? Number(idle) : AGENT_IDLE_MS;
  const ignoredIdle = packaged && env.TESSERA_AGENT_IDLE_MS ? ['TESSERA_AGENT_IDLE_MS'] : [];
  return {
    location: agentLocation({ dataDir, ownDataFolder, env, platform, user }),
    userDataDir,
    appDataFolder: launch.dataDir === undefined,
    keychainService: launch.keychainService,
    demo: launch.demo,
    demoConfig: launch.demoConfig,
    idleExitMs,
    ignored: [...launch.ignored, ...ignoredIdle],
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'user';
  }
}
