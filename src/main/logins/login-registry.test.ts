import { describe, expect, it } from 'vitest';
import type { LoginProgress } from '../../shared/types';
import { AppError } from '../errors';
import { EventHub } from '../ipc/events';
import { LoginRegistry } from './login-registry';

function setup() {
  const events = new EventHub();
  const progress: LoginProgress[] = [];
  events.attach((event, payload) => {
    if (event === 'loginProgress') progress.push(payload as LoginProgress);
  });
  return { logins: new LoginRegistry(events), progress };
}

describe('LoginRegistry', () => {
  it('reports progress and completion', async () => {
    const { logins, progress } = setup();
    const value = await logins.run('login-0001', async (ctx) => {
      ctx.progress('waiting-login', 123);
      return 'account';
    });
    expect(value).toBe('account');
    expect(progress.map((p) => [p.phase, p.step, p.timeoutAt])).toEqual([
      ['waiting', 'waiting-login', 123],
      ['done', 'done', null],
    ]);
  });

  it('cancels a running login through its signal', async () => {
    const { logins, progress } = setup();
    const running = logins.run('login-0002', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new AppError('cancelled', 'The login was cancelled.')))));
    expect(logins.cancel('login-0002')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(progress.at(-1)).toMatchObject({ loginId: 'login-0002', phase: 'cancelled' });
    expect(logins.cancel('login-0002')).toBe(false);
  });

  it('refuses a second login with the same id while the first runs', async () => {
    const { logins } = setup();
    let finish!: () => void;
    const first = logins.run('login-0003', () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(logins.run('login-0003', async () => undefined)).rejects.toMatchObject({ code: 'conflict' });
    finish();
    await first;
  });

  it('reports a failure as a step code, never a raw exception’s words', async () => {
    const { logins, progress } = setup();
    await expect(logins.run('login-0004', () => Promise.reject(new Error('socket hang up at https://x?token=abc')))).rejects.toThrow();
    expect(progress.at(-1)).toEqual({ loginId: 'login-0004', phase: 'failed', step: 'failed', timeoutAt: null });
  });
});
