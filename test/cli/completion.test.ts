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
import { SERVICE_TOKEN_KIND, USAGE } from '../../src/cli/args';
import { ALL_COPY_KINDS } from '../../src/shared/types';
import { makeCliWorld, type CliWorld } from './support/cli-world';

/** Every `--kind` the command takes: clever-tools' two formats, the API token and the service token among them. */
const KINDS = [...ALL_COPY_KINDS, SERVICE_TOKEN_KIND];

/**
 * Each form of each command in `tessera --help` (args.ts' USAGE): the words before its first option
 * or argument (`tessera import clever-tools`), and the options it names.
 */
const USAGE_FORMS = Object.values(USAGE).flatMap((line) =>
  // What is in parentheses is a note (git-credential's `git config` line), not options of the command.
  line.replace(/ \(.*\)$/, '').split(' | ').map((form) => {
    const words = form.split(' ');
    const end = words.findIndex((w) => /^[[<-]/.test(w) || w.includes('|'));
    return { words: end < 0 ? words : words.slice(0, end), options: [...new Set(form.match(/--[a-z][a-z-]*/g) ?? [])] };
  }),
);

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

  it('offers every kind, token\'s --name, --org and --app, git-credential and import\'s options', () => {
    expect(complete(['tessera', 'token', 'x', '--kind', ''])).toEqual([...KINDS]);
    expect(complete(['tessera', 'token', 'x', '--kind', 'clever-tools-'])).toEqual(['clever-tools-profile', 'clever-tools-3', 'clever-tools-4']);
    expect(complete(['tessera', 'token', 'x', '--'])).toEqual(['--kind', '--name', '--min-valid', '--org', '--app', '--json']);
    // The value of --name, --org and --app is typed: neither accounts nor options are offered for it.
    for (const flag of ['--name', '--org', '--app']) expect(complete(['tessera', 'token', 'x', flag, ''])).toEqual([]);
    expect(complete(['tessera', 'exec', 'x', '--'])).toEqual(['--min-valid', '--']);
    expect(complete(['tessera', 'git'])).toEqual(['git-credential']);
    expect(complete(['tessera', 'git-credential', ''])).toEqual(['get', 'store', 'erase']);
    expect(complete(['tessera', 'git-credential', 'get', ''])).toEqual([]);
    expect(complete(['tessera', 'import', ''])).toEqual(['clever-tools', 'clever-cloud']);
    expect(complete(['tessera', 'import', 'clever-tools', '--'])).toEqual(['--file', '--profile', '--remove-plaintext', '--json']);
    expect(complete(['tessera', 'import', 'clever-tools', '--re'])).toEqual(['--remove-plaintext']);
    expect(complete(['tessera', 'import', 'clever-cloud', '--'])).toEqual(['--from-env', '--json']);
    expect(complete(['tessera', 'login', ''])).toEqual(['clever-cloud', 'saasus']);
    expect(complete(['tessera', 'login', 'saasus', '--c'])).toEqual(['--connection']);
    expect(complete(['tessera', 'list', '--'])).toEqual(['--json', '--names']);
    expect(existsSync(marker)).toBe(false);
  });

  it('offers every option `tessera --help` lists, after each command', () => {
    for (const form of USAGE_FORMS) if (form.options.length > 0) expect(complete([...form.words, '--']), form.words.join(' ')).toEqual(expect.arrayContaining(form.options));
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
    const stubs = `compdef() { :; }; _command_names() { print -r -- '<commands>'; }; _directories() { :; }; _files() { print -r -- '<files>'; }
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

  it('offers every kind, token\'s --name, --org and --app, git-credential and import\'s options', () => {
    expect(complete(['tessera', 'token', 'x', '--kind', ''])).toEqual([...KINDS]);
    expect(complete(['tessera', 'token', 'x', '--'])).toEqual(['--kind', '--name', '--min-valid', '--org', '--app', '--json']);
    for (const flag of ['--name', '--org', '--app']) expect(complete(['tessera', 'token', 'x', flag, ''])).toEqual([]);
    expect(complete(['tessera', ''])).toContain('git-credential');
    expect(complete(['tessera', 'git-credential', ''])).toEqual(['get', 'store', 'erase']);
    expect(complete(['tessera', 'import', ''])).toEqual(['clever-tools', 'clever-cloud']);
    expect(complete(['tessera', 'import', 'clever-tools', '--'])).toEqual(['--file', '--profile', '--remove-plaintext', '--json']);
    expect(complete(['tessera', 'import', 'clever-tools', '--file', ''])).toEqual(['<files>']);
    expect(complete(['tessera', 'login', 'saasus', '--'])).toEqual(['--connection', '--timeout', '--json']);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('fish', () => {
  const complete = (line: string): string[] =>
    shell('fish', ['--no-config', '-c'], `tessera completion fish | source; complete -C ${JSON.stringify(line)}`)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);

  it('offers every option `tessera --help` lists, after each command', () => {
    for (const form of USAGE_FORMS) if (form.options.length > 0) expect(complete(`${form.words.join(' ')} --`), form.words.join(' ')).toEqual(expect.arrayContaining(form.options));
  });

  it('completes commands, options and account names, and runs nothing in them', () => {
    expect(complete('tessera to')).toContain('token');
    expect(complete('tessera token x --kind ')).toContain('authorization-header');
    expect(complete('tessera token ').sort()).toEqual([hostileName, 'Work Space', 'perso'].sort());
    expect(existsSync(marker)).toBe(false);
  });

  it('offers every kind, token\'s --name, --org and --app, git-credential and import\'s options', () => {
    expect(complete('tessera token x --kind ').sort()).toEqual([...KINDS].sort());
    expect(complete('tessera token x --').sort()).toEqual(['--app', '--json', '--kind', '--min-valid', '--name', '--org']);
    expect(complete('tessera to')).toEqual(['token']);
    expect(complete('tessera git')).toEqual(['git-credential']);
    expect(complete('tessera git-credential ').sort()).toEqual(['erase', 'get', 'store']);
    expect(complete('tessera import ').sort()).toEqual(['clever-cloud', 'clever-tools']);
    expect(complete('tessera import clever-tools --').sort()).toEqual(['--file', '--json', '--profile', '--remove-plaintext']);
    expect(complete('tessera import clever-cloud --').sort()).toEqual(['--from-env', '--json']);
    expect(complete('tessera login ').sort()).toEqual(['clever-cloud', 'saasus']);
    expect(complete('tessera login saasus --').sort()).toEqual(['--connection', '--json', '--timeout']);
    expect(existsSync(marker)).toBe(false);
  });
});
