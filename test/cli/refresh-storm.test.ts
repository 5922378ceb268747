/**
 * A refresh storm across processes: 50 `tessera token` commands at once for an expired SaaSus
 * token (refresh-token rotation on). Every command goes through the one agent, whose services
 * refresh in a single flight: exactly one refresh reaches SaaSus, all 50 print the same new token,
 * and SaaSus accepts it. (More commands than the agent's connection cap: some are told `busy` and
 * try again.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserInfo } from '../../src/main/providers/saasus/api';
import type { AccountSummary } from '../../src/shared/types';
import { apiConfigFor } from '../../emulators/saasus/testing';
import { makeTestClock } from '../../emulators/test-clock';
import { makeCliWorld, type CliWorld } from './support/cli-world';

const STORM = 50;
let world: CliWorld;
let saas: AccountSummary;

beforeAll(async () => {
  world = await makeCliWorld({ saasus: { rotateRefreshTokens: true } });
  saas = await world.seedSaasus(undefined, { expired: true });
  await world.startAgent();
  const granted = await world.runInPty(`tessera grant ${saas.id} > /dev/null`, [['Type yes', 'yes\n']]);
  expect(granted.code).toBe(0);
}, 60_000);
afterAll(() => world.cleanup());

describe('refresh storm across processes', () => {
  it(`${STORM} concurrent tessera token for an expired token: one refresh at SaaSus, one new token for all`, async () => {
    expect(saas.expiresAt!).toBeLessThan(Date.now());
    expect(world.saasus.refreshCalls()).toBe(0);
    const runs = await Promise.all(Array.from({ length: STORM }, () => world.runShell(`tessera token ${saas.id} --kind id-token`)));
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(world.saasus.refreshCalls()).toBe(1);
    const tokens = new Set(runs.map((r) => r.stdout.trim()));
    expect(tokens.size).toBe(1);
    await expect(getUserInfo(apiConfigFor(world.saasus, makeTestClock()), [...tokens][0]!)).resolves.toMatchObject({ email: 'alice@example.com' });
    const listed = JSON.parse((await world.run(['list', '--json'])).stdout) as { id: string; status: string; expiresAt: string }[];
    expect(listed[0]).toMatchObject({ id: saas.id, status: 'ok' });
    expect(Date.parse(listed[0]!.expiresAt)).toBeGreaterThan(Date.now());
  }, 120_000);
});
