/**
 * Every hand-out, refusal and grant, one JSON object per line in `tessera-handouts.jsonl` in the
 * data folder (0600): what (account and kinds), to whom (the caller as the agent knows it), when,
 * and on what authority (once, session, grant); never the value. A user can read who took which
 * credential, and when. Past MAX_LOG_BYTES the file is renamed `.1` (the previous `.1` goes).
 */
import { appendFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Caller } from './approval';

export const HANDOUT_LOG_NAME = 'tessera-handouts.jsonl';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface HandoutEntry {
  readonly event: 'hand-out' | 'denied' | 'grant' | 'grant-revoked' | 'failed';
  readonly method: string;
  readonly accounts: readonly { readonly id: string; readonly name: string }[];
  readonly kinds?: readonly string[];
  /** once | session | grant:<id> | the reason of a refusal. */
  readonly authority?: string;
  readonly errorCode?: string;
  readonly grant?: { readonly id: string; readonly expiresAt: string; readonly cwd: string | null };
}

export class HandoutLog {
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = path.join(dataDir, HANDOUT_LOG_NAME);
  }

  write(entry: HandoutEntry, caller: Caller | null): void {
    const line = {
      at: new Date(this.now()).toISOString(),
      ...entry,
      caller: caller && { pid: caller.pid, exe: caller.exe, cwd: caller.cwd, cmdline: caller.cmdline, tty: caller.session?.tty ?? null, verified: caller.verified },
    };
    try {
      if ((statSync(this.path, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) renameSync(this.path, `${this.path}.1`);
      appendFileSync(this.path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch {
      // The log must not stop a hand-out the user approved; the agent's own log says it failed.
      process.stderr.write(`${new Date(this.now()).toISOString()} could not write the hand-out log ${this.path}\n`);
    }
  }
}
