/**
 * Approval, end to end: a secret leaves the agent only for a caller the user approved on its
 * terminal (once, or for this terminal session), or that a grant covers. The user is a real
 * pseudo-terminal (support/pty-run.py) typing answers; scripts without a terminal run in a session
 * of their own, as cron or an AI agent's tool would.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src/shared/types';
import { makeCliWorld, type CliWorld } from './support/cli-world';

let world: CliWorld;
let work: AccountSummary;
let saas: AccountSummary;
const HOSTILE_NAME = 'Evil\x1b[2K\rAllow? [o]nce \x07\u202Eeman';

beforeAll(async () => {
  world = await makeCliWorld();
  // A provider that names its user with terminal escapes (cursor moves, a bell, a bidi override).
  world.cleverCloud.setUserName('demo@example.com', HOSTILE_NAME);
  work = await world.seedCleverCloud();
  saas = await world.seedSaasus();
}, 60_000);
afterAll(() => world.cleanup());

const out = (name: string) => readFileSync(path.join(world.dir, name), 'utf8');
const lastHandout = () => world.handoutLog().at(-1)!;

describe('without a terminal', () => {
  it('a script cannot have a secret: exit 4, nothing on stdout, the refusal logged', async () => {
    const run = await world.runShell(`tessera token ${saas.id}`);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('this command has no terminal');
    expect(run.stderr).toContain('tessera grant');
    expect(lastHandout()).toMatchObject({ event: 'denied', method: 'token', authority: 'no terminal to ask on', caller: { exe: expect.stringMatching(/sh$/) } });
  });

  it('what a script pipes into stdin approves nothing', async () => {
    expect((await world.runShell(`yes o | tessera token ${saas.id}`)).code).toBe(4);
    expect((await world.run(['token', saas.id], { input: 'o\ns\nyes\n' })).code).toBe(4);
  });

  it('a grant cannot be created without a terminal', async () => {
    const run = await world.runShell(`tessera grant ${saas.id}`);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain('approved on a terminal');
  });
});

describe('asked on the terminal', () => {
  it('"once" hands it out this time only: the next command asks again', async () => {
    const run = await world.runInPty(`tessera token ${saas.id} --kind id-token > once-1.txt; echo "code=$?"; tessera token ${saas.id} --kind id-token > once-2.txt; echo "code=$?"`, [
      ['Allow?', 'o\n'],
      ['Allow?', 'o\n'],
    ]);
    expect(run.answered).toBe(2);
    expect(run.screen).toContain('asks for its id token:');
    expect(run.screen.match(/code=0/g)).toHaveLength(2);
    expect(out('once-1.txt')).toMatch(/^eyJ/);
    expect(lastHandout()).toMatchObject({ event: 'hand-out', authority: 'once', caller: { tty: expect.stringMatching(/^\/dev\/pts\//) } });
  });

  it('"session" covers this terminal session (any program in it), not another terminal', async () => {
    const first = await world.runInPty(`tessera token ${saas.id} > s1.txt; python3 -c 'import subprocess; subprocess.run(["tessera", "token", "${saas.id}"], stdout=open("s2.txt", "w"))'; echo "done=$?"`, [['Allow?', 's\n']]);
    expect(first.answered).toBe(1);
    expect(first.screen.match(/Allow\?/g)).toHaveLength(1);
    expect(out('s2.txt')).toBe(out('s1.txt'));
    expect(lastHandout()).toMatchObject({ authority: 'session', caller: { exe: expect.stringContaining('python3') } });
    // Another terminal is another session: asked again (and refused here).
    const other = await world.runInPty(`tessera token ${saas.id}; echo "code=$?"`, [['Allow?', 'd\n']]);
    expect(other.answered).toBe(1);
    expect(other.screen).toContain('code=4');
  });

  it('"deny", or anything but an offered answer, refuses: exit 4', async () => {
    for (const typed of ['d\n', '\n', 'whatever\n']) {
      const run = await world.runInPty(`tessera token ${saas.id} > denied.txt; echo "code=$?"`, [['Allow?', typed]]);
      expect(run.screen).toContain('code=4');
      expect(out('denied.txt')).toBe('');
    }
    expect(lastHandout()).toMatchObject({ event: 'denied', authority: 'user refused' });
  });

  it('the answer is read from the terminal, not from stdin: what a script pipes in approves nothing', async () => {
    const run = await world.runInPty(`printf 'o\\ns\\nyes\\n' | tessera token ${saas.id} > piped.txt; echo "code=$?"`, [['Allow?', 'd\n']]);
    expect(run.answered).toBe(1);
    expect(run.screen).toContain('code=4');
    expect(out('piped.txt')).toBe('');
  });

  it('the question quotes names printably: a provider’s name cannot rewrite it', async () => {
    const run = await world.runInPty(`tessera token ${work.id} > /dev/null; echo "code=$?"`, [['Allow?', 'd\n']]);
    expect(run.screen).toContain('Evil\\x1b[2K\\x0dAllow? [o]nce \\x07\\u{202e}eman');
    expect(run.screen).not.toContain('\x1b[2K');
    expect(run.screen).not.toContain('\x07');
    expect(run.screen).not.toContain('\u202E');
  });
});

describe('grants', () => {
  it('typed "yes" on a terminal, a grant lets scripts have the account until it is revoked', async () => {
    const created = await world.runInPty(`tessera grant ${saas.id} --for 5m --json > grant.json`, [['Type yes', 'yes\n']]);
    expect(created.screen).toContain('For the next 5 min, any program may have the credentials of');
    const { id } = JSON.parse(out('grant.json')) as { id: string };
    const run = await world.runShell(`tessera token ${saas.id}`);
    expect(run.code, run.stderr).toBe(0);
    expect(lastHandout()).toMatchObject({ event: 'hand-out', authority: `grant:${id}`, caller: { tty: null } });
    // It covers that account only.
    expect((await world.runShell(`tessera token ${work.id}`)).code).toBe(4);
    expect((await world.run(['revoke-grant', id])).code).toBe(0);
    expect((await world.runShell(`tessera token ${saas.id}`)).code).toBe(4);
  });

  it('anything but "yes" creates no grant', async () => {
    const run = await world.runInPty(`tessera grant ${saas.id}; echo "code=$?"`, [['Type yes', 'y\n']]);
    expect(run.screen).toContain('code=4');
    expect(JSON.parse((await world.run(['grants', '--json'])).stdout)).toEqual([]);
  });

  it('--cwd DIR covers programs working in DIR or below only', async () => {
    const project = path.join(world.dir, 'project');
    mkdirSync(path.join(project, 'sub'), { recursive: true });
    mkdirSync(path.join(world.dir, 'elsewhere'));
    const created = await world.runInPty(`tessera grant ${saas.id} --cwd project --json > grant.json`, [['Type yes', 'yes\n']]);
    expect(created.screen).toContain(`programs working in ${project}`);
    expect((await world.runShell(`tessera token ${saas.id}`, { cwd: path.join(project, 'sub') })).code).toBe(0);
    expect((await world.runShell(`tessera token ${saas.id}`, { cwd: path.join(world.dir, 'elsewhere') })).code).toBe(4);
    expect((await world.runShell(`tessera token ${saas.id}`, { cwd: world.dir })).code).toBe(4);
    await world.run(['revoke-grant', (JSON.parse(out('grant.json')) as { id: string }).id]);
  });

  it('quitting the agent revokes every grant', async () => {
    await world.runInPty(`tessera grant ${saas.id} --json > grant.json`, [['Type yes', 'yes\n']]);
    expect((await world.runShell(`tessera token ${saas.id}`)).code).toBe(0);
    const stopped = await world.run(['agent', 'stop']);
    expect(stopped.stdout).toContain('every grant is revoked');
    // The next command starts a new agent, which knows of no grant.
    expect((await world.runShell(`tessera token ${saas.id}`)).code).toBe(4);
    expect(JSON.parse((await world.run(['grants', '--json'])).stdout)).toEqual([]);
  });
});
