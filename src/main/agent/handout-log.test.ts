import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from './approval';
import { HANDOUT_LOG_NAME, HandoutLog, MAX_LOG_BYTES } from './handout-log';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'tessera-handouts-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const caller: Caller = { pid: 42, exe: '/usr/bin/bash', cwd: '/srv', cmdline: ['bash', 'deploy.sh'], session: { key: 'k', tty: '/dev/pts/1' }, verified: true };

describe('HandoutLog', () => {
  it('appends one JSON line per event: what, to whom, when, on what authority; only the user may read it', () => {
    const log = new HandoutLog(dir, () => Date.UTC(2030, 0, 2, 3, 4, 5));
    log.write({ event: 'hand-out', method: 'token', accounts: [{ id: 'a1', name: 'Work' }], kinds: ['access-token'], authority: 'once' }, caller);
    log.write({ event: 'denied', method: 'env', accounts: [{ id: 'a2', name: 'Perso' }], authority: 'user refused' }, null);
    const file = path.join(dir, HANDOUT_LOG_NAME);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      at: '2030-01-02T03:04:05.000Z',
      event: 'hand-out',
      method: 'token',
      accounts: [{ id: 'a1', name: 'Work' }],
      kinds: ['access-token'],
      authority: 'once',
      caller: { pid: 42, exe: '/usr/bin/bash', cwd: '/srv', cmdline: ['bash', 'deploy.sh'], tty: '/dev/pts/1', verified: true },
    });
    expect(lines[1]).toMatchObject({ event: 'denied', caller: null });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('moves a full log aside and starts a new one', () => {
    const file = path.join(dir, HANDOUT_LOG_NAME);
    writeFileSync(file, 'x'.repeat(MAX_LOG_BYTES + 1));
    new HandoutLog(dir).write({ event: 'grant', method: 'grant', accounts: [] }, caller);
    expect(statSync(`${file}.1`).size).toBe(MAX_LOG_BYTES + 1);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });
});
