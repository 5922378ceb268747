/**
 * What the fault matrices (fault-matrix-*.test.ts) share: the faults every network operation is put
 * through, what each must end in, and the checks every cell makes.
 *
 * Why a matrix: faults used to be tested per primitive (net/http.test.ts) and for a few provider
 * calls. A protection that holds in `httpRequest` can still be undone one layer up (a processor that
 * reads a truncated body as a token, a login step that swallows a timeout, a message that quotes a
 * URL). So every client call and every user-level path is run under every fault here, each cell a
 * named test, and a guard fails when a new exported call is missing from the table.
 *
 * Timing: provider calls get a small timeout (`MATRIX_TIMEOUT_MS`), so a fault that only ends by
 * the timeout (a hang, a drip) costs a few hundred milliseconds. The drip sends one byte every
 * `DRIP_INTERVAL_MS`, faster than the timeout: an idle timer (reset on every byte) would never fire,
 * only a timeout over the whole exchange ends it — the same property as "one byte a second" against
 * the real 15 s timeout, at test speed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, test } from 'vitest';
import type { EmulatorServer, Fault } from '../../emulators/http-kit';
import { isErrorKey } from '../../src/shared/error-keys';
import { parseErrorInfo, type ErrorCode, type ErrorInfo, type Result } from '../../src/shared/errors';
import '../../src/shared/i18n/all-catalogues';
import { errorText } from '../../src/shared/i18n/error-text';
import { LOCALES } from '../../src/shared/i18n/locales';
import { AppError } from '../../src/main/errors';
import type { AppServices } from '../../src/main/app-services';
import type { Sender } from '../../src/main/ipc/router';
import type { TestWorld } from '../support/real-stores';
import { METADATA_FILE_NAME } from '../../src/main/vault/metadata-store';

export const MATRIX_TIMEOUT_MS = 200;
export const DRIP_INTERVAL_MS = 40;
/** Room for a loaded CI machine: a cell must end within the timeout plus this. */
export const SLACK_MS = 2_500;
const FIFTY_MB = 50 * 1024 * 1024;

export type FaultName =
  | '500 with the provider’s error body'
  | '502 with an HTML page'
  | 'no answer (timeout)'
  | 'reset before the answer'
  | 'reset in the middle of the body'
  | 'truncated body'
  | '50 MB body with content-length'
  | '50 MB body without content-length'
  | 'drip, one byte at a time';

export interface FaultCase {
  readonly name: FaultName;
  readonly fault: Fault;
  /** The stable code the user's error carries. */
  readonly code: ErrorCode;
  /** Ends only by the timeout. */
  readonly byTimeout: boolean;
}

/** Every fault, with the provider's own JSON error body for the 500. */
export function faultCases(providerErrorBody: string): readonly FaultCase[] {
  return [
    { name: '500 with the provider’s error body', fault: { kind: 'status', status: 500, body: providerErrorBody }, code: 'http_error', byTimeout: false },
    { name: '502 with an HTML page', fault: { kind: 'html', status: 502 }, code: 'http_error', byTimeout: false },
    { name: 'no answer (timeout)', fault: { kind: 'hang' }, code: 'timeout', byTimeout: true },
    { name: 'reset before the answer', fault: { kind: 'reset' }, code: 'network', byTimeout: false },
    { name: 'reset in the middle of the body', fault: { kind: 'reset-mid-body' }, code: 'network', byTimeout: false },
    { name: 'truncated body', fault: { kind: 'truncated-body' }, code: 'bad_response', byTimeout: false },
    { name: '50 MB body with content-length', fault: { kind: 'huge', bytes: FIFTY_MB }, code: 'response_too_large', byTimeout: false },
    { name: '50 MB body without content-length', fault: { kind: 'huge', bytes: FIFTY_MB, declareLength: false }, code: 'response_too_large', byTimeout: false },
    { name: 'drip, one byte at a time', fault: { kind: 'drip', intervalMs: DRIP_INTERVAL_MS }, code: 'timeout', byTimeout: true },
  ];
}

/** Where a fault is put: the endpoint a call or a path step depends on. */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** `path` is the whole path (default), or a prefix such as `/v2/self/tokens/`. */
  readonly prefix?: boolean;
}

export function injectFault(server: EmulatorServer, endpoint: Endpoint, fault: Fault): void {
  server.faults.add({ fault, method: endpoint.method, path: endpoint.path, exactPath: !endpoint.prefix });
}

export function describeEndpoint(e: Endpoint): string {
  return `${e.method} ${e.path}${e.prefix ? '…' : ''}`;
}

/**
 * An error message fit to show: a sentence, short, with none of the given secrets, no URL, no
 * query string, no OAuth or SAASUSSIGV1 parameter.
 */
export function expectReadableMessage(message: string, secrets: readonly string[]): void {
  expect(message).toMatch(/^[A-Z]/);
  expect(message).toMatch(/[.!?]$/);
  expect(message.length).toBeLessThan(300);
  expect(message).not.toMatch(/undefined|null|\[object|NaN|Error:|\bwithin 0 s\b/);
  expect(message).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
  expect(message).not.toMatch(/\?[\w-]+=/);
  expect(message).not.toMatch(/oauth_[a-z_]+=|Sig=|SAASUSSIGV1|<[a-z]/i);
  for (const secret of secrets) if (secret.length >= 6) expect(message, 'the message quotes a secret').not.toContain(secret);
}

/** Runs `work`, and returns what it threw (an AppError, or the test fails) and how long it took. */
export async function timedFailure(work: () => Promise<unknown>): Promise<{ error: AppError; ms: number }> {
  const started = performance.now();
  const outcome = await work().then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const ms = performance.now() - started;
  if (outcome.ok) throw new Error('expected the call to fail under the fault, and it succeeded');
  expect(outcome.error).toBeInstanceOf(AppError);
  return { error: outcome.error as AppError, ms };
}

/** The cell ended within the bound: by the timeout when that is what ends it, never much later. */
export function expectWithinBound(ms: number, fault: FaultCase, timeoutMs = MATRIX_TIMEOUT_MS): void {
  if (fault.byTimeout) expect(ms).toBeGreaterThanOrEqual(timeoutMs - 20);
  expect(ms).toBeLessThan(timeoutMs + SLACK_MS);
}

// ---- Client calls ----------------------------------------------------------------------------

export interface ClientCall {
  /** The exported name in the provider's api.ts. */
  readonly name: string;
  readonly endpoint: Endpoint;
  /** Fresh inputs, made before the fault is set: the call to make under it, and the secrets it holds. */
  readonly prepare: () => Promise<{ readonly run: () => Promise<unknown>; readonly secrets: readonly string[] }>;
  /** Faults that cannot fail this call, with why: the cell asserts that the call succeeds instead. */
  readonly unaffected?: Partial<Record<FaultName, string>>;
}

/** One cell: prepare, fault the endpoint, call, and check the error, its message and its timing. */
export async function runClientCell(server: EmulatorServer, call: ClientCall, fault: FaultCase, knownSecrets: () => readonly string[]): Promise<void> {
  const { run, secrets } = await call.prepare();
  injectFault(server, call.endpoint, fault.fault);
  try {
    if (call.unaffected?.[fault.name]) {
      await run();
      return;
    }
    const { error, ms } = await timedFailure(run);
    expect(error.code).toBe(fault.code);
    expectReadableMessage(error.message, [...secrets, ...knownSecrets()]);
    expectWithinBound(ms, fault);
  } finally {
    server.faults.clear();
  }
}

/**
 * Exported functions of an api module that are network calls but missing from the table. Builders
 * (`…Request`) and processors (`process…`) are pure; `notCalls` names the other pure helpers.
 */
export function callsMissingFromTable(api: Readonly<Record<string, unknown>>, table: readonly ClientCall[], notCalls: readonly string[]): string[] {
  const tabled = new Set(table.map((c) => c.name));
  return Object.entries(api)
    .filter(([name, value]) => typeof value === 'function' && !/Request$/.test(name) && !/^process[A-Z]/.test(name))
    .map(([name]) => name)
    .filter((name) => !tabled.has(name) && !notCalls.includes(name));
}

// ---- Through the app -------------------------------------------------------------------------

/** The window's main frame, as the router sees it. */
export const WINDOW: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };

/**
 * The result the window would show: `{ok: false, error: {code, message}}` and, when the error names
 * the window's words, their key and parameters (strictly what parseErrorInfo accepts), nothing else;
 * the English message and the words in every language readable, and none of them quoting a secret.
 */
export function expectFailedResult(result: Result<unknown>, code: ErrorCode, secrets: readonly string[]): string {
  const error = (result as { ok: false; error: ErrorInfo }).error;
  expect(result, JSON.stringify(result).slice(0, 300)).toEqual({
    ok: false,
    error: { code, message: expect.any(String), ...(error?.key ? { key: error.key } : {}), ...(error?.params ? { params: error.params } : {}) },
  });
  expect(parseErrorInfo(error, isErrorKey)).toEqual(error);
  expectReadableMessage(error.message, secrets);
  for (const locale of LOCALES) expectReadableWords(errorText(locale, error), secrets);
  return error.message;
}

/** The words the window shows for an error, in any language: whole, no address, no secret. */
export function expectReadableWords(words: string, secrets: readonly string[]): void {
  expect(words.trim()).not.toBe('');
  expect(words).not.toMatch(/undefined|null|\[object|NaN|Error:/);
  expect(words).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
  for (const secret of secrets) if (secret.length >= 6) expect(words, 'the words quote a secret').not.toContain(secret);
}

export interface StoredState {
  /** The metadata file as it is on disk. */
  readonly metadata: string;
  readonly keychain: ReadonlyMap<string, string>;
}

/**
 * The keychain and the metadata file. Refresh results reach the file through a deferred write, so
 * pending changes are flushed first: the snapshot is what the app has stored, not a moment of it.
 */
export async function storedState(world: TestWorld, app: AppServices): Promise<StoredState> {
  app.metadata.flush();
  let metadata = '';
  try {
    metadata = readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');
  } catch {
    // Not written yet: an app that saved nothing has an empty state.
  }
  return { metadata, keychain: await world.keychain() };
}

/**
 * The account was marked (status, message, reason, time) and nothing else changed: same keychain,
 * and the metadata equal once those fields of that account are set aside. The reason is one the
 * window can word (a known code; a key and parameters as an ErrorInfo carries them).
 */
export function expectOnlyMarked(before: StoredState, after: StoredState, accountId: string, status: string): void {
  expect(after.keychain).toEqual(before.keychain);
  const unmarked = (text: string): unknown => {
    const doc = JSON.parse(text) as { accounts: Record<string, unknown>[] };
    return { ...doc, accounts: doc.accounts.map((a) => (a.id === accountId ? { ...a, status: null, statusMessage: null, statusReason: null, updatedAt: null } : a)) };
  };
  expect(unmarked(after.metadata)).toEqual(unmarked(before.metadata));
  const account = (JSON.parse(after.metadata) as { accounts: { id: string; status: string; statusMessage: string | null; statusReason?: object }[] }).accounts.find((a) => a.id === accountId);
  expect(account?.status).toBe(status);
  expectReadableMessage(account?.statusMessage ?? '', []);
  expect(parseErrorInfo({ ...account?.statusReason, message: account?.statusMessage }, isErrorKey)).toBeDefined();
}

export interface AppPath {
  readonly name: string;
  /** Every endpoint the path depends on; each is faulted in turn. */
  readonly steps: readonly Endpoint[];
  /**
   * Brings the app to where the path starts (fault-free, idempotent) and says what to dispatch.
   * `input` is called per dispatch: logins need a new id, pasted codes are single use.
   */
  readonly prepare: () => Promise<{ readonly channel: string; readonly input: () => unknown; readonly accountId?: string }>;
  /** A failure marks the account with this status (a failed refresh); otherwise nothing changes. */
  readonly marks?: 'failed' | 'needs-login';
  /** Step × fault cells where the path still succeeds, with why (the cell asserts success). */
  readonly unaffected?: (step: Endpoint, fault: FaultName) => string | undefined;
  /** How many requests a failure may take (a poll that tolerates a few transient failures). */
  readonly attempts?: number;
  /** Other things the user would notice (browser pages opened, the clipboard): must not change. */
  readonly sideEffects?: () => unknown;
  /** The result is a success that reports the failure inside (imports of several profiles). */
  readonly failureIn?: (value: unknown) => string | undefined;
}

/** One cell per path × step, named in full (vitest cuts long `$values` in test names). */
export function pathSteps(paths: readonly AppPath[]): { readonly label: string; readonly path: AppPath; readonly step: Endpoint }[] {
  return paths.flatMap((path) => path.steps.map((step) => ({ label: `${path.name}: ${describeEndpoint(step)}`, path, step })));
}

export interface PathWorld {
  readonly app: AppServices;
  readonly world: TestWorld;
  readonly server: EmulatorServer;
  readonly knownSecrets: () => readonly string[];
}

/**
 * One cell through the router: the window's call fails with a typed, readable error within the
 * bound, the stored state is unchanged (or only marked), nothing else the user sees changed, and
 * once the fault is gone the same call succeeds.
 */
export async function runPathCell(w: PathWorld, path: AppPath, step: Endpoint, fault: FaultCase): Promise<void> {
  const { channel, input, accountId } = await path.prepare();
  const before = await storedState(w.world, w.app);
  const seenBefore = path.sideEffects?.();
  injectFault(w.server, step, fault.fault);
  const started = performance.now();
  const result = await w.app.router.dispatch(channel, input(), WINDOW);
  const ms = performance.now() - started;
  w.server.faults.clear();
  if (path.unaffected?.(step, fault.name)) {
    expect(result, JSON.stringify(result).slice(0, 300)).toMatchObject({ ok: true });
    if (path.failureIn) expect(path.failureIn(result.ok ? result.value : undefined)).toBeUndefined();
    return;
  }
  const secrets = w.knownSecrets();
  if (path.failureIn) {
    expect(result.ok).toBe(true);
    expectReadableMessage(path.failureIn(result.ok ? result.value : undefined) ?? '', secrets);
  } else {
    expectFailedResult(result, fault.code, secrets);
  }
  expect(ms).toBeLessThan((path.attempts ?? 1) * (MATRIX_TIMEOUT_MS + 100) + SLACK_MS);
  const after = await storedState(w.world, w.app);
  if (path.marks && accountId) expectOnlyMarked(before, after, accountId, path.marks);
  else expect(after).toEqual(before);
  expect(path.sideEffects?.()).toEqual(seenBefore);
  // The app keeps working: the same operation, without the fault.
  const again = await w.app.router.dispatch(channel, input(), WINDOW);
  expect(again, JSON.stringify(again).slice(0, 300)).toMatchObject({ ok: true });
  if (path.failureIn) expect(path.failureIn(again.ok ? again.value : undefined)).toBeUndefined();
}

/**
 * Collects unhandled rejections and uncaught exceptions for one test file. Each cell asserts the
 * list is empty, so a promise left to reject unawaited under a fault fails the cell that caused it.
 */
export function collectStrayErrors(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onRejection = (reason: unknown): void => void errors.push(reason);
  const onException = (error: unknown): void => void errors.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** A settle point for promises and sockets a fault left behind (an unhandled rejection is reported on a later tick). */
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The client-call half of a provider's matrix: a guard that every exported call is in the table, a
 * baseline that each call works without a fault, then one named test per call × fault.
 */
export function describeClientCalls(opts: {
  readonly provider: string;
  readonly api: Readonly<Record<string, unknown>>;
  readonly calls: readonly ClientCall[];
  /** Exported functions that make no request. */
  readonly notCalls: readonly string[];
  readonly faults: readonly FaultCase[];
  readonly server: () => EmulatorServer;
  readonly knownSecrets: () => readonly string[];
}): void {
  describe(`${opts.provider} client calls under faults`, () => {
    it('covers every exported call of api.ts', () => {
      expect(callsMissingFromTable(opts.api, opts.calls, opts.notCalls)).toEqual([]);
      for (const call of opts.calls) expect(typeof opts.api[call.name], call.name).toBe('function');
    });

    it.each(opts.calls)('$name works without a fault (the table calls it right)', async (call) => {
      const { run } = await call.prepare();
      await expect(run()).resolves.toBeDefined();
    });

    describe.each(opts.calls)('$name', (call) => {
      test.each(opts.faults)(`${describeEndpoint(call.endpoint)} → $name`, (fault) => runClientCell(opts.server(), call, fault, opts.knownSecrets));
    });
  });
}

/**
 * One emulator for a whole matrix file: started once, its faults cleared after each cell, and every
 * cell checked for unhandled rejections and uncaught exceptions once its stragglers have settled.
 */
export function useEmulatorUnderFaults<E extends { readonly server: EmulatorServer; close(): Promise<void> }>(start: () => Promise<E>): () => E {
  const stray = collectStrayErrors();
  let emulator: E | undefined;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(async () => {
    stray.stop();
    await emulator?.close();
  });
  afterEach(async () => {
    emulator?.server.faults.clear();
    await settle();
    expect(stray.errors).toEqual([]);
  });
  return () => {
    if (!emulator) throw new Error('the emulator is not started yet');
    return emulator;
  };
}
