/**
 * Asking the user on the terminal: the question is written to /dev/tty and the answer read from
 * it, never from stdin, which may be a pipe a script writes into (`yes | tessera token …` must not
 * approve anything). A process without a controlling terminal (cron, CI, most AI agents' tools)
 * cannot open /dev/tty: the agent then refuses unless a grant covers the caller.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Choice } from '../shared/agent-protocol';
import { printableLines } from '../shared/printable';

const TTY = '/dev/tty';

/** True when this process has a terminal to ask on. */
export function hasTerminal(): boolean {
  if (process.platform === 'win32') return false;
  try {
    closeSync(openSync(TTY, 'r+'));
    return true;
  } catch {
    return false;
  }
}

/** What the user typed, as one of the offered choices; anything else is `deny`. */
export function interpretAnswer(typed: string, choices: readonly Choice[]): Choice {
  const answer = typed.trim().toLowerCase();
  if (choices.includes('confirm')) return answer === 'yes' ? 'confirm' : 'deny';
  if (choices.includes('once') && ['o', 'once', 'y', 'yes'].includes(answer)) return 'once';
  if (choices.includes('session') && ['s', 'session'].includes(answer)) return 'session';
  return 'deny';
}

export function promptLine(choices: readonly Choice[]): string {
  if (choices.includes('confirm')) return 'Type yes to create it: ';
  return choices.includes('session') ? 'Allow? [o]nce, this terminal [s]ession, [d]eny (default: deny): ' : 'Allow? [o]nce, [d]eny (default: deny): ';
}

/** Asks on /dev/tty and waits for a line; `deny` when the terminal cannot be used. */
export function askOnTerminal(text: string, choices: readonly Choice[]): Choice {
  let fd: number;
  try {
    fd = openSync(TTY, 'r+');
  } catch {
    return 'deny';
  }
  try {
    writeSync(fd, `\n${printableLines(text)}\n${promptLine(choices)}`);
    const buffer = Buffer.alloc(256);
    let typed = '';
    while (typed.length < 1024 && !typed.includes('\n')) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      typed += buffer.toString('utf8', 0, n);
    }
    return interpretAnswer(typed.split('\n')[0] ?? '', choices);
  } catch {
    return 'deny';
  } finally {
    closeSync(fd);
  }
}
