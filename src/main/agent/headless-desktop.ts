/**
 * The desktop ports of the headless agent (src/main/desktop/ports.ts): no window, no clipboard,
 * no notifications. A browser opened by a login the command started hands its address to that
 * command (login-browser.ts), which prints it; anything else the services would show goes to the
 * agent's log and, as a notice, to the commands connected at that moment.
 */
import type { DesktopPorts } from '../desktop/ports';
import { AppError } from '../errors';
import { loginBrowser } from './login-browser';

export function headlessDesktop(say: (text: string) => void): DesktopPorts {
  return {
    browser: {
      open: async (url) => {
        const print = loginBrowser();
        if (print) print(url);
        else say(`Open this address in your browser: ${url}`);
      },
    },
    clipboard: {
      writeText: async () => {
        throw new AppError('invalid_input', 'Tessera’s command-line agent has no clipboard: use `tessera token`.');
      },
      readText: async () => '',
      clear: async () => undefined,
    },
    notifier: { notify: ({ title, body }) => say(`${title}: ${body}`) },
  };
}
