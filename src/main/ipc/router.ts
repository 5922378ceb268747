/**
 * The transport-agnostic side of IPC. Every channel is handled the same way:
 *
 *   check the sender → parse the input against the contract → call the service → Result
 *
 * Nothing thrown crosses the bridge: a refused sender, an invalid payload, a failing service all
 * come back as `{ ok: false, error: { code, message } }`, and messages never carry secrets (see
 * toErrorInfo). Electron's ipcMain (src/main/electron/ipc-main.ts) and the test harness both call
 * `dispatch`, so the same code path is exercised in tests and in the app.
 */
import * as v from 'valibot';
import { INVOKE_CHANNELS, type InvokeName } from '../../shared/channels';
import { invokeContract, type InputOf, type ResultOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { AppError, toErrorInfo } from '../errors';

/** Who sent a call, as the transport saw it. */
export interface Sender {
  /** True when the call came from the top frame of a Tessera window (not an iframe). */
  readonly isMainFrame: boolean;
  /** The URL of the frame that sent the call. */
  readonly url: string;
}

export type Handlers = {
  readonly [K in InvokeName]: (input: InputOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;
};

export interface Router {
  /** Answers one call; never throws, never rejects. */
  dispatch(channel: string, rawInput: unknown, sender: Sender): Promise<Result<unknown>>;
  readonly channels: readonly string[];
}

const NAME_BY_CHANNEL = new Map<string, InvokeName>(
  (Object.entries(INVOKE_CHANNELS) as [InvokeName, string][]).map(([name, channel]) => [channel, name]),
);

/** Keys that must never reach a service, whatever a schema would say about them. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 8;

export function createRouter(handlers: Handlers, opts: { isTrustedSender: (sender: Sender) => boolean }): Router {
  return {
    channels: [...NAME_BY_CHANNEL.keys()],
    async dispatch(channel, rawInput, sender) {
      try {
        if (!opts.isTrustedSender(sender)) throw new AppError('forbidden_sender', 'This call did not come from a Tessera window.', { key: 'ipc.forbidden' });
        const name = NAME_BY_CHANNEL.get(channel);
        if (!name) throw new AppError('unknown_channel', 'Tessera does not know this request.', { key: 'ipc.unknownChannel' });
        const input = parseInput(name, rawInput);
        const handler = handlers[name] as (input: unknown) => unknown;
        const value = await handler(input);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    },
  };
}

function parseInput(name: InvokeName, rawInput: unknown): unknown {
  const problem = findPoison(rawInput, 0);
  if (problem) throw new AppError('invalid_input', `Invalid request: ${problem}.`, { key: 'ipc.invalid' });
  const parsed = v.safeParse(invokeContract[name].input, rawInput);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    // The schema's own message when it has one meant for users (e.g. "A name cannot be empty."),
    // else a neutral one; the offending value is never quoted.
    const detail = issue.message.startsWith('Invalid ') ? `${path || 'input'} is not valid` : issue.message;
    throw new AppError('invalid_input', `Invalid request: ${detail}`.replace(/\.?$/, '.'), { key: 'ipc.invalid' });
  }
  return parsed.output;
}

/** What makes a value unfit to reach a service (a poison key, a custom prototype, too deep); undefined when it is plain data. */
export function findPoison(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_DEPTH) return 'too deeply nested';
  // Only plain data may cross: a transport that turned a "__proto__" key into a real prototype
  // (or any object with a custom prototype) is refused, not walked.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return 'not plain data';
  for (const key of Object.keys(value)) {
    if (POISON_KEYS.has(key)) return `forbidden key "${key}"`;
    const inner = findPoison((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A sender is ours when it is the main frame of our window showing our own origin. Scheme and host
 * are compared, not `URL.origin`: custom schemes (app://tessera) have an opaque origin ("null"),
 * and a `blob:` or `filesystem:` URL, whose origin is the page that made it, is not our page.
 */
export function makeSenderCheck(allowedOrigins: readonly string[]): (sender: Sender) => boolean {
  return (sender) => {
    if (!sender.isMainFrame) return false;
    try {
      const { protocol, host } = new URL(sender.url);
      return allowedOrigins.includes(`${protocol}//${host}`);
    } catch {
      return false;
    }
  };
}
