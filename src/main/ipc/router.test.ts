import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/channels';
import type { AppServices } from '../app-services';
import { createTestApp, testDesktop } from '../../../test/support/test-app';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { makeSenderCheck, type Sender } from './router';

const ORIGIN = 'app://tessera';
const ours: Sender = { isMainFrame: true, url: `${ORIGIN}/index.html` };

let world: TestWorld;
let app: AppServices;
const opened: string[] = [];

beforeEach(() => {
  world = makeTestWorld();
  opened.length = 0;
  app = createTestApp(world, { desktop: testDesktop(async (url) => void opened.push(url)) });
});
afterEach(() => world.cleanup());

async function seed(): Promise<string> {
  const { id } = await app.accounts.save({
    provider: 'saasus',
    displayName: 'Bob',
    subtitle: 'bob@example.com',
    expiresAt: null,
    secrets: { 'id-token': 'id-secret-value' },
  });
  return id;
}

describe('router', () => {
  it('answers a valid call with { ok: true, value }', async () => {
    const id = await seed();
    expect(await app.router.dispatch(INVOKE_CHANNELS.listAccounts, undefined, ours)).toEqual({
      ok: true,
      value: [expect.objectContaining({ id, displayName: 'Bob' })],
    });
    expect(await app.router.dispatch(INVOKE_CHANNELS.renameAccount, { id, name: '  Robert  ' }, ours)).toEqual({
      ok: true,
      value: expect.objectContaining({ id, displayName: 'Robert' }),
    });
  });

  it('refuses calls from an iframe or a foreign origin', async () => {
    await seed();
    for (const sender of [
      { isMainFrame: false, url: `${ORIGIN}/index.html` },
      { isMainFrame: true, url: 'https://evil.example/index.html' },
      { isMainFrame: true, url: 'file:///etc/passwd' },
      { isMainFrame: true, url: 'not a url' },
    ]) {
      expect(await app.router.dispatch(INVOKE_CHANNELS.listAccounts, undefined, sender)).toEqual({
        ok: false,
        error: { code: 'forbidden_sender', message: expect.any(String), key: 'ipc.forbidden' },
      });
    }
  });

  it('refuses unknown channels', async () => {
    expect(await app.router.dispatch('accounts:drop-all', undefined, ours)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('answers every invalid payload with a typed error and changes nothing', async () => {
    const id = await seed();
    const before = JSON.stringify(app.metadata.document);
    const keychainBefore = await world.keychain();
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 50; i += 1) cursor = (cursor.next = {}) as Record<string, unknown>;
    const invalid: [string, unknown][] = [
      [INVOKE_CHANNELS.listAccounts, { extra: true }],
      [INVOKE_CHANNELS.listAccounts, 'x'],
      [INVOKE_CHANNELS.getAccount, undefined],
      [INVOKE_CHANNELS.getAccount, { id: 5 }],
      [INVOKE_CHANNELS.getAccount, { id: '../../etc' }],
      [INVOKE_CHANNELS.getAccount, { id: 'x'.repeat(10_000) }],
      [INVOKE_CHANNELS.renameAccount, { id }],
      [INVOKE_CHANNELS.renameAccount, { id, name: '' }],
      [INVOKE_CHANNELS.renameAccount, { id, name: '   ' }],
      [INVOKE_CHANNELS.renameAccount, { id, name: 'n'.repeat(1_000_000) }],
      [INVOKE_CHANNELS.renameAccount, { id, name: 'ok', extra: 1 }],
      [INVOKE_CHANNELS.renameAccount, JSON.parse(`{"id":"${id}","name":"ok","__proto__":{"polluted":true}}`)],
      [INVOKE_CHANNELS.renameAccount, { id, name: 'ok', constructor: { prototype: { polluted: true } } }],
      [INVOKE_CHANNELS.renameAccount, { id, name: ['array'] }],
      [INVOKE_CHANNELS.renameAccount, Object.setPrototypeOf({ id, name: 'ok' }, { polluted: true })],
      [INVOKE_CHANNELS.renameAccount, { id, name: 'ok', ['__proto__']: { polluted: true } }],
      [INVOKE_CHANNELS.removeAccount, { id: null }],
      [INVOKE_CHANNELS.removeAccount, [id]],
      [INVOKE_CHANNELS.removeAccount, { id, deep }],
      [INVOKE_CHANNELS.updateSettings, { expiryWarningDays: -1 }],
      [INVOKE_CHANNELS.updateSettings, { expiryWarningDays: 1.5 }],
      [INVOKE_CHANNELS.updateSettings, { expiryWarningDays: '7' }],
      [INVOKE_CHANNELS.openExternal, { url: 'file:///etc/passwd' }],
      [INVOKE_CHANNELS.openExternal, { url: 'javascript:alert(1)' }],
      [INVOKE_CHANNELS.openExternal, { url: 'http://example.com/' }],
      [INVOKE_CHANNELS.openExternal, { url: `https://x.example/${'a'.repeat(5000)}` }],
    ];
    for (const [channel, input] of invalid) {
      const result = await app.router.dispatch(channel, input, ours);
      expect(result, `${channel} ${JSON.stringify(input)?.slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
    }
    expect(JSON.stringify(app.metadata.document)).toBe(before);
    expect(await world.keychain()).toEqual(keychainBefore);
    expect(opened).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a missing account as not_found, not as a crash', async () => {
    expect(await app.router.dispatch(INVOKE_CHANNELS.removeAccount, { id: 'nope' }, ours)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('opens only allowed links in the system browser', async () => {
    expect(await app.router.dispatch(INVOKE_CHANNELS.openExternal, { url: 'https://www.clever-cloud.com/' }, ours)).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://www.clever-cloud.com/']);
  });
});

describe('makeSenderCheck', () => {
  it('accepts the main frame of an allowed origin, including custom schemes', () => {
    const check = makeSenderCheck(['app://tessera', 'http://127.0.0.1:5173']);
    expect(check({ isMainFrame: true, url: 'app://tessera/index.html' })).toBe(true);
    expect(check({ isMainFrame: true, url: 'http://127.0.0.1:5173/' })).toBe(true);
    expect(check({ isMainFrame: true, url: 'app://tessera.evil/index.html' })).toBe(false);
    expect(check({ isMainFrame: true, url: 'http://127.0.0.1:5174/' })).toBe(false);
  });
});

describe('router: what a refused call says', () => {
  const refusal = async (channel: string, input: unknown, sender: Sender = ours) => {
    const result = await app.router.dispatch(channel, input, sender);
    if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
    return result.error;
  };

  it('names the refused sender and the unknown request', async () => {
    expect(await refusal(INVOKE_CHANNELS.listAccounts, undefined, { isMainFrame: false, url: `${ORIGIN}/index.html` })).toEqual({
      code: 'forbidden_sender',
      message: 'This call did not come from a Tessera window.',
      key: 'ipc.forbidden',
    });
    expect(await refusal('accounts:drop-all', undefined)).toEqual({ code: 'unknown_channel', message: 'Tessera does not know this request.', key: 'ipc.unknownChannel' });
  });

  it('says which field is wrong, or the schema’s own words, as one sentence that never quotes the value', async () => {
    const id = await seed();
    expect(await refusal(INVOKE_CHANNELS.getAccount, { id: 5 })).toEqual({ code: 'invalid_input', message: 'Invalid request: id is not valid.', key: 'ipc.invalid' });
    expect(await refusal(INVOKE_CHANNELS.getAccount, { id, secret: 'hunter2' })).toEqual({ code: 'invalid_input', message: 'Invalid request: secret is not valid.', key: 'ipc.invalid' });
    expect(await refusal(INVOKE_CHANNELS.listAccounts, 'hunter2')).toEqual({ code: 'invalid_input', message: 'Invalid request: input is not valid.', key: 'ipc.invalid' });
    // The schema's message already ends with a full stop: not doubled.
    expect(await refusal(INVOKE_CHANNELS.renameAccount, { id, name: '  ' })).toEqual({ code: 'invalid_input', message: 'Invalid request: A name cannot be empty.', key: 'ipc.invalid' });
  });
});

describe('router: only plain data reaches a schema', () => {
  const poison = (json: string) => JSON.parse(json) as unknown;
  const message = async (input: unknown) => {
    const result = await app.router.dispatch(INVOKE_CHANNELS.renameAccount, input, ours);
    return result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`;
  };

  it('refuses __proto__, constructor and prototype keys wherever they are, before the schema sees them', async () => {
    const id = await seed();
    expect(await message(poison(`{"id":"${id}","name":"ok","__proto__":{"polluted":true}}`))).toBe('invalid_input: Invalid request: forbidden key "__proto__".');
    expect(await message({ id, name: 'ok', constructor: 1 })).toBe('invalid_input: Invalid request: forbidden key "constructor".');
    expect(await message({ id, name: 'ok', prototype: 1 })).toBe('invalid_input: Invalid request: forbidden key "prototype".');
    // Nested, after an innocent key, and inside an array.
    expect(await message({ id, name: 'ok', extra: { a: 1, b: poison('{"__proto__":{}}') } })).toBe('invalid_input: Invalid request: forbidden key "__proto__".');
    expect(await message({ id, name: 'ok', extra: [1, { prototype: {} }] })).toBe('invalid_input: Invalid request: forbidden key "prototype".');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(app.accounts.get(id).displayName).toBe('Bob');
  });

  it('refuses objects with a prototype of their own, and nesting deeper than 8 levels', async () => {
    const id = await seed();
    expect(await message(Object.setPrototypeOf({ id, name: 'ok' }, { isAdmin: true }))).toBe('invalid_input: Invalid request: not plain data.');
    expect(await message({ id, name: 'ok', extra: [new Date(0)] })).toBe('invalid_input: Invalid request: not plain data.');
    const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { next: nested(levels - 1) });
    // The call's own object is level 0: `extra` holding 8 levels reaches level 8, which is allowed
    // (the schema then refuses the unknown key); 9 levels are refused before the schema runs.
    expect(await message({ id, name: 'ok', extra: nested(8) })).toBe('invalid_input: Invalid request: extra is not valid.');
    expect(await message({ id, name: 'ok', extra: nested(9) })).toBe('invalid_input: Invalid request: too deeply nested.');
    expect(app.accounts.get(id).displayName).toBe('Bob');
  });

  it('accepts plain objects and objects without a prototype', async () => {
    const id = await seed();
    expect(await message({ id, name: 'Robert' })).toBe('accepted');
    expect(await message(Object.assign(Object.create(null) as object, { id, name: 'Roberta' }))).toBe('accepted');
    expect(app.accounts.get(id).displayName).toBe('Roberta');
  });
});

describe('router: channels and senders', () => {
  it('serves every channel of the contract', () => {
    expect([...app.router.channels].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('trusts scheme and host, never a blob: or filesystem: URL made by an allowed page, nor an unparsable URL', () => {
    const check = makeSenderCheck(['app://tessera', 'http://127.0.0.1:5173']);
    expect(check({ isMainFrame: true, url: 'blob:http://127.0.0.1:5173/0f3c' })).toBe(false);
    expect(check({ isMainFrame: true, url: 'filesystem:http://127.0.0.1:5173/temporary/x' })).toBe(false);
    expect(check({ isMainFrame: true, url: 'http://127.0.0.1:5173' })).toBe(true);
    expect(check({ isMainFrame: true, url: 'app://tessera' })).toBe(true);
    expect(check({ isMainFrame: true, url: '::' })).toBe(false);
    expect(check({ isMainFrame: false, url: 'http://127.0.0.1:5173/' })).toBe(false);
  });
});
