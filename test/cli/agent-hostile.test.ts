/**
 * The agent's socket under abuse, against a real agent process: 500 generated hostile frames per
 * message type (each answered with a typed error, the agent still serving), frames over the size
 * cap, 1,000 abandoned connections (no file descriptor leaks: /proc/<pid>/fd is counted), a slow
 * writer (timed out without slowing anyone else), and the connection cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS, MAX_FRAME_BYTES, METHODS } from '../../src/shared/agent-protocol';
import { ERROR_CODES } from '../../src/shared/errors';
import type { AccountSummary } from '../../src/shared/types';
import { alive, makeCliWorld, until, type CliWorld } from './support/cli-world';
import { fdCount, helloFrame, rawConnect, type RawConnection } from './support/raw-agent';

const PER_TYPE = 500;
let world: CliWorld;
let account: AccountSummary;
let pid: number;

beforeAll(async () => {
  world = await makeCliWorld();
  account = await world.seedCleverCloud();
  pid = await world.startAgent();
}, 60_000);
afterAll(() => world.cleanup());

/** A deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WEIRD: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e300,
  -0,
  '',
  'x'.repeat(5_000),
  '\u0000\u001b[2J',
  '../../etc/passwd',
  [],
  [1, 2],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  Number.MAX_SAFE_INTEGER + 2,
  '1',
  'once',
  '🙂'.repeat(100),
];

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = { p: value };
  return value;
}

/**
 * Mutations of a valid frame that are invalid by construction (the protocol's schemas are not asked:
 * a looser schema must fail this test, not adapt it): a required field removed, a field given a
 * value of another JSON type or out of its range, an unknown key, deep nesting, a poison key, a cut
 * line, something that is not a frame at all. `optional` names the fields that may be absent;
 * `nullable` those that may be null.
 */
function hostileVariants(valid: Record<string, unknown>, count: number, seed: number, shape: { optional?: string[]; nullable?: string[] } = {}): string[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const out = new Set<string>();
  const paths = (value: unknown, prefix: string[] = []): string[][] =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, x]) => [[...prefix, k], ...paths(x, [...prefix, k])]) : [];
  const targets = paths(valid);
  const typeOf = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  let attempts = 0;
  while (out.size < count && attempts < count * 100) {
    attempts += 1;
    const frame = structuredClone(valid);
    const target = pick(targets);
    const dotted = target.join('.');
    const parent = target.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, frame);
    const key = target.at(-1)!;
    const original = parent[key];
    let line: string;
    switch (Math.floor(next() * 8)) {
      case 0:
        if (shape.optional?.includes(dotted)) continue;
        delete parent[key];
        line = JSON.stringify(frame);
        break;
      case 1: {
        const value = pick(WEIRD);
        const sameType = typeOf(value) === typeOf(original);
        const allowedNull = value === null && shape.nullable?.includes(dotted);
        // Another type is always wrong; a string for a string field only when the field is a fixed word.
        if (allowedNull || (sameType && !(typeof value === 'string' && ['t', 'm', 'p.kind', 'choice', 'p.provider'].includes(dotted) && value !== original))) continue;
        parent[key] = value;
        line = JSON.stringify(frame);
        break;
      }
      case 2:
        if (typeof original !== 'number') continue;
        parent[key] = pick([-1, 1.5, 1e300, -0.5]);
        line = JSON.stringify(frame);
        break;
      case 3:
        parent[`extra${Math.floor(next() * 1000)}`] = pick(WEIRD);
        line = JSON.stringify(frame);
        break;
      case 4:
        parent[key] = deep(10 + Math.floor(next() * 500));
        line = JSON.stringify(frame);
        break;
      case 5:
        line = JSON.stringify(frame).replace(`"${key}":`, `"${pick(['__proto__', 'constructor', 'prototype'])}":${JSON.stringify(pick(WEIRD))},"${key}":`);
        break;
      case 6: {
        const whole = JSON.stringify(frame);
        line = whole.slice(0, Math.floor(next() * whole.length));
        break;
      }
      default:
        line = JSON.stringify(pick(WEIRD)) + (next() < 0.5 ? '' : ' trailing');
    }
    if (!line.includes('\n')) out.add(line);
  }
  return [...out];
}

function expectTypedError(frame: unknown): void {
  expect(frame).toMatchObject({ t: 'res', ok: false, error: { code: expect.any(String), message: expect.any(String) } });
  expect(ERROR_CODES).toContain((frame as { error: { code: string } }).error.code);
}

async function stillServing(): Promise<void> {
  expect(alive(pid)).toBe(true);
  const run = await world.run(['list', '--json']);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toHaveLength(1);
}

/** Which fields of each method's frame may be absent or null (src/shared/agent-protocol.ts says the same). */
const SHAPES: Record<(typeof METHODS)[number], { optional?: string[]; nullable?: string[] }> = {
  list: { optional: ['p'] },
  status: { optional: ['p'] },
  token: { optional: ['p.kind', 'p.minValidMs'] },
  env: { optional: ['p.minValidMs'] },
  grant: { nullable: ['p.cwd'] },
  grants: { optional: ['p'] },
  revokeGrant: {},
  handover: { optional: ['p'] },
  quit: { optional: ['p'] },
  importCleverTools: { nullable: ['p.profile'], optional: ['p.removePlaintext'] },
  importCleverCloudEnv: { optional: ['p.variables.CLEVER_TOKEN', 'p.variables.CLEVER_SECRET'] },
  login: {},
  serviceToken: { nullable: ['p.app'] },
  gitCredential: { nullable: ['p.path'] },
};

const VALID_PARAMS: Record<(typeof METHODS)[number], unknown> = {
  list: {},
  status: {},
  token: { account: 'x', kind: 'access-token', minValidMs: 1000 },
  env: { accounts: ['x'], minValidMs: 1000 },
  grant: { account: 'x', forMs: 3_600_000, cwd: '/tmp' },
  grants: {},
  revokeGrant: { id: 'abcdefgh' },
  handover: {},
  quit: {},
  importCleverTools: { paths: ['/nonexistent/clever-tools.json'], profile: 'work', removePlaintext: true },
  importCleverCloudEnv: { variables: { CLEVER_TOKEN: 'x', CLEVER_SECRET: 'y' } },
  login: { provider: 'clever-cloud', timeoutMs: 60_000 },
  serviceToken: { account: 'x', org: 'orga_x', app: 'app_x' },
  gitCredential: { protocol: 'https', host: 'push.services.clever-cloud.com', path: 'app_x.git' },
};

describe(`${PER_TYPE} hostile frames per message type`, () => {
  it('hello: each answered with a typed error and the connection closed', async () => {
    const frames = hostileVariants(helloFrame(world.dir), PER_TYPE, 1);
    // …and hellos that pass the schema but must still fail: another version, another key, a made-up process.
    frames.push(JSON.stringify(helloFrame(world.dir, { v: 2 })), JSON.stringify(helloFrame(world.dir, { key: 'A'.repeat(43) })));
    frames.push(JSON.stringify(helloFrame(world.dir, { client: { pid: 2 ** 22 - 1, ppid: 1, cwd: '/', canAsk: false } })));
    expect(frames.length).toBeGreaterThanOrEqual(PER_TYPE);
    for (const line of frames) {
      const connection = await rawConnect(world.dir);
      connection.send(`${line}\n`);
      const [answer] = await connection.next(1);
      expectTypedError(answer);
      expect((answer as { id: number }).id).toBe(0);
      expect(await connection.closed()).toBe(true);
    }
    await stillServing();
  }, 120_000);

  it.each([...METHODS, 'answer' as const])('%s: each answered with a typed error; the connection and the agent keep serving', async (type) => {
    const valid = type === 'answer' ? { t: 'answer', ask: 1, choice: 'once' } : { t: 'req', id: 7, m: type, p: VALID_PARAMS[type] };
    // Answers are refused even when well formed (no question is waiting), so all of them count.
    const frames =
      type === 'answer'
        ? [...hostileVariants(valid, PER_TYPE - 1, 3), JSON.stringify(valid)]
        : hostileVariants(valid, PER_TYPE, 2 + METHODS.indexOf(type), SHAPES[type]);
    expect(frames).toHaveLength(PER_TYPE);
    const connection = await rawConnect(world.dir);
    expect(await connection.hello()).toMatchObject({ ok: true });
    for (let i = 0; i < frames.length; i += 50) {
      connection.send(frames.slice(i, i + 50).map((f) => `${f}\n`).join(''));
      const answers = await connection.next(Math.min(50, frames.length - i));
      expect(answers).toHaveLength(Math.min(50, frames.length - i));
      answers.forEach(expectTypedError);
    }
    // The same connection still answers a good request.
    connection.send(`${JSON.stringify({ t: 'req', id: 99, m: 'list' })}\n`);
    expect((await connection.next(1))[0]).toMatchObject({ t: 'res', id: 99, ok: true });
    connection.destroy();
    await stillServing();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 60_000);
});

describe('limits', () => {
  it(`a frame over ${MAX_FRAME_BYTES} bytes is refused and the connection closed, before or after the hello`, async () => {
    const before = await rawConnect(world.dir);
    before.send('x'.repeat(MAX_FRAME_BYTES + 10));
    expectTypedError((await before.next(1))[0]);
    expect(await before.closed()).toBe(true);
    const after = await rawConnect(world.dir);
    await after.hello();
    after.send(`{"t":"req","id":1,"m":"token","p":{"account":"${'a'.repeat(MAX_FRAME_BYTES)}"}}\n`);
    expect((await after.next(1))[0]).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('at most') } });
    expect(await after.closed()).toBe(true);
    await stillServing();
  });

  it('1,000 abandoned connections leave no file descriptor behind and the agent serving', async () => {
    await stillServing();
    const baseline = fdCount(pid);
    const kinds: ((c: RawConnection) => Promise<void>)[] = [
      async (c) => c.destroy(),
      async (c) => {
        c.send('{"t":"hello","v":1,"key":"');
        c.destroy();
      },
      async (c) => {
        await c.hello();
        c.send(`${JSON.stringify({ t: 'req', id: 1, m: 'token', p: { account: account.id } })}\n`);
        c.destroy();
      },
      async (c) => {
        await c.hello();
        c.destroy();
      },
    ];
    for (let i = 0; i < 1_000; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, j) => {
          const connection = await rawConnect(world.dir);
          await kinds[(i + j) % kinds.length]!(connection);
        }),
      );
    }
    await until(() => fdCount(pid) <= baseline, 10_000, `the agent's descriptors to come back to ${baseline} (now ${fdCount(pid)})`);
    await stillServing();
  }, 120_000);

  it('a slow writer (one byte every 50 ms) is closed by the hello timeout; others are served meanwhile', async () => {
    const slow = await rawConnect(world.dir);
    const hello = `${JSON.stringify(helloFrame(world.dir))}\n`;
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < hello.length && !slow.socket.destroyed) slow.send(hello[sent++]!);
    }, 50);
    const t0 = performance.now();
    try {
      const run = await world.run(['list']);
      expect(run.code, run.stderr).toBe(0);
      expect(await slow.closed(6_000)).toBe(true);
      const closedAfter = performance.now() - t0;
      expect(closedAfter).toBeLessThan(4_000);
      expect(sent).toBeLessThan(hello.length);
      // The answer it got, if any, is the hello timeout's silence: no welcome.
      expect(slow.frames.filter((f) => (f as { ok?: boolean }).ok === true)).toEqual([]);
    } finally {
      clearInterval(drip);
    }
    await stillServing();
  });

  it(`past ${MAX_CONNECTIONS} connections a new one is answered busy and closed; the agent serves again once they go`, async () => {
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => rawConnect(world.dir)));
    await Promise.all(held.map((c) => c.hello()));
    const extra = await rawConnect(world.dir);
    expect((await extra.next(1))[0]).toMatchObject({ t: 'res', id: 0, ok: false, error: { code: 'busy' } });
    expect(await extra.closed()).toBe(true);
    held.forEach((c) => c.destroy());
    await stillServing();
  });
});
