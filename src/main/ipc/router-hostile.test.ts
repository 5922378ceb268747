/**
 * Hostile input at the bridge: for every channel, at least 500 generated invalid payloads (wrong
 * types, missing and extra fields, huge strings, deep nesting, __proto__ / constructor keys). Each
 * must come back as a typed error, the router must keep answering, and nothing may change: not the
 * metadata, not the keychain, no URL opened, no clipboard write.
 *
 * Payloads come from a seeded generator, so a failure names a payload that can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { INVOKE_CHANNELS, type InvokeName } from '../../shared/channels';
import { invokeContract } from '../../shared/contract';
import type { AppServices } from '../app-services';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../test/support/test-app';

const PER_CHANNEL = 500;
const ours = { isMainFrame: true, url: 'app://tessera/index.html' };

let world: TestWorld;
let app: AppServices;
let desktop: TestDesktop;
let accountId: string;

beforeAll(async () => {
  world = makeTestWorld();
  desktop = testDesktop();
  app = createTestApp(world, { desktop });
  accountId = (await app.accounts.save({ provider: 'saasus', displayName: 'Target', subtitle: 't@example.com', expiresAt: null, secrets: { 'id-token': 'tok' } })).id;
});
afterAll(() => world.cleanup());

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { next: value };
  return value;
}

function generate(rand: () => number, id: string): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const scalar = (): unknown =>
    pick([null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, NaN, '', 'x', 'y'.repeat(10_000 + Math.floor(rand() * 200_000)), '<script>alert(1)</script>', '../../etc/passwd', [], [1, 2], {}]);
  const fields = ['id', 'name', 'url', 'loginId', 'connectionId', 'consumerId', 'kind', 'code', 'token', 'secret', 'saasId', 'apiKey', 'secretKey', 'apiBaseUrl', 'loginUrl', 'callbackPort', 'key', 'path', 'localOnly', 'expiryWarningDays'];
  const shape = Math.floor(rand() * 8);
  switch (shape) {
    case 0:
      return scalar();
    case 1:
      return JSON.parse(`{"__proto__": {"polluted": true}, "id": "${id}"}`);
    case 2:
      return { id, constructor: { prototype: { polluted: true } } };
    case 3:
      return nested(20 + Math.floor(rand() * 200));
    case 4:
      return { id, [`extra_${Math.floor(rand() * 1000)}`]: scalar() };
    case 5: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(rand() * 4); i += 1) o[pick(fields)] = scalar();
      return o;
    }
    case 6:
      return [{ id }];
    default:
      return { id: scalar(), name: scalar(), url: scalar(), kind: scalar() };
  }
}

describe('hostile payloads on every channel', () => {
  const names = Object.keys(INVOKE_CHANNELS) as InvokeName[];
  it.each(names)('%s: 500 invalid payloads, each a typed error, nothing changed', async (name) => {
    const rand = prng(name.length * 7919 + name.charCodeAt(0));
    const before = JSON.stringify(app.metadata.document);
    const keychainBefore = await world.keychain();
    let tried = 0;
    for (let i = 0; tried < PER_CHANNEL && i < PER_CHANNEL * 20; i += 1) {
      const payload = generate(rand, accountId);
      // Only payloads the contract refuses count: a generated value may happen to be valid.
      if (v.safeParse(invokeContract[name].input, payload).success && !hasPoison(payload)) continue;
      tried += 1;
      const result = await app.router.dispatch(INVOKE_CHANNELS[name], payload, ours);
      if (result.ok || result.error.code !== 'invalid_input') throw new Error(`${name} accepted ${JSON.stringify(payload)?.slice(0, 200)}`);
      expect(result.error.message.length).toBeLessThan(300);
    }
    expect(tried).toBe(PER_CHANNEL);
    expect(JSON.stringify(app.metadata.document)).toBe(before);
    expect(await world.keychain()).toEqual(keychainBefore);
    expect(desktop.opened).toEqual([]);
    expect(desktop.clipboardText()).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still healthy: a valid call answers.
    expect(await app.router.dispatch(INVOKE_CHANNELS.listAccounts, undefined, ours)).toMatchObject({ ok: true });
  });
});

function hasPoison(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > 8) return true;
  return Object.keys(value).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || hasPoison((value as Record<string, unknown>)[k], depth + 1));
}
