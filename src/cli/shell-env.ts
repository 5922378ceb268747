/**
 * `tessera env`: the variables as lines a shell evaluates (`eval "$(tessera env work)"`), quoted so
 * that any value (a quote, a `$`, a backtick, a newline, a backslash) arrives as itself and runs
 * nothing. Each shell has its own single-quote rules:
 *
 * - POSIX sh (bash, zsh, dash): inside '…' nothing is special but the closing quote; a quote is
 *   written '\'' (close, escaped quote, reopen).
 * - fish: inside '…' only \' and \\ are escapes.
 * - PowerShell: inside '…' a quote is doubled; PowerShell also takes the typographic single quotes
 *   (U+2018, U+2019, U+201A, U+201B) as quotes, so they are doubled too.
 */
import type { Shell } from './args';

export function quoteSh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

/** A variable name as Tessera sets them: letters, digits and underscores. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function envLines(shell: Shell, set: readonly (readonly [string, string])[], unset: readonly string[]): string {
  for (const [name] of set) if (!NAME.test(name)) throw new Error(`not a variable name: ${name}`);
  for (const name of unset) if (!NAME.test(name)) throw new Error(`not a variable name: ${name}`);
  const lines: string[] = [];
  switch (shell) {
    case 'sh':
      if (unset.length > 0) lines.push(`unset ${unset.join(' ')}`);
      for (const [name, value] of set) lines.push(`export ${name}=${quoteSh(value)}`);
      break;
    case 'fish':
      for (const name of unset) lines.push(`set -e ${name}`);
      for (const [name, value] of set) lines.push(`set -gx ${name} ${quoteFish(value)}`);
      break;
    case 'powershell':
      for (const name of unset) lines.push(`Remove-Item Env:${name} -ErrorAction SilentlyContinue`);
      for (const [name, value] of set) lines.push(`$env:${name} = ${quotePowerShell(value)}`);
      break;
  }
  return `${lines.join('\n')}\n`;
}

/** The shell `tessera env` writes for when --shell is not given: fish for fish users, sh otherwise. */
export function defaultShell(env: Readonly<Partial<Record<string, string>>>, platform: NodeJS.Platform): Shell {
  const shell = env.SHELL ?? '';
  if (/(^|\/)fish$/.test(shell)) return 'fish';
  if (platform === 'win32' && !shell) return 'powershell';
  return 'sh';
}
