/**
 * The `tessera` command line, parsed into a command (pure: no I/O). A mistake is a UsageError,
 * which the command prints with the usage line and exit code 2.
 */
import { MAX_ENV_ACCOUNTS, MAX_GRANT_MS, MAX_LOGIN_WAIT_MS, MAX_MIN_VALID_MS, MIN_GRANT_MS, MIN_LOGIN_WAIT_MS } from '../shared/agent-protocol';
import { ALL_COPY_KINDS, offeredKinds, PROVIDER_NAMES, PROVIDERS, type CopyKind } from '../shared/types';

export const SHELLS = ['sh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** `tessera token --kind service-token`: a Clever Cloud organisation's service token (not a copy kind: it needs --org). */
export const SERVICE_TOKEN_KIND = 'service-token';

/** `tessera grant` without `--for`. */
export const DEFAULT_GRANT_MS = 8 * 3_600_000;

export type Command =
  | { readonly name: 'list'; readonly json: boolean; readonly names: boolean }
  | { readonly name: 'status'; readonly json: boolean }
  | {
      readonly name: 'token';
      readonly account: string;
      readonly kind: CopyKind | undefined;
      readonly minValidMs: number | undefined;
      readonly json: boolean;
      /** `--name`: which API token (kind `api-token`). */
      readonly tokenName?: string;
    }
  | { readonly name: 'service-token'; readonly account: string; readonly org: string; readonly app: string | null; readonly json: boolean }
  | { readonly name: 'git-credential'; readonly action: 'get' | 'store' | 'erase' }
  | { readonly name: 'exec'; readonly accounts: readonly string[]; readonly command: readonly string[]; readonly minValidMs: number | undefined }
  | { readonly name: 'env'; readonly accounts: readonly string[]; readonly shell: Shell | undefined; readonly minValidMs: number | undefined; readonly json: boolean }
  | { readonly name: 'grant'; readonly account: string; readonly forMs: number; readonly cwd: string | null; readonly json: boolean }
  | { readonly name: 'grants'; readonly json: boolean }
  | { readonly name: 'revoke-grant'; readonly id: string; readonly json: boolean }
  | { readonly name: 'completion'; readonly shell: CompletionShell }
  | { readonly name: 'agent'; readonly action: 'start' | 'stop'; readonly json: boolean }
  | {
      readonly name: 'import';
      readonly source: 'clever-tools';
      readonly file: string | null;
      readonly profile: string | null;
      readonly removePlaintext: boolean;
      readonly json: boolean;
    }
  | { readonly name: 'import'; readonly source: 'clever-cloud-env'; readonly json: boolean }
  | { readonly name: 'login'; readonly provider: 'clever-cloud'; readonly timeoutMs: number; readonly json: boolean }
  | { readonly name: 'login'; readonly provider: 'saasus'; readonly connection: string; readonly timeoutMs: number; readonly json: boolean }
  | { readonly name: 'help'; readonly topic: string | undefined }
  | { readonly name: 'version' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to show with it. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export const USAGE: Readonly<Record<string, string>> = {
  list: 'tessera list [--json] [--names]',
  status: 'tessera status [--json]',
  token: 'tessera token <account> [--kind KIND] [--name API-TOKEN-NAME] [--min-valid 5m] [--json] | tessera token <account> --kind service-token --org ORG [--app APP] [--json]',
  // Both settings are needed: without useHttpPath git does not say which application, and Tessera answers nothing (README, "git push with a service token").
  'git-credential':
    "tessera git-credential get|store|erase (git runs it, once set up: git config --global credential.https://*.services.clever-cloud.com.helper '!tessera git-credential' and credential.https://*.services.clever-cloud.com.useHttpPath true)",
  exec: 'tessera exec [--min-valid 5m] <account> [<account>…] -- <command> [<argument>…]',
  env: 'tessera env <account> [<account>…] [--shell sh|fish|powershell] [--min-valid 5m] [--json]',
  grant: 'tessera grant <account> [--for 8h] [--cwd DIR] [--json]',
  grants: 'tessera grants [--json]',
  'revoke-grant': 'tessera revoke-grant <id> [--json]',
  completion: 'tessera completion bash|zsh|fish',
  agent: 'tessera agent start|stop [--json]',
  import: 'tessera import clever-tools [--file F] [--profile ALIAS] [--remove-plaintext] [--json] | tessera import clever-cloud --from-env [--json]',
  login: 'tessera login clever-cloud [--timeout 5m] [--json] | tessera login saasus --connection C [--timeout 5m] [--json]',
};

/** `--kind` per provider, its default first (offeredKinds in src/shared/types.ts), and Clever Cloud's service tokens. */
const KINDS_HELP = PROVIDERS.map((p) => {
  const kinds = offeredKinds(p).map(({ kind }, i) => (i === 0 ? `${kind} (default)` : kind));
  return `${PROVIDER_NAMES[p]}: ${[...kinds, ...(p === 'clever-cloud' ? [`${SERVICE_TOKEN_KIND} (with --org)`] : [])].join(', ')}`;
}).join('\n  ');

/** `tessera --help`: every command's usage, the kinds `token` hands out, names and exit codes. */
export const HELP = `tessera: fresh credentials from Tessera, approved by you, never written to a file.

Usage:
  ${Object.values(USAGE).join('\n  ')}
  tessera help [<command>] | tessera <command> --help | tessera --version

Kinds (tessera token --kind):
  ${KINDS_HELP}

Accounts are named by id, name or e-mail. Exit codes: 0 ok, 1 error, 2 usage, 3 needs login,
4 denied, 5 no keychain, 6 agent unreachable; \`exec\` exits with its command's status.
`;

/** `tessera login` without `--timeout`: as long as the services wait (LOGIN_TIMEOUT_MS, src/main/logins/login-registry.ts). */
export const DEFAULT_LOGIN_WAIT_MS = MAX_LOGIN_WAIT_MS;

/** "90s", "5m", "8h", "1d", "1h30m", "0": milliseconds. Undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
  const ms = ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

interface Spec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that do not. */
  readonly switches: readonly string[];
}

interface Parsed {
  readonly positional: string[];
  readonly values: Map<string, string>;
  readonly switches: Set<string>;
  /** After `--` (exec). */
  readonly rest: string[] | undefined;
}

function parseFlags(command: string, args: readonly string[], spec: Spec): Parsed {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') return { positional, values, switches, rest: args.slice(i + 1) };
    // There are no one-letter options: `-abc` is an argument (account ids may start with a dash).
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.switches.includes(flag)) {
      if (eq >= 0) throw new UsageError(`--${flag} takes no value.`, command);
      switches.add(flag);
    } else if (spec.values.includes(flag)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${flag} needs a value.`, command);
      if (values.has(flag)) throw new UsageError(`--${flag} is given twice.`, command);
      values.set(flag, value);
    } else throw new UsageError(`Unknown option --${flag}.`, command);
  }
  return { positional, values, switches, rest: undefined };
}

function minValid(command: string, parsed: Parsed): number | undefined {
  const text = parsed.values.get('min-valid');
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms > MAX_MIN_VALID_MS) throw new UsageError(`--min-valid takes a duration up to 1d, such as 90s, 5m or 1h (not "${text}").`, command);
  return ms;
}

function exactly(command: string, parsed: Parsed, count: number, what: string): string[] {
  if (parsed.positional.length !== count) throw new UsageError(parsed.positional.length < count ? `Name the ${what}.` : `Unexpected argument "${parsed.positional[count]}".`, command);
  return parsed.positional;
}

function noRest(command: string, parsed: Parsed): void {
  if (parsed.rest !== undefined) throw new UsageError('Only `tessera exec` takes a command after --.', command);
}

export function parseArgs(argv: readonly string[]): Command {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help', topic: name === 'help' ? args[0] : undefined };
  if (name === '--version' || name === 'version') return { name: 'version' };
  if (args.includes('--help') || args.includes('-h')) {
    const dashes = args.indexOf('--');
    const help = Math.max(args.indexOf('--help'), args.indexOf('-h'));
    if (dashes < 0 || help < dashes) return { name: 'help', topic: name };
  }
  switch (name) {
    case 'list': {
      const p = parseFlags(name, args, { values: [], switches: ['json', 'names'] });
      noRest(name, p);
      exactly(name, p, 0, '');
      return { name, json: p.switches.has('json'), names: p.switches.has('names') };
    }
    case 'status':
    case 'grants': {
      const p = parseFlags(name, args, { values: [], switches: ['json'] });
      noRest(name, p);
      exactly(name, p, 0, '');
      return { name, json: p.switches.has('json') };
    }
    case 'token': {
      const p = parseFlags(name, args, { values: ['kind', 'min-valid', 'org', 'app', 'name'], switches: ['json'] });
      noRest(name, p);
      const [account] = exactly(name, p, 1, 'account');
      const tokenName = p.values.get('name');
      // --name chooses among a Clever Cloud account's API tokens, so it implies that kind.
      const kind = p.values.get('kind') ?? (tokenName !== undefined ? 'api-token' : undefined);
      if (kind === SERVICE_TOKEN_KIND) {
        const org = p.values.get('org');
        if (!org) throw new UsageError('--kind service-token needs --org <organisation id or name>.', name);
        if (p.values.has('min-valid')) throw new UsageError('--min-valid is for refreshable tokens; a service token lasts until its expiry.', name);
        if (tokenName !== undefined) throw new UsageError('--name names an API token: use it with --kind api-token.', name);
        const app = p.values.get('app');
        if (app === '') throw new UsageError('--app needs an application id or name.', name);
        return { name: 'service-token', account: account!, org, app: app ?? null, json: p.switches.has('json') };
      }
      if (p.values.has('org') || p.values.has('app')) throw new UsageError('--org and --app go with --kind service-token.', name);
      if (kind !== undefined && !(ALL_COPY_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind is one of ${[...ALL_COPY_KINDS, SERVICE_TOKEN_KIND].join(', ')}.`, name);
      if (tokenName !== undefined && (kind !== 'api-token' || tokenName === '')) throw new UsageError('--name names an API token: use it with --kind api-token.', name);
      return {
        name,
        account: account!,
        kind: kind as CopyKind | undefined,
        minValidMs: minValid(name, p),
        json: p.switches.has('json'),
        ...(tokenName === undefined ? {} : { tokenName }),
      };
    }
    case 'git-credential': {
      const p = parseFlags(name, args, { values: [], switches: [] });
      noRest(name, p);
      const [action] = exactly(name, p, 1, 'action (get, store or erase: git gives it)');
      if (action !== 'get' && action !== 'store' && action !== 'erase') throw new UsageError('`tessera git-credential` takes get, store or erase.', name);
      return { name, action };
    }
    case 'exec': {
      const p = parseFlags(name, args, { values: ['min-valid'], switches: [] });
      if (p.rest === undefined) throw new UsageError('Put -- between the accounts and the command.', name);
      if (p.rest.length === 0) throw new UsageError('Name the command to run after --.', name);
      accountsOf(name, p);
      return { name, accounts: p.positional, command: p.rest, minValidMs: minValid(name, p) };
    }
    case 'env': {
      const p = parseFlags(name, args, { values: ['shell', 'min-valid'], switches: ['json'] });
      noRest(name, p);
      accountsOf(name, p);
      const shell = p.values.get('shell');
      if (shell !== undefined && !(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`--shell is one of ${SHELLS.join(', ')}.`, name);
      return { name, accounts: p.positional, shell: shell as Shell | undefined, minValidMs: minValid(name, p), json: p.switches.has('json') };
    }
    case 'grant': {
      const p = parseFlags(name, args, { values: ['for', 'cwd'], switches: ['json'] });
      noRest(name, p);
      const [account] = exactly(name, p, 1, 'account');
      const forText = p.values.get('for');
      const forMs = forText === undefined ? DEFAULT_GRANT_MS : parseDuration(forText);
      if (forMs === undefined || forMs < MIN_GRANT_MS || forMs > MAX_GRANT_MS) throw new UsageError(`--for takes a duration from 1m to 24h, such as 30m or 8h (not "${forText}").`, name);
      const cwd = p.values.get('cwd');
      if (cwd === '') throw new UsageError('--cwd needs a directory.', name);
      return { name, account: account!, forMs, cwd: cwd ?? null, json: p.switches.has('json') };
    }
    case 'revoke-grant': {
      const p = parseFlags(name, args, { values: [], switches: ['json'] });
      noRest(name, p);
      const [id] = exactly(name, p, 1, 'grant (its id, from `tessera grants`)');
      return { name, id: id!, json: p.switches.has('json') };
    }
    case 'completion': {
      const p = parseFlags(name, args, { values: [], switches: [] });
      noRest(name, p);
      const [shell] = exactly(name, p, 1, 'shell (bash, zsh or fish)');
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell!)) throw new UsageError(`Completions exist for ${COMPLETION_SHELLS.join(', ')}.`, name);
      return { name, shell: shell as CompletionShell };
    }
    case 'agent': {
      const p = parseFlags(name, args, { values: [], switches: ['json'] });
      noRest(name, p);
      const [action] = exactly(name, p, 1, 'action (start or stop)');
      if (action !== 'start' && action !== 'stop') throw new UsageError('`tessera agent` takes start or stop.', name);
      return { name, action, json: p.switches.has('json') };
    }
    case 'import': {
      const [source, ...rest] = args;
      if (source === 'clever-tools') {
        const p = parseFlags(name, rest, { values: ['file', 'profile'], switches: ['json', 'remove-plaintext'] });
        noRest(name, p);
        exactly(name, p, 0, '');
        const file = p.values.get('file');
        const profile = p.values.get('profile');
        if (file === '') throw new UsageError('--file needs a file.', name);
        if (profile === '') throw new UsageError('--profile needs a profile’s alias.', name);
        return { name, source, file: file ?? null, profile: profile ?? null, removePlaintext: p.switches.has('remove-plaintext'), json: p.switches.has('json') };
      }
      if (source === 'clever-cloud') {
        // Secrets come from the environment only: a flag's value would sit in argv, which other processes can read.
        const p = parseFlags(name, rest, { values: [], switches: ['from-env', 'json'] });
        noRest(name, p);
        exactly(name, p, 0, '');
        if (!p.switches.has('from-env'))
          throw new UsageError('`tessera import clever-cloud` reads CLEVER_TOKEN and CLEVER_SECRET from the environment: add --from-env (a token is never taken on the command line).', name);
        return { name, source: 'clever-cloud-env', json: p.switches.has('json') };
      }
      throw new UsageError(source === undefined ? 'Name what to import: clever-tools, or clever-cloud --from-env.' : `Tessera cannot import "${source}": clever-tools, or clever-cloud --from-env.`, name);
    }
    case 'login': {
      const [provider, ...rest] = args;
      if (provider !== 'clever-cloud' && provider !== 'saasus')
        throw new UsageError(provider === undefined ? 'Name the provider: clever-cloud or saasus.' : `Tessera cannot log in to "${provider}": clever-cloud or saasus.`, name);
      const p = parseFlags(name, rest, { values: provider === 'saasus' ? ['timeout', 'connection'] : ['timeout'], switches: ['json'] });
      noRest(name, p);
      exactly(name, p, 0, '');
      const text = p.values.get('timeout');
      const timeoutMs = text === undefined ? DEFAULT_LOGIN_WAIT_MS : parseDuration(text);
      if (timeoutMs === undefined || timeoutMs < MIN_LOGIN_WAIT_MS || timeoutMs > MAX_LOGIN_WAIT_MS) throw new UsageError(`--timeout takes a duration from 1s to 5m, such as 90s or 5m (not "${text}").`, name);
      if (provider === 'clever-cloud') return { name, provider, timeoutMs, json: p.switches.has('json') };
      const connection = p.values.get('connection');
      if (!connection) throw new UsageError('Name the SaaS connection: --connection <id or name> (the connections are set up in the Tessera app).', name);
      return { name, provider, connection, timeoutMs, json: p.switches.has('json') };
    }
    default:
      throw new UsageError(`Unknown command "${name}".`);
  }
}

function accountsOf(command: string, p: Parsed): void {
  if (p.positional.length === 0) throw new UsageError('Name at least one account.', command);
  if (p.positional.length > MAX_ENV_ACCOUNTS) throw new UsageError(`At most ${MAX_ENV_ACCOUNTS} accounts at once.`, command);
}
