/**
 * The provider registry as the app builds it (createAppServices over the real keychain and a real
 * metadata file): one module per provider, agreeing with the tables the window reads
 * (src/shared/types.ts), and the way from an account to its provider.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COPY_KINDS, isRefreshable, offeredKinds, PROVIDERS } from '../../shared/types';
import type { AppServices } from '../app-services';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { createTestApp } from '../../../test/support/test-app';
import { producerOf } from './provider-module';

let world: TestWorld;
let app: AppServices;

beforeEach(() => {
  world = makeTestWorld();
  app = createTestApp(world);
});
afterEach(() => world.cleanup());

const save = (provider: 'clever-cloud' | 'saasus') =>
  app.accounts.save({ provider, displayName: provider, subtitle: 'someone@example.com', expiresAt: null, secrets: { credentials: 'x' } });

describe('the provider registry', () => {
  it('has one module per provider, filed under its own id, in the order of PROVIDERS', () => {
    expect(app.providers.all().map((m) => m.id)).toEqual([...PROVIDERS]);
    for (const id of PROVIDERS) expect(app.providers.get(id).id).toBe(id);
  });

  it('offers the credentials the window and the tray show (and those asked for by name), and refreshes what the window calls refreshable', () => {
    for (const id of PROVIDERS) {
      expect(app.providers.get(id).credentialKinds).toEqual(offeredKinds(id));
      expect(app.providers.get(id).credentialKinds.slice(0, COPY_KINDS[id].length)).toEqual(COPY_KINDS[id]);
      expect(app.providers.refreshable(id)).toBe(isRefreshable(id));
    }
  });

  it('finds an account’s module by its provider; an unknown account is not_found', async () => {
    const cc = await save('clever-cloud');
    const s = await save('saasus');
    expect(app.providers.of(cc.id).id).toBe('clever-cloud');
    expect(app.providers.of(s.id).id).toBe('saasus');
    expect(() => app.providers.of('no-such-account')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses to refresh an account whose provider cannot refresh, reading nothing', async () => {
    const cc = await save('clever-cloud');
    const before = { ...app.secrets.stats };
    await expect(app.providers.refresh(cc.id)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Clever Cloud') });
    expect(app.secrets.stats).toEqual(before);
  });
});

describe('producerOf', () => {
  it('gives the producer of an offered kind and refuses any other, even one named like an object key', () => {
    const table = { 'id-token': 1, 'access-token': 2 } as const;
    expect(producerOf(table, 'access-token')).toBe(2);
    expect(() => producerOf(table, 'env-lines')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => producerOf(table, 'constructor' as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
