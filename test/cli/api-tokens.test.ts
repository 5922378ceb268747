/**
 * API tokens on the command line, with the real `tessera` and headless agent as processes, against
 * the emulator's API bridge: `tessera token --kind api-token` prints the token Tessera holds,
 * `tessera exec` gives a program CC_API_TOKEN and the account's AUTH_BRIDGE_HOST, and the real
 * clever-tools 4 (`clever tokens`, devDependency `clever-tools-4`), run by exec, lists the token
 * Tessera created: it signs with the OAuth token exec gave it and reaches the emulator's bridge.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src/shared/types';
import { makeCliWorld, type CliWorld } from './support/cli-world';

let world: CliWorld;
let account: AccountSummary;
let created: { apiTokenId: string; name: string };
let value: string;
let firstValue: string;

beforeAll(async () => {
  world = await makeCliWorld();
  account = await world.seedCleverCloud();
  const s = world.services();
  const outcome = await s.cleverCloud.apiTokens.create(account.id, { name: 'made-by-tessera', lifetimeMs: 7 * 86_400_000, password: world.cleverCloud.config.user.password });
  if (outcome.status !== 'created') throw new Error(`not created: ${outcome.reason}`);
  created = outcome.token;
  firstValue = (await s.cleverCloud.apiTokens.value(account.id, { minValidMs: 0 })).value;
  await new Promise((r) => setTimeout(r, 5)); // a later creation instant
  const newer = await s.cleverCloud.apiTokens.create(account.id, { name: 'newer', lifetimeMs: 86_400_000, password: world.cleverCloud.config.user.password });
  if (newer.status !== 'created') throw new Error('not created');
  value = (await s.cleverCloud.apiTokens.value(account.id, { minValidMs: 0 })).value;
  world.release();
  const run = await world.runInPty(`tessera grant ${account.id} --json > grant.json`, [['Type yes', 'yes\n']]);
  expect(run.code).toBe(0);
  expect(JSON.parse(readFileSync(path.join(world.dir, 'grant.json'), 'utf8'))).toHaveProperty('id');
}, 60_000);
afterAll(() => world.cleanup());

describe('API tokens from the command line', () => {
  it('tessera token --kind api-token prints the newest token Tessera holds; --name chooses another', async () => {
    const run = await world.run(['token', account.id, '--kind', 'api-token']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(value);
    expect(value).not.toBe(firstValue);
    const named = await world.run(['token', account.id, '--name', 'made-by-tessera']);
    expect(named.stdout.trim()).toBe(firstValue);
    const unknown = await world.run(['token', account.id, '--name', 'no such token']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
  });

  it('exec gives CC_API_TOKEN and the account’s AUTH_BRIDGE_HOST, and the token works there', async () => {
    const run = await world.run(['exec', account.id, '--', 'sh', '-c', 'printf "%s\\n%s\\n" "$AUTH_BRIDGE_HOST" "$CC_API_TOKEN"']);
    const [host, token] = run.stdout.split('\n');
    expect(host).toBe(world.cleverCloud.config.bridgeUrl);
    expect(token).toBe(value);
    const me = await fetch(`${host}/v2/self`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { email: string }).email).toBe(world.cleverCloud.config.user.email);
  });

  it('exec: clever-tools 4 `clever tokens` lists the token Tessera created', async () => {
    const clever = path.resolve(import.meta.dirname, '../../node_modules/clever-tools-4/bin/clever.js');
    const env = { ...world.env, HOME: world.dir, XDG_CONFIG_HOME: path.join(world.dir, 'xdg'), NO_UPDATE_NOTIFIER: '1' };
    const run = await world.run(['exec', account.id, '--', process.execPath, clever, 'tokens', '--format', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as { apiTokenId: string; name: string; state: string }[];
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ apiTokenId: created.apiTokenId, name: 'made-by-tessera', state: 'ACTIVE' })]));
    expect(listed).toHaveLength(2);
    // The list never carries a value.
    expect(run.stdout).not.toContain(value);
    expect(run.stdout).not.toContain(firstValue);
  });
});
