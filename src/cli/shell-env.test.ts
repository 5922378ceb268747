/**
 * `tessera env` quoting, checked by the shells themselves: each hostile value goes through the
 * lines `envLines` writes, the shell evaluates them, and prints the variable back byte for byte;
 * nothing in a value may run (a marker file would appear).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultShell, envLines, quotePowerShell } from './shell-env';

let dir: string;
let marker: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-env-'));
  marker = path.join(dir, 'pwned');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostile = () => [
  `it's`,
  `'; touch ${marker}; echo '`,
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `"; touch ${marker}; "`,
  'back\\slash\\',
  `\\'; touch ${marker}; echo \\'`,
  'new\nline; touch x',
  '$HOME ${PATH} %PATH% !!',
  '‘typographic’ ‚quotes‛ “double”',
  'tab\there',
  '',
  'é 漢字 🙂',
];

function evaluate(shell: string, lines: string, name: string): string {
  const print = shell === 'fish' ? `printf '%s' "$${name}"` : `printf '%s' "$${name}"`;
  return execFileSync(shell, ['-c', `${lines}\n${print}`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
}

describe.each(['sh', 'bash', 'zsh', 'fish'])('%s evaluates the lines to the exact values', (shell) => {
  it('for every hostile value, and runs nothing', () => {
    const values = hostile();
    for (const value of values) {
      const style = shell === 'fish' ? 'fish' : 'sh';
      expect(evaluate(shell, envLines(style, [['SAASUS_ID_TOKEN', value]], []), 'SAASUS_ID_TOKEN')).toBe(value);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('removes the variables it is told to unset', () => {
    const style = shell === 'fish' ? 'fish' : 'sh';
    const out = execFileSync(shell, ['-c', `${envLines(style, [['CLEVER_TOKEN', 't']], ['API_HOST'])}\nprintf '%s' "$API_HOST|$CLEVER_TOKEN"`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, API_HOST: 'https://elsewhere.example' },
    });
    expect(out).toBe('|t');
  });
});

describe('PowerShell', () => {
  it('doubles every kind of single quote PowerShell recognises', () => {
    expect(quotePowerShell(`it's ‘a’ ‚b‛`)).toBe(`'it''s ‘‘a’’ ‚‚b‛‛'`);
    expect(envLines('powershell', [['CLEVER_TOKEN', `x'; Remove-Item C:\\ -Recurse; '`]], ['API_HOST'])).toBe(
      `Remove-Item Env:API_HOST -ErrorAction SilentlyContinue\n$env:CLEVER_TOKEN = 'x''; Remove-Item C:\\ -Recurse; '''\n`,
    );
  });
});

describe('defaultShell', () => {
  it('fish for fish users, sh otherwise', () => {
    expect(defaultShell({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('fish');
    expect(defaultShell({ SHELL: '/bin/zsh' }, 'linux')).toBe('sh');
    expect(defaultShell({}, 'win32')).toBe('powershell');
  });
});
