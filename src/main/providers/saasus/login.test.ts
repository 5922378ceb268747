import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../e2e/harness/free-port';
import { loadAsImage, navigate } from '../../../../emulators/browser-requests';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import type { SaasusApiConfig } from './api';
import { LOGIN_FAILED, NOT_A_NAVIGATION } from '../../net/loopback-callback';
import {
  CALLBACK_ERROR_MESSAGE,
  exchangeCode,
  judgeSaasusCallback,
  loginViaHostedPage,
  parsePastedCode,
  type HostedLoginOptions,
} from './login';

const clock = makeTestClock();
let emulator: SaasusEmulator;
let api: SaasusApiConfig;
let port: number;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  // The SaaS's registered callback must be the port Tessera listens on, as in real life.
  port = await freePort();
  emulator.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
});

interface BrowserVisit {
  loginPage?: { status: number; text: string };
  formAnswers: { status: number; text: string }[];
  callback?: { status: number; text: string };
}

/**
 * What the system browser does with the login page: load it, submit the form (one attempt per
 * password), follow the 303 to the loopback callback. `beforeCallback` runs between the redirect
 * and the callback request (e.g. to age the code).
 */
function browser(email: string, passwords: string[], beforeCallback?: (location: string) => string | void) {
  const visit: BrowserVisit = { formAnswers: [] };
  let done: Promise<BrowserVisit> = Promise.resolve(visit);
  const open = (url: string): void => {
    done = (async () => {
      const page = await fetch(url);
      visit.loginPage = { status: page.status, text: await page.text() };
      const action = new URL(/<form method="post" action="([^"]+)"/.exec(visit.loginPage.text)![1]!, url);
      for (const password of passwords) {
        const answer = await fetch(action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password }).toString(),
          redirect: 'manual',
        });
        visit.formAnswers.push({ status: answer.status, text: await answer.text() });
        if (answer.status !== 303) continue;
        const location = answer.headers.get('location')!;
        const target = beforeCallback?.(location) ?? location;
        // The redirect is followed in the tab: a top-level navigation.
        visit.callback = await navigate(target);
        break;
      }
      return visit;
    })();
  };
  return { open, visit: () => done };
}

function login(overrides: Partial<HostedLoginOptions> & Pick<HostedLoginOptions, 'openBrowser'>) {
  return loginViaHostedPage({ api, loginUrl: emulator.config.loginUrl, callbackPort: port, timeoutMs: 5_000, ...overrides });
}

describe('loginViaHostedPage', () => {
  it('logs in through the hosted page and exchanges the code at once', async () => {
    const b = browser('alice@example.com', ['alice-password']);
    const steps: string[] = [];
    const creds = await login({ openBrowser: b.open, onProgress: (step) => steps.push(step) });
    expect(creds.idToken.split('.')).toHaveLength(3);
    expect(creds.refreshToken).toBeTruthy();
    expect(steps).toEqual(['opening-login-page', 'waiting-login', 'exchanging-code']);
    const visit = await b.visit();
    expect(visit.loginPage?.status).toBe(200);
    expect(visit.loginPage?.text).toContain('name="password"');
    expect(visit.callback).toMatchObject({ status: 200 });
    expect(visit.callback?.text).toContain('Tessera received your login');
  });

  it('shows the form again after a wrong password, then logs in', async () => {
    const b = browser('alice@example.com', ['nope', 'alice-password']);
    await expect(login({ openBrowser: b.open })).resolves.toMatchObject({ accessToken: expect.any(String) });
    const visit = await b.visit();
    expect(visit.formAnswers[0]?.status).toBe(401);
    expect(visit.formAnswers[0]?.text).toContain('Incorrect email or password.');
    expect(visit.formAnswers[0]?.text).toContain('value="alice@example.com"');
  });

  it('an error navigation ends the login in Tessera’s own words, never the text it carries', async () => {
    // Whoever sends the browser to the callback writes error_description: it is not SaaSus's voice.
    const said = 'Your account is locked: call +1 555 0100 <b>now</b>';
    const b = browser('bob@example.com', ['bob-password'], (location) => {
      const u = new URL(location);
      u.search = new URLSearchParams({ error: 'access_denied', error_description: said }).toString();
      return u.href;
    });
    const e = await login({ openBrowser: b.open }).catch((x: unknown) => x);
    const page = (await b.visit()).callback!;
    for (const text of [(e as Error).message, page.text]) {
      expect(text).not.toContain('locked');
      expect(text).not.toContain('access_denied');
      expect(text).not.toContain('555');
    }
    expect(e).toMatchObject({ code: 'unauthorized', message: CALLBACK_ERROR_MESSAGE });
    expect(page.status).toBe(400);
    expect(page.text).toContain(LOGIN_FAILED);
  });

  it('another site’s <img> with a code or an error changes nothing; the real navigation then logs in', async () => {
    const b = browser('bob@example.com', ['bob-password']);
    const planted = emulator.issueTempCode('alice@example.com');
    const answers: { status: number; neutral: boolean }[] = [];
    const creds = await login({
      openBrowser: async (url) => {
        for (const query of [`code=${planted}`, 'error=access_denied&error_description=Session+expired%2C+log+in+at+evil.example']) {
          const img = await loadAsImage(`http://127.0.0.1:${port}/callback?${query}`);
          answers.push({ status: img.status, neutral: img.text.includes(NOT_A_NAVIGATION) && !img.text.includes('evil') });
        }
        b.open(url);
      },
    });
    expect(answers).toEqual([
      { status: 400, neutral: true },
      { status: 400, neutral: true },
    ]);
    // Bob's session, not the planted code's (Alice).
    expect(JSON.parse(Buffer.from(creds.idToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ email: 'bob@example.com' });
    expect((await b.visit()).callback?.status).toBe(200);
  });

  it('ignores a navigation without a code and keeps waiting for the real one', async () => {
    const b = browser('bob@example.com', ['bob-password']);
    const pending = login({
      openBrowser: async (url) => {
        const stray = await navigate(`http://127.0.0.1:${port}/callback?foo=bar`);
        expect(stray.status).toBe(400);
        b.open(url);
      },
    });
    await expect(pending).resolves.toMatchObject({ idToken: expect.any(String) });
  });

  it('a forged code reaching the callback ends in code_expired', async () => {
    const b = browser('bob@example.com', ['bob-password'], (location) => {
      const u = new URL(location);
      u.searchParams.set('code', '00000000-0000-4000-8000-000000000000');
      return u.href;
    });
    await expect(login({ openBrowser: b.open })).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('a code that arrives after its 10 seconds ends in code_expired', async () => {
    const b = browser('bob@example.com', ['bob-password'], () => void clock.advance(10_001));
    await expect(login({ openBrowser: b.open })).rejects.toMatchObject({
      code: 'code_expired',
      message: 'The code expired or was already used: log in again.',
    });
  });

  it('times out when the browser never comes back, and closes the listener', async () => {
    await expect(login({ openBrowser: () => undefined, timeoutMs: 200 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(fetch(`http://127.0.0.1:${port}/callback?code=x`)).rejects.toThrow();
  });

  it('can be cancelled while waiting', async () => {
    const controller = new AbortController();
    const pending = login({ openBrowser: () => controller.abort(), signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('closes the listener when the browser cannot be opened', async () => {
    const pending = login({
      openBrowser: () => {
        throw new Error('no browser');
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'internal', message: 'Could not open the login page in the browser.' });
    await expect(fetch(`http://127.0.0.1:${port}/callback?code=x`)).rejects.toThrow();
  });

  it('refuses a login URL that is not a web page, before listening', async () => {
    let opened = false;
    await expect(
      login({ loginUrl: 'javascript:alert(1)', openBrowser: () => void (opened = true) }),
    ).rejects.toMatchObject({ code: 'invalid_configuration' });
    expect(opened).toBe(false);
  });
});

describe('judgeSaasusCallback', () => {
  it('accepts a code, fails on an error, ignores anything else', () => {
    expect(judgeSaasusCallback(new URLSearchParams('code=abc'))).toEqual({ kind: 'accept', value: 'abc' });
    for (const query of ['error=access_denied', 'error_description=%0Abad%07thing', 'error='])
      expect(judgeSaasusCallback(new URLSearchParams(query))).toMatchObject({
        kind: 'fail',
        error: { code: 'unauthorized', message: CALLBACK_ERROR_MESSAGE },
      });
    expect(judgeSaasusCallback(new URLSearchParams(''))).toMatchObject({ kind: 'ignore' });
    expect(judgeSaasusCallback(new URLSearchParams('code='))).toMatchObject({ kind: 'ignore' });
  });
});

describe('exchangeCode (paste a code)', () => {
  it('redeems a pasted code, bare or inside the callback address', async () => {
    await expect(exchangeCode(api, `  ${emulator.issueTempCode('alice@example.com')}\n`)).resolves.toMatchObject({
      refreshToken: expect.any(String),
    });
    const url = `http://127.0.0.1:${port}/callback?code=${emulator.issueTempCode('alice@example.com')}`;
    await expect(exchangeCode(api, url)).resolves.toMatchObject({ idToken: expect.any(String) });
  });

  it('refuses something that is not a code without calling SaaSus', async () => {
    const before = emulator.server.log.length;
    await expect(exchangeCode(api, 'hello')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(exchangeCode(api, 'https://example.com/callback?state=1')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(emulator.server.log.length).toBe(before);
  });

  it('a well-formed but unknown code is code_expired', async () => {
    await expect(exchangeCode(api, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('parsePastedCode keeps the code as given', () => {
    expect(parsePastedCode('0B7F3C52-9D14-4E6A-8A21-6F5E2C9D8B01')).toBe('0B7F3C52-9D14-4E6A-8A21-6F5E2C9D8B01');
  });
});
