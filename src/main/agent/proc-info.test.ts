import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CMDLINE_CHARS, parseStat, readProc, ttyName } from './proc-info';

// Fields after the command name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
// cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime …
const tail = 'S 100 200 300 34816 200 4194304 1 2 3 4 5 6 7 8 20 0 1 0 987654 0 0';

describe('parseStat', () => {
  it('counts fields after the last parenthesis, whatever the command name holds', () => {
    expect(parseStat(`42 (bash) ${tail}`)).toEqual({ ppid: 100, sid: 300, ttyNr: 34816, startTime: 987654 });
    expect(parseStat(`42 (evil) 1 2 3 (x) ${tail}`)).toEqual({ ppid: 100, sid: 300, ttyNr: 34816, startTime: 987654 });
    expect(parseStat(`42 (a b ) c) ${tail}`)).toMatchObject({ ppid: 100 });
  });

  it('refuses what is not a stat line', () => {
    expect(parseStat('')).toBeUndefined();
    expect(parseStat('42 bash S 1 2')).toBeUndefined();
    expect(parseStat('42 (bash) S x 2 3 4')).toBeUndefined();
  });
});

describe('ttyName', () => {
  it('names pseudo-terminals and consoles from their device numbers', () => {
    expect(ttyName(0)).toBeNull();
    expect(ttyName((136 << 8) | 3)).toBe('/dev/pts/3');
    expect(ttyName((137 << 8) | 1)).toBe('/dev/pts/257');
    // minor numbers above 255 keep their high bits from bit 20 (Linux's dev_t encoding)
    expect(ttyName((136 << 8) | (1 << 20) | 4)).toBe('/dev/pts/260');
    expect(ttyName((4 << 8) | 2)).toBe('/dev/tty2');
  });
});

describe('readProc', () => {
  it('reads this process from the real /proc', () => {
    const me = readProc(process.pid)!;
    expect(me.ppid).toBe(process.ppid);
    expect(me.exe).toBe(process.execPath);
    expect(me.cwd).toBe(process.cwd());
    expect(me.cmdline[0]).toBe(process.argv0 === 'node' ? 'node' : me.cmdline[0]);
    expect(me.startTime).toBeGreaterThan(0);
  });

  it('cuts a long command line and reads a missing link as null', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tessera-proc-'));
    try {
      mkdirSync(path.join(root, '7'));
      writeFileSync(path.join(root, '7', 'stat'), `7 (x) ${tail}`);
      writeFileSync(path.join(root, '7', 'cmdline'), `prog\0${'a'.repeat(5000)}\0b\0`);
      symlinkSync('/srv/app', path.join(root, '7', 'cwd'));
      const info = readProc(7, root)!;
      expect(info).toMatchObject({ pid: 7, exe: null, cwd: '/srv/app', ppid: 100 });
      expect(info.cmdline.join(' ').length).toBeLessThanOrEqual(MAX_CMDLINE_CHARS);
      expect(readProc(8, root)).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
