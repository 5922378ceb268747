/**
 * Test helpers for code that talks to the Clever Cloud emulator in-process:
 * - a clock tests move by hand, shared by emulator and client (timestamps stay valid while request
 *   tokens and access tokens age);
 * - the client configuration matching an emulator;
 * - `TestBrowser`, a stand-in for the system browser: real HTTP with a cookie jar, following 303s
 *   and filling the emulator's own HTML forms (login, rights, approve) like a user would, until it
 *   leaves the emulator for the loopback callback.
 */
import type { CleverCloudApiConfig } from '../../src/main/providers/clever-cloud/api';
import { navigate } from '../browser-requests';
import type { CleverCloudEmulator } from './server';
import type { TestClock } from '../test-clock';
export { makeTestClock, type TestClock } from '../test-clock';

/** Signed as the demo consumer (or `cli: true` for the CLI's public consumer). */
export function apiConfigFor(
  emulator: CleverCloudEmulator,
  clock: TestClock,
  overrides: Partial<CleverCloudApiConfig> & { cli?: boolean } = {},
): CleverCloudApiConfig {
  const { cli, ...rest } = overrides;
  return {
    baseUrl: emulator.config.baseUrl,
    consumer: cli ? emulator.config.cliConsumer : emulator.config.consumer,
    clock: clock.now,
    timeoutMs: 5_000,
    ...rest,
  };
}

export interface BrowserOutcome {
  /** `callback`: the browser left the emulator (the OAuth callback) and this is that answer. */
  readonly kind: 'callback' | 'page';
  readonly url: string;
  readonly status: number;
  readonly text: string;
}

export interface TestBrowserOptions {
  readonly email?: string;
  readonly password?: string;
  /** Rights to leave checked on the rights form; default: as the page offers them (all checked). */
  readonly rights?: readonly string[];
  /** Called with the callback URL before the browser follows it (to age tokens, tamper…). */
  readonly beforeCallback?: (url: string) => void | Promise<void>;
  /** Stop instead of following the callback. */
  readonly stopAtCallback?: boolean;
}

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly visited: string[] = [];
  lastCallbackUrl: string | null = null;

  constructor(
    private readonly origin: string,
    private readonly opts: TestBrowserOptions = {},
  ) {}

  /** What `openBrowser` does in tests: navigate, fill the forms, follow redirects. */
  async open(url: string): Promise<BrowserOutcome> {
    let next: { url: string; method: 'GET' | 'POST'; body?: string } = { url, method: 'GET' };
    for (let step = 0; step < 12; step += 1) {
      if (new URL(next.url).origin !== this.origin) return this.leave(next.url);
      this.visited.push(next.url);
      const res = await fetch(next.url, {
        method: next.method,
        redirect: 'manual',
        headers: {
          ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
          ...(next.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: next.body,
      });
      this.store(res.headers.getSetCookie());
      const text = await res.text();
      if (res.status >= 300 && res.status < 400) {
        next = { url: new URL(res.headers.get('location') ?? '', next.url).href, method: 'GET' };
        continue;
      }
      const form = res.status === 200 ? this.fill(text) : undefined;
      if (!form) return { kind: 'page', url: next.url, status: res.status, text };
      next = { url: new URL(form.action, next.url).href, method: 'POST', body: form.body };
    }
    throw new Error('TestBrowser: too many steps');
  }

  private async leave(url: string): Promise<BrowserOutcome> {
    this.lastCallbackUrl = url;
    await this.opts.beforeCallback?.(url);
    if (this.opts.stopAtCallback) return { kind: 'callback', url, status: 0, text: '' };
    // A tab's navigation, as the loopback listener requires (see ../browser-requests.ts).
    const res = await navigate(url);
    return { kind: 'callback', url, status: res.status, text: res.text };
  }

  private store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Fills the one known form of an emulator page, or returns undefined for any other page. */
  private fill(page: string): { action: string; body: string } | undefined {
    const form = /<form id="(login-form|rights-form|approve-form)" method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(page);
    if (!form) return undefined;
    const fields: [string, string][] = [];
    for (const input of form[3]!.matchAll(/<input ([^>]*)>/g)) {
      const attrs = new Map([...input[1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, unescapeHtml(m[2] ?? '')]));
      const name = attrs.get('name') ?? '';
      if (attrs.get('type') === 'checkbox') {
        const on = this.opts.rights ? this.opts.rights.includes(name) : attrs.has('checked');
        if (on) fields.push([name, attrs.get('value') ?? 'on']);
      } else if (name === 'email') fields.push([name, this.opts.email ?? 'demo@example.com']);
      else if (name === 'password') fields.push([name, this.opts.password ?? 'demo-password']);
      else fields.push([name, attrs.get('value') ?? '']);
    }
    return { action: unescapeHtml(form[2]!), body: new URLSearchParams(fields).toString() };
  }
}

function unescapeHtml(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}
