/**
 * Where a login started by the `tessera` command opens its "browser": the headless agent has no
 * browser to open, so the address goes to the command that asked for the login, which prints it
 * for the user (there may be no desktop at all: a server, an SSH session, WSL).
 *
 * The services open the browser through the one desktop port they were built with
 * (src/main/desktop/ports.ts), not per login; the login's own asynchronous context says which
 * command it belongs to. `withLoginBrowser` runs a login with its printer in that context, and the
 * headless desktop's browser port (headless-desktop.ts) hands each address to the printer of the
 * login that opened it. Two commands logging in at once each get their own address, and none
 * goes to a command that did not ask for it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type AddressPrinter = (url: string) => void;

const current = new AsyncLocalStorage<AddressPrinter>();

/** Runs `work` (a login) so that a browser it opens prints its address with `print`. */
export function withLoginBrowser<T>(print: AddressPrinter, work: () => Promise<T>): Promise<T> {
  return current.run(print, work);
}

/** The printer of the login running in this asynchronous context; undefined outside one. */
export function loginBrowser(): AddressPrinter | undefined {
  return current.getStore();
}
