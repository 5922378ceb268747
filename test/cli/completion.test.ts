/**
 * Shell completion, run by the shells themselves with the real command: `tessera completion
 * bash|zsh|fish` loaded into bash, zsh and fish, account names from `tessera list --names` (a real
 * agent). One account is named `$(touch …)`: completing it must offer it, quoted, and run nothing
 * (bash's `compgen -W` would run it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCliWorld, type CliWorld } from './support/cli-world';

let world: CliWorld;
let marker: string;
let hostileName: string;

beforeAll(async () => {
  world = await makeCliWorld();
  marker = path.join(world.dir, 'pwned');
  hostileName = `$(touch ${marker})`;
  const first = await world.seedCleverCloud();
  const second = await world.seedSaasus();
  const third = await world.seedCleverCloudOwnConsumer();
  const app = world.services();
  app.accounts.rename(first.id, hostileName);
  app.accounts.rename(second.id, 'Work Space');
  app.accounts.rename(third.id, 'perso');
  world.release();
}, 60_000);
afterAll(() => world.cleanup());
// A shell that ran a name fails its own test only.
afterEach(() => rmSync(marker, { force: true }));

function shell(program: string, args: string[], script: string): string {
  return execFileSync(program, [...args, script], { encoding: 'utf8', env: world.env, cwd: world.dir, timeout: 30_000 });
}

describe('bash', () => {
  const complete = (words: string[]): string[] => {
    const out = shell(
      'bash',
      ['--norc', '-c'],
      `eval "$(tessera completion bash)"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tessera; printf '%s\\n' "\${COMPREPLY[@]}"`,
    );
    return out.split('\n').filter(Boolean);
  };

  it('completes commands and options', () => {
    expect(complete(['tessera', 'to'])).toEqual(['token']);
    expect(complete(['tessera', 'token', 'x', '--kind', 'id'])).toEqual(['id-token']);
    expect(complete(['tessera', 'env', 'x', '--shell', ''])).toEqual(['sh', 'fish', 'powershell']);
  });

  it('completes account names, quoted for the shell, and runs nothing in them', () => {
    expect(complete(['tessera', 'token', '']).sort()).toEqual(['\\$\\(touch\\ ' + marker.replace(/\//g, '/') + '\\)', 'Work\\ Space', 'perso'].sort());
    expect(complete(['tessera', 'exec', 'Wo'])).toEqual(['Work\\ Space']);
    expect(existsSync(marker)).toBe(false);
  });

  it('after -- in exec, completes commands instead', () => {
    expect(complete(['tessera', 'exec', 'perso', '--', 'bas'])).toContain('bash');
  });
});

describe('zsh', () => {
  const complete = (words: string[]): string[] => {
    // compadd and friends exist only inside the completion system: here they print what they are given.
    const stubs = `compdef() { :; }; _command_names() { print -r -- '<commands>'; }; _directories() { :; }
compadd() { if [[ $1 == -a ]]; then print -rl -- "\${(@P)2}"; else [[ $1 == -- ]] && shift; print -rl -- "$@"; fi; }`;
    const out = shell('zsh', ['-f', '-c'], `${stubs}\neval "$(tessera completion zsh)"\nwords=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'; _tessera`);
    return out.split('\n').filter(Boolean);
  };

  it('completes commands, options and account names as they are, and runs nothing in them', () => {
    expect(complete(['tessera', ''])).toContain('token');
    expect(complete(['tessera', 'token', 'x', '--kind', ''])).toContain('clever-tools-profile');
    expect(complete(['tessera', 'token', '']).sort()).toEqual([hostileName, 'Work Space', 'perso'].sort());
    expect(complete(['tessera', 'exec', 'perso', '--', ''])).toEqual(['<commands>']);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('fish', () => {
  const complete = (line: string): string[] =>
    shell('fish', ['--no-config', '-c'], `tessera completion fish | source; complete -C ${JSON.stringify(line)}`)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);

  it('completes commands, options and account names, and runs nothing in them', () => {
    expect(complete('tessera to')).toContain('token');
    expect(complete('tessera token x --kind ')).toContain('authorization-header');
    expect(complete('tessera token ').sort()).toEqual([hostileName, 'Work Space', 'perso'].sort());
    expect(existsSync(marker)).toBe(false);
  });
});
