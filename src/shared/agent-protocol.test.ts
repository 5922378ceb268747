import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClientFrameSchema, HelloSchema, readAgentFrame } from './agent-protocol';

const hello = { t: 'hello', v: 1, key: 'a'.repeat(43), client: { pid: 10, ppid: 9, cwd: '/home/ada', canAsk: true } };

describe('the agent protocol’s schemas', () => {
  it('accepts a hello and refuses one with an unknown key, a wrong type or a NUL in a path', () => {
    expect(v.safeParse(HelloSchema, hello).success).toBe(true);
    expect(v.safeParse(HelloSchema, { ...hello, extra: 1 }).success).toBe(false);
    expect(v.safeParse(HelloSchema, { ...hello, client: { ...hello.client, pid: '10' } }).success).toBe(false);
    expect(v.safeParse(HelloSchema, { ...hello, client: { ...hello.client, cwd: '/a\0b' } }).success).toBe(false);
    expect(v.safeParse(HelloSchema, { ...hello, key: 'k'.repeat(65) }).success).toBe(false);
  });

  it('accepts each method with its own parameters only', () => {
    const ok = (frame: unknown) => v.safeParse(ClientFrameSchema, frame).success;
    expect(ok({ t: 'req', id: 1, m: 'list' })).toBe(true);
    expect(ok({ t: 'req', id: 1, m: 'list', p: {} })).toBe(true);
    expect(ok({ t: 'req', id: 1, m: 'list', p: { x: 1 } })).toBe(false);
    expect(ok({ t: 'req', id: 1, m: 'list', p: [] })).toBe(false);
    expect(ok({ t: 'req', id: 2, m: 'token', p: { account: 'work', kind: 'access-token', minValidMs: 300_000 } })).toBe(true);
    expect(ok({ t: 'req', id: 2, m: 'token', p: { account: 'work', kind: 'password' } })).toBe(false);
    expect(ok({ t: 'req', id: 2, m: 'token', p: { account: '' } })).toBe(false);
    expect(ok({ t: 'req', id: 3, m: 'env', p: { accounts: [] } })).toBe(false);
    expect(ok({ t: 'req', id: 4, m: 'grant', p: { account: 'work', forMs: 59_999, cwd: null } })).toBe(false);
    expect(ok({ t: 'req', id: 4, m: 'grant', p: { account: 'work', forMs: 8 * 3_600_000, cwd: '/srv' } })).toBe(true);
    expect(ok({ t: 'req', id: 5, m: 'revokeGrant', p: { id: '../../etc' } })).toBe(false);
    expect(ok({ t: 'req', id: 0, m: 'list' })).toBe(false);
    expect(ok({ t: 'req', id: 6, m: 'shutdown' })).toBe(false);
    expect(ok({ t: 'answer', ask: 1, choice: 'once' })).toBe(true);
    expect(ok({ t: 'answer', ask: 1, choice: 'always' })).toBe(false);
  });
});

describe('readAgentFrame (the command’s reading)', () => {
  it('reads results, questions and notices, and nothing else', () => {
    expect(readAgentFrame('{"t":"res","id":1,"ok":true,"value":null}')).toEqual({ t: 'res', id: 1, ok: true, value: null });
    expect(readAgentFrame('{"t":"res","id":1,"ok":false,"error":{"code":"denied","message":"no"}}')).toMatchObject({ ok: false });
    expect(readAgentFrame('{"t":"ask","ask":1,"id":0,"text":"?","choices":["once"]}')).toMatchObject({ t: 'ask' });
    expect(readAgentFrame('{"t":"notice","text":"hi"}')).toMatchObject({ t: 'notice' });
    for (const bad of ['', 'null', '[]', '{"t":"res","id":1,"ok":true}', '{"t":"res","id":1,"ok":false,"error":{}}', '{"t":"res","id":1,"ok":false,"error":{"code":"denied","message":"no","key":"nope"}}', '{"t":"ask"}', 'not json'])
      expect(readAgentFrame(bad)).toBeUndefined();
  });
});
