import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_COPY_KINDS } from '../shared/types';
import { DEFAULT_GRANT_MS, HELP, parseArgs, parseDuration, SERVICE_TOKEN_KIND, USAGE, UsageError } from './args';

const usage = (argv: string[]): UsageError => {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
};

describe('parseDuration', () => {
  it('reads days, hours, minutes and seconds, alone or together', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('8h')).toBe(8 * 3_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('0')).toBe(0);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '5', 'm', '5 m', '-5m', '1.5h', '5min', '30m1h', '5M']) expect(parseDuration(bad)).toBeUndefined();
  });
});

describe('parseArgs', () => {
  it('reads each command and its options', () => {
    expect(parseArgs(['list', '--names'])).toEqual({ name: 'list', json: false, names: true });
    expect(parseArgs(['status', '--json'])).toEqual({ name: 'status', json: true });
    expect(parseArgs(['token', 'work', '--kind=id-token', '--min-valid', '5m'])).toEqual({ name: 'token', account: 'work', kind: 'id-token', minValidMs: 300_000, json: false });
    // --name chooses an API token, and implies its kind; with another kind it is a usage error.
    expect(parseArgs(['token', 'work', '--name', 'ci'])).toEqual({ name: 'token', account: 'work', kind: 'api-token', minValidMs: undefined, json: false, tokenName: 'ci' });
    expect(parseArgs(['env', 'a', 'b', '--shell', 'fish'])).toEqual({ name: 'env', accounts: ['a', 'b'], shell: 'fish', minValidMs: undefined, json: false });
    expect(parseArgs(['grant', 'work'])).toEqual({ name: 'grant', account: 'work', forMs: DEFAULT_GRANT_MS, cwd: null, json: false });
    expect(parseArgs(['grant', 'work', '--for', '30m', '--cwd', '/srv'])).toMatchObject({ forMs: 1_800_000, cwd: '/srv' });
    expect(parseArgs(['revoke-grant', 'abcdefgh'])).toEqual({ name: 'revoke-grant', id: 'abcdefgh', json: false });
    expect(parseArgs(['completion', 'zsh'])).toEqual({ name: 'completion', shell: 'zsh' });
    expect(parseArgs(['agent', 'stop'])).toEqual({ name: 'agent', action: 'stop', json: false });
    expect(parseArgs([])).toEqual({ name: 'help', topic: undefined });
    expect(parseArgs(['token', '--help'])).toEqual({ name: 'help', topic: 'token' });
    expect(parseArgs(['--version'])).toEqual({ name: 'version' });
  });

  it('takes an argument that starts with one dash as an argument: account ids may', () => {
    expect(parseArgs(['token', '-D5BT5zKSaK_P'])).toMatchObject({ account: '-D5BT5zKSaK_P' });
    expect(parseArgs(['exec', '-a', '--', 'true'])).toMatchObject({ accounts: ['-a'] });
  });

  it('exec: accounts before --, the command after it, taken as it is', () => {
    expect(parseArgs(['exec', 'work', 'saas', '--min-valid', '10m', '--', 'clever', 'deploy', '--help', '--', '-x'])).toEqual({
      name: 'exec',
      accounts: ['work', 'saas'],
      command: ['clever', 'deploy', '--help', '--', '-x'],
      minValidMs: 600_000,
    });
  });

  it('says what is wrong, with the usage of the command', () => {
    expect(usage(['exec', 'work', 'clever', 'deploy']).message).toContain('Put -- between');
    expect(usage(['exec', 'work', '--']).message).toContain('Name the command');
    expect(usage(['exec', '--', 'true']).message).toContain('at least one account');
    expect(usage(['token']).message).toContain('Name the account');
    expect(usage(['token', 'a', 'b']).message).toContain('Unexpected argument "b"');
    expect(usage(['token', 'a', '--kind', 'password']).message).toContain('--kind is one of');
    expect(usage(['token', 'a', '--kind', 'id-token', '--name', 'ci']).message).toContain('--name names an API token');
    expect(usage(['token', 'a', '--min-valid', '2d']).message).toContain('--min-valid');
    expect(usage(['token', 'a', '--min-valid']).message).toContain('needs a value');
    expect(usage(['token', 'a', '--json=yes']).message).toContain('takes no value');
    expect(usage(['token', 'a', '--k']).message).toContain('Unknown option --k');
    expect(usage(['grant', 'a', '--for', '30s']).message).toContain('from 1m to 24h');
    expect(usage(['grant', 'a', '--for', '25h']).message).toContain('from 1m to 24h');
    expect(usage(['list', '--', 'x']).message).toContain('Only `tessera exec`');
    expect(usage(['env', 'a', '--shell', 'csh']).message).toContain('--shell is one of');
    expect(usage(['completion', 'tcsh']).message).toContain('bash, zsh, fish');
    expect(usage(['frobnicate']).message).toContain('Unknown command');
    expect(usage(['token', 'a', '--kind', 'x']).command).toBe('token');
    expect(usage(['env', ...Array.from({ length: 17 }, (_, i) => `a${i}`)]).message).toContain('At most 16');
  });
});

/** The options a usage line names, its note in parentheses aside. */
const optionsOf = (line: string): string[] => [...new Set(line.replace(/ \(.*\)$/, '').match(/--[a-z][a-z-]*/g) ?? [])];
const GIT_SETUP = [
  "git config --global credential.https://*.services.clever-cloud.com.helper '!tessera git-credential'",
  'credential.https://*.services.clever-cloud.com.useHttpPath true',
];

describe('tessera --help', () => {
  it('gives every command’s usage, every kind --kind takes, how to get help, and git’s two settings', () => {
    for (const line of Object.values(USAGE)) expect(HELP).toContain(line);
    for (const kind of [...ALL_COPY_KINDS, SERVICE_TOKEN_KIND]) expect(HELP).toMatch(new RegExp(`[ :,]${kind}[ ,(\n]`));
    expect(HELP).toContain('tessera --version');
    for (const setting of GIT_SETUP) expect(HELP).toContain(setting);
    // Each option in the usage is one the parser takes (a usage naming an option that is refused would mislead).
    expect(() => parseArgs(['token', 'me', '--name', 'ci'])).not.toThrow();
    expect(() => parseArgs(['token', 'me', '--kind', 'service-token', '--org', 'o', '--app', 'a'])).not.toThrow();
    expect(() => parseArgs(['import', 'clever-tools', '--remove-plaintext'])).not.toThrow();
  });
});

describe('README, "From the command line"', () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('## From the command line');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  /** The table's rows: one per command (some rows hold several). */
  const rows = section.split('\n').filter((l) => l.startsWith('| `tessera '));

  it('has a row for every command, naming each of its options', () => {
    expect(start).toBeGreaterThanOrEqual(0);
    for (const [command, line] of Object.entries(USAGE)) {
      const row = rows.find((r) => r.includes(`\`tessera ${command} `) || r.includes(`\`tessera ${command}\``));
      expect(row, command).toBeDefined();
      // --json is said once for all ("`--json` wherever the output is data").
      for (const option of optionsOf(line).filter((o) => o !== '--json')) expect(section, `${command} ${option}`).toContain(option);
    }
    expect(section).toContain('`--json` wherever the output is data');
  });

  it('sets git up with the two settings the helper needs, and the kinds are those --kind takes', () => {
    for (const setting of GIT_SETUP) expect(section).toContain(setting);
    for (const kind of [...ALL_COPY_KINDS, SERVICE_TOKEN_KIND]) expect(section, kind).toMatch(new RegExp(`(?<![\\w-])${kind}(?![\\w-])`));
  });
});
