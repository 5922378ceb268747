import { describe, expect, it } from 'vitest';
import { MAX_GRANT_MS } from '../../shared/agent-protocol';
import { Approvals, callerFromProc, describeCaller, SESSION_IDLE_MS, SESSION_MAX_MS, TerminalApprover, within, type Caller, type Question } from './approval';
import type { ProcInfo } from './proc-info';

const caller = (over: Partial<Caller> = {}): Caller => ({
  pid: 100,
  exe: '/usr/bin/bash',
  cwd: '/home/ada/project',
  cmdline: ['bash', 'deploy.sh'],
  session: { key: '90:5555:34816', tty: '/dev/pts/0' },
  verified: true,
  ...over,
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('Approvals: grants', () => {
  it('covers its account only, for any caller, until it expires', () => {
    const c = clock();
    const approvals = new Approvals(c.now);
    const grant = approvals.addGrant({ accountId: 'acc1', forMs: 3_600_000, cwd: null, createdBy: 'bash' });
    expect(approvals.covering(caller(), 'acc1')).toEqual({ by: 'grant', grant });
    expect(approvals.covering(caller({ session: null, cwd: '/' }), 'acc1')).toEqual({ by: 'grant', grant });
    expect(approvals.covering(caller(), 'acc2')).toBeNull();
    c.advance(3_600_000 - 1);
    expect(approvals.covering(caller(), 'acc1')).not.toBeNull();
    c.advance(1);
    expect(approvals.covering(caller(), 'acc1')).toBeNull();
    expect(approvals.grants()).toEqual([]);
    expect(approvals.lastGrantExpiry()).toBeNull();
  });

  it('with a directory, covers callers working in it or below only', () => {
    const approvals = new Approvals(clock().now);
    approvals.addGrant({ accountId: 'acc1', forMs: 60_000, cwd: '/srv/app', createdBy: 'x' });
    expect(approvals.covering(caller({ cwd: '/srv/app' }), 'acc1')).not.toBeNull();
    expect(approvals.covering(caller({ cwd: '/srv/app/sub/dir' }), 'acc1')).not.toBeNull();
    expect(approvals.covering(caller({ cwd: '/srv/application' }), 'acc1')).toBeNull();
    expect(approvals.covering(caller({ cwd: '/srv' }), 'acc1')).toBeNull();
    expect(approvals.covering(caller({ cwd: null }), 'acc1')).toBeNull();
  });

  it('never lasts longer than the longest grant, and can be revoked', () => {
    const c = clock();
    const approvals = new Approvals(c.now);
    const grant = approvals.addGrant({ accountId: 'acc1', forMs: 10 * MAX_GRANT_MS, cwd: null, createdBy: 'x' });
    expect(grant.expiresAt - c.now()).toBe(MAX_GRANT_MS);
    expect(approvals.revokeGrant(grant.id)).toBe(true);
    expect(approvals.revokeGrant(grant.id)).toBe(false);
    expect(approvals.covering(caller(), 'acc1')).toBeNull();
  });

  it('revokeAll forgets grants and sessions (the agent quits)', () => {
    const approvals = new Approvals(clock().now);
    approvals.addGrant({ accountId: 'acc1', forMs: 60_000, cwd: null, createdBy: 'x' });
    approvals.rememberSession(caller(), 'acc2');
    approvals.revokeAll();
    expect(approvals.covering(caller(), 'acc1')).toBeNull();
    expect(approvals.covering(caller(), 'acc2')).toBeNull();
  });
});

describe('Approvals: this terminal session', () => {
  it('covers the same session and account, not another terminal, not another account', () => {
    const approvals = new Approvals(clock().now);
    expect(approvals.rememberSession(caller(), 'acc1')).toBe(true);
    expect(approvals.covering(caller({ pid: 101, exe: '/usr/bin/python3' }), 'acc1')).toEqual({ by: 'session' });
    expect(approvals.covering(caller({ session: { key: '91:5555:34817', tty: '/dev/pts/1' } }), 'acc1')).toBeNull();
    expect(approvals.covering(caller(), 'acc2')).toBeNull();
  });

  it('a session whose leader started at another time is another session (its id was reused)', () => {
    const approvals = new Approvals(clock().now);
    approvals.rememberSession(caller(), 'acc1');
    expect(approvals.covering(caller({ session: { key: '90:6666:34816', tty: '/dev/pts/0' } }), 'acc1')).toBeNull();
  });

  it('cannot be remembered for a caller without a terminal', () => {
    const approvals = new Approvals(clock().now);
    expect(approvals.rememberSession(caller({ session: null }), 'acc1')).toBe(false);
    expect(approvals.covering(caller({ session: null }), 'acc1')).toBeNull();
  });

  it('ends after 10 minutes without use; each use restarts that clock', () => {
    const c = clock();
    const approvals = new Approvals(c.now);
    approvals.rememberSession(caller(), 'acc1');
    c.advance(SESSION_IDLE_MS - 1);
    expect(approvals.covering(caller(), 'acc1')).not.toBeNull();
    c.advance(SESSION_IDLE_MS - 1);
    expect(approvals.covering(caller(), 'acc1')).not.toBeNull();
    c.advance(SESSION_IDLE_MS);
    expect(approvals.covering(caller(), 'acc1')).toBeNull();
  });

  it('ends after 12 hours however often it is used', () => {
    const c = clock();
    const approvals = new Approvals(c.now);
    approvals.rememberSession(caller(), 'acc1');
    for (let t = 0; t < SESSION_MAX_MS - SESSION_IDLE_MS; t += SESSION_IDLE_MS / 2) {
      c.advance(SESSION_IDLE_MS / 2);
      expect(approvals.covering(caller(), 'acc1')).not.toBeNull();
    }
    c.advance(SESSION_IDLE_MS);
    expect(approvals.covering(caller(), 'acc1')).toBeNull();
  });
});

describe('Approvals: handing over', () => {
  it('the agent taking over honours the same grants and sessions', () => {
    const c = clock();
    const old = new Approvals(c.now);
    const grant = old.addGrant({ accountId: 'acc1', forMs: 60_000, cwd: '/srv', createdBy: 'x' });
    old.rememberSession(caller(), 'acc2');
    const next = new Approvals(c.now);
    next.importState(JSON.parse(JSON.stringify(old.exportState())));
    expect(next.covering(caller({ cwd: '/srv/a' }), 'acc1')).toEqual({ by: 'grant', grant });
    expect(next.covering(caller(), 'acc2')).toEqual({ by: 'session' });
    c.advance(60_000);
    expect(next.covering(caller({ cwd: '/srv/a' }), 'acc1')).toBeNull();
  });
});

describe('within', () => {
  it('compares whole path segments', () => {
    expect(within('/a/b', '/a')).toBe(true);
    expect(within('/a', '/a/')).toBe(true);
    expect(within('/ab', '/a')).toBe(false);
    expect(within('/anything', '/')).toBe(true);
  });
});

describe('the caller, in words', () => {
  it('keys its session on the session id, the leader’s start time and the terminal', () => {
    const proc = (over: Partial<ProcInfo>): ProcInfo => ({ pid: 5, ppid: 1, sid: 5, ttyNr: (136 << 8) | 2, startTime: 77, exe: '/bin/zsh', cwd: '/w', cmdline: ['zsh'], ...over });
    const leader = proc({ startTime: 42 });
    expect(callerFromProc(proc({}), leader).session).toEqual({ key: `5:42:${(136 << 8) | 2}`, tty: '/dev/pts/2' });
    expect(callerFromProc(proc({ ttyNr: 0 }), leader).session).toBeNull();
  });

  it('makes what it quotes printable, and says when the system could not confirm it', () => {
    const words = describeCaller(caller({ exe: '/tmp/\x1b[2Jevil', cwd: '/w\nx', verified: false }));
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(words).not.toMatch(/[\x00-\x1f]/);
    expect(words).toContain('\\x1b[2Jevil');
    expect(words).toContain('could not confirm');
  });
});

describe('TerminalApprover', () => {
  const question: Question = { kind: 'hand-out', text: '?', choices: ['once', 'deny'] };
  it('refuses at once when the command has no terminal', async () => {
    let asked = false;
    const choice = await new TerminalApprover().approve(question, { canAsk: false, ask: async () => ((asked = true), 'once') });
    expect(choice).toBe('deny');
    expect(asked).toBe(false);
  });

  it('takes the answer typed, but only one of the choices offered', async () => {
    expect(await new TerminalApprover().approve(question, { canAsk: true, ask: async () => 'once' })).toBe('once');
    expect(await new TerminalApprover().approve(question, { canAsk: true, ask: async () => 'session' })).toBe('deny');
    expect(await new TerminalApprover().approve(question, { canAsk: true, ask: async () => 'confirm' })).toBe('deny');
  });
});
