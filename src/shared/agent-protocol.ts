/**
 * The protocol between the `tessera` command (src/cli) and Tessera's agent (src/main/agent), which
 * holds the accounts and hands out credentials. One JSON object per line (a frame) over a local
 * socket that only the user can open (src/main/agent/agent-paths.ts); a frame longer than
 * MAX_FRAME_BYTES closes the connection.
 *
 *   command → agent   hello    {t:'hello', v, key, client}         first, within HELLO_TIMEOUT_MS
 *                     request  {t:'req', id, m, p}                  one method call
 *                     answer   {t:'answer', ask, choice}            the user's answer to an `ask`
 *   agent → command   result   {t:'res', id, ok, value | error}     id 0 answers the hello
 *                     ask      {t:'ask', ask, id, text, choices}    "may this caller have it?" (the command asks on /dev/tty)
 *                     notice   {t:'notice', text}                   something to show the user (stderr)
 *
 * The agent parses what it receives with the strict schemas below (unknown keys, wrong types and
 * oversized strings are refused with a typed `invalid_input` result, as contract.ts does for IPC).
 * The command trusts the agent once it has checked who owns the socket, and reads its frames with
 * the plain guard `readAgentFrame` (no schema library on the command's start-up path).
 *
 * Versioned: the hello carries AGENT_PROTOCOL_VERSION; an agent speaking another version refuses
 * it with a result saying which one it speaks. Results use the app's error codes (errors.ts).
 */
import * as v from 'valibot';
import { isErrorKey } from './error-keys';
import { parseErrorInfo, type ErrorInfo } from './errors';
import { ALL_COPY_KINDS, type AccountStatus, type CopyKind, type ProviderId, type VaultStatus } from './types';

export const AGENT_PROTOCOL_VERSION = 1;
/** A frame (one line, newline excluded) longer than this closes the connection. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The session key's length in bytes; it travels base64url-encoded (43 characters). */
export const SESSION_KEY_BYTES = 32;
/** A connection that has not said hello by then is closed. */
export const HELLO_TIMEOUT_MS = 2_000;
/** A connection with nothing in flight and no frame for this long is closed. */
export const IDLE_CONNECTION_MS = 30_000;
/** At most this many connections at once; the next one is answered `busy` and closed. */
export const MAX_CONNECTIONS = 32;
/** A grant lasts at most this long (and at least a minute). */
export const MAX_GRANT_MS = 24 * 3_600_000;
export const MIN_GRANT_MS = 60_000;
/** `--min-valid` accepts up to a day. */
export const MAX_MIN_VALID_MS = 24 * 3_600_000;
/** At most this many accounts in one `exec` / `env`. */
export const MAX_ENV_ACCOUNTS = 16;

/** At most this many configuration files one `import clever-tools` looks at (the current and the legacy one). */
export const MAX_IMPORT_PATHS = 4;
/** How long `tessera login` waits for the user in the browser: at most the services' own limit (5 min). */
export const MAX_LOGIN_WAIT_MS = 5 * 60_000;
export const MIN_LOGIN_WAIT_MS = 1_000;

export const METHODS = ['list', 'status', 'token', 'env', 'grant', 'grants', 'revokeGrant', 'handover', 'quit', 'importCleverTools', 'importCleverCloudEnv', 'login', 'serviceToken', 'gitCredential'] as const;
export type MethodName = (typeof METHODS)[number];

/** What the user may answer to an `ask`. `session`: this terminal session, for a while (approval.ts). */
export const CHOICES = ['once', 'session', 'deny', 'confirm'] as const;
export type Choice = (typeof CHOICES)[number];

const Id = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
// Linux's pid_max is at most 2^22; other systems stay well below 2^31.
const Pid = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1));
const AbsolutePath = v.pipe(v.string(), v.minLength(1), v.maxLength(4096), v.check((s) => !s.includes('\0'), 'A path has no NUL character.'));
/** An account id, name or e-mail address, as typed on the command line. */
const AccountSelector = v.pipe(v.string(), v.minLength(1), v.maxLength(320));
const MinValid = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_MIN_VALID_MS));
const GrantId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,32}$/));
/** No parameters: absent or `{}`. valibot takes an empty array for an empty object, so arrays are refused first. */
const NoParams = v.optional(v.pipe(v.custom<Record<string, never>>((x) => !Array.isArray(x), 'No parameters here.'), v.strictObject({})));

export const HelloSchema = v.strictObject({
  t: v.literal('hello'),
  /** The protocol version the command speaks. */
  v: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  /** The session key from the agent's key file, base64url. */
  key: v.pipe(v.string(), v.maxLength(64)),
  client: v.strictObject({
    /** The command's own process id (self-reported: a local socket in Node does not say who is at the other end). */
    pid: Pid,
    /** Its parent, the caller: the shell or script that ran `tessera`. */
    ppid: Pid,
    /** The caller's working directory where the OS could not tell the agent (not Linux). */
    cwd: AbsolutePath,
    /** Whether the command has a terminal (/dev/tty) to ask the user on. */
    canAsk: v.boolean(),
  }),
});
export type Hello = v.InferOutput<typeof HelloSchema>;

/** Marked free of side effects so that a bundle using none of the schemas (the command) leaves them all out. */
/* @__NO_SIDE_EFFECTS__ */
const request = <M extends MethodName, P extends v.GenericSchema>(m: M, p: P) => v.strictObject({ t: v.literal('req'), id: Id, m: v.literal(m), p });

export const TokenParamsSchema = v.strictObject({
  account: AccountSelector,
  kind: v.optional(v.picklist(ALL_COPY_KINDS)),
  minValidMs: v.optional(MinValid),
  /** Kind `api-token`: the newest API token of this name. */
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
});
export const EnvParamsSchema = v.strictObject({
  accounts: v.pipe(v.array(AccountSelector), v.minLength(1), v.maxLength(MAX_ENV_ACCOUNTS)),
  minValidMs: v.optional(MinValid),
});
export const GrantParamsSchema = v.strictObject({
  account: AccountSelector,
  forMs: v.pipe(v.number(), v.integer(), v.minValue(MIN_GRANT_MS), v.maxValue(MAX_GRANT_MS)),
  /** Only callers working in this directory (or below it); null: any. */
  cwd: v.nullable(AbsolutePath),
});

/** `tessera import clever-tools`: the files to read (resolved by the command, in its own environment), one profile or all. */
export const ImportCleverToolsParamsSchema = v.strictObject({
  paths: v.pipe(v.array(AbsolutePath), v.minLength(1), v.maxLength(MAX_IMPORT_PATHS)),
  profile: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
  /** `--remove-plaintext`: once imported, remove those profiles' tokens from the file (backup beside it). */
  removePlaintext: v.optional(v.boolean()),
});
/** A variable of the command's environment, as clever-tools reads it; absent when unset. */
const EnvValue = v.optional(v.pipe(v.string(), v.maxLength(4096), v.check((s) => !s.includes('\0'), 'A variable has no NUL character.')));
/** `tessera import clever-cloud --from-env`: the variables clever-tools reads, from the command's environment. */
export const ImportCleverCloudEnvParamsSchema = v.strictObject({
  variables: v.strictObject({
    CLEVER_TOKEN: EnvValue,
    CLEVER_SECRET: EnvValue,
    API_HOST: EnvValue,
    OAUTH_CONSUMER_KEY: EnvValue,
    OAUTH_CONSUMER_SECRET: EnvValue,
    AUTH_BRIDGE_HOST: EnvValue,
    CONSOLE_URL: EnvValue,
    SSH_GATEWAY: EnvValue,
  }),
});
const LoginWait = v.pipe(v.number(), v.integer(), v.minValue(MIN_LOGIN_WAIT_MS), v.maxValue(MAX_LOGIN_WAIT_MS));
/** `tessera login`: Clever Cloud's console login, or a SaaSus connection's login page (by id or name). */
export const LoginParamsSchema = v.variant('provider', [
  v.strictObject({ provider: v.literal('clever-cloud'), timeoutMs: LoginWait }),
  v.strictObject({ provider: v.literal('saasus'), connection: v.pipe(v.string(), v.minLength(1), v.maxLength(320)), timeoutMs: LoginWait }),
]);

/** `tessera token --kind service-token`: a Clever Cloud service token Tessera holds, for an organisation (id or name) and maybe one application. */
export const ServiceTokenParamsSchema = v.strictObject({
  account: AccountSelector,
  org: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  app: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
});
/** `tessera git-credential get`: the URL git wants credentials for, as git describes it (`git help credential`). */
export const GitCredentialParamsSchema = v.strictObject({
  protocol: v.picklist(['http', 'https']),
  host: v.pipe(v.string(), v.minLength(1), v.maxLength(260), v.regex(/^[A-Za-z0-9.[\]:-]+$/, 'A host is letters, digits, dots, dashes, colons and brackets.')),
  path: v.nullable(v.pipe(v.string(), v.maxLength(1024), v.check((s) => !s.includes('\0'), 'A path has no NUL character.'))),
});

export const RequestSchema = v.variant('m', [
  request('list', NoParams),
  request('status', NoParams),
  request('token', TokenParamsSchema),
  request('env', EnvParamsSchema),
  request('grant', GrantParamsSchema),
  request('grants', NoParams),
  request('revokeGrant', v.strictObject({ id: GrantId })),
  request('handover', NoParams),
  request('quit', NoParams),
  request('importCleverTools', ImportCleverToolsParamsSchema),
  request('importCleverCloudEnv', ImportCleverCloudEnvParamsSchema),
  request('login', LoginParamsSchema),
  request('serviceToken', ServiceTokenParamsSchema),
  request('gitCredential', GitCredentialParamsSchema),
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type ParamsOf<M extends MethodName> = Extract<Request, { m: M }>['p'];

export const AnswerSchema = v.strictObject({ t: v.literal('answer'), ask: Id, choice: v.picklist(CHOICES) });
export type Answer = v.InferOutput<typeof AnswerSchema>;

/** Any frame after the hello. */
export const ClientFrameSchema = v.variant('t', [RequestSchema, AnswerSchema]);

// ---- What the agent answers (plain types: the command trusts the agent it checked) ----------------

export interface AgentInfo {
  readonly kind: 'app' | 'headless';
  readonly pid: number;
  readonly version: string;
  readonly startedAt: number;
  /** A headless agent exits after this long without a command (and with no grant in force); null: it does not. */
  readonly idleExitMs: number | null;
}

export interface Welcome {
  readonly v: number;
  readonly agent: AgentInfo;
}

/** An account as the command shows it: nothing secret. */
export interface AgentAccount {
  readonly id: string;
  readonly provider: ProviderId;
  readonly displayName: string;
  readonly subtitle: string;
  readonly expiresAt: number | null;
  readonly status: AccountStatus;
  readonly statusMessage: string | null;
}

export type AccountRef = Pick<AgentAccount, 'id' | 'provider' | 'displayName' | 'subtitle'>;

export interface AgentStatus {
  readonly agent: AgentInfo;
  readonly vault: VaultStatus;
  readonly accounts: readonly AgentAccount[];
  readonly grants: number;
}

export interface TokenAnswer {
  readonly account: AccountRef;
  readonly kind: CopyKind;
  readonly label: string;
  readonly value: string;
  readonly validUntil: number | null;
}

/** A service token Tessera holds, and what it is for (the value is the secret). */
export interface ServiceTokenAnswer {
  readonly account: AccountRef;
  readonly orgId: string;
  readonly tokenId: string;
  readonly name: string;
  readonly role: string;
  readonly appId: string | null;
  readonly value: string;
  readonly validUntil: number | null;
}

export interface EnvAnswer {
  readonly accounts: readonly AccountRef[];
  /** Variables to set, in order. */
  readonly set: readonly (readonly [name: string, value: string])[];
  /** Variables to remove from the environment (a Clever Cloud account on clever-tools' defaults drops API_HOST…). */
  readonly unset: readonly string[];
  readonly validUntil: number | null;
}

/** What an import added (or replaced in place), and the profiles it could not import, with why (never a secret). */
export interface ImportAnswer {
  readonly imported: readonly AccountRef[];
  readonly failed: readonly { readonly alias: string; readonly code: ErrorInfo['code']; readonly message: string }[];
  /** clever-tools 4 profiles imported with overrides: their names (never their values). */
  readonly overrides?: readonly { readonly alias: string; readonly names: readonly string[] }[];
  /** The file whose imported profiles still hold their token in plaintext (none asked to remove them). */
  readonly plaintextIn?: string;
  /** `--remove-plaintext`: what was removed, or why nothing was. */
  readonly plaintextRemoved?: { readonly path: string; readonly backupPath: string; readonly removed: readonly string[] };
  readonly plaintextError?: { readonly code: ErrorInfo['code']; readonly message: string };
}

export interface LoginAnswer {
  readonly account: AccountRef;
  readonly expiresAt: number | null;
}

export interface GrantInfo {
  readonly id: string;
  readonly account: AccountRef;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly cwd: string | null;
  /** Who asked for it, in words (the caller's executable and directory). */
  readonly createdBy: string;
}

/** Grants and terminal-session approvals, handed from an agent to the one taking over. */
export const HandoverStateSchema = v.strictObject({
  grants: v.array(
    v.strictObject({
      id: GrantId,
      accountId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/)),
      createdAt: v.number(),
      expiresAt: v.number(),
      cwd: v.nullable(AbsolutePath),
      createdBy: v.pipe(v.string(), v.maxLength(2048)),
    }),
  ),
  sessions: v.array(
    v.strictObject({
      key: v.pipe(v.string(), v.maxLength(256)),
      accountId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/)),
      createdAt: v.number(),
      lastUsedAt: v.number(),
    }),
  ),
});
export type HandoverState = v.InferOutput<typeof HandoverStateSchema>;

export interface MethodResults {
  readonly list: readonly AgentAccount[];
  readonly status: AgentStatus;
  readonly token: TokenAnswer;
  readonly env: EnvAnswer;
  readonly grant: GrantInfo;
  readonly grants: readonly GrantInfo[];
  readonly revokeGrant: null;
  readonly handover: HandoverState;
  readonly quit: null;
  readonly importCleverTools: ImportAnswer;
  readonly importCleverCloudEnv: ImportAnswer;
  readonly login: LoginAnswer;
  readonly serviceToken: ServiceTokenAnswer;
  /** Null: not a deployment remote of any account, or no service token Tessera holds may push there. */
  readonly gitCredential: ServiceTokenAnswer | null;
}

export type ResultFrame = { readonly t: 'res'; readonly id: number; readonly ok: true; readonly value: unknown } | { readonly t: 'res'; readonly id: number; readonly ok: false; readonly error: ErrorInfo };
export interface AskFrame {
  readonly t: 'ask';
  readonly ask: number;
  /** The request this question is about. */
  readonly id: number;
  readonly text: string;
  readonly choices: readonly Choice[];
}
export interface NoticeFrame {
  readonly t: 'notice';
  readonly text: string;
}
export type AgentFrame = ResultFrame | AskFrame | NoticeFrame;

/** The command's reading of an agent frame: its shape checked, its values trusted. Undefined when it is not one. */
export function readAgentFrame(line: string): AgentFrame | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (frame === null || typeof frame !== 'object') return undefined;
  const f = frame as Record<string, unknown>;
  if (f.t === 'res' && typeof f.id === 'number' && typeof f.ok === 'boolean') {
    if (f.ok) return 'value' in f ? (f as ResultFrame) : undefined;
    // The error strictly: a known code, a string message, a known key and short scalar parameters at most.
    return parseErrorInfo(f.error, isErrorKey) ? (f as ResultFrame) : undefined;
  }
  if (f.t === 'ask' && typeof f.ask === 'number' && typeof f.id === 'number' && typeof f.text === 'string' && Array.isArray(f.choices)) return f as unknown as AskFrame;
  if (f.t === 'notice' && typeof f.text === 'string') return f as unknown as NoticeFrame;
  return undefined;
}
