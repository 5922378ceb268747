/**
 * The end-to-end harness: Debian's Chromium (through Playwright) shows the production renderer
 * bundle, `window.tessera` is the app's real bridge, and its calls reach the app's real IPC router
 * and services in a child process (main-host.ts) over the real keychain and a real metadata file
 * in a temp folder. Only Electron's transport is substituted.
 *
 * The desktop ports are observable: URLs the app opens "in the system browser" open in a second
 * browser context (`harness.systemBrowser`), clipboard writes and notifications are recorded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import keytar from 'keytar';
import type { Result } from '../../src/shared/errors';
import type { Sender } from '../../src/main/ipc/router';
import type { FromHost, HostConfig, ToHost } from './protocol';
import { serveRenderer } from './static-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out/renderer');
export const PAGE_BRIDGE = path.join(ROOT, 'out/harness/page-bridge.js');
/** What each harness leaves for the suite-wide secrets audit (e2e/secrets-audit.spec.ts). */
export const AUDIT_CAPTURES_DIR = path.join(ROOT, 'test-results/audit/captures');
export const AUDIT_LEDGER_DIR = path.join(ROOT, 'test-results/audit/ledger');
export const ARTIFACTS_DIR = path.join(ROOT, 'e2e/artifacts');

export interface HarnessOptions {
  /** 'unreachable' runs main with no D-Bus session: the keychain cannot be used. */
  readonly keychain?: 'real' | 'unreachable';
  /** Reuse a data folder (to restart on the same files); a fresh temp folder by default. */
  readonly dataDir?: string;
  readonly keychainService?: string;
  /**
   * The system's preferred languages (e.g. ['ja-JP'], ['fr-FR']): the app speaks the first it has,
   * as with Electron's app.getPreferredSystemLanguages(). English by default.
   */
  readonly systemLanguages?: readonly string[];
  /** Point Clever Cloud calls at an emulator. */
  readonly cleverCloud?: HostConfig['cleverCloud'];
  /** Runs before the app starts: seed the keychain or the metadata file. */
  readonly before?: (ctx: { dataDir: string; keychainService: string }) => Promise<void> | void;
  /** Leave captures for the suite-wide secrets audit (default); the benchmark, which is no test, does not. */
  readonly audit?: boolean;
}

export interface Harness {
  readonly page: Page;
  readonly dataDir: string;
  readonly keychainService: string;
  readonly openedUrls: string[];
  readonly clipboardWrites: { text: string; concealed: boolean }[];
  readonly notifications: { title: string; body: string }[];
  /** Every event payload main pushed to the renderer (for the secrets audit). */
  readonly rendererReceived: unknown[];
  /** Uncaught exceptions in the page; close() fails the test when there are any. */
  readonly pageErrors: string[];
  /**
   * The secrets audit: which of these secrets appear in what the renderer received over the bridge,
   * in the page, in the metadata file, or in the main process's output (its log). Should be none.
   */
  leaks(secrets: readonly string[]): Promise<string[]>;
  /**
   * leaks(), then close() whatever it found (so that this test's captures still reach the
   * suite-wide audit when it fails), then the leaks to assert on.
   */
  closeAudited(secrets: readonly string[]): Promise<string[]>;
  /** Resolves with the page the next "system browser" URL opened in. */
  nextSystemBrowserPage(): Promise<Page>;
  /** Calls a channel from Node as if the page did; `sender` overrides who the call claims to be. */
  invokeRaw(channel: string, input: unknown, sender?: Partial<Sender>): Promise<Result<unknown>>;
  keychainStats(): Promise<{ keychainReads: number; keychainWrites: number }>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchHarness(browser: Browser, opts: HarnessOptions = {}): Promise<Harness> {
  const ownDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tessera-e2e-'));
  const keychainService = opts.keychainService ?? `Tessera-test-${randomBytes(4).toString('hex')}`;
  await opts.before?.({ dataDir, keychainService });

  const web = await serveRenderer(RENDERER_DIR);
  const config: HostConfig = { dataDir, keychainService, trustedOrigin: web.origin, demo: false, cleverCloud: opts.cleverCloud, systemLanguages: opts.systemLanguages };
  const env = { ...process.env };
  if (opts.keychain === 'unreachable') {
    env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/tessera-no-bus';
    delete env.DISPLAY;
  }
  const host = fork(path.join(import.meta.dirname, 'main-host.ts'), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  // The main process's log, kept for the secrets audit and passed on to the test output.
  let hostOutput = '';
  host.stdout?.on('data', (chunk: Buffer) => {
    hostOutput += chunk.toString('utf8');
    process.stdout.write(chunk);
  });
  host.stderr?.on('data', (chunk: Buffer) => {
    hostOutput += chunk.toString('utf8');
    process.stderr.write(chunk);
  });
  await waitReady(host);

  const openedUrls: string[] = [];
  const clipboardWrites: { text: string; concealed: boolean }[] = [];
  const notifications: { title: string; body: string }[] = [];
  const rendererReceived: unknown[] = [];
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const statsWaiters: ((s: { keychainReads: number; keychainWrites: number }) => void)[] = [];
  const browserPageWaiters: ((p: Page) => void)[] = [];
  let systemBrowser: BrowserContext | undefined;
  let nextId = 1;
  /** Secrets this test knows were issued (given to leaks()); the ledger of the suite-wide audit. */
  const issued = new Set<string>();

  // The page's own languages match the system's, as in Electron (the window's first guess before main answers).
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, timezoneId: 'UTC', ...(opts.systemLanguages?.[0] ? { locale: opts.systemLanguages[0] } : {}) });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A CSP violation is a bug too (something the production policy would block in the app).
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });

  host.on('message', (raw) => {
    const m = raw as FromHost;
    if (m.type === 'result') {
      rendererReceived.push(m.result);
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.type === 'event') {
      rendererReceived.push(m.payload);
      void page
        .evaluate(([channel, payload]) => window.__tesseraHarnessDeliver?.(channel, payload), [m.channel, JSON.stringify(m.payload)] as const)
        .catch(() => undefined); // the page is closing
    } else if (m.type === 'open-url') {
      openedUrls.push(m.url);
      void (async () => {
        systemBrowser ??= await browser.newContext();
        const p = await systemBrowser.newPage();
        await p.goto(m.url).catch(() => undefined);
        browserPageWaiters.shift()?.(p);
      })();
    } else if (m.type === 'clipboard') clipboardWrites.push({ text: m.text, concealed: m.concealed });
    else if (m.type === 'notify') notifications.push({ title: m.title, body: m.body });
    else if (m.type === 'stats') statsWaiters.shift()?.({ keychainReads: m.keychainReads, keychainWrites: m.keychainWrites });
  });

  const invokeRaw = (channel: string, input: unknown, sender?: Partial<Sender>): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const message: ToHost = {
        type: 'invoke',
        id,
        channel,
        input,
        sender: { isMainFrame: sender?.isMainFrame ?? true, url: sender?.url ?? `${web.origin}/index.html` },
      };
      host.send(message);
    });

  await page.exposeBinding('__tesseraHarnessInvoke', async (source, channel: string, encoded: unknown) =>
    JSON.stringify(
      await invokeRaw(channel, typeof encoded === 'string' ? JSON.parse(encoded) : undefined, {
        isMainFrame: source.frame === source.page.mainFrame(),
        url: source.frame.url(),
      }),
    ),
  );
  await page.addInitScript({ content: readFileSync(PAGE_BRIDGE, 'utf8') });
  await page.goto(`${web.origin}/index.html`);

  const harness: Harness = {
    page,
    dataDir,
    keychainService,
    openedUrls,
    clipboardWrites,
    notifications,
    rendererReceived,
    pageErrors,
    leaks: async (secrets) => {
      for (const secret of secrets) issued.add(secret);
      let metadata = '';
      for (const name of readdirSync(dataDir)) if (name.endsWith('.json')) metadata += readFileSync(path.join(dataDir, name), 'utf8');
      const places: Record<string, string> = {
        'bridge answers and events': JSON.stringify(rendererReceived),
        page: await page.content(),
        'metadata file': metadata,
        'main process log': hostOutput,
      };
      return secrets.filter((s) => s.length >= 8).flatMap((secret) => Object.entries(places).filter(([, text]) => text.includes(secret)).map(([where]) => `${where}: ${secret.slice(0, 6)}…`));
    },
    nextSystemBrowserPage: () => new Promise((resolve) => browserPageWaiters.push(resolve)),
    invokeRaw,
    keychainStats: () =>
      new Promise((resolve) => {
        statsWaiters.push(resolve);
        host.send({ type: 'stats' } satisfies ToHost);
      }),
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
      // What the screenshot shows, as text: the secrets audit cannot read pixels.
      writeFileSync(path.join(ARTIFACTS_DIR, `${name}.txt`), await page.locator('body').innerText());
    },
    close: async () => {
      const lastPage = await page.content().catch(() => '');
      await context.close().catch(() => undefined);
      await systemBrowser?.close().catch(() => undefined);
      await stopHost(host);
      await web.close();
      // Everything the app kept in the keychain is a secret too, whether or not an emulator issued it.
      for (const { password } of await keytar.findCredentials(keychainService).catch(() => [])) issued.add(password);
      if (opts.audit !== false) saveForAudit({ dataDir, hostOutput, lastPage, rendererReceived, issued });
      if (!opts.keychainService) await clearKeychainService(keychainService);
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`The renderer threw ${pageErrors.length} uncaught error(s): ${pageErrors.join(' | ')}`);
    },
    closeAudited: async (secrets) => {
      const found = await harness.leaks(secrets);
      await harness.close();
      return found;
    },
  };
  return harness;
}

/**
 * Leaves what this harness saw for the suite-wide secrets audit: every value the renderer received
 * over the bridge, the main process's log, the metadata files and the last page, plus (in a ledger
 * of its own, which the audit reads but does not scan) the secrets to look for.
 */
function saveForAudit(seen: { dataDir: string; hostOutput: string; lastPage: string; rendererReceived: unknown[]; issued: ReadonlySet<string> }): void {
  const id = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(AUDIT_CAPTURES_DIR, id);
  mkdirSync(dir, { recursive: true });
  mkdirSync(AUDIT_LEDGER_DIR, { recursive: true });
  writeFileSync(path.join(dir, 'bridge.json'), JSON.stringify(seen.rendererReceived));
  writeFileSync(path.join(dir, 'main.log'), seen.hostOutput);
  writeFileSync(path.join(dir, 'page.html'), seen.lastPage);
  for (const name of readdirSync(seen.dataDir)) if (name.endsWith('.json')) copyFileSync(path.join(seen.dataDir, name), path.join(dir, `metadata-${name}`));
  writeFileSync(path.join(AUDIT_LEDGER_DIR, `${id}.json`), JSON.stringify([...seen.issued]));
}

/** Deletes every entry of a test keychain service. */
export async function clearKeychainService(service: string): Promise<void> {
  const entries = await keytar.findCredentials(service).catch(() => []);
  for (const { account } of entries) await keytar.deletePassword(service, account).catch(() => false);
}

function waitReady(host: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (raw: unknown): void => {
      const m = raw as FromHost;
      if (m.type === 'ready') {
        cleanup();
        resolve();
      } else if (m.type === 'fatal') {
        cleanup();
        reject(new Error(`main host failed to start: ${m.message}`));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`main host exited with code ${String(code)} before it was ready`));
    };
    const cleanup = (): void => {
      host.off('message', onMessage);
      host.off('exit', onExit);
    };
    host.on('message', onMessage);
    host.on('exit', onExit);
  });
}

function stopHost(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    host.once('exit', () => resolve());
    host.disconnect();
    setTimeout(() => host.kill('SIGKILL'), 2000).unref();
  });
}
