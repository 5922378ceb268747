/**
 * `tessera exec`: runs the command with the credentials in its environment only (never on its
 * command line, where any user's `ps` sees it), its stdio inherited, and ends as it ends: with its
 * exit status, or killed by the same signal (128 + the signal's number if that signal does not
 * end this process). SIGINT, SIGTERM and SIGHUP sent to `tessera` are passed on to the command. A
 * Ctrl-C typed in the terminal reaches the command directly too (same process group), so a command
 * may see that one twice.
 */
import os from 'node:os';
import { printable } from '../shared/printable';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The child's environment: this one, minus `unset`, plus `set`. */
export function childEnvironment(base: NodeJS.ProcessEnv, set: readonly (readonly [string, string])[], unset: readonly string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of unset) delete env[name];
  for (const [name, value] of set) env[name] = value;
  return env;
}

/** Runs the command and exits this process as it ends. */
export async function execWithEnvironment(command: readonly string[], env: NodeJS.ProcessEnv): Promise<never> {
  // Loaded here, not by every command.
  const { spawn } = await import('node:child_process');
  return new Promise<never>(() => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
    const forward = new Map(FORWARDED.map((signal) => [signal, () => void child.kill(signal)] as const));
    for (const [signal, handler] of forward) process.on(signal, handler);
    child.once('error', (e: NodeJS.ErrnoException) => {
      const missing = e.code === 'ENOENT';
      process.stderr.write(`tessera: ${missing ? 'command not found' : 'cannot run the command'}: ${printable(command[0]!)}\n`);
      process.exit(missing ? 127 : 126);
    });
    child.once('exit', (code, signal) => {
      for (const [name, handler] of forward) process.off(name, handler);
      if (signal) {
        const number = os.constants.signals[signal] ?? 0;
        process.kill(process.pid, signal);
        // Still here: the signal does not end this process (ignored, or handled by Node).
        setTimeout(() => process.exit(128 + number), 100);
        return;
      }
      process.exit(code ?? 1);
    });
  });
}
