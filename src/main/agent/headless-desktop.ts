/**
 * The desktop ports of the headless agent (src/main/desktop/ports.ts): no window, no clipboard,
 * no notifications. What the services would show goes to the agent's log and, as a notice, to the
 * commands connected at that moment (the "browser" prints the address for the user to open).
 */
import type { DesktopPorts } from '../desktop/ports';
import { AppError } from '../errors';

export function headlessDesktop(say: (text: string) => void): DesktopPorts {
  return {
    browser: { open: async (url) => say(`Open this address in your browser: ${url}`) },
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
