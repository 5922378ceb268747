/**
 * The headless agent: Tessera's services in plain Node (createAppServices, the same call as the
 * app, with headless desktop ports), serving the `tessera` command when the app is not running.
 * The command starts it (src/cli/agent-client.ts), detached from the terminal, with its output in
 * `tessera-agent.log` in the data folder. It exits after `idleExitMs` without a command (15 min by
 * default, like ssh-agent's lifetime) unless a grant is still in force, on `tessera agent stop`, on
 * SIGTERM, and when an agent takes over (the app when it starts, src/main/agent/app-agent.ts, or
 * a headless agent started with `--take-over`).
 *
 * It does not run the background refresh scheduler or the revocation retries (the app does): a
 * token is refreshed when a command asks for it, and only then, so that everything this agent
 * sends to a provider is on behalf of a command, and a handover never finds a refresh of its own
 * in flight.
 *
 * Readiness goes to file descriptor 3 when the command opened one: `ready`, `taken` (another agent
 * serves), or `error <code> <message>`.
 */
import { closeSync, fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createAppServices, type AppServices } from '../app-services';
import { AppError, toErrorInfo } from '../errors';
import type { KeytarLike } from '../vault/secret-store';
import { agentLaunch } from './agent-launch';
import { appHoldsDataFolder, inSourceCheckout } from './agent-paths';
import { AgentServer } from './agent-server';
import type { AccountIntake } from './account-intake';
import { appServicesIntake } from './app-services-intake';
import { appServicesSource } from './app-services-source';
import { TerminalApprover } from './approval';
import { confStoreFactory } from './conf-store';
import type { CredentialSource } from './credential-source';
import { HandoutLog } from './handout-log';
import { headlessDesktop } from './headless-desktop';
import { TESSERA_VERSION } from './version';

/** How long after its start the agent does its own start-up work (below). */
const STARTUP_WORK_DELAY_MS = 250;

const say = (line: string): void => void process.stderr.write(`${new Date().toISOString()} [agent ${process.pid}] ${line}\n`);

let reported = false;
/** Tells the command that started this agent how the start went (fd 3), once. */
function report(line: string): void {
  if (reported) return;
  reported = true;
  try {
    fstatSync(3);
    writeSync(3, `${line}\n`);
    closeSync(3);
  } catch {
    /* not started by the command */
  }
}

/** keytar from node_modules; in an installed app, from beside its archive (electron-builder.yml unpacks it). */
async function loadKeytar(): Promise<KeytarLike> {
  try {
    return ((await import('keytar')) as { default: KeytarLike }).default;
  } catch (first) {
    try {
      return createRequire(path.join(import.meta.dirname, '..', 'app.asar.unpacked', 'package.json'))('keytar') as KeytarLike;
    } catch {
      throw new AppError('keychain_unavailable', 'Tessera’s agent cannot load its keychain module (keytar).', { cause: first });
    }
  }
}

async function main(): Promise<void> {
  const takeOver = process.argv.includes('--take-over');
  const launch = agentLaunch(process.env, !inSourceCheckout(import.meta.dirname));
  if (launch.ignored.length > 0) say(`ignored in a packaged Tessera (development only): ${launch.ignored.join(', ')}`);
  // The app serves the command itself (app-agent.ts): when it runs, binding finds its socket taken
  // and this agent leaves (`taken`). An app that holds the data folder without serving (its agent
  // could not start) is still writing the metadata file: this agent must not open it.
  const appRuns = !takeOver && launch.appDataFolder && appHoldsDataFolder(launch.userDataDir);

  let services: AppServices | undefined;
  let source: CredentialSource | undefined;
  let intake: AccountIntake | undefined;
  const ready = (): CredentialSource => {
    if (!source) throw new AppError('busy', 'Tessera’s agent is starting: try again.');
    return source;
  };
  const opened = (): AccountIntake => {
    if (!intake) throw new AppError('busy', 'Tessera’s agent is starting: try again.');
    return intake;
  };
  const server = new AgentServer({
    kind: 'headless',
    version: TESSERA_VERSION,
    location: launch.location,
    source: {
      credential: (...args) => ready().credential(...args),
      serviceToken: (...args) => ready().serviceToken(...args),
      deploymentToken: (...args) => ready().deploymentToken(...args),
      list: () => ready().list(),
      vaultStatus: () => ready().vaultStatus(),
    },
    approver: new TerminalApprover(),
    intake: {
      importCleverTools: (p) => opened().importCleverTools(p),
      importCleverCloudEnv: (p) => opened().importCleverCloudEnv(p),
      login: (p, channel) => opened().login(p, channel),
    },
    handouts: new HandoutLog(launch.location.dataDir),
    flush: () => services?.metadata.flush(),
    idleExitMs: launch.idleExitMs,
    say,
    procRoot: process.platform === 'linux' ? '/proc' : undefined,
  });
  const open = async (): Promise<void> => {
    if (appRuns) throw new AppError('agent_unavailable', 'The Tessera app is running but does not serve the command (see its log): restart it, or quit it to use the command.');
    const keytar = await loadKeytar();
    services = createAppServices({
      dataDir: launch.location.dataDir,
      keytar,
      keychainService: launch.keychainService,
      storeFactory: confStoreFactory,
      desktop: headlessDesktop((text) => {
        say(text);
        server.notice(text);
      }),
      trustedOrigins: [],
      info: { version: TESSERA_VERSION, platform: process.platform, demo: launch.demo },
      cleverCloud: launch.demoConfig?.cleverCloud,
    });
    if (services.metadata.recovery) say(`the metadata file was ${services.metadata.recovery.reason}: the list is rebuilt from the keychain`);
    source = appServicesSource(services);
    intake = appServicesIntake(services);
  };

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void server.stop('signal'));

  if (takeOver) await server.takeOver(open);
  else if ((await server.start(open)) === 'taken') {
    report('taken');
    process.exit(0);
  }
  report('ready');
  // What the app does after its window shows (app-services.ts start()), without the scheduler and
  // the revocation retries (see the file comment): finish interrupted saves and removals, and mark
  // accounts whose route was changed outside Tessera. A moment after the start, so that the command
  // that started this agent is served first (every hand-out checks its account's seal anyway).
  const started = services!;
  setTimeout(() => {
    void (async () => {
      await started.accounts.recoverIfNeeded().catch(() => undefined);
      await started.bindings
        .ready()
        .then(() => started.accounts.setStatuses([...started.saasus.reviewAccounts(), ...started.cleverCloud.reviewAccounts()]))
        .catch(() => undefined);
    })();
  }, STARTUP_WORK_DELAY_MS);

  const reason = await server.stopped;
  await server.closed();
  say(`stopped (${reason})`);
  process.exit(0);
}

/** Where an unexpected error came from, without its message (a library's message may quote what it read). */
function whereFrom(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  return [e.name, ...(e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8)].join('\n');
}

process.on('unhandledRejection', (e) => say(`unexpected error (the agent goes on): ${whereFrom(e)}`));

main().catch((e: unknown) => {
  const info = toErrorInfo(e);
  say(`could not start: ${info.code}: ${info.message}`);
  if (!(e instanceof AppError)) say(whereFrom(e));
  report(`error ${info.code} ${info.message}`);
  process.exit(1);
});
