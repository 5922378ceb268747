/**
 * Who is asking, as Linux's /proc tells it: a process's parent, session, controlling terminal,
 * start time, executable, working directory and command line (proc(5)). The agent reads them for
 * the caller of `tessera` (the parent of the command's process) to describe it to the user, to key
 * "this terminal session" approvals and to match grants limited to a directory.
 *
 * What the agent cannot know: which process is at the other end of the socket (Node exposes no
 * SO_PEERCRED), so the command's own process id is self-reported; /proc then says everything else
 * about it and its parent. docs/SECURITY.md says what this protects and what it does not.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export interface ProcStat {
  readonly ppid: number;
  /** Session id: the pid of the session leader (usually the terminal's shell). */
  readonly sid: number;
  /** The controlling terminal's device number; 0 when there is none. */
  readonly ttyNr: number;
  /** Clock ticks after boot: with the pid, names one process even after its pid is reused. */
  readonly startTime: number;
}

export interface ProcInfo extends ProcStat {
  readonly pid: number;
  readonly exe: string | null;
  readonly cwd: string | null;
  readonly cmdline: readonly string[];
}

/** Command lines are cut here: they describe the caller, they are not evidence. */
export const MAX_CMDLINE_CHARS = 1024;

/**
 * Parses /proc/<pid>/stat. The second field (the command name) is in parentheses and may itself
 * hold spaces and parentheses, so fields are counted from the last ')'.
 */
export function parseStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // Fields 3… (state, ppid, pgrp, session, tty_nr, …, starttime = 22).
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const field = (n: number): number => Number(fields[n - 3]);
  const stat = { ppid: field(4), sid: field(6), ttyNr: field(7), startTime: field(22) };
  return Object.values(stat).every((n) => Number.isSafeInteger(n) && n >= 0) ? stat : undefined;
}

/** A terminal's name from its device number: `/dev/pts/3`, `/dev/tty2`, or the raw numbers. */
export function ttyName(ttyNr: number): string | null {
  if (ttyNr === 0) return null;
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `/dev/pts/${(major - 136) * 256 + minor}`;
  if (major === 4 && minor < 64) return `/dev/tty${minor}`;
  return `tty ${major}:${minor}`;
}

function readOrNull(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** What /proc says about `pid`; undefined when the process is gone or /proc cannot be read. */
export function readProc(pid: number, root = '/proc'): ProcInfo | undefined {
  const dir = path.join(root, String(pid));
  const statText = readOrNull(() => readFileSync(path.join(dir, 'stat'), 'utf8'));
  const stat = statText === null ? undefined : parseStat(statText);
  if (!stat) return undefined;
  const raw = readOrNull(() => readFileSync(path.join(dir, 'cmdline'), 'utf8')) ?? '';
  const cmdline: string[] = [];
  let length = 0;
  for (const arg of raw.split('\0')) {
    if (length >= MAX_CMDLINE_CHARS) break;
    const part = arg.slice(0, MAX_CMDLINE_CHARS - length);
    cmdline.push(part);
    length += part.length + 1;
  }
  if (cmdline.at(-1) === '') cmdline.pop();
  return {
    pid,
    ...stat,
    exe: readOrNull(() => readlinkSync(path.join(dir, 'exe'))),
    cwd: readOrNull(() => readlinkSync(path.join(dir, 'cwd'))),
    cmdline,
  };
}
