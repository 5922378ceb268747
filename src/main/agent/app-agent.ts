/**
 * The app as Tessera's agent: when the app starts, it serves the `tessera` command itself over
 * the same services as its window (createAppServices, through the adapters app-services-source.ts
 * and app-services-intake.ts), and its window asks for approval (window-approver.ts). Plain Node:
 * the composition root (src/main/index.ts) and the end-to-end harness (e2e/harness/main-host.ts)
 * both call it.
 *
 * Starting takes over from a headless agent that runs (AgentServer.takeOver: it finishes its
 * work, flushes the metadata and hands over its grants) BEFORE the app opens its services, so the
 * app reads the metadata file the headless agent last wrote and the two never write it at once.
 * When no agent runs it binds the socket. If the agent cannot start (its directory is open to
 * others, another agent won a race), the app still opens and works; only the command is refused
 * until the next start, and `error` says why.
 *
 * Stopping (the app quits) refuses any question still waiting, revokes every grant and session
 * approval, lets go of the socket and deletes the session key. Why: docs/SECURITY.md, section 17.
 */
import type { AppServices } from '../app-services';
import { toErrorInfo } from '../errors';
import type { ErrorInfo } from '../../shared/errors';
import type { AgentLocation } from './agent-paths';
import { AgentServer, type AgentLimits } from './agent-server';
import type { AccountIntake } from './account-intake';
import { appServicesIntake } from './app-services-intake';
import { appServicesSource } from './app-services-source';
import type { Caller } from './approval';
import type { CredentialSource } from './credential-source';
import { HandoutLog } from './handout-log';

/** Who revokes a grant from Settings, as the hand-out log names it. */
const WINDOW_CALLER: Caller = { pid: process.pid, exe: process.execPath, cwd: null, cmdline: ['Tessera (Settings)'], session: null, verified: true };

export interface AppAgent {
  readonly services: AppServices;
  /** The agent serving the command; null when it could not start (see `error`). */
  readonly server: AgentServer | null;
  readonly error: ErrorInfo | null;
  /** Stops serving the command (the app quits): every grant revoked. Safe to call twice. */
  stop(): Promise<void>;
  /** The screen was locked: every grant and session approval is revoked, the agent keeps serving. */
  lock(): void;
}

export async function startAppAgent(opts: {
  readonly location: AgentLocation;
  readonly version: string;
  /** Opens the app's services; runs once, after a headless agent handed over. */
  readonly open: () => AppServices;
  readonly say?: (line: string) => void;
  readonly procRoot?: string;
  readonly limits?: Partial<AgentLimits>;
}): Promise<AppAgent> {
  let services: AppServices | undefined;
  let adapters: { source: CredentialSource; intake: AccountIntake } | undefined;
  const opened = (): AppServices => (services ??= opts.open());
  const source = (): CredentialSource => (adapters ??= { source: appServicesSource(opened()), intake: appServicesIntake(opened()) }).source;
  const intake = (): AccountIntake => (adapters ??= { source: appServicesSource(opened()), intake: appServicesIntake(opened()) }).intake;
  const server = new AgentServer({
    kind: 'app',
    version: opts.version,
    location: opts.location,
    source: {
      credential: (...args) => source().credential(...args),
      serviceToken: (...args) => source().serviceToken(...args),
      deploymentToken: (...args) => source().deploymentToken(...args),
      list: () => source().list(),
      vaultStatus: () => source().vaultStatus(),
    },
    intake: {
      importCleverTools: (p) => intake().importCleverTools(p),
      importCleverCloudEnv: (p) => intake().importCleverCloudEnv(p),
      login: (p, channel) => intake().login(p, channel),
    },
    approver: { canAsk: () => opened().approver.canAsk(), approve: (q, c) => opened().approver.approve(q, c) },
    handouts: new HandoutLog(opts.location.dataDir),
    flush: () => services?.metadata.flush(),
    idleExitMs: null,
    say: opts.say,
    procRoot: opts.procRoot,
    limits: opts.limits,
  });
  try {
    await server.takeOver(() => void opened());
  } catch (e) {
    const error = toErrorInfo(e);
    opts.say?.(`the app does not serve the command: ${error.code}: ${error.message}`);
    await server.stop('quit').catch(() => undefined);
    return { services: opened(), server: null, error, stop: async () => undefined, lock: () => undefined };
  }
  const app = opened();
  const handouts = new HandoutLog(opts.location.dataDir);
  app.grants.current = {
    grants: () => server.approvals.grants(),
    // "Revoke" in Settings: logged like `tessera revoke-grant`, by the window.
    revokeGrant: (id) => {
      const revoked = server.approvals.revokeGrant(id);
      if (revoked) handouts.write({ event: 'grant-revoked', method: 'revokeGrant', accounts: [], authority: id }, WINDOW_CALLER);
      return revoked;
    },
  };
  server.approvals.onGrantsChanged = () => app.grantsChanged();
  app.grantsChanged();
  let stopping: Promise<void> | undefined;
  return {
    services: app,
    server,
    error: null,
    lock: () => {
      if (server.approvals.grants().length > 0) handouts.write({ event: 'grant-revoked', method: 'lock', accounts: [], authority: 'the screen was locked' }, WINDOW_CALLER);
      server.approvals.revokeAll();
    },
    stop: () =>
      (stopping ??= (async () => {
        app.approver.denyAll();
        await server.stop('quit');
        app.grants.current = null;
        app.grantsChanged();
      })()),
  };
}
