/**
 * Avatars are fetched by main under its own rules and reach the window only as checked data: URLs.
 * Real HTTP against servers on 127.0.0.1 (allowed as the emulator's http origin is) and the Clever
 * Cloud emulator through the app's real router.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_FILES, solidPng } from '../../../emulators/clever-cloud/avatar-images';
import { startCleverCloudEmulator } from '../../../emulators/clever-cloud/server';
import { startEmulatorServer, type EmulatorServer, type Reply } from '../../../emulators/http-kit';
import { INVOKE_CHANNELS } from '../../shared/channels';
import type { AccountDetail } from '../../shared/types';
import { makeTestWorld } from '../../../test/support/real-stores';
import { createTestApp } from '../../../test/support/test-app';
import { AVATAR_MAX_BYTES, avatarUrlDecision, Avatars, sniffImageType } from './avatars';

const PNG = AVATAR_FILES['ada.png']!.body;

let server: EmulatorServer;
/** Another origin, not allowed over http: a redirect must not lead there. */
let elsewhere: EmulatorServer;
beforeAll(async () => {
  elsewhere = await startEmulatorServer(() => ({ status: 200, headers: { 'content-type': 'image/png' }, body: PNG }));
  server = await startEmulatorServer((req): Reply => {
    const path = req.url.pathname;
    const file = AVATAR_FILES[path.slice(1)];
    if (file) return { status: 200, headers: { 'content-type': file.contentType }, body: file.body };
    if (path === '/no-type.png') return { status: 200, body: PNG };
    if (path === '/redirect') return { status: 302, headers: { location: '/ada.png' } };
    if (path === '/redirect-away') return { status: 302, headers: { location: `${elsewhere.url}/ada.png` } };
    if (path.startsWith('/loop')) return { status: 302, headers: { location: `/loop${path.length}` } };
    return { status: 404, body: 'Not Found' };
  });
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});
afterEach(() => {
  server.faults.clear();
  server.log.length = 0;
});

const avatars = (extra: ConstructorParameters<typeof Avatars>[0] = {}) => new Avatars({ httpOrigins: [server.url], timeoutMs: 1000, ...extra });
const requests = (): string[] => server.log.map((r) => r.path);

describe('avatarUrlDecision', () => {
  it.each([
    ['https://ccapi-avatars.example.com/u/1.png', true],
    ['https://www.gravatar.com/avatar/0000', true],
    ['http://ccapi-avatars.example.com/u/1.png', false],
    ['http://127.0.0.1:47801/avatars/ada.png', false],
    ['https://user:pass@example.com/a.png', false],
    ['data:image/png;base64,AAAA', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
    [`https://example.com/${'a'.repeat(2100)}`, false],
  ])('%s → %s', (url, allowed) => {
    expect(avatarUrlDecision(url) !== null).toBe(allowed);
  });

  it('allows plain http only on the origins it is given (the emulators)', () => {
    expect(avatarUrlDecision('http://127.0.0.1:47801/avatars/ada.png', ['http://127.0.0.1:47801'])).not.toBeNull();
    expect(avatarUrlDecision('http://127.0.0.1:47802/avatars/ada.png', ['http://127.0.0.1:47801'])).toBeNull();
  });
});

describe('sniffImageType', () => {
  it('knows PNG, JPEG, GIF and WebP by their bytes', () => {
    expect(sniffImageType(solidPng(2, 2, [1, 2, 3]))).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('GIF87a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
  });

  it('refuses everything else: SVG (it can carry script), HTML, text, nothing', () => {
    expect(sniffImageType(AVATAR_FILES['not-an-image.png']!.body)).toBeNull();
    expect(sniffImageType(Buffer.from('<!doctype html><p>hi'))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('Avatars', () => {
  it('hands over a real image as a data: URL of exactly its bytes', async () => {
    const url = await avatars().dataUrl(`${server.url}/ada.png`);
    expect(url).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });

  it('goes by the bytes, not by the Content-Type', async () => {
    expect(await avatars().dataUrl(`${server.url}/no-type.png`)).toMatch(/^data:image\/png;base64,/);
    // Served as image/png, but an SVG with a script.
    expect(await avatars().dataUrl(`${server.url}/not-an-image.png`)).toBeNull();
  });

  it(`refuses an image larger than ${AVATAR_MAX_BYTES / 1024} kB`, async () => {
    expect(AVATAR_FILES['oversized.png']!.body.length).toBeGreaterThan(AVATAR_MAX_BYTES);
    expect(await avatars().dataUrl(`${server.url}/oversized.png`)).toBeNull();
  });

  it('gives null, never an error, for a missing image, a hang, a reset', async () => {
    expect(await avatars().dataUrl(`${server.url}/missing.png`)).toBeNull();
    server.faults.add({ fault: { kind: 'hang' }, times: 1 });
    const started = performance.now();
    expect(await avatars({ timeoutMs: 300 }).dataUrl(`${server.url}/ada.png`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
    server.faults.add({ fault: { kind: 'reset' }, times: 1 });
    expect(await avatars().dataUrl(`${server.url}/ada.png`)).toBeNull();
  });

  it('fetches nothing from a URL it may not use', async () => {
    // The local server's own http origin, not on the allowed list this time.
    expect(await new Avatars({ timeoutMs: 1000 }).dataUrl(`${server.url}/ada.png`)).toBeNull();
    expect(await avatars().dataUrl(null)).toBeNull();
    expect(requests()).toEqual([]);
  });

  it('follows at most two redirects, each checked like the first URL', async () => {
    expect(await avatars().dataUrl(`${server.url}/redirect`)).toMatch(/^data:image\/png;base64,/);
    expect(requests()).toEqual(['/redirect', '/ada.png']);
    server.log.length = 0;
    expect(await avatars().dataUrl(`${server.url}/redirect-away`)).toBeNull();
    expect(requests()).toEqual(['/redirect-away']);
    expect(elsewhere.log).toEqual([]);
    server.log.length = 0;
    expect(await avatars().dataUrl(`${server.url}/loop`)).toBeNull();
    expect(requests()).toHaveLength(3);
  });

  it('fetches an avatar once, however often and however many at once it is asked for', async () => {
    const cache = avatars();
    const url = `${server.url}/ada.png`;
    const all = await Promise.all([cache.dataUrl(url), cache.dataUrl(url), cache.dataUrl(url)]);
    expect(await cache.dataUrl(url)).toBe(all[0]);
    expect(new Set(all).size).toBe(1);
    expect(requests()).toEqual(['/ada.png']);
  });

  it('tries a failed avatar again after ten minutes, not before', async () => {
    let now = 1_000_000;
    const cache = avatars({ now: () => now });
    const url = `${server.url}/ada.png`;
    server.faults.add({ fault: { kind: 'reset' }, times: 1 });
    expect(await cache.dataUrl(url)).toBeNull();
    now += 9 * 60_000;
    expect(await cache.dataUrl(url)).toBeNull();
    expect(requests()).toHaveLength(1);
    now += 60_000;
    expect(await cache.dataUrl(url)).toMatch(/^data:image\/png;base64,/);
    expect(requests()).toHaveLength(2);
  });

  it('keeps a bounded number of avatars in memory', async () => {
    const cache = avatars();
    for (let i = 0; i < 65; i++) await cache.dataUrl(`${server.url}/ada.png?n=${i}`);
    expect(requests()).toHaveLength(65);
    await cache.dataUrl(`${server.url}/ada.png?n=64`);
    expect(requests()).toHaveLength(65);
    await cache.dataUrl(`${server.url}/ada.png?n=0`); // the oldest, dropped
    expect(requests()).toHaveLength(66);
  });
});

describe('the account detail', () => {
  it('carries the Clever Cloud avatar as a data: URL; a broken one as null', async () => {
    const world = makeTestWorld();
    const emulator = await startCleverCloudEmulator();
    try {
      const app = createTestApp(world, { cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl } });
      const consumer = await app.cleverCloud.consumers.save({ name: 'Demo', key: emulator.config.consumer.key, secret: emulator.config.consumer.secret, callbackPort: 28002 });
      const account = await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
      const getAccount = async (): Promise<AccountDetail> => {
        const result = await app.router.dispatch(INVOKE_CHANNELS.getAccount, { id: account.id }, { isMainFrame: true, url: 'app://tessera/index.html' });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as AccountDetail;
      };
      const detail = await getAccount();
      expect(detail.avatarUrl).toBe(`${emulator.config.consoleUrl}/avatars/ada.png`);
      expect(detail.avatar).toBe(`data:image/png;base64,${PNG.toString('base64')}`);

      // The user's avatar now points at something that is no image: after the next login, none.
      emulator.setUserAvatar(emulator.config.user.email, '/avatars/not-an-image.png');
      await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
      expect(await getAccount()).toMatchObject({ avatarUrl: `${emulator.config.consoleUrl}/avatars/not-an-image.png`, avatar: null });
    } finally {
      await emulator.close();
      await world.cleanup();
    }
  });
});
