/**
 * `tessera`: fresh credentials from Tessera for the tools that need them (clever-tools, curl, SDKs,
 * CI scripts, AI coding agents), approved by the user, never written to a file. The command holds
 * nothing: it asks Tessera's agent (src/main/agent), starting a headless one when the app is not
 * running. Plain Node ≥ 20, no Electron; built into one file, out/cli/tessera.cjs
 * (scripts/build-cli.mjs). README, "From the command line", documents every command.
 *
 * Kept cheap to start (the benchmark's goal is 1.5 × a bare `node -e 0` for a held token): one
 * bundled file, no schema library on its path, one round trip to the agent.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AccountRef, ImportAnswer, MethodName, MethodResults, ParamsOf } from '../shared/agent-protocol';
import { printable, printableLines } from '../shared/printable';
import { PROVIDER_NAMES } from '../shared/types';
import { AppError } from '../main/errors';
import { agentLaunch } from '../main/agent/agent-launch';
import { inSourceCheckout } from '../main/agent/agent-paths';
import { completionNames } from '../main/agent/account-selector';
import { cleverToolsConfigPaths } from '../main/providers/clever-cloud/clever-tools-paths';
import { TESSERA_VERSION } from '../main/agent/version';
import { callAgent, type Answer } from './agent-client';
import { HELP, parseArgs, USAGE, UsageError, type Command } from './args';
import { completionScript } from './completion';
import { childEnvironment, execWithEnvironment } from './exec-child';
import { EXIT, exitCodeFor } from './exit-codes';
import { accountsTable, accountState, agentWords, grantsTable, needsAttention, relative } from './output';
import { credentialAnswer, deploymentRequest, MAX_INPUT_BYTES, parseCredentialInput } from './git-credential';
import { defaultShell, envLines } from './shell-env';

const out = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const err = (text: string): void => void process.stderr.write(`tessera: ${printableLines(text)}\n`);
const json = (value: unknown): void => out(JSON.stringify(value, null, 2));

const here = import.meta.dirname;
const launch = agentLaunch(process.env, !inSourceCheckout(here));

function call<M extends MethodName>(method: M, params: ParamsOf<M>, start = true): Promise<Answer<MethodResults[M]>> {
  return callAgent({ location: launch.location, agentScript: path.join(here, 'tessera-agent.cjs'), start, notice: (text) => err(text) }, method, params);
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const accountWords = (a: AccountRef): string => `"${printable(a.displayName)}" (${printable(a.subtitle)}, ${PROVIDER_NAMES[a.provider]}), id ${a.id}`;

/** The variables clever-tools reads, from this command's environment (what `import clever-cloud --from-env` sends). */
const CLEVER_TOOLS_VARIABLES = ['CLEVER_TOKEN', 'CLEVER_SECRET', 'API_HOST', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET', 'AUTH_BRIDGE_HOST', 'CONSOLE_URL', 'SSH_GATEWAY'] as const;

/** An import's report: the accounts on stdout, the profiles that failed on stderr; exit 0 only when every profile was imported. */
function importReport(value: ImportAnswer, asJson: boolean): number {
  if (asJson) json(value);
  else {
    for (const a of value.imported) out(`Imported ${accountWords(a)}.`);
    for (const o of value.overrides ?? []) out(`  profile "${printable(o.alias)}" brought its overrides: ${o.names.join(', ')}`);
    const removed = value.plaintextRemoved;
    if (removed)
      out(`Removed the plaintext token of ${removed.removed.map((a) => `"${printable(a)}"`).join(', ')} from ${printable(removed.path)} (backup: ${printable(removed.backupPath)}).`);
    else if (value.plaintextIn && !value.plaintextError)
      err(`The imported tokens are still in plaintext in ${printable(value.plaintextIn)}: add --remove-plaintext to remove them (a backup is kept).`);
  }
  for (const f of value.failed) err(`Not imported: profile "${printable(f.alias)}": ${f.message}`);
  if (value.plaintextError) err(`Plaintext tokens not removed: ${value.plaintextError.message}`);
  const first = value.failed[0]?.code ?? value.plaintextError?.code;
  return first === undefined ? EXIT.ok : exitCodeFor(first);
}

/**
 * While a login waits, Ctrl-C (or the terminal closing) ends the command; the agent sees the
 * connection close and cancels the login (src/main/agent/app-services-intake.ts).
 */
function cancelOnSignals(): void {
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const)
    process.once(signal, () => {
      err('Login cancelled: nothing was saved.');
      process.exit(128 + number);
    });
}

/** stdin, up to `max` bytes (what git writes to a credential helper). */
async function readInput(max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > max) throw new UsageError(`More than ${max} bytes on stdin: git describes a URL in far fewer.`, 'git-credential');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function run(command: Command): Promise<number> {
  const now = Date.now();
  switch (command.name) {
    case 'help': {
      const usage = command.topic === undefined ? undefined : USAGE[command.topic];
      out(usage ? `Usage: ${usage}` : HELP);
      return EXIT.ok;
    }
    case 'version':
      out(TESSERA_VERSION);
      return EXIT.ok;
    case 'completion':
      out(completionScript(command.shell));
      return EXIT.ok;
    case 'list': {
      const { value } = await call('list', undefined);
      if (command.names) out(completionNames(value).join('\n'));
      else if (command.json) json(value.map((a) => ({ ...a, state: accountState(a, now), expiresAt: iso(a.expiresAt) })));
      else out(accountsTable(value, now));
      return command.names || !value.some((a) => needsAttention(a, now)) ? EXIT.ok : EXIT.needsLogin;
    }
    case 'status': {
      const { value, agent, started } = await call('status', undefined);
      const needing = value.accounts.filter((a) => needsAttention(a, now));
      if (command.json) {
        json({
          agent: { ...agent, startedAt: iso(agent.startedAt), startedByThisCommand: started },
          keychain: value.vault,
          accounts: value.accounts.map((a) => ({ ...a, state: accountState(a, now), expiresAt: iso(a.expiresAt) })),
          grants: value.grants,
          attention: needing.map((a) => ({ id: a.id, displayName: a.displayName, state: accountState(a, now), message: a.statusMessage })),
        });
      } else {
        const lines = [
          `Agent:    ${agentWords(agent, started, now)}`,
          `Keychain: ${value.vault.available ? 'available' : `unavailable: ${value.vault.message ?? ''}`}`,
          `Grants:   ${value.grants === 0 ? 'none' : `${value.grants} (tessera grants)`}`,
          '',
          accountsTable(value.accounts, now),
        ];
        if (needing.length > 0) {
          lines.push('', 'Needs attention:');
          for (const a of needing) lines.push(`  ${printable(a.displayName)} (${PROVIDER_NAMES[a.provider]}): ${printable(a.statusMessage ?? accountState(a, now))}`);
        }
        out(lines.join('\n'));
      }
      if (!value.vault.available) return EXIT.noKeychain;
      return needing.length > 0 ? EXIT.needsLogin : EXIT.ok;
    }
    case 'token': {
      const { value } = await call('token', {
        account: command.account,
        kind: command.kind,
        minValidMs: command.minValidMs,
        ...(command.tokenName === undefined ? {} : { name: command.tokenName }),
      });
      if (command.json) json({ ...value, validUntil: iso(value.validUntil) });
      else out(value.value);
      return EXIT.ok;
    }
    case 'service-token': {
      const { value } = await call('serviceToken', { account: command.account, org: command.org, app: command.app });
      if (command.json) json({ ...value, validUntil: iso(value.validUntil) });
      else out(value.value);
      return EXIT.ok;
    }
    case 'git-credential': {
      // store: Tessera already holds the token; erase: nothing is cached here to forget.
      if (command.action !== 'get') return EXIT.ok;
      const request = deploymentRequest(parseCredentialInput(await readInput(MAX_INPUT_BYTES)));
      if (request === null) return EXIT.ok;
      const { value } = await call('gitCredential', request);
      if (value !== null) process.stdout.write(credentialAnswer(value.value));
      return EXIT.ok;
    }
    case 'env': {
      const { value } = await call('env', { accounts: [...command.accounts], minValidMs: command.minValidMs });
      if (command.json) json({ set: Object.fromEntries(value.set), unset: value.unset, validUntil: iso(value.validUntil) });
      else out(envLines(command.shell ?? defaultShell(process.env, process.platform), value.set, value.unset));
      return EXIT.ok;
    }
    case 'exec': {
      const { value } = await call('env', { accounts: [...command.accounts], minValidMs: command.minValidMs });
      return execWithEnvironment(command.command, childEnvironment(process.env, value.set, value.unset));
    }
    case 'grant': {
      let cwd: string | null = null;
      if (command.cwd !== null) {
        try {
          cwd = realpathSync(command.cwd);
          if (!statSync(cwd).isDirectory()) throw new Error('not a directory');
        } catch {
          throw new UsageError(`--cwd ${command.cwd} is not a directory.`, 'grant');
        }
      }
      const { value } = await call('grant', { account: command.account, forMs: command.forMs, cwd });
      if (command.json) json({ ...value, createdAt: iso(value.createdAt), expiresAt: iso(value.expiresAt) });
      else
        out(
          `Grant ${value.id}: ${value.cwd === null ? 'any program' : `programs in ${printable(value.cwd)}`} may have the credentials of "${printable(value.account.displayName)}" until ${new Date(value.expiresAt).toLocaleString()} (${relative(value.expiresAt, now)}). Revoke it with \`tessera revoke-grant ${value.id}\`.`,
        );
      return EXIT.ok;
    }
    case 'grants': {
      const { value } = await call('grants', undefined);
      if (command.json) json(value.map((g) => ({ ...g, createdAt: iso(g.createdAt), expiresAt: iso(g.expiresAt) })));
      else out(grantsTable(value, now));
      return EXIT.ok;
    }
    case 'revoke-grant': {
      await call('revokeGrant', { id: command.id });
      if (command.json) json({ revoked: command.id });
      else out(`Grant ${command.id} revoked.`);
      return EXIT.ok;
    }
    case 'import': {
      if (command.source === 'clever-tools') {
        // The default locations as clever-tools itself finds them, from this command's environment (XDG_CONFIG_HOME, HOME).
        const paths = command.file !== null ? [path.resolve(command.file)] : cleverToolsConfigPaths();
        const { value } = await call('importCleverTools', { paths, profile: command.profile, removePlaintext: command.removePlaintext });
        return importReport(value, command.json);
      }
      const variables: Partial<Record<(typeof CLEVER_TOOLS_VARIABLES)[number], string>> = {};
      for (const name of CLEVER_TOOLS_VARIABLES) if (process.env[name] !== undefined) variables[name] = process.env[name];
      const { value } = await call('importCleverCloudEnv', { variables });
      return importReport(value, command.json);
    }
    case 'login': {
      cancelOnSignals();
      const params: ParamsOf<'login'> =
        command.provider === 'clever-cloud' ? { provider: 'clever-cloud', timeoutMs: command.timeoutMs } : { provider: 'saasus', connection: command.connection, timeoutMs: command.timeoutMs };
      const { value } = await call('login', params);
      if (command.json) json({ account: value.account, expiresAt: iso(value.expiresAt) });
      else out(`Logged in: ${accountWords(value.account)}${value.expiresAt === null ? '' : `; its token expires ${relative(value.expiresAt, Date.now())}`}.`);
      return EXIT.ok;
    }
    case 'agent': {
      if (command.action === 'start') {
        const { agent, started } = await call('list', undefined);
        if (command.json) json({ ...agent, startedAt: iso(agent.startedAt), startedByThisCommand: started });
        else out(`Agent: ${agentWords(agent, started, now)}`);
        return EXIT.ok;
      }
      try {
        await call('quit', undefined, false);
      } catch (e) {
        if (e instanceof AppError && e.code === 'agent_unavailable' && e.message === 'No Tessera agent is running.') {
          if (command.json) json({ stopped: false });
          else out('No Tessera agent is running.');
          return EXIT.ok;
        }
        throw e;
      }
      if (command.json) json({ stopped: true });
      else out('Tessera’s agent stopped; every grant is revoked.');
      return EXIT.ok;
    }
  }
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(e.message);
    process.stderr.write(`Usage: ${e.command ? USAGE[e.command] : 'tessera <command> (tessera help)'}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  try {
    process.exitCode = await run(command);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      process.exitCode = EXIT.usage;
    } else if (e instanceof AppError) {
      err(e.message);
      process.exitCode = exitCodeFor(e.code);
    } else {
      err('Something went wrong inside tessera.');
      process.exitCode = EXIT.error;
    }
  }
}

void main();
